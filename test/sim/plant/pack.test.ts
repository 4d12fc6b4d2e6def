import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { PackEnv } from '../../../sim/plant/pack.ts';
import { aPack, near, run } from './builders.ts';

const t = suite('sim/plant/pack');
const uncooled = (currentInA: number, tempC = 25): PackEnv => ({ currentInA, coolantTempC: tempC, pumpOn: false, ambientC: tempC });

t('presets match cells.md §5: topology, nominal voltage, energy, heat capacity, resistance', () => {
  const p4 = aPack({ vehicle: 'car-400v' });
  assert.is(p4.cellCount, 96);
  assert.is(p4.sensorCount, 32);
  near(p4.emfV, 349, 2, '400 V nominal (50 %)');
  near(p4.nominalEnergyWh / 1000, 75.4, 0.8, '400 V energy kWh');
  near(p4.heatCapacityJPerK / 1000, 392, 4, '400 V heat capacity kJ/K');
  near(p4.resistanceOhm, 0.7 * 0.0222 + 0.01, 0.001, '400 V: R0 (70 % of 22 mΩ) + 10 mΩ interconnect');
  const p8 = aPack({ vehicle: 'car-800v' });
  assert.is(p8.cellCount, 192);
  assert.is(p8.sensorCount, 64);
  near(p8.emfV, 698, 3, '800 V nominal');
  near(p8.nominalEnergyWh / 1000, 77.5, 0.8, '800 V energy kWh');
  near(p8.heatCapacityJPerK / 1000, 404, 4, '800 V heat capacity kJ/K');
});

t('each cell update leaves the terminal voltages and their extremes at the present current, as refreshCellVoltages() computes them', () => {
  const pack = aPack({ vehicle: 'car-800v' });
  for (const [currentA, tempC] of [[300, 25], [300, 25], [-150, 35], [0, 10]] as const) {
    for (let k = 0; k < 7; k++) pack.step(10, uncooled(currentA, tempC));
    const fused = Float64Array.from(pack.cellVoltageV);
    const [min, max] = [pack.cellVoltageMinV, pack.cellVoltageMaxV];
    pack.refreshCellVoltages();
    assert.equal(fused, pack.cellVoltageV);
    assert.equal([min, max], [pack.cellVoltageMinV, pack.cellVoltageMaxV]);
  }
});

t('full and empty OCV: 96 × 4.123 = 395.8 V at 100 %, 96 × 2.70 at 0 %', () => {
  const spread = { socSpreadPct: 0 };
  near(aPack({ socPct: 100, params: spread }).emfV, 395.8, 0.1, 'full');
  near(aPack({ socPct: 0, params: spread }).emfV, 259.2, 0.1, 'empty');
});

t('I²R heating uncooled: 400 V pack at 500 A ≈ +1.2 K/min, 800 V at 333 A ≈ +1.6 K/min (cells.md §5)', () => {
  for (const [vehicle, amps, kPerMin] of [['car-400v', 500, 1.2], ['car-800v', 333, 1.6]] as const) {
    const pack = aPack({ vehicle, socPct: 20 });
    run(120_000, 100, () => pack.step(100, uncooled(amps))); // polarisation settles
    const before = pack.meanTempC();
    run(60_000, 100, () => pack.step(100, uncooled(amps)));
    near(pack.meanTempC() - before, kPerMin, 0.1, vehicle);
    near(pack.heatW / 1000, vehicle === 'car-400v' ? 8.0 : 11.1, 0.3, `${vehicle} heat kW`);
  }
});

t('coulomb counting: 1C for 6 min adds 10 % to every cell', () => {
  const pack = aPack({ socPct: 40 });
  const before = pack.socPct;
  run(360_000, 10, () => pack.step(10, uncooled(216)));
  near(pack.socPct - before, 10, 0.15, 'SOC gain');
});

t('terminal voltage = emf + I × R, and cell voltages sum to it minus the interconnect drop', () => {
  const pack = aPack({ socPct: 50 });
  pack.step(10, uncooled(300));
  near(pack.terminalVoltageV, pack.emfV + 300 * pack.resistanceOhm, 1e-9, 'Thevenin');
  pack.refreshCellVoltages();
  const sum = pack.cellVoltageV.reduce((a, b) => a + b, 0);
  near(sum, pack.terminalVoltageV - 300 * pack.params.interconnectOhm, 1e-6, 'cells');
});

t('polarisation relaxes after the current stops (OCV correction needs rest)', () => {
  const pack = aPack({ socPct: 50 });
  run(60_000, 100, () => pack.step(100, uncooled(200)));
  const loaded = pack.emfV;
  pack.step(100, uncooled(0));
  const justStopped = pack.emfV;
  run(120_000, 100, () => pack.step(100, uncooled(0)));
  assert.ok(justStopped > pack.emfV + 0.5, 'emf falls back during rest');
  assert.ok(loaded >= justStopped);
});

t('cold cells have higher resistance (×2.2 at 0 °C)', () => {
  const warm = aPack({ tempC: 25 });
  const cold = aPack({ tempC: 0 });
  near(cold.cellResistanceOhm(3) / warm.cellResistanceOhm(3), 2.2, 1e-9, 'ratio');
});

t('coolant takes the heat: a cooled pack settles near coolant + heat / UA', () => {
  const pack = aPack({ socPct: 20, tempC: 25 });
  const env: PackEnv = { currentInA: 300, coolantTempC: 25, pumpOn: true, ambientC: 25 };
  run(3 * 3600_000, 1000, () => pack.step(1000, env));
  const ua = pack.params.coolantUaWPerK + pack.params.ambientUaWPerK;
  near(pack.meanTempC() - 25, pack.heatW / ua, 0.3, 'steady rise');
  const { minC, maxC } = pack.moduleTempRangeC();
  assert.ok(maxC - minC > 0.1, 'modules differ (cooling spread)');
});

t('spread: seeded, so the same seed builds the same cells and another seed other cells', () => {
  const a = aPack({ seed: 5 });
  const b = aPack({ seed: 5 });
  const c = aPack({ seed: 6 });
  assert.equal(Array.from(a.cellCapacityAh), Array.from(b.cellCapacityAh));
  assert.not.equal(Array.from(a.cellCapacityAh), Array.from(c.cellCapacityAh));
  const min = Math.min(...a.cellSocPct);
  const max = Math.max(...a.cellSocPct);
  assert.ok(max - min > 0.2 && max - min < 4, `SOC spread ${max - min}`);
});

t('the CV helper gives the current that puts the highest cell at the limit', () => {
  const pack = aPack({ socPct: 90 });
  const amps = pack.currentForCellVoltageA(4.2);
  pack.step(10, uncooled(amps));
  pack.refreshCellVoltages();
  near(pack.cellVoltageMaxV, 4.2, 0.002, 'max cell');
});

t('temperature sensors read their module with a small placement offset', () => {
  const pack = aPack({ tempC: 30 });
  for (let s = 0; s < pack.sensorCount; s++) near(pack.sensorTempC[s]!, pack.moduleTempC[pack.moduleOfSensor(s)]!, 1.5, `sensor ${s}`);
});

t.run();
