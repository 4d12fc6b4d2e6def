import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { initialInletState, NACS_INLET, type InletInput } from '../../inlet/index.ts';
import { cpAc, cpDigital, cpSteady, ok, invalid, PP, anInletInput } from './builders.ts';
import { aPlant, simulate, type Plant, type Trace } from './plant.ts';
import { inletPortStep } from '../../inlet/port-step.ts';

const t = suite('inlet/port-step');
const cfg = NACS_INLET;
const fresh = () => ({ state: initialInletState(), plant: aPlant() });
const cont = (tr: Trace) => ({ state: tr.state, plant: tr.plant });
const firstIndex = (tr: Trace, pred: (i: number) => boolean) => tr.outputs.findIndex((_, i) => pred(i));

/** A NACS handle on a 32 A (53.3 %) station; the station follows S2 with B/C. */
const acStation = (o: Partial<InletInput> = {}) => (_now: number, p: Plant): Partial<InletInput> => ({
  ppOhm: ok<number>(PP.nacsLatched), cp: ok(cpAc(53.3, p.acOn ? 'C' : 'B')), ...o,
});

t('AC happy path: plug, lock, relay, S2, charge at the offer', () => {
  const tr = simulate(cfg, fresh(), acStation(), 0, 3000);
  assert.is(tr.outputs[0]!.driveInhibit, true, 'drive inhibited from the first sample');
  const charging = firstIndex(tr, (i) => tr.outputs[i]!.acSession.s2Closed);
  assert.ok(charging > 0, 'S2 closes');
  const atS2 = tr.outputs[charging]!;
  assert.is(atS2.lock.state, 'locked');
  assert.is(atS2.path.obcRelayCommand, 'closed');
  assert.is(tr.inputs[charging]!.obcRelay.value, 'closed', 'relay confirmed before S2');
  assert.is(tr.last.acSession.obcCurrentSetpointA, 31.9);
  assert.is(tr.last.acSession.state, 'charging');
  assert.is(tr.plant.currentA, 31.9);
  assert.equal(tr.events.filter((e) => e.type === 'guard'), []);
});

t('latch pressed during AC charging: setpoint 0 in the same tick, then S2, relay, unlock', () => {
  const charging = simulate(cfg, fresh(), acStation(), 0, 3000);
  const tr = simulate(cfg, cont(charging), acStation({ ppOhm: ok<number>(PP.nacsPressed) }), 3010, 6000);
  const first = tr.outputs[0]!;
  assert.is(first.acSession.obcCurrentSetpointA, 0);
  assert.is(first.stopNow?.reason, 'latch-pressed');
  assert.is(tr.last.acSession.s2Closed, false);
  assert.is(tr.last.path.obcRelayCommand, 'open');
  assert.is(tr.plant.lock, 'unlocked', 'the user can pull the cable');
  tr.outputs.forEach((o, i) => {
    const input = tr.inputs[i]!;
    if (o.lock.command === 'unlock') assert.ok(input.inletCurrentA.value < 1 && (input.obcRelay.value === 'open' || input.obc.value.acVoltageV < 30));
  });
});

for (const level of ['E', 'F'] as const) {
  t(`state ${level} during AC charging stops at once`, () => {
    const charging = simulate(cfg, fresh(), acStation(), 0, 3000);
    const tr = simulate(cfg, cont(charging), () => ({ ppOhm: ok<number>(PP.nacsLatched), cp: ok(cpSteady(level)) }), 3010, 3010);
    assert.is(tr.last.stopNow?.reason, level === 'E' ? 'cp-e' : 'cp-f');
    assert.is(tr.last.acSession.obcCurrentSetpointA, 0);
  });
}

t('PWM loss pauses AC charging; it resumes when the station offers again', () => {
  const charging = simulate(cfg, fresh(), acStation(), 0, 3000);
  const paused = simulate(cfg, cont(charging), (_n, p) => ({ ppOhm: ok<number>(PP.nacsLatched), cp: ok(cpSteady(p.acOn ? 'C' : 'B')) }), 3010, 6000);
  assert.is(paused.outputs[0]!.stopNow?.reason, 'pwm-lost');
  assert.is(paused.outputs[0]!.acSession.obcCurrentSetpointA, 0);
  assert.is(paused.last.acSession.state, 'waiting');
  const resumed = simulate(cfg, cont(paused), acStation(), 6010, 15_000);
  assert.is(resumed.last.acSession.state, 'charging');
});

t('a DC session request is refused while the OBC relay reports closed', () => {
  const charging = simulate(cfg, fresh(), acStation(), 0, 3000);
  const tr = simulate(cfg, cont(charging), acStation({ dcRequest: { active: false, wantLock: true, wantDcPath: true } }), 3010, 3100);
  assert.ok(tr.outputs.every((o) => !o.path.dcContactorsAllowed));
  assert.ok(tr.events.some((e) => e.type === 'path-refused' && e.path === 'dc'));
});

t('start-up with the lock closed, no session and a live inlet: stays locked until proven dead', () => {
  const live = simulate(cfg, { state: initialInletState(), plant: aPlant({ lock: 'locked', busV: 400 }) },
    () => ({ ppOhm: ok<number>(PP.nacsLatched) }), 0, 2000);
  assert.ok(live.outputs.every((o) => o.lock.command !== 'unlock'));
  assert.is(live.plant.lock, 'locked');
  const dead = simulate(cfg, { state: live.state, plant: { ...live.plant, busV: 20 } }, () => ({ ppOhm: ok<number>(PP.nacsLatched) }), 2010, 3000);
  assert.is(dead.plant.lock, 'unlocked', 'a dead car does not hold the cable');
});

t('start-up with the lock closed and the inlet voltage unreadable: no unlock', () => {
  const tr = simulate(cfg, { state: initialInletState(), plant: aPlant({ lock: 'locked' }) },
    () => ({ ppOhm: ok<number>(PP.nacsLatched), inletVoltageV: invalid(0) }), 0, 2000);
  assert.ok(tr.outputs.every((o) => o.lock.command !== 'unlock'));
});

const dcSession = (o: Partial<InletInput> = {}) => (): Partial<InletInput> => ({
  ppOhm: ok<number>(PP.nacsLatched), cp: ok(cpDigital('C')), dcRequest: { active: true, wantLock: true, wantDcPath: true }, ...o,
});

t('DC session: lock and DC path granted; manual release stops it and the lock is not re-driven', () => {
  const running = simulate(cfg, fresh(), dcSession(), 0, 2000);
  assert.is(running.last.lock.state, 'locked');
  assert.is(running.last.path.dcContactorsAllowed, true);
  assert.is(running.last.stopNow, null);
  const pulled = simulate(cfg, { state: running.state, plant: { ...running.plant, lock: 'unlocked', busV: 400 } },
    dcSession({ manualRelease: ok(true) }), 2010, 2500);
  assert.is(pulled.outputs[0]!.stopNow?.reason, 'manual-release');
  assert.ok(pulled.outputs.every((o) => o.lock.command === 'none'));
  assert.ok(pulled.events.some((e) => e.type === 'lock' && e.to === 'unlocked' && e.cause === 'manual-release'));
});

t('DC session: latch pressed, E, F and PWM loss each stop it at once', () => {
  const running = simulate(cfg, fresh(), dcSession(), 0, 2000);
  const cases: [Partial<InletInput>, string][] = [
    [{ ppOhm: ok<number>(PP.nacsPressed) }, 'latch-pressed'],
    [{ cp: ok(cpSteady('E')) }, 'cp-e'],
    [{ cp: ok(cpSteady('F')) }, 'cp-f'],
    [{ cp: ok(cpSteady('C')) }, 'pwm-lost'],
    [{ cp: invalid(cpDigital('C')) }, 'cp-invalid'],
  ];
  for (const [o, reason] of cases) {
    const tr = simulate(cfg, cont(running), dcSession(o), 2010, 2010);
    assert.is(tr.last.stopNow?.reason, reason);
  }
});

t('an HMI unlock request stops AC charging and frees the cable; no restart without a new plug-in', () => {
  const charging = simulate(cfg, fresh(), acStation(), 0, 3000);
  const hmiUnlock = ok({ maxAcCurrentA: null, chargeLimitSocPct: 90, schedule: { mode: 'now' as const }, unlockRequest: true });
  const press = simulate(cfg, cont(charging), acStation({ hmi: hmiUnlock }), 3010, 3010);
  assert.is(press.last.stopNow?.reason, 'user-unlock');
  assert.is(press.last.acSession.obcCurrentSetpointA, 0);
  const after = simulate(cfg, cont(press), acStation(), 3020, 20_000);
  assert.is(after.plant.lock, 'unlocked');
  assert.is(after.last.acSession.state, 'stopped');
});

t('DC session: never unlocks while the inlet is live, even when the session lets go', () => {
  const running = simulate(cfg, fresh(), dcSession(), 0, 2000);
  const tr = simulate(cfg, { state: running.state, plant: { ...running.plant, busV: 300 } },
    dcSession({ dcRequest: { active: false, wantLock: false, wantDcPath: false } }), 2010, 4000);
  assert.ok(tr.outputs.every((o) => o.lock.command !== 'unlock'));
  const dead = simulate(cfg, { state: tr.state, plant: { ...tr.plant, busV: 30 } },
    dcSession({ dcRequest: { active: false, wantLock: false, wantDcPath: false } }), 4010, 5000);
  assert.is(dead.plant.lock, 'unlocked');
});

t('a stuck lock: retries, then a lock fault with a refusal the HMI can show', () => {
  const tr = simulate(cfg, fresh(), dcSession(), 0, 5000, { lockStuck: true });
  assert.is(tr.last.lock.state, 'fault');
  assert.is(tr.last.lock.fault, 'lock-timeout');
  assert.is(tr.last.refusal?.code, 'lock-fault');
  assert.is(tr.last.stopNow?.reason, 'lock-fault');
  assert.is(tr.events.filter((e) => e.type === 'lock' && e.to === 'locking').length, 1);
});

// Drive inhibit (invariant 9).
const INHIBIT: [string, Partial<InletInput>, boolean][] = [
  ['nothing plugged', {}, false],
  ['a latched handle', { ppOhm: ok<number>(PP.nacsLatched) }, true],
  ['a pressed handle', { ppOhm: ok<number>(PP.nacsPressed) }, true],
  ['an unknown resistance', { ppOhm: ok<number>(PP.unknown) }, true],
  ['a V2L adapter', { ppOhm: ok<number>(PP.v2l) }, true],
  ['an invalid PP reading', { ppOhm: invalid<number>(PP.nothing) }, true],
  ['a stale PP reading', { ppOhm: ok<number>(PP.nothing, 1000) }, true],
  ['PP reads open but a station drives the pilot (broken PP wire)', { cp: ok(cpAc(53.3)) }, true],
  ['PP reads open and the pilot reads E (idle inlet)', { cp: ok(cpSteady('E')) }, false],
];
for (const [what, o, inhibit] of INHIBIT) {
  t(`drive inhibit with ${what}: ${inhibit}`, () => {
    const r = inletPortStep(cfg, initialInletState(), anInletInput(o), 0);
    assert.is(r.outputs.driveInhibit, inhibit);
  });
}

t('drive inhibit stays for the debounce after unplugging, then clears', () => {
  const plugged = simulate(cfg, fresh(), () => ({ ppOhm: ok<number>(PP.nacsLatched) }), 0, 500);
  const tr = simulate(cfg, cont(plugged), () => ({}), 510, 800);
  assert.is(tr.outputs[0]!.driveInhibit, true);
  assert.is(tr.last.driveInhibit, false);
});

t('events report each change once', () => {
  const tr = simulate(cfg, fresh(), acStation(), 0, 3000);
  const connector = tr.events.filter((e) => e.type === 'connector');
  assert.equal(connector.map((e) => e.type === 'connector' && e.to), ['nacs-latched']);
  const ac = tr.events.filter((e) => e.type === 'ac-session').map((e) => e.type === 'ac-session' && e.to);
  assert.equal(ac, ['waiting', 'preparing', 'charging']);
  assert.is(tr.events.filter((e) => e.type === 'drive-inhibit').length, 1);
});

t('a steady DC session (plug seated, lock held, DC path granted) keeps the very same port state', () => {
  const dcTick = (o: Partial<InletInput> = {}) => anInletInput({
    ppOhm: ok<number>(PP.nacsLatched), cp: ok(cpDigital('C')), lockFeedback: ok('locked'),
    dcContactorPositive: ok('closed'), dcContactorNegative: ok('closed'), inletVoltageV: ok(700), inletCurrentA: ok(250),
    dcRequest: { active: true, wantLock: true, wantDcPath: true }, ...o,
  });
  let s = initialInletState();
  for (let now = 0; now <= 3000; now += 10) s = inletPortStep(cfg, s, dcTick(), now).state;
  assert.is(s.lock.name, 'locked');
  assert.is(s.path.granted, 'dc');
  const r = inletPortStep(cfg, s, dcTick({ inletVoltageV: ok(701), inletCurrentA: ok(251) }), 3010);
  assert.is(r.state, s, 'nothing changed but the measurements');
  assert.is(r.events.length, 0);
  assert.is(r.outputs.acSession.state, 'idle');
  const released = inletPortStep(cfg, s, dcTick({ lockFeedback: ok('unlocked') }), 3020);
  assert.is.not(released.state, s);
  assert.is(s.lock.name, 'locked', 'the previous state is untouched');
});

t.run();
