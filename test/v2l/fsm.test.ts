// The transition table as data: every (state, event) pair, priorities, reachability.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { EVENT_PRIORITY, selectTransition, V2L_TRANSITIONS, type FsmEvent } from '../../v2l/fsm.ts';
import type { V2lStateName } from '../../v2l/types.ts';

const t = suite('v2l fsm table');
const STATES: V2lStateName[] = ['off', 'checking', 'starting', 'supplying', 'stopping', 'fault'];

// The whole table, spelled out: '-' means the event is ignored on purpose in that state.
const EXPECTED: Record<V2lStateName, Partial<Record<FsmEvent, V2lStateName>>> = {
  off: { 'on-requested': 'checking' },
  checking: { 'precondition-failed': 'off', 'off-requested': 'off', timeout: 'off', ready: 'starting' },
  starting: { tripped: 'fault', 'precondition-failed': 'stopping', 'off-requested': 'stopping', timeout: 'fault', 'inverter-running': 'supplying' },
  supplying: { tripped: 'fault', 'precondition-failed': 'stopping', 'off-requested': 'stopping' },
  stopping: { tripped: 'fault', timeout: 'fault', 'inverter-off': 'off' },
  fault: { reset: 'off' },
};

for (const state of STATES) {
  for (const event of EVENT_PRIORITY) {
    const want = EXPECTED[state][event] ?? null;
    t(`${state} + ${event} → ${want ?? 'ignored'}`, () => {
      assert.is(selectTransition(state, new Set([event]))?.to ?? null, want);
    });
  }
}

t('a trip beats everything; off beats on', () => {
  assert.equal(selectTransition('supplying', new Set<FsmEvent>(['off-requested', 'tripped', 'precondition-failed'])), { event: 'tripped', to: 'fault' });
  assert.equal(selectTransition('starting', new Set<FsmEvent>(['inverter-running', 'off-requested'])), { event: 'off-requested', to: 'stopping' });
  assert.equal(selectTransition('checking', new Set<FsmEvent>(['ready', 'precondition-failed'])), { event: 'precondition-failed', to: 'off' });
});

t('every state is reachable from off and can get back to off', () => {
  const edges = (s: V2lStateName) => Object.values(V2L_TRANSITIONS[s]);
  const reach = (from: V2lStateName) => {
    const seen = new Set<V2lStateName>([from]);
    const todo = [from];
    while (todo.length) for (const n of edges(todo.pop()!)) if (!seen.has(n)) (seen.add(n), todo.push(n));
    return seen;
  };
  assert.equal([...reach('off')].sort(), [...STATES].sort());
  for (const s of STATES) assert.ok(reach(s).has('off'), `${s} cannot get back to off`);
});

t('fault is left only by a reset (no automatic restart)', () => {
  assert.equal(Object.keys(V2L_TRANSITIONS.fault), ['reset']);
});

t.run();
