import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createBoost, type Boost } from '../../../sim/plant/boost.ts';
import { vehiclePreset } from '../../../sim/presets/index.ts';
import { near, run } from './builders.ts';

const t = suite('sim/plant/boost');
const params = vehiclePreset('car-800v').boost!;

/** A boost converter in boost mode on a 480 V bus into a 750 V link, taking what it accepts. */
function boosting(b: Boost, ms: number, coolantC = 30): void {
  run(ms, 10, () => {
    b.step(10, { coolantTempC: coolantC });
    b.applyOperatingPoint(480, b.acceptCurrentA, 750);
  });
}

t('the 800 V preset has a 125 kW boost (curves.md: Ioniq 9 on a V3, 126 kW); the 400 V preset none', () => {
  assert.is(params.maxPowerW, 125_000);
  assert.is(vehiclePreset('car-400v').boost, null);
  assert.is(vehiclePreset('car-800v', { boostMaxPowerKw: 225 }).boost!.maxPowerW, 225_000);
});

t('takes input current up to its power limit, outputs it at 97 % efficiency', () => {
  const b = createBoost(params, 30);
  b.cmd.mode = 'boost';
  b.cmd.inputCurrentLimitA = 1000;
  boosting(b, 5000);
  assert.is(b.status, 'boosting');
  near(b.inputCurrentA * 480, 125_000, 100, 'input power');
  near(b.outputCurrentA * 750, 125_000 * 0.97, 100, 'output power');
});

t('follows packpilot’s current limit, and needs its switch time before conducting', () => {
  const b = createBoost(params, 30);
  b.cmd.mode = 'boost';
  b.cmd.inputCurrentLimitA = 100;
  b.step(10, { coolantTempC: 30 });
  assert.is(b.status, 'switching');
  boosting(b, 3000);
  near(b.inputCurrentA, 100, 1e-6, 'limit');
});

t('derates with temperature when its cooling fails, trips at the end of the range', () => {
  const b = createBoost(params, 30);
  b.cmd.mode = 'boost';
  b.cmd.inputCurrentLimitA = 1000;
  boosting(b, 120_000, 30);
  assert.ok(b.temperatureC < 75, `normal cooling: ${b.temperatureC}`);
  boosting(b, 600_000, 70); // coolant far too hot
  assert.is(b.status, 'derating');
  assert.ok(b.deratedMaxPowerW < 125_000);
});

t('bypass conducts nothing through the converter', () => {
  const b = createBoost(params, 30);
  b.cmd.mode = 'bypass';
  boosting(b, 500);
  assert.is(b.mode, 'bypass');
  assert.is(b.acceptCurrentA, 0);
});

t.run();
