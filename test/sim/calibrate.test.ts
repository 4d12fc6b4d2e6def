// The plant against published charge curves (reference/curves.md §1, §4), with the ideal EV.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CALIBRATION_CASES, cRateMap, runCalibration } from '../../sim/calibrate.ts';

const t = suite('sim/calibrate');
/** 50 ms ticks give the same figures as 10 ms to 0.01 min (the physics is step-size independent)
 *  at a fifth of the cost; `npx tsx sim/calibrate.ts` runs at 10 ms. */
const TICK_MS = 50;
const calibrate = (prefix: string) => {
  const c = CALIBRATION_CASES.find((k) => k.name.startsWith(prefix));
  if (c === undefined) throw new Error(prefix);
  return runCalibration(c, 1, 'ranges', TICK_MS);
};

t('the ideal EV’s copy of the cells.md §6 map: table values inside the bins, 0 outside 0–45 °C', () => {
  assert.is(cRateMap(20, 30), 3.0);
  assert.is(cRateMap(75, 30), 1.3);
  assert.is(cRateMap(40, 20), 2.2);
  assert.is(cRateMap(20, -1), 0);
  assert.is(cRateMap(20, 45), 0);
  assert.ok(cRateMap(80, 30) < 1.3 && cRateMap(80, 30) > 0.7, 'blends across the 80 % edge');
  assert.is(cRateMap(20, 30, 'centres'), 3.0);
  assert.ok(cRateMap(12, 27, 'centres') < cRateMap(12, 27, 'ranges'));
});

t('800 V pack on hpc-350, 10→80 % at 25–35 °C: 18 min ±15 %, peak 220–240 kW (Ioniq 5)', () => {
  const r = calibrate('800V on hpc');
  assert.is(r.finalStage, 'done');
  assert.is(r.path, 'direct');
  assert.ok(r.chargeMinutes >= 18 * 0.85 && r.chargeMinutes <= 18 * 1.15, `${r.chargeMinutes.toFixed(1)} min`);
  assert.ok(r.peakPackKw >= 220 && r.peakPackKw <= 240, `${r.peakPackKw.toFixed(0)} kW`);
  assert.ok(r.maxModuleTempC < 40, 'stays in the fast-charge window');
});

t('400 V pack on supercharger-v3: a 250 kW-class peak (C&D saw 201 kW), charged direct', () => {
  const r = calibrate('400V on supercharger-v3');
  assert.is(r.path, 'direct');
  assert.ok(r.peakChargerKw >= 200 && r.peakChargerKw <= 250, `${r.peakChargerKw.toFixed(0)} kW`);
  assert.ok(r.chargeMinutes > 15 && r.chargeMinutes < 28, `${r.chargeMinutes.toFixed(1)} min (Model 3: 0→80 % in 28)`);
  assert.ok(r.maxPinTempC < 75, `pins ${r.maxPinTempC.toFixed(1)} °C at ~650 A (above the 400 A NACS rating: derating territory)`);
});

t('800 V pack on supercharger-v3 goes through the boost converter, limited near 125 kW (Ioniq 9)', () => {
  const r = calibrate('800V on supercharger-v3');
  assert.is(r.path, 'boost');
  assert.ok(r.peakChargerKw >= 120 && r.peakChargerKw <= 130, `${r.peakChargerKw.toFixed(0)} kW`);
  assert.ok(r.meanPackKw > 100, 'held near the limit most of the way');
});

t.run();
