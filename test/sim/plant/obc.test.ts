import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createObc } from '../../../sim/plant/obc.ts';
import { vehiclePreset } from '../../../sim/presets/index.ts';
import { near, run } from './builders.ts';

const t = suite('sim/plant/obc');
const env = { acVoltageV: 240, linkVoltageV: 360 };

t('ramps to the setpoint at 10 A/s, capped at 48 A / 11.5 kW, 93 % efficient', () => {
  const obc = createObc(vehiclePreset('car-400v').obc);
  obc.cmd.enable = true;
  obc.cmd.acCurrentSetpointA = 80;
  run(1000, 10, () => obc.step(10, env));
  near(obc.acCurrentA, 10, 0.01, 'after 1 s');
  run(10_000, 10, () => obc.step(10, env));
  near(obc.acCurrentA, 11_500 / 240, 0.01, 'power cap');
  near(obc.dcPowerW, 11_500 * 0.93, 1, 'DC out');
  near(obc.dcCurrentA, (11_500 * 0.93) / 360, 0.01, 'DC current');
  assert.is(obc.status, 'running');
});

t('losing AC stops the draw at once; disabled it is off', () => {
  const obc = createObc(vehiclePreset('car-400v').obc);
  obc.cmd.enable = true;
  obc.cmd.acCurrentSetpointA = 16;
  run(3000, 10, () => obc.step(10, env));
  obc.step(10, { ...env, acVoltageV: 0 });
  assert.is(obc.acCurrentA, 0);
  assert.is(obc.status, 'waitingAc');
  obc.cmd.enable = false;
  obc.step(10, env);
  assert.is(obc.status, 'off');
});

t.run();
