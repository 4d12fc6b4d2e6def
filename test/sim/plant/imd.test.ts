import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createImd } from '../../../sim/plant/imd.ts';
import { vehiclePreset } from '../../../sim/presets/index.ts';
import { createRandom } from '../../../sim/random.ts';
import { run } from './builders.ts';

const t = suite('sim/plant/imd');
const anImd = () => createImd(vehiclePreset('car-400v').imd, createRandom(1));

t('self-test for 10 s with no value, then a healthy megohm reading', () => {
  const imd = anImd();
  run(9_900, 100, () => imd.step(100));
  assert.is(imd.status, 'selfTest');
  assert.ok(Number.isNaN(imd.isolationOhm));
  run(200, 100, () => imd.step(100));
  assert.is(imd.status, 'ok');
  assert.ok(imd.isolationOhm > 1.5e6 && imd.isolationOhm < 11e6);
});

t('an isolation drop reaches fault after the measurement filter', () => {
  const imd = anImd();
  run(12_000, 100, () => imd.step(100));
  imd.dropIsolation(50e3);
  imd.step(100);
  assert.is(imd.status, 'ok', 'not instantly');
  run(10_000, 100, () => imd.step(100));
  assert.is(imd.status, 'fault');
  assert.ok(imd.isolationOhm < 60e3);
  imd.restoreIsolation();
  run(20_000, 100, () => imd.step(100));
  assert.is(imd.status, 'ok');
});

t('stands down while the charger measures, then needs a fresh measurement', () => {
  const imd = anImd();
  run(12_000, 100, () => imd.step(100));
  imd.cmd.standDown = true;
  imd.step(100);
  assert.is(imd.status, 'standby');
  assert.ok(Number.isNaN(imd.isolationOhm));
  imd.cmd.standDown = false;
  run(2_900, 100, () => imd.step(100));
  assert.is(imd.status, 'measuring');
  run(200, 100, () => imd.step(100));
  assert.is(imd.status, 'ok');
});

t.run();
