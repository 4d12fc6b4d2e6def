import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  initialLockState, LOCK_TABLE, lockCommand, lockStep, type LockInput, type LockState, type LockStateName,
} from '../../inlet/lock.ts';
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

t.run();
