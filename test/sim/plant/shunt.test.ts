import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createShunt } from '../../../sim/plant/shunt.ts';
import { vehiclePreset } from '../../../sim/presets/index.ts';
import { createRandom } from '../../../sim/random.ts';
import { near, run } from './builders.ts';

const t = suite('sim/plant/shunt');
const env = { packCurrentInA: 200, packVoltageV: 700, linkVoltageV: 699, inletVoltageV: 0 };
const aShunt = (over: Partial<ReturnType<typeof vehiclePreset>['shunt']> = {}) =>
  createShunt({ ...vehiclePreset('car-800v').shunt, ...over }, createRandom(1));

t('reads current with gain error, offset and noise', () => {
  const s = aShunt({ currentGainErrorPct: 1, currentOffsetA: 0.5, currentNoiseA: 0.2 });
  let sum = 0;
  run(1000, 1, () => {
    s.step(1, env);
    near(s.currentA, 202.5, 0.21, 'single reading');
    sum += s.currentA;
  });
  near(sum / 1000, 202.5, 0.02, 'mean');
});

t('an injected offset adds (fault "shunt-offset"); stuck freezes', () => {
  const s = aShunt({ currentGainErrorPct: 0, currentOffsetA: 0, currentNoiseA: 0 });
  s.faults.extraOffsetA = 5;
  s.step(10, env);
  near(s.currentA, 205, 1e-9, 'offset');
  s.faults.currentStuck = true;
  s.step(10, { ...env, packCurrentInA: -100 });
  near(s.currentA, 205, 1e-9, 'stuck');
});

t('Ah and Wh counters integrate the measured values', () => {
  const s = aShunt({ currentGainErrorPct: 0, currentOffsetA: 0, currentNoiseA: 0, voltageGainErrorPct: 0, voltageNoiseV: 0 });
  run(3_600_000, 100, () => s.step(100, env));
  near(s.chargeAh, 200, 1e-6, 'Ah');
  near(s.energyWh, 140_000, 1e-3, 'Wh');
  assert.is(s.linkVoltageV, 699);
});

t.run();
