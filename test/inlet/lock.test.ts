import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  initialLockState, LOCK_EVENT_PRIORITY, LOCK_TABLE, lockCommand, lockEvents, lockStep, type LockInput, type LockState, type LockStateName,
} from '../../inlet/lock.ts';
import fc from 'fast-check';
import { NACS_INLET } from '../../inlet/presets.ts';

const t = suite('inlet/lock');
const cfg = NACS_INLET.lock; // travel 1000 ms, 3 attempts, position lost 300 ms

const aLockInput = (o: Partial<LockInput> = {}): LockInput => ({
  feedback: 'unlocked', manualReleaseActive: false, want: false, mayLock: true, inletDead: true,
  plugPresent: true, userUnlockRequest: false, ...o,
});
const aLock = (name: LockStateName, o: Partial<LockState> = {}): LockState => ({
  ...initialLockState(), name, deadlineMs: name === 'locking' || name === 'unlocking' ? 2000 : null, attempt: name === 'locking' || name === 'unlocking' ? 1 : 0, ...o,
});

// [description, state, input, nowMs, expected state, expected command, expected fault]
type Row = [string, LockState, Partial<LockInput>, number, LockStateName, 'none' | 'lock' | 'unlock', string | null];
const ROWS: Row[] = [
  // unlocked
  ['unlocked + session wants lock → locking', aLock('unlocked'), { want: true }, 1000, 'locking', 'lock', null],
  ['unlocked + want but plug not latched → stays', aLock('unlocked'), { want: true, mayLock: false }, 1000, 'unlocked', 'none', null],
  ['unlocked + want while manual release held → stays', aLock('unlocked'), { want: true, manualReleaseActive: true }, 1000, 'unlocked', 'none', null],
  ['unlocked + want after a manual release this session → stays', aLock('unlocked', { manualRelease: true }), { want: true }, 1000, 'unlocked', 'none', null],
  ['unlocked + feedback locked (start-up, power loss) → locked', aLock('unlocked'), { feedback: 'locked' }, 1000, 'locked', 'none', null],
  ['unlocked + actuator fault → fault', aLock('unlocked'), { feedback: 'fault' }, 1000, 'fault', 'none', 'actuator-fault'],
  ['unlocked + moving feedback → ignored', aLock('unlocked'), { feedback: 'moving' }, 1000, 'unlocked', 'none', null],
  ['unlocked + live inlet → ignored', aLock('unlocked'), { inletDead: false }, 1000, 'unlocked', 'none', null],
  // locking
  ['locking + feedback locked → locked', aLock('locking'), { want: true, feedback: 'locked' }, 1500, 'locked', 'none', null],
  ['locking + not yet moved → keeps driving', aLock('locking'), { want: true }, 1500, 'locking', 'lock', null],
  ['locking + deadline, attempt 1 → attempt 2', aLock('locking'), { want: true, feedback: 'moving' }, 2000, 'locking', 'lock', null],
  ['locking + deadline, last attempt → fault', aLock('locking', { attempt: 3 }), { want: true }, 2000, 'fault', 'none', 'lock-timeout'],
  ['locking + no longer wanted, dead → unlocking', aLock('locking'), { want: false }, 1500, 'unlocking', 'unlock', null],
  ['locking + no longer wanted, live → keeps locking', aLock('locking'), { want: false, inletDead: false }, 1500, 'locking', 'lock', null],
  ['locking + manual release → unlocked', aLock('locking'), { want: true, manualReleaseActive: true }, 1500, 'unlocked', 'none', null],
  ['locking + actuator fault → fault', aLock('locking'), { want: true, feedback: 'fault' }, 1500, 'fault', 'none', 'actuator-fault'],
  // locked
  ['locked + wanted → stays', aLock('locked'), { want: true, feedback: 'locked' }, 1500, 'locked', 'none', null],
  ['locked + not wanted, dead → unlocking', aLock('locked'), { feedback: 'locked' }, 1500, 'unlocking', 'unlock', null],
  ['locked + not wanted, inlet live → stays', aLock('locked'), { feedback: 'locked', inletDead: false }, 1500, 'locked', 'none', null],
  ['locked + feedback unlocked without command = manual release → unlocked', aLock('locked'), { want: true, feedback: 'unlocked', inletDead: false }, 1500, 'unlocked', 'none', null],
  ['locked + release switch but mechanism still locked → stays', aLock('locked'), { want: true, feedback: 'locked', manualReleaseActive: true }, 1500, 'locked', 'none', null],
  ['locked + feedback moving → stays, deadline set', aLock('locked'), { want: true, feedback: 'moving' }, 1500, 'locked', 'none', null],
  ['locked + position lost past its deadline → fault', aLock('locked', { deadlineMs: 1300 }), { want: true, feedback: 'moving' }, 1500, 'fault', 'none', 'position-lost'],
  ['locked + position regained before its deadline → stays, deadline cleared', aLock('locked', { deadlineMs: 1300 }), { want: true, feedback: 'locked' }, 1500, 'locked', 'none', null],
  ['locked + not wanted, dead, feedback moving → unlocking', aLock('locked'), { feedback: 'moving' }, 1500, 'unlocking', 'unlock', null],
  ['locked + actuator fault → fault', aLock('locked'), { want: true, feedback: 'fault' }, 1500, 'fault', 'none', 'actuator-fault'],
  // unlocking
  ['unlocking + feedback unlocked → unlocked', aLock('unlocking'), { feedback: 'unlocked' }, 1500, 'unlocked', 'none', null],
  ['unlocking + travelling → keeps driving', aLock('unlocking'), { feedback: 'moving' }, 1500, 'unlocking', 'unlock', null],
  ['unlocking + inlet live again → back to locking', aLock('unlocking'), { feedback: 'moving', inletDead: false }, 1500, 'locking', 'lock', null],
  ['unlocking + wanted again → locking', aLock('unlocking'), { feedback: 'moving', want: true }, 1500, 'locking', 'lock', null],
  ['unlocking + deadline, attempt 1 → attempt 2', aLock('unlocking'), { feedback: 'locked' }, 2000, 'unlocking', 'unlock', null],
  ['unlocking + deadline, last attempt → fault', aLock('unlocking', { attempt: 3 }), { feedback: 'locked' }, 2000, 'fault', 'none', 'unlock-timeout'],
  ['unlocking + actuator fault → fault', aLock('unlocking'), { feedback: 'fault' }, 1500, 'fault', 'none', 'actuator-fault'],
  // fault
  ['fault + plug gone and lock at rest → unlocked', aLock('fault', { fault: 'lock-timeout' }), { plugPresent: false }, 1500, 'unlocked', 'none', null],
  ['fault + plug still in → stays', aLock('fault', { fault: 'lock-timeout' }), {}, 1500, 'fault', 'none', 'lock-timeout'],
  ['fault + user asks to unlock, dead → unlocking', aLock('fault', { fault: 'unlock-timeout' }), { feedback: 'locked', userUnlockRequest: true }, 1500, 'unlocking', 'unlock', null],
  ['fault + user asks to unlock, live → stays', aLock('fault', { fault: 'unlock-timeout' }), { feedback: 'locked', userUnlockRequest: true, inletDead: false }, 1500, 'fault', 'none', 'unlock-timeout'],
  ['fault + user request still held (no new press) → stays', aLock('fault', { fault: 'unlock-timeout', userRequestBefore: true }), { feedback: 'locked', userUnlockRequest: true }, 1500, 'fault', 'none', 'unlock-timeout'],
  ['fault + actuator still faulty, user asks → stays', aLock('fault', { fault: 'actuator-fault' }), { feedback: 'fault', userUnlockRequest: true }, 1500, 'fault', 'none', 'actuator-fault'],
];

for (const [what, state, input, nowMs, name, command, fault] of ROWS) {
  t(what, () => {
    const r = lockStep(cfg, state, aLockInput(input), nowMs);
    assert.is(r.state.name, name);
    assert.is(lockCommand(r.state), command);
    assert.is(r.state.fault, fault);
  });
}

t('every state of the table has at least one transition, and the table covers every state', () => {
  for (const name of ['unlocked', 'locking', 'locked', 'unlocking', 'fault'] as const) {
    assert.ok(Object.keys(LOCK_TABLE[name]).length > 0, name);
  }
});

t('a new attempt gets a fresh deadline', () => {
  const r = lockStep(cfg, aLock('locking', { attempt: 1, deadlineMs: 2000 }), aLockInput({ want: true }), 2000);
  assert.is(r.state.attempt, 2);
  assert.is(r.state.deadlineMs, 3000);
});

t('position lost briefly then back: no fault', () => {
  let s = aLock('locked');
  s = lockStep(cfg, s, aLockInput({ want: true, feedback: 'moving' }), 1000).state;
  assert.is(s.deadlineMs, 1300);
  s = lockStep(cfg, s, aLockInput({ want: true, feedback: 'locked' }), 1200).state;
  assert.is(s.deadlineMs, null);
  assert.is(lockStep(cfg, s, aLockInput({ want: true, feedback: 'locked' }), 1400).state.name, 'locked');
});

t('manual release latches until the sessions let go, then locking may start again', () => {
  let s = lockStep(cfg, aLock('locked'), aLockInput({ want: true, feedback: 'unlocked' }), 1000).state;
  assert.is(s.manualRelease, true);
  s = lockStep(cfg, s, aLockInput({ want: true }), 1100).state;
  assert.is(s.name, 'unlocked', 'no re-lock onto a cable the user is pulling');
  s = lockStep(cfg, s, aLockInput({ want: false }), 1200).state;
  assert.is(s.manualRelease, false);
  assert.is(lockStep(cfg, s, aLockInput({ want: true }), 1300).state.name, 'locking');
});

t('start-up with the lock closed and no session: adopt, then unlock once dead, never while live', () => {
  let s = initialLockState();
  s = lockStep(cfg, s, aLockInput({ feedback: 'locked', inletDead: false }), 0).state;
  assert.is(s.name, 'locked');
  for (const at of [10, 20, 30]) {
    s = lockStep(cfg, s, aLockInput({ feedback: 'locked', inletDead: false }), at).state;
    assert.is(lockCommand(s), 'none');
  }
  s = lockStep(cfg, s, aLockInput({ feedback: 'locked', inletDead: true }), 40).state;
  assert.is(lockCommand(s), 'unlock');
});

t('a stuck lock: three unlock attempts, then fault, then the user may try again', () => {
  let s = aLock('locked');
  const stuck = aLockInput({ feedback: 'locked' });
  s = lockStep(cfg, s, stuck, 0).state;
  const attempts: number[] = [];
  for (let at = 0; at <= 4000; at += 100) {
    s = lockStep(cfg, s, stuck, at).state;
    if (s.name === 'unlocking' && !attempts.includes(s.attempt)) attempts.push(s.attempt);
  }
  assert.equal(attempts, [1, 2, 3]);
  assert.is(s.name, 'fault');
  assert.is(s.fault, 'unlock-timeout');
  s = lockStep(cfg, s, aLockInput({ feedback: 'locked', userUnlockRequest: true }), 5000).state;
  assert.is(s.name, 'unlocking');
});

// Only the events the state's row lists are evaluated, first in priority wins: the same cause as
// taking the first listed event among all that hold.
const LOCK_NAMES: LockStateName[] = ['unlocked', 'locking', 'locked', 'unlocking', 'fault'];
t('the cause is the first event of the row that holds, as if all events were evaluated', () => {
  fc.assert(fc.property(
    fc.constantFrom(...LOCK_NAMES), fc.option(fc.integer({ min: 0, max: 3000 })), fc.boolean(), fc.boolean(),
    fc.record({
      feedback: fc.constantFrom('unlocked' as const, 'locked' as const, 'moving' as const, 'fault' as const, 'unknown' as const),
      manualReleaseActive: fc.boolean(), want: fc.boolean(), mayLock: fc.boolean(), inletDead: fc.boolean(), plugPresent: fc.boolean(), userUnlockRequest: fc.boolean(),
    }),
    fc.integer({ min: 0, max: 3000 }),
    (name, deadlineMs, manualRelease, userRequestBefore, input, nowMs) => {
      const s = aLock(name, { deadlineMs, manualRelease, userRequestBefore });
      const holding = lockEvents(s, input, nowMs);
      const expected = LOCK_EVENT_PRIORITY.find((e) => holding.has(e) && LOCK_TABLE[name][e] !== undefined) ?? null;
      assert.is(lockStep(cfg, s, input, nowMs).cause, expected);
    }), { seed: 42, numRuns: 300 });
});

t('a held lock with nothing happening keeps the very same state object; a change gives a new one', () => {
  const held = aLock('locked');
  const input = aLockInput({ feedback: 'locked', want: true });
  assert.is(lockStep(cfg, held, input, 1000).state, held);
  const pressed = lockStep(cfg, held, { ...input, userUnlockRequest: true }, 1000).state;
  assert.is.not(pressed, held);
  assert.is(pressed.userRequestBefore, true);
  assert.is(held.userRequestBefore, false, 'the previous state is untouched');
});

t.run();
