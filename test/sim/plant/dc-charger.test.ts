import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cableCheckVoltageV } from '../../../sim/plant/ccc-protocol.ts';
import type { DcChargerPresetName } from '../../../sim/presets/index.ts';
import { ChargerBench } from './charger-harness.ts';
import { near } from './builders.ts';

const t = suite('sim/plant/dc-charger');

t('answers each phase within its response time (SLAC 3–8 s, CPD and PowerDelivery 0.2–1.5 s)', () => {
  for (let seed = 1; seed <= 5; seed++) {
    const b = new ChargerBench('hpc-350', { seed });
    b.until(() => b.charger.cpSource.kind === 'pwm', 2000, 'PWM');
    const setup = b.finish('sessionSetup');
    assert.ok(setup >= 3000 && setup <= 8010, `setup ${setup}`);
    assert.ok(b.charger.status.linkUp);
    const cpd = b.finish('chargeParameterDiscovery');
    assert.ok(cpd >= 200 && cpd <= 1510, `cpd ${cpd}`);
    assert.is(b.charger.status.evseMaxVoltageV, 920);
    assert.is(b.charger.status.evseMaxCurrentA, 500);
    assert.is(b.charger.status.evseMaxPowerW, 350_000);
  }
});

t('CP: steady +12 V after plug-in, 5 % PWM once ready, steady again after SessionStop', () => {
  const b = new ChargerBench('dcfc-50');
  b.tick();
  assert.is(b.charger.cpSource.kind, 'steady');
  b.run(600);
  assert.equal(b.charger.cpSource, { kind: 'pwm', dutyPct: 5 });
  b.finish('sessionSetup');
  b.finish('sessionStop');
  b.tick();
  assert.is(b.charger.cpSource.kind, 'steady');
  assert.not.ok(b.charger.status.linkUp);
});

t('cable check: raises the test voltage in state C, reports valid isolation, discharges below 60 V', () => {
  const b = new ChargerBench('hpc-350', { packV: 700, evMaxV: 820 });
  b.until(() => b.charger.cpSource.kind === 'pwm');
  b.finish('sessionSetup');
  b.finish('chargeParameterDiscovery');
  b.cpState = 'C';
  b.ask('cableCheck');
  let peakV = 0;
  const ms = b.until(() => {
    peakV = Math.max(peakV, b.charger.isolatedVoltageV);
    return b.charger.status.phase === 'cableCheck' && b.charger.status.processing === 'finished';
  }, 30_000, 'cable check');
  near(peakV, cableCheckVoltageV(820, 920), 1, 'test voltage 1.1 × 820 V');
  assert.ok(ms >= 2000 && ms <= 13_000, `cable check ${ms} ms`);
  assert.is(b.charger.status.isolation, 'valid');
  assert.ok(b.charger.isolatedVoltageV < 60);
});

t('precharge: ramps its output to the EV target at ≤ 2 A', () => {
  const b = new ChargerBench('hpc-350', { packV: 650 });
  b.until(() => b.charger.cpSource.kind === 'pwm');
  b.finish('sessionSetup');
  b.finish('chargeParameterDiscovery');
  b.cpState = 'C';
  b.finish('cableCheck');
  b.toPrecharged();
  assert.ok(b.charger.sourceCurrentLimitA <= 2);
  b.run(300);
  near(b.charger.status.presentVoltageV, 650, 3, 'reported in PreChargeRes');
});

t('out-of-order requests get FAILED_SequenceError and the session ends', () => {
  const b = new ChargerBench('hpc-350');
  b.until(() => b.charger.cpSource.kind === 'pwm');
  b.finish('sessionSetup');
  b.ask('currentDemand');
  b.until(() => b.charger.status.responseCount >= 2);
  assert.is(b.charger.status.responseCode, 'sequenceError');
  assert.is(b.charger.status.evseStatus, 'shutdown');
});

// Power envelope: delivered = min(Pmax, Imax × V, request) inside [Vmin, Vmax] (chargers.md).
const envelope: [DcChargerPresetName, number, number][] = [
  ['hpc-350', 400, 200_000], // 500 A cap: "at 400 V only ≈ 200 kW"
  ['hpc-350', 800, 350_000],
  ['dcfc-150', 400, 140_000],
  ['dcfc-150', 800, 150_000],
  ['dcfc-50', 400, 50_000],
  ['supercharger-v3', 400, 250_000],
  ['supercharger-v4', 800, 492_000],
];
for (const [profile, packV, expectW] of envelope) {
  t(`envelope: ${profile} at ${packV} V delivers ≈ ${expectW / 1000} kW on a 1000 A request`, () => {
    const b = new ChargerBench(profile, { packV, packOhm: 0.001 });
    b.toCurrentDemand(1000);
    b.run(15_000);
    near(b.charger.outputVoltageV * b.charger.outputCurrentA, expectW, expectW * 0.02, 'power');
  });
}

t('delivers what the EV asks when below the limits, with a current ramp', () => {
  const b = new ChargerBench('hpc-350', { packV: 700 });
  b.toCurrentDemand(200);
  b.run(500);
  assert.ok(b.charger.outputCurrentA < 150, 'ramping, not a step');
  b.run(5000);
  near(b.charger.outputCurrentA, 200, 0.5, 'settled');
  near(b.charger.status.presentCurrentA, 200, 2, 'reported');
});

t('stops by itself when its output exceeds the EV maximum voltage for 400 ms (IEC 61851-23 CC.6.2)', () => {
  const b = new ChargerBench('hpc-350', { packV: 400, evMaxV: 410 });
  b.toCurrentDemand(100);
  b.run(3000);
  b.packV = 415; // the pack side rises above the announced maximum
  b.run(300);
  assert.is(b.charger.status.evseStatus, 'ready');
  b.run(200);
  assert.is(b.charger.status.evseStatus, 'emergencyShutdown');
  b.run(300);
  assert.is(b.charger.outputCurrentA, 0);
});

t('power delivery stop ramps the current to zero; welding detection sees the output decay once open', () => {
  const b = new ChargerBench('dcfc-150', { packV: 400 });
  b.toCurrentDemand(300);
  b.run(5000);
  b.charger.cmd.evTargetCurrentA = 0;
  b.finish('powerDeliveryStop');
  b.run(1500);
  assert.is(b.charger.outputCurrentA, 0);
  b.contactorsClosed = false;
  b.ask('weldingDetection');
  b.until(() => b.charger.status.presentVoltageV < 40, 10_000, 'welding detection < 40 V');
});

t('unplugging resets the station; the command and status objects stay the same', () => {
  const b = new ChargerBench('hpc-350');
  const { cmd, status } = b.charger;
  b.toCurrentDemand(100);
  b.connected = false;
  b.tick();
  assert.is(b.charger.cmd, cmd);
  assert.is(b.charger.status, status);
  assert.is(status.phase, 'none');
  assert.not.ok(status.linkUp);
  assert.is(b.charger.cpSource.kind, 'none');
  const idle = b.charger.cpSource;
  b.run(100);
  assert.is(b.charger.cpSource, idle, 'one object while unplugged');
  b.connected = true;
  b.tick();
  assert.is(b.charger.cpSource.kind, 'steady', 'plugged again');
});

t('same seed, same session timing; another seed, other timing', () => {
  const timing = (seed: number): number => {
    const b = new ChargerBench('hpc-350', { seed });
    b.toCurrentDemand(100);
    return b.tMs;
  };
  assert.is(timing(9), timing(9));
  assert.is.not(timing(9), timing(10));
});

t.run();
