// The power limit: min(inverter, adapter, battery × efficiency), thermal derate, floor taper.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { selectOutput } from '../../v2l/output-select.ts';
import { batteryPowerW, computePowerLimit } from '../../v2l/power-limit.ts';
import { DEFAULT_V2L_CONFIG, OUTPUT_PRESETS } from '../../v2l/presets.ts';
import type { BmsData } from '../../v2l/types.ts';
import { OUTLET_120, SPLIT_DEVICE } from './builders.ts';

const t = suite('v2l power limit');
const cfg = DEFAULT_V2L_CONFIG;
const bms = (o: Partial<BmsData> = {}): BmsData => ({
  socPct: 60, dischargeCurrentLimitA: 300, packVoltageV: 400, energyCapacityWh: 77_500, mainContactorsClosed: true, ...o,
});
const split = selectOutput(OUTPUT_PRESETS['240-split'], SPLIT_DEVICE)!;
const outlet = selectOutput(OUTPUT_PRESETS['240-split'], OUTLET_120)!;
const near = (a: number, b: number) => Math.abs(a - b) < 1e-6;

t('battery term: discharge limit × pack voltage × efficiency', () => {
  assert.ok(near(batteryPowerW(bms({ dischargeCurrentLimitA: 10, packVoltageV: 400 }), cfg), 3600));
});
t('the inverter rating limits a split-phase device on a strong pack', () => {
  const l = computePowerLimit(split, bms(), 40, 20, cfg);
  assert.equal([l.powerLimitW, l.reason], [9600, 'inverter']);
});
t('the adapter rating limits a 120 V outlet adapter', () => {
  const l = computePowerLimit(outlet, bms(), 40, 20, cfg);
  assert.equal([l.powerLimitW, l.reason], [1920, 'adapter']);
});
t('a low BMS discharge limit limits', () => {
  const l = computePowerLimit(split, bms({ dischargeCurrentLimitA: 10 }), 40, 20, cfg);
  assert.ok(near(l.powerLimitW, 3600));
  assert.is(l.reason, 'battery');
});
t('a hot inverter derates (87.5 °C → 65 %)', () => {
  const l = computePowerLimit(split, bms(), 87.5, 20, cfg);
  assert.ok(near(l.powerLimitW, 9600 * 0.65));
  assert.is(l.reason, 'inverter-temperature');
});
t('unknown inverter temperature: no derate', () => {
  assert.is(computePowerLimit(split, bms(), null, 20, cfg).powerLimitW, 9600);
});
t('near the floor the power shown as available narrows smoothly to half; the limit in force does not', () => {
  const at = (soc: number) => computePowerLimit(split, bms({ socPct: soc }), 40, 20, cfg);
  assert.is(at(21).availablePowerW, 9600);
  assert.ok(near(at(20.5).availablePowerW, 9600 * 0.75));
  assert.ok(near(at(20).availablePowerW, 9600 * 0.5));
  assert.is(at(20.5).powerLimitW, 9600);
  assert.is(at(20.5).reason, 'inverter');
  let last = 9600;
  for (let soc = 21; soc >= 20; soc -= 0.01) {
    const w = at(soc).availablePowerW;
    assert.ok(w <= last + 1e-9 && last - w < 100, `step at ${soc.toFixed(2)} %`);
    last = w;
  }
});

t.run();
