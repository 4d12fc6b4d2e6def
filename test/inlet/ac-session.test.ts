import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { AcSessionInput } from '../../inlet/ac-conditions.ts';
import { acSessionStep, initialAcSessionState, type AcSessionState, type AcStateName } from '../../inlet/ac-session.ts';
import { NACS_INLET } from '../../inlet/presets.ts';

const t = suite('inlet/ac-session');
const cfg = NACS_INLET.ac;
const obc = NACS_INLET.obc;

/** A latched NACS handle on a 32 A station, car parked, BMS and OBC ready, relay and lock confirmed. */
const anAcInput = (o: Partial<AcSessionInput> = {}): AcSessionInput => ({
  plugPresent: true, acConnector: true, acOfferA: 32, pilotClass: 'ac', stop: null, dcActive: false,
  bms: { chargeCurrentLimitA: 100, chargePowerLimitW: 50_000, packVoltageV: 380, socPct: 50, chargeAllowed: true },
  obc: { ready: true, fault: false, acVoltageV: 240 }, relayConfirmed: true, lockLocked: true, lockFault: false,
  inletCurrentA: 30, parked: true, hmi: { maxAcCurrentA: null, chargeLimitSocPct: 90, schedule: { mode: 'now' } },
  ratingA: 400, pinLimitA: 400, ...o,
});
const anAc = (name: AcStateName, o: Partial<AcSessionState> = {}): AcSessionState => ({ ...initialAcSessionState(), name, ...o });
const step = (s: AcSessionState, i: Partial<AcSessionInput>, nowMs: number) => acSessionStep(cfg, obc, s, anAcInput(i), nowMs);

type Row = [string, AcSessionState, Partial<AcSessionInput>, number, AcStateName, string];
const WAITING_REASONS: Row[] = [
  ['no offer yet', anAc('waiting'), { acOfferA: 0, pilotClass: 'none' }, 0, 'waiting', 'no-offer'],
  ['a digital 5 % pilot and no AC HLC', anAc('waiting'), { acOfferA: 0, pilotClass: 'digital' }, 0, 'waiting', 'digital-pilot'],
  ['the BMS does not allow charging', anAc('waiting'), { bms: { ...anAcInput().bms!, chargeAllowed: false } }, 0, 'waiting', 'battery-not-allowed'],
  ['the BMS data are missing', anAc('waiting'), { bms: null }, 0, 'waiting', 'battery-invalid'],
  ['the OBC is not ready', anAc('waiting'), { obc: { ready: false, fault: false, acVoltageV: 0 } }, 0, 'waiting', 'obc-not-ready'],
  ['the OBC reports a fault', anAc('waiting'), { obc: { ready: true, fault: true, acVoltageV: 0 } }, 0, 'waiting', 'obc-fault'],
  ['the car is not in Park', anAc('waiting'), { parked: false }, 0, 'waiting', 'not-parked'],
  ['the connector refuses AC', anAc('waiting'), { acConnector: false }, 0, 'waiting', 'not-ac-connector'],
  ['a restart delay runs', anAc('waiting', { restartAtMs: 5000 }), {}, 4000, 'waiting', 'restart-delay'],
];
for (const [what, s, i, now, name, reason] of WAITING_REASONS) {
  t(`waiting stays waiting when ${what} (${reason})`, () => {
    const r = step(s, i, now);
    assert.is(r.state.name, name);
    assert.is(r.view.reason, reason);
    assert.is(r.view.wantAcPath, false);
    assert.is(r.view.s2Closed, false);
  });
}

const TRANSITIONS: [string, AcSessionState, Partial<AcSessionInput>, number, AcStateName][] = [
  ['idle + plugged → waiting', anAc('idle'), {}, 0, 'waiting'],
  ['idle + DC session running → stays idle', anAc('idle'), { dcActive: true }, 0, 'idle'],
  ['waiting + all ready → preparing', anAc('waiting'), {}, 0, 'preparing'],
  ['waiting + unplugged → idle', anAc('waiting'), { plugPresent: false }, 0, 'idle'],
  ['waiting + DC session → idle', anAc('waiting'), { dcActive: true }, 0, 'idle'],
  ['waiting + SOC at the limit → complete', anAc('waiting'), { bms: { ...anAcInput().bms!, socPct: 90 } }, 0, 'complete'],
  ['waiting + off-peak start later → scheduled', anAc('waiting'), { hmi: { maxAcCurrentA: null, chargeLimitSocPct: 90, schedule: { mode: 'start-at', startAtMs: 10_000 } } }, 0, 'scheduled'],
  ['scheduled + start time reached → waiting', anAc('scheduled'), { hmi: { maxAcCurrentA: null, chargeLimitSocPct: 90, schedule: { mode: 'start-at', startAtMs: 10_000 } } }, 10_000, 'waiting'],
  ['scheduled + unplugged → idle', anAc('scheduled'), { plugPresent: false }, 0, 'idle'],
  ['preparing + relay, lock and OBC confirmed → charging', anAc('preparing', { deadlineMs: 5000 }), {}, 100, 'charging'],
  ['preparing + relay not yet confirmed → waits', anAc('preparing', { deadlineMs: 5000 }), { relayConfirmed: false }, 100, 'preparing'],
  ['preparing + lock not yet confirmed → waits', anAc('preparing', { deadlineMs: 5000 }), { lockLocked: false }, 100, 'preparing'],
  ['preparing + deadline → stopping', anAc('preparing', { deadlineMs: 5000 }), { relayConfirmed: false }, 5000, 'stopping'],
  ['preparing + stop condition → stopping', anAc('preparing', { deadlineMs: 5000 }), { stop: 'cp-f' }, 100, 'stopping'],
  ['charging + stop condition → stopping', anAc('charging'), { stop: 'latch-pressed' }, 100, 'stopping'],
  ['charging + offer gone → stopping', anAc('charging'), { acOfferA: 0 }, 100, 'stopping'],
  ['charging + relay no longer confirmed → stopping', anAc('charging'), { relayConfirmed: false }, 100, 'stopping'],
  ['charging + lock no longer confirmed → stopping', anAc('charging'), { lockLocked: false }, 100, 'stopping'],
  ['charging + SOC limit → stopping', anAc('charging'), { bms: { ...anAcInput().bms!, socPct: 90 } }, 100, 'stopping'],
  ['charging + unplugged → stopping', anAc('charging'), { plugPresent: false }, 100, 'stopping'],
  ['stopping + current still flowing → stays', anAc('stopping', { deadlineMs: 2000 }), { inletCurrentA: 5 }, 100, 'stopping'],
  ['stopping + current gone → releasing', anAc('stopping', { deadlineMs: 2000 }), { inletCurrentA: 0.5 }, 100, 'releasing'],
  ['stopping + ramp-down deadline → releasing', anAc('stopping', { deadlineMs: 2000 }), { inletCurrentA: 5 }, 2000, 'releasing'],
  ['releasing + AC still on → stays', anAc('releasing', { deadlineMs: 3000 }), {}, 100, 'releasing'],
  ['releasing + AC gone → waiting', anAc('releasing', { deadlineMs: 3000 }), { obc: { ready: true, fault: false, acVoltageV: 0 } }, 100, 'waiting'],
  ['releasing + deadline → the stop\'s end state', anAc('releasing', { deadlineMs: 3000, after: 'stopped' }), {}, 3000, 'stopped'],
  ['complete + SOC fell 3 % below the limit → waiting', anAc('complete', { completeAtLimitPct: 90 }), { bms: { ...anAcInput().bms!, socPct: 86.9 } }, 0, 'waiting'],
  ['complete + SOC 1 % below the limit → stays', anAc('complete', { completeAtLimitPct: 90 }), { bms: { ...anAcInput().bms!, socPct: 89 } }, 0, 'complete'],
  ['complete + the user raised the limit → waiting', anAc('complete', { completeAtLimitPct: 80 }), { bms: { ...anAcInput().bms!, socPct: 80 } }, 0, 'waiting'],
  ['complete + unplugged → idle', anAc('complete'), { plugPresent: false }, 0, 'idle'],
  ['stopped + plug still in → stays', anAc('stopped'), {}, 0, 'stopped'],
  ['stopped + unplugged → idle', anAc('stopped'), { plugPresent: false }, 0, 'idle'],
];
for (const [what, s, i, now, name] of TRANSITIONS) {
  t(what, () => assert.is(step(s, i, now).state.name, name));
}

t('S2 closes only in charging, with the setpoint from the limits', () => {
  const prep = step(anAc('waiting'), {}, 0);
  assert.equal([prep.view.wantAcPath, prep.view.wantLock, prep.view.s2Closed, prep.view.obcCurrentSetpointA], [true, true, false, 0]);
  const chg = step(prep.state, {}, 100);
  assert.equal([chg.view.s2Closed, chg.view.obcCurrentSetpointA, chg.view.limitReason], [true, 32, 'offer']);
  assert.is(step(chg.state, { hmi: { maxAcCurrentA: 10, chargeLimitSocPct: 90, schedule: { mode: 'now' } } }, 200).view.obcCurrentSetpointA, 10);
});

t('a stop sets the setpoint to 0 at once; S2 opens when the current is gone; the relay goes when AC is gone', () => {
  const stopping = step(anAc('charging'), { stop: 'latch-pressed' }, 1000);
  assert.equal([stopping.view.obcCurrentSetpointA, stopping.view.s2Closed, stopping.view.wantAcPath], [0, true, true]);
  assert.is(stopping.state.stopCause, 'latch-pressed');
  const releasing = step(stopping.state, { inletCurrentA: 0 }, 1100);
  assert.equal([releasing.view.s2Closed, releasing.view.wantAcPath], [false, true]);
  const done = step(releasing.state, { obc: { ready: true, fault: false, acVoltageV: 0 } }, 1200);
  assert.equal([done.state.name, done.view.wantAcPath, done.view.wantLock], ['waiting', false, false]);
  assert.is(done.state.restartAtMs, 1000 + cfg.restartDelayMs);
});

t('a manual release ends the session until a new plug-in', () => {
  const s = step(anAc('charging'), { stop: 'manual-release' }, 0).state;
  assert.is(s.after, 'stopped');
});

t('the driver\'s stop: ramp to 0 and release, wait without counting a failure, start again once the stop is lifted', () => {
  const hmiStop = { maxAcCurrentA: null, chargeLimitSocPct: 90, schedule: { mode: 'now' as const }, stopRequested: true };
  const stopping = step(anAc('charging'), { hmi: hmiStop }, 0);
  assert.is(stopping.state.name, 'stopping');
  assert.is(stopping.view.obcCurrentSetpointA, 0);
  assert.is(stopping.state.after, 'waiting');
  assert.is(stopping.state.failures, 0);
  const held = step(anAc('waiting'), { hmi: hmiStop }, 60_000);
  assert.is(held.state.name, 'waiting', 'no restart while the stop is held');
  assert.is(held.view.reason, 'user-stop');
  assert.is(step(anAc('waiting'), {}, 60_000).state.name, 'preparing');
});

t('PWM loss pauses: the session restarts once the station offers again', () => {
  const s = step(anAc('charging'), { stop: 'pwm-lost', acOfferA: 0 }, 0).state;
  assert.is(s.after, 'waiting');
});

t('OBC faults: restarts with a longer delay, then stopped after the budget', () => {
  let s = anAc('charging');
  for (let n = 1; n <= cfg.maxFaultRestarts + 1; n++) {
    s = step(anAc('charging', { failures: s.failures }), { obc: { ready: true, fault: true, acVoltageV: 240 } }, 0).state;
    assert.is(s.failures, n);
  }
  assert.is(s.after, 'stopped');
  assert.is(s.stopCause, 'faults-exhausted');
  assert.is(step(anAc('charging'), { obc: { ready: true, fault: true, acVoltageV: 240 } }, 0).state.restartAtMs, cfg.faultRestartDelayMs);
});

t('reaching the SOC limit completes via the stop sequence', () => {
  const s = step(anAc('charging'), { bms: { ...anAcInput().bms!, socPct: 90 } }, 0).state;
  assert.equal([s.name, s.after], ['stopping', 'complete']);
  const done = step(anAc('releasing', { after: 'complete', deadlineMs: 10 }), {}, 10);
  assert.is(done.state.completeAtLimitPct, 90);
});

t('without requireLock the session never asks for the lock', () => {
  const r = acSessionStep({ ...cfg, requireLock: false }, obc, anAc('waiting'), anAcInput({ lockLocked: false }), 0);
  assert.is(r.view.wantLock, false);
  assert.is(acSessionStep({ ...cfg, requireLock: false }, obc, r.state, anAcInput({ lockLocked: false }), 10).state.name, 'charging');
});

t('unplugging resets the failure budget', () => {
  assert.is(step(anAc('waiting', { failures: 2 }), { plugPresent: false }, 0).state.failures, 0);
});

t('idle during a DC session or with nothing plugged: the same state and the shared idle view', () => {
  const idle = initialAcSessionState();
  for (const i of [{ dcActive: true }, { plugPresent: false }] as const) {
    const r = step(idle, i, 1000);
    assert.is(r.state, idle);
    assert.is(r.cause, null);
    assert.equal(r.view, { state: 'idle', wantAcPath: false, wantLock: false, s2Closed: false, obcCurrentSetpointA: 0, limitReason: null, reason: 'idle' });
    assert.ok(Object.isFrozen(r.view));
  }
  assert.is(step(idle, {}, 1000).state.name, 'waiting', 'plugged with no DC session: leaves idle');
});

t.run();
