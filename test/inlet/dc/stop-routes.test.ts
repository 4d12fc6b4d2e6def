// Every phase × stop kind: a user stop (normal), the DC path withdrawn (error) and a critical
// battery fault (emergency) go where STOP_ROUTES says, or are ignored where it says nothing.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DC_PHASES, STOP_ROUTES, type StopKind } from '../../../inlet/dc/index.ts';
import type { InputOverrides } from './builders.ts';
import { aStateIn, stepIn } from './steps.ts';

const t = suite('dc stop routes');

const CAUSES: Record<StopKind, { reason: string; input: InputOverrides }> = {
  normal: { reason: 'user', input: { hmi: { stopRequested: true } } },
  error: { reason: 'dcNotAllowed', input: { port: { dcAllowed: false } } },
  emergency: { reason: 'criticalFault', input: { bms: { criticalFault: true } } },
};

for (const phase of DC_PHASES) {
  for (const kind of ['normal', 'error', 'emergency'] as const) {
    const route = STOP_ROUTES[phase][kind];
    const { reason, input } = CAUSES[kind];
    t(`${phase}: ${kind} stop (${reason}) → ${route ?? 'ignored'}`, () => {
      const { state, outputs } = stepIn(aStateIn(phase), input);
      if (route !== undefined) {
        assert.is(state.phase, route);
        if (phase !== 'retryWait') assert.is(outputs.stopReason, reason);
      } else {
        assert.is.not(outputs.stopReason, reason);
      }
      assert.is(outputs.currentRequestA, 0, 'no charge current requested on any stop');
    });
  }
}

t('a critical fault in CurrentDemand zeroes the request in the same tick and asks the charger to stop (invariant 8)', () => {
  const charging = aStateIn('currentDemand', { requestA: 300, requestAtMs: 0 });
  const { state, outputs } = stepIn(charging, { bms: { criticalFault: true } });
  assert.is(outputs.currentRequestA, 0);
  assert.is(outputs.ccc.evTargetCurrentA, 0);
  assert.is(outputs.ccc.evReady, false);
  assert.is(outputs.cpRequest, 'B');
  assert.is(outputs.ccc.phaseRequested, 'abort');
  assert.is(outputs.ccc.evErrorCode, 'evRessMalfunction');
  assert.is(state.stop?.kind, 'emergency');
});

t('a more severe stop while stopping shortens the waits (error → emergency)', () => {
  const decaying = aStateIn('errorCurrentDecay', { stop: { reason: 'commLoss', kind: 'error', atMs: 0 } });
  const { state, events } = stepIn(decaying, { bms: { criticalFault: true }, port: { inletCurrentA: { value: 100, valid: true, ageMs: 0 } } });
  assert.is(state.stop?.reason, 'commLoss', 'the first reason is kept');
  assert.is(state.stop?.kind, 'emergency');
  assert.ok(events.some((e) => e.type === 'stopEscalated'));
});

t('once the contactors are open, the charger dropping its pilot is no emergency (nothing left to shorten)', () => {
  for (const phase of ['weldingDetection', 'sessionStop', 'errorSettle'] as const) {
    const ending = aStateIn(phase, { stop: { reason: 'latchPressed', kind: 'normal', atMs: 0 } });
    const { state, events } = stepIn(ending, { port: { stopNow: true, stopReason: 'Charger stopped its pilot signal' } });
    assert.is(state.stop?.kind, 'normal', phase);
    assert.not.ok(events.some((e) => e.type === 'stopEscalated'), phase);
  }
});

t.run();
