import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { packpilotCodec } from '../../../vehicle/can/index.ts';
import { aCar, startDcSession } from './builders.ts';

const t = suite('sim/nodes/shunt-node');

t('pack current every 10 ms (positive = charging) and the three voltages every 20 ms', () => {
  const rig = aCar({ initial: { socPct: 30 } }, true);
  startDcSession(rig, 100);
  rig.run(1000);
  const id = packpilotCodec().messageByName('SHUNT_Current')!.id;
  const times = rig.frames.filter((f) => f.frame.id === id).map((f) => f.frame.timestampMs);
  assert.ok(times.slice(1).every((tm, i) => tm - times[i]! === 10), 'one frame per 10 ms');
  assert.ok(Math.abs(rig.pp.read('SHUNT_PackCurrent') - 100) < 3);
  const truth = rig.car.truth();
  assert.ok(Math.abs(rig.pp.read('SHUNT_PackVoltage') - truth.packVoltageV) < 3);
  assert.ok(Math.abs(rig.pp.read('SHUNT_LinkVoltage') - truth.linkVoltageV) < 3);
  assert.ok(Math.abs(rig.pp.read('SHUNT_InletVoltage') - truth.inletVoltageV) < 3);
  assert.is(rig.pp.read('SHUNT_State'), 0);
});

t('shunt-offset adds its offset to the measured current only', () => {
  const rig = aCar();
  rig.run(500);
  const before = rig.pp.read('SHUNT_PackCurrent');
  rig.car.fault('shunt-offset', { valueA: 12 });
  rig.run(100);
  assert.ok(Math.abs(rig.pp.read('SHUNT_PackCurrent') - before - 12) < 1.5);
  assert.is(rig.car.truth().packCurrentA, 0);
});

t.run();
