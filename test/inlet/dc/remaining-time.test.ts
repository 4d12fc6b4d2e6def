// Remaining time from the BMS charge-current map and the charger's limits.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DC_CONFIG_DEFAULT, remainingTimeS } from '../../../inlet/dc/index.ts';
import { lowPass } from '../../../inlet/dc/remaining-time.ts';
import { aStateIn, stepIn } from './steps.ts';

const t = suite('dc remaining time');
const cfg = DC_CONFIG_DEFAULT.estimate;

t('constant 1C from 50 % to 80 % takes 30 % of an hour', () => {
  assert.is(remainingTimeS({ socPct: 50, targetSocPct: 80, usableCapacityAh: 216, packCurrentAtA: () => 216 }, cfg), 1_080);
});

t('a tapering map makes the high-SOC part slower', () => {
  const flat = remainingTimeS({ socPct: 50, targetSocPct: 90, usableCapacityAh: 216, packCurrentAtA: () => 216 }, cfg)!;
  const taper = remainingTimeS({ socPct: 50, targetSocPct: 90, usableCapacityAh: 216, packCurrentAtA: (s) => (s < 80 ? 216 : 108) }, cfg)!;
  assert.is(taper - flat, 360);
});

t('there already: 0; no current somewhere or no capacity: unknown (null)', () => {
  assert.is(remainingTimeS({ socPct: 80, targetSocPct: 80, usableCapacityAh: 216, packCurrentAtA: () => 216 }, cfg), 0);
  assert.is(remainingTimeS({ socPct: 50, targetSocPct: 80, usableCapacityAh: 216, packCurrentAtA: (s) => (s > 70 ? 0 : 100) }, cfg), null);
  assert.is(remainingTimeS({ socPct: 50, targetSocPct: 80, usableCapacityAh: 0, packCurrentAtA: () => 100 }, cfg), null);
  assert.is(remainingTimeS({ socPct: 50, targetSocPct: 80, usableCapacityAh: 216, packCurrentAtA: () => 0.001 }, cfg), null);
});

t('the session reports time to 80 % and to the limit, from the BMS map and the charger limits', () => {
  const charging = aStateIn('currentDemand', { chargeStartedAtMs: 0, requestA: 0, requestAtMs: 0 });
  const curve = [[0, 400], [60, 400], [70, 200], [100, 50]] as const;
  const fast = stepIn(charging, { bms: { chargeCurrentCurve: curve, socPct: 50 }, hmi: { chargeLimitPct: 90 } }).outputs;
  const slowCharger = stepIn(charging, { bms: { chargeCurrentCurve: curve, socPct: 50 }, ccc: { evseMaxCurrentA: 125 }, hmi: { chargeLimitPct: 90 } }).outputs;
  assert.ok(fast.remainingTimeToBulkS! > 0 && fast.remainingTimeToFullS! > fast.remainingTimeToBulkS!);
  assert.ok(slowCharger.remainingTimeToBulkS! > 2 * fast.remainingTimeToBulkS!, 'a 125 A charger is much slower than the 400 A pack map');
  assert.is(fast.ccc.remainingTimeToBulkS, fast.remainingTimeToBulkS);
});

t('no estimate before the session knows its limits', () => {
  assert.is(stepIn(aStateIn('idle'), { port: { connectorPresent: false } }).outputs.remainingTimeToFullS, null);
});

t('low-pass: moves toward the sample by the time constant; ignores NaN and no time', () => {
  assert.ok(Math.abs(lowPass(0, 100, 5_000, 5_000) - 100 * (1 - Math.exp(-1))) < 1e-9);
  assert.is(lowPass(50, Number.NaN, 10, 5_000), 50);
  assert.is(lowPass(50, 100, 0, 5_000), 50);
});

t.run();
