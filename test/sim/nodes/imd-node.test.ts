import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { aCar, runUntil } from './builders.ts';

const t = suite('sim/nodes/imd-node');

t('self-tests after power-up, then measures a healthy insulation (2-10 MΩ)', () => {
  const rig = aCar();
  rig.run(1000);
  assert.is(rig.pp.read('IMD_State'), 3, 'SelfTest');
  assert.is(rig.pp.reading('IMD_IsolationResistance').reason, 'sna');
  rig.run(10_000);
  assert.is(rig.pp.read('IMD_State'), 0);
  const kOhm = rig.pp.read('IMD_IsolationResistance');
  assert.ok(kOhm >= 1900 && kOhm <= 10_500, `${kOhm} kΩ`);
});

t('stands down on request (no value), and measures again once the request stops', () => {
  const rig = aCar();
  rig.run(11_000);
  rig.pp.set('IMD_Command', { IMD_Request: 1 });
  rig.run(500);
  assert.is(rig.pp.read('IMD_State'), 4, 'StoodDown');
  assert.is(rig.pp.reading('IMD_IsolationResistance').reason, 'sna');
  rig.pp.silence('IMD_Command');
  assert.ok(runUntil(rig, () => rig.pp.read('IMD_State') === 5, 1000) <= 300 + 100 + 20, 'measuring again after the timeout');
  assert.ok(runUntil(rig, () => rig.pp.read('IMD_State') === 0, 5000) < Infinity);
});

t('isolation-drop: the filtered reading falls to the fault level within a few seconds', () => {
  const rig = aCar();
  rig.run(11_000);
  rig.car.fault('isolation-drop', { ohm: 50e3 });
  assert.ok(runUntil(rig, () => rig.pp.read('IMD_State') === 2, 20_000) < 20_000);
  rig.run(20_000);
  assert.ok(Math.abs(rig.pp.read('IMD_IsolationResistance') - 50) < 5);
  assert.is(rig.car.truth().isolationOhm, 50e3);
});

t.run();
