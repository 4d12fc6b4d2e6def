// Every charger quirk of chargers.md §3 as a simulator option, and its observable effect.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ChargerBench } from './charger-harness.ts';
import { near } from './builders.ts';

const t = suite('sim/plant/dc-charger quirks');

/** Max and min of a signal over a run. */
function range(b: ChargerBench, ms: number, read: () => number): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  b.run(ms, () => {
    const x = read();
    min = Math.min(min, x);
    max = Math.max(max, x);
  });
  return { min, max };
}

function toCableChecked(b: ChargerBench): void {
  b.until(() => b.charger.cpSource.kind === 'pwm');
  b.finish('sessionSetup');
  b.finish('chargeParameterDiscovery');
  b.cpState = 'C';
  b.finish('cableCheck');
}

t('noLoadOvershootV: the unloaded output overshoots the precharge target, then settles', () => {
  const b = new ChargerBench('hpc-350', { packV: 700, evMaxV: 820, quirks: { noLoadOvershootV: 40 } });
  toCableChecked(b);
  b.charger.cmd.evTargetVoltageV = 700;
  b.charger.cmd.evTargetCurrentA = 1;
  b.ask('preCharge');
  const r = range(b, 6000, () => b.charger.isolatedVoltageV);
  near(r.max, 740, 1, 'overshoot');
  near(b.charger.isolatedVoltageV, 700, 1, 'settled');
  assert.is(b.charger.status.evseStatus, 'ready');
});

t('noLoadOvershootV above the EV maximum: the charger trips itself after 400 ms (Compleo)', () => {
  const b = new ChargerBench('hpc-350', { packV: 400, evMaxV: 410, quirks: { noLoadOvershootV: 40 } });
  toCableChecked(b);
  b.toPrecharged();
  b.run(1000);
  assert.is(b.charger.status.evseStatus, 'emergencyShutdown');
});

t('currentBeforeRequestA: current flows right after PowerDelivery(start), before any CurrentDemand', () => {
  const b = new ChargerBench('hpc-350', { packV: 400, quirks: { currentBeforeRequestA: 100 } });
  toCableChecked(b);
  b.toPrecharged();
  b.contactorsClosed = true;
  b.charger.cmd.evTargetCurrentA = 0;
  b.finish('powerDeliveryStart');
  b.run(50);
  near(b.charger.outputCurrentA, 100, 1, 'pushed');
});

t('currentBeforeRequestA with the contactors still open: the charger faults (Kempower)', () => {
  const b = new ChargerBench('hpc-350', { packV: 400, quirks: { currentBeforeRequestA: 100 } });
  toCableChecked(b);
  b.toPrecharged();
  b.finish('powerDeliveryStart');
  b.run(300);
  assert.is(b.charger.status.evseStatus, 'malfunction');
});

t('shutdownAtS: reports EVSE_Shutdown but keeps delivering what is asked (Tesla, Compleo)', () => {
  const b = new ChargerBench('supercharger-v3', { packV: 380, quirks: { shutdownAtS: 5 } });
  b.toCurrentDemand(200);
  b.run(4000);
  assert.is(b.charger.status.evseStatus, 'ready');
  b.run(1500);
  assert.is(b.charger.status.evseStatus, 'shutdown');
  near(b.charger.outputCurrentA, 200, 1, 'still delivering');
});

t('emergencyShutdownAtS: reports EmergencyShutdown and cuts the current within 0.2 s', () => {
  const b = new ChargerBench('hpc-350', { packV: 700, quirks: { emergencyShutdownAtS: 5 } });
  b.toCurrentDemand(300);
  b.until(() => b.charger.status.evseStatus === 'emergencyShutdown', 10_000);
  const ms = b.until(() => b.charger.outputCurrentA === 0, 1000);
  assert.ok(ms <= 200, `cut in ${ms} ms`);
});

t('maxCurrentDrop: the advertised maximum and the output fall to toA', () => {
  const b = new ChargerBench('hpc-350', { packV: 700, quirks: { maxCurrentDrop: { atS: 5, toA: 100 } } });
  b.toCurrentDemand(300);
  b.run(4500);
  near(b.charger.outputCurrentA, 300, 1, 'before');
  b.run(1500);
  assert.is(b.charger.status.evseMaxCurrentA, 100);
  assert.ok(b.charger.outputCurrentA <= 100.01);
});

t('currentOscillationPct: the current swings ± that share around the request', () => {
  const b = new ChargerBench('hpc-350', { packV: 700, quirks: { currentOscillationPct: 10 } });
  b.toCurrentDemand(200);
  b.run(5000);
  const r = range(b, 4000, () => b.charger.outputCurrentA);
  near(r.max, 220, 1, 'top');
  near(r.min, 180, 1, 'bottom');
});

t('cableCheckS: the cable check takes that long (Supercharger V3 is slow anyway)', () => {
  const b = new ChargerBench('hpc-350', { quirks: { cableCheckS: 30 } });
  b.until(() => b.charger.cpSource.kind === 'pwm');
  b.finish('sessionSetup');
  b.finish('chargeParameterDiscovery');
  b.cpState = 'C';
  const ms = b.finish('cableCheck');
  assert.ok(ms >= 30_000 && ms <= 33_000, `${ms} ms`);
  const v3 = new ChargerBench('supercharger-v3');
  v3.until(() => v3.charger.cpSource.kind === 'pwm');
  v3.finish('sessionSetup');
  v3.finish('chargeParameterDiscovery');
  v3.cpState = 'C';
  assert.ok(v3.finish('cableCheck') >= 8000, 'V3 default ≥ 8 s');
});

t('commLossAtS: answers stop, current is held 1 s then ramps down, the link drops after 3 s', () => {
  const b = new ChargerBench('hpc-350', { packV: 700, quirks: { commLossAtS: 5 } });
  b.toCurrentDemand(200);
  b.run(5000);
  const count = b.charger.status.responseCount;
  b.run(900);
  assert.is(b.charger.status.responseCount, count, 'no more answers');
  assert.ok(b.charger.outputCurrentA > 150, 'held');
  b.run(1000);
  assert.is(b.charger.outputCurrentA, 0);
  assert.ok(b.charger.status.linkUp);
  b.run(1500);
  assert.not.ok(b.charger.status.linkUp);
});

t('isolationFaultAtCableCheck: cable check ends FAILED with isolation fault', () => {
  const b = new ChargerBench('hpc-350', { quirks: { isolationFaultAtCableCheck: true } });
  b.until(() => b.charger.cpSource.kind === 'pwm');
  b.finish('sessionSetup');
  b.finish('chargeParameterDiscovery');
  b.cpState = 'C';
  b.finish('cableCheck');
  assert.is(b.charger.status.responseCode, 'failed');
  assert.is(b.charger.status.isolation, 'fault');
});

t('overvoltage: regulation fails, current runs above the request; open, the output exceeds the EV max and the charger trips', () => {
  const b = new ChargerBench('hpc-350', { packV: 700, evMaxV: 820, quirks: { overvoltage: { atS: 5, aboveEvMaxV: 30 } } });
  b.toCurrentDemand(100);
  b.run(7000);
  assert.ok(b.charger.outputCurrentA > 150, `runaway current ${b.charger.outputCurrentA}`);
  b.contactorsClosed = false; // the EV opens on overcurrent
  b.run(300);
  assert.ok(b.charger.isolatedVoltageV > 820);
  b.run(500);
  assert.is(b.charger.status.evseStatus, 'emergencyShutdown');
});

t('a quirk set after its time takes effect at once', () => {
  const b = new ChargerBench('hpc-350', { packV: 700 });
  b.toCurrentDemand(100);
  b.run(10_000);
  b.charger.quirks.shutdownAtS = 3;
  b.tick();
  assert.is(b.charger.status.evseStatus, 'shutdown');
});

t.run();
