// The composed port with AC charging details: user limits, SOC limit, schedule, pin temperature.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { initialInletState, NACS_INLET, type InletInput } from '../../inlet/index.ts';
import { cpAc, cpDigital, ok, PP } from './builders.ts';
import { aPlant, simulate, type Plant } from './plant.ts';

const t = suite('inlet/port-step (AC details)');
const cfg = NACS_INLET;
const fresh = () => ({ state: initialInletState(), plant: aPlant() });
const station = (dutyPct: number, o: Partial<InletInput> = {}) => (_n: number, p: Plant): Partial<InletInput> => ({
  ppOhm: ok<number>(PP.nacsLatched), cp: ok(cpAc(dutyPct, p.acOn ? 'C' : 'B')), ...o,
});
const hmi = (o: Partial<InletInput['hmi']['value']>) => ok({ maxAcCurrentA: null, chargeLimitSocPct: 90, schedule: { mode: 'now' as const }, unlockRequest: false, ...o });

t('the HMI maximum AC current caps the setpoint', () => {
  const tr = simulate(cfg, fresh(), station(80, { hmi: hmi({ maxAcCurrentA: 24 }) }), 0, 3000);
  assert.equal([tr.last.acSession.obcCurrentSetpointA, tr.last.acSession.limitReason], [24, 'user']);
});

t('a 48 A offer is capped by the OBC at 48 A; an 80 A offer too', () => {
  assert.is(simulate(cfg, fresh(), station(80), 0, 3000).last.acSession.obcCurrentSetpointA, 48);
  assert.is(simulate(cfg, fresh(), station(96), 0, 3000).last.acSession.obcCurrentSetpointA, 48);
});

t('at the HMI charge limit the session completes and S2 opens', () => {
  const tr = simulate(cfg, fresh(), station(53.3, {
    hmi: hmi({ chargeLimitSocPct: 80 }),
    bms: ok({ chargeCurrentLimitA: 100, chargePowerLimitW: 50_000, packVoltageV: 380, socPct: 80, chargeAllowed: true }),
  }), 0, 3000);
  assert.is(tr.last.acSession.state, 'complete');
  assert.ok(tr.outputs.every((o) => !o.acSession.s2Closed));
});

t('an off-peak start waits in "scheduled", then charges', () => {
  const schedule = { mode: 'start-at' as const, startAtMs: 10_000 };
  const waiting = simulate(cfg, fresh(), station(53.3, { hmi: hmi({ schedule }) }), 0, 9000, {}, 100);
  assert.is(waiting.last.acSession.state, 'scheduled');
  assert.ok(waiting.outputs.every((o) => !o.acSession.s2Closed && o.path.obcRelayCommand === 'open'));
  const started = simulate(cfg, { state: waiting.state, plant: waiting.plant }, station(53.3, { hmi: hmi({ schedule }) }), 9100, 12_000, {}, 100);
  assert.is(started.last.acSession.state, 'charging');
});

t('hot DC pins derate the AC setpoint and say why', () => {
  const tr = simulate(cfg, fresh(), station(80, { pinTempsC: [ok(69), ok(40)] }), 0, 3000);
  const { pinLimitAcA, pinLimitReason } = tr.last;
  assert.is(pinLimitReason, 'pin-hot');
  assert.ok(Math.abs(pinLimitAcA - (48 - 0.9 * (48 - 16))) < 1e-9, 'the AC ramp runs from 48 A to 16 A');
  assert.is(tr.last.acSession.limitReason, 'pin-temp');
  assert.is(tr.last.acSession.obcCurrentSetpointA, Math.floor(pinLimitAcA * 10) / 10);
});

t('pins 10 K above the limit stop charging at once', () => {
  const charging = simulate(cfg, fresh(), station(53.3), 0, 3000);
  const tr = simulate(cfg, { state: charging.state, plant: charging.plant }, station(53.3, { pinTempsC: [ok(80), ok(40)] }), 3010, 3010);
  assert.is(tr.last.stopNow?.reason, 'pin-overtemp');
  assert.is(tr.last.acSession.obcCurrentSetpointA, 0);
});

t('an AC adapter starts derating 20 K below the pin limit', () => {
  const tr = simulate(cfg, fresh(), station(80, { ppOhm: ok<number>(PP.acAdapterLatched), pinTempsC: [ok(55), ok(40)] }), 0, 3000);
  assert.is(tr.last.pinLimitReason, 'pin-hot-adapter');
  assert.ok(tr.last.pinLimitAcA < 48);
  assert.is(tr.last.acSession.limitReason, 'pin-temp');
});

t('dcSessionAllowed: native plug on a DC charger yes; AC adapter no; not while the OBC relay is closed', () => {
  const dc = simulate(cfg, fresh(), () => ({ ppOhm: ok<number>(PP.nacsLatched), cp: ok(cpDigital()) }), 0, 1000);
  assert.is(dc.last.dcSessionAllowed, true);
  const acAdapter = simulate(cfg, fresh(), () => ({ ppOhm: ok<number>(PP.acAdapterLatched), cp: ok(cpDigital()) }), 0, 1000);
  assert.is(acAdapter.last.dcSessionAllowed, false);
  const charging = simulate(cfg, fresh(), station(53.3), 0, 3000);
  assert.is(charging.last.dcSessionAllowed, false);
});

t.run();
