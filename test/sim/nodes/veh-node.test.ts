import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { aCar } from './builders.ts';

const t = suite('sim/nodes/veh-node');

t('does not leave Park while driving is inhibited or the interlock is missing; Park is always allowed', () => {
  const rig = aCar();
  rig.run(500);
  rig.car.gear('D');
  rig.run(300);
  assert.is(rig.pp.read('VEH_Gear'), 0, 'no interlock frame: inhibited');
  assert.is(rig.car.truth().gear, 'P');
  assert.is(rig.car.truth().gearRequest, 'P', 'the selector springs back');
  rig.pp.set('VEH_Interlock', { VEH_DriveInhibit: 1, VEH_Plugged: 1, VEH_InhibitReason: 1 });
  rig.run(300);
  rig.car.gear('D');
  rig.run(300);
  assert.is(rig.pp.read('VEH_Gear'), 0);
  rig.pp.set('VEH_Interlock', { VEH_DriveInhibit: 0, VEH_Plugged: 0, VEH_InhibitReason: 0 });
  rig.run(300);
  rig.car.gear('D');
  rig.run(300);
  assert.is(rig.pp.read('VEH_Gear'), 3);
  assert.is(rig.pp.read('VEH_Ready'), 1);
  assert.is(rig.car.truth().driveInhibited, false);
  rig.pp.set('VEH_Interlock', { VEH_DriveInhibit: 1 });
  rig.run(300);
  assert.is(rig.pp.read('VEH_Gear'), 3, 'an inhibit does not shift a moving car to P');
  assert.is(rig.pp.read('VEH_Ready'), 0);
  rig.car.gear('P');
  rig.run(300);
  assert.is(rig.pp.read('VEH_Gear'), 0);
  assert.is(rig.pp.read('VEH_Speed'), 0);
});

t.run();
