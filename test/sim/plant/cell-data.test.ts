import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CHEMISTRY, OcvCurve, resistanceMultiplier } from '../../../sim/plant/cell-data.ts';

const t = suite('sim/plant/cell-data');
const nmc = new OcvCurve(CHEMISTRY.nmc.ocv);
const lfp = new OcvCurve(CHEMISTRY.lfp.ocv);
const near = (a: number, b: number, tol: number, what: string): void => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);

t('NMC A OCV endpoints and table points (cells.md §1, 0 % = 2.70 V)', () => {
  near(nmc.voltageV(0), 2.7, 1e-9, '0 %');
  near(nmc.voltageV(1), 2.716, 1e-9, '1 %');
  near(nmc.voltageV(50), 3.636, 1e-9, '50 %');
  near(nmc.voltageV(80), 3.939, 1e-9, '80 %');
  near(nmc.voltageV(100), 4.123, 1e-9, '100 %');
  near(nmc.voltageV(52.5), (3.636 + 3.683) / 2, 1e-9, 'between points');
});

t('LFP OCV endpoints (cells.md §1)', () => {
  near(lfp.voltageV(0), 2.833, 1e-9, '0 %');
  near(lfp.voltageV(100), 3.392, 1e-9, '100 %');
});

t('OCV keeps rising past 100 % and falling below 0 % so abuse shows in the voltage', () => {
  assert.ok(nmc.voltageV(102) > nmc.voltageV(100));
  assert.ok(nmc.voltageV(-2) < nmc.voltageV(0));
  assert.ok(nmc.voltageV(-1000) >= 0);
});

t('OCV is monotonic and socPct inverts it', () => {
  for (let s = 0; s < 100; s += 0.5) assert.ok(nmc.voltageV(s + 0.5) >= nmc.voltageV(s));
  near(nmc.socPct(nmc.voltageV(37.3)), 37.3, 1e-6, 'inverse');
});

t('mean NMC OCV is the cells.md ~3.64 V', () => near(nmc.meanV(), 3.63, 0.015, 'mean'));

t('resistance multiplier follows the cells.md §4 PD table and clamps outside it', () => {
  near(resistanceMultiplier(25), 1.0, 1e-9, '25 °C');
  near(resistanceMultiplier(0), 2.2, 1e-9, '0 °C');
  near(resistanceMultiplier(-20), 4.5, 1e-9, '−20 °C');
  near(resistanceMultiplier(45), 0.9, 1e-9, '45 °C');
  near(resistanceMultiplier(-30), 4.5, 1e-9, 'below');
  near(resistanceMultiplier(60), 0.9, 1e-9, 'above');
  near(resistanceMultiplier(5), 1.85, 1e-9, 'between');
});

t.run();
