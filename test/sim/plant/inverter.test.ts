import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createInverter, type InverterEnv } from '../../../sim/plant/inverter.ts';
import { vehiclePreset } from '../../../sim/presets/index.ts';
import { near, run } from './builders.ts';

const t = suite('sim/plant/inverter');
const params = vehiclePreset('car-400v').inverter;
const env = (over: Partial<InverterEnv> = {}): InverterEnv => ({
  demandL1W: 1000, demandL2W: 500, loadLeakageMa: 0.5, linkVoltageV: 360, coolantTempC: 25, ...over,
});

t('ramps on over ~1 s, then supplies 120 V legs at 60 Hz and draws DC at 90 % efficiency', () => {
  const inv = createInverter(params, 25);
  inv.cmd.enable = true;
  inv.step(500, env());
  assert.is(inv.status, 'starting');
  run(1000, 10, () => inv.step(10, env()));
  assert.is(inv.status, 'running');
  assert.equal(inv.legVoltageV, [120, 120]);
  near(inv.legCurrentA[0], 1000 / 120, 1e-9, 'L1');
  near(inv.dcInputW, 1500 / 0.9, 1e-6, 'DC');
  near(inv.dcCurrentA, 1500 / 0.9 / 360, 1e-9, 'DC current');
  assert.is(inv.frequencyHz, 60);
});

t('a 120 V outlet adapter wires one leg: every load on L1', () => {
  const inv = createInverter(params, 25);
  inv.legsWired = 1;
  inv.cmd.enable = true;
  run(2000, 10, () => inv.step(10, env()));
  near(inv.legPowerW[0], 1500, 1e-9, 'L1');
  assert.is(inv.legVoltageV[1], 0);
});

t('above its commanded limit the output sags; far above its rating it trips until re-enabled', () => {
  const inv = createInverter(params, 25);
  inv.cmd.enable = true;
  inv.cmd.powerLimitW = 1000;
  run(2000, 10, () => inv.step(10, env()));
  near(inv.outputPowerW, 1000, 1e-6, 'limited');
  assert.ok(inv.legVoltageV[0] < 120);
  inv.cmd.powerLimitW = 0;
  inv.step(10, env({ demandL1W: 30_000 }));
  assert.is(inv.fault, 'overload');
  inv.step(10, env());
  assert.is(inv.status, 'fault', 'latched');
  inv.cmd.enable = false;
  inv.step(10, env());
  inv.cmd.enable = true;
  run(2000, 10, () => inv.step(10, env()));
  assert.is(inv.status, 'running');
});

t('leakage: appliances’ own plus an injected ground fault, only while energised', () => {
  const inv = createInverter(params, 25);
  inv.cmd.enable = true;
  run(2000, 10, () => inv.step(10, env()));
  near(inv.leakageMa, 0.5, 1e-9, 'normal');
  inv.faults.leakageMa = 6;
  inv.step(10, env());
  near(inv.leakageMa, 6.5, 1e-9, 'fault');
  inv.cmd.enable = false;
  inv.step(10, env());
  assert.is(inv.leakageMa, 0);
});

t('warms with its losses', () => {
  const inv = createInverter(params, 25);
  inv.cmd.enable = true;
  run(600_000, 100, () => inv.step(100, env({ demandL1W: 4000, demandL2W: 4000 })));
  assert.ok(inv.temperatureC > 30);
});

t.run();
