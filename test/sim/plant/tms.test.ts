import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createTms, type TmsEnv } from '../../../sim/plant/tms.ts';
import { vehiclePreset } from '../../../sim/presets/index.ts';
import { near, run } from './builders.ts';

const t = suite('sim/plant/tms');
const aTms = (c = 20) => createTms(vehiclePreset('car-800v').tms, c);
const env: TmsEnv = { heatFromPackW: 0, heatFromOthersW: 0, ambientC: 20, hvAvailable: true };

t('the heater ramps to 6 kW and warms the coolant; HV draw includes its efficiency', () => {
  const tms = aTms(0);
  tms.cmd.heatW = 10_000;
  tms.cmd.pumpOn = true;
  run(5_000, 10, () => tms.step(10, { ...env, ambientC: 0 }));
  near(tms.heaterW, 6000, 1e-6, 'capped at 6 kW');
  near(tms.electricalW, 6000 / 0.98, 1e-6, 'HV draw (the pump is on 12 V)');
  const before = tms.coolantTempC;
  run(60_000, 100, () => tms.step(100, { ...env, ambientC: 0 }));
  assert.ok(tms.coolantTempC - before > 5);
});

t('the chiller removes up to 7 kW and fades out near its minimum coolant temperature', () => {
  const tms = aTms(35);
  tms.cmd.coolW = 7000;
  run(10_000, 10, () => tms.step(10, env));
  near(tms.chillerW, 7000, 1e-6, 'full');
  near(tms.electricalW, 7000 / 2.5, 1e-6, 'COP');
  run(3_600_000, 1000, () => tms.step(1000, env));
  assert.ok(tms.coolantTempC > 10 && tms.coolantTempC < 15, `settles above the 10 °C floor: ${tms.coolantTempC}`);
});

t('nothing runs without HV, and a failed heater delivers nothing', () => {
  const tms = aTms();
  tms.cmd.heatW = 6000;
  run(5_000, 10, () => tms.step(10, { ...env, hvAvailable: false }));
  assert.is(tms.heaterW, 0);
  tms.faults.heaterFailed = true;
  run(5_000, 10, () => tms.step(10, env));
  assert.is(tms.heaterW, 0);
});

t('HV lost: a running chiller stops at once and draws nothing from the link', () => {
  const tms = aTms(35);
  tms.cmd.coolW = 7000;
  run(10_000, 10, () => tms.step(10, env));
  near(tms.chillerW, 7000, 1e-6);
  tms.step(10, { ...env, hvAvailable: false });
  assert.is(tms.chillerW, 0);
  assert.is(tms.electricalW, 0, 'nothing left to drain a precharging link');
});

t('pack heat warms the loop', () => {
  const tms = aTms(25);
  run(60_000, 100, () => tms.step(100, { ...env, ambientC: 25, heatFromPackW: 5000 }));
  near(tms.coolantTempC, 25 + (5000 * 60) / 50_000, 0.3, 'energy balance');
});

t.run();
