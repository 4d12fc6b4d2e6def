import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { aCar, bmsLimits, closeMains, runUntil, type Rig } from './builders.ts';

const t = suite('sim/nodes/inv-node');

const invCommand = (enable: number, limitW = 1900, reset = 0): Record<string, number> => ({
  INV_Enable: enable, INV_VoltageSetting: 1, INV_FrequencySetting: 0, INV_PowerLimit: limitW, INV_TripReset: reset,
});

/** V2L adapter plugged with a 1.5 kW space heater, mains closed, inverter enabled. */
function supplying(): Rig {
  const rig = aCar({ charger: null, load: 'space-heater', initial: { socPct: 70 } });
  bmsLimits(rig);
  rig.car.plug('v2l');
  closeMains(rig);
  rig.pp.set('INV_Command', invCommand(1));
  return rig;
}

t('starts (ramping over ~1 s) and supplies the load at 120 V 60 Hz', () => {
  const rig = supplying();
  rig.run(400);
  assert.is(rig.pp.read('INV_State'), 1, 'Starting');
  rig.run(1500);
  assert.is(rig.pp.read('INV_State'), 2, 'Supplying');
  assert.ok(Math.abs(rig.pp.read('INV_L1Voltage') - 120) < 0.5);
  assert.ok(Math.abs(rig.pp.read('INV_L1Power') - 1500) < 10);
  assert.ok(Math.abs(rig.pp.read('INV_Frequency') - 60) < 0.01);
  assert.ok(rig.pp.read('INV_DcCurrent') > 1, 'drawn from the pack');
  const truth = rig.car.truth();
  assert.ok(truth.v2lOn && Math.abs(truth.v2lOutputW - 1500) < 10 && truth.packCurrentA < 0);
});

t('INV_Command lost: output stops at once, CommandTimeout', () => {
  const rig = supplying();
  rig.run(2000);
  rig.pp.silence('INV_Command');
  const offAfter = runUntil(rig, () => rig.car.plant.inverter.outputPowerW === 0, 1000);
  assert.ok(offAfter <= 100 + 300 + 10, `off after ${offAfter} ms`);
  rig.run(200);
  assert.is(rig.pp.read('INV_State'), 0);
  assert.is(rig.pp.read('INV_TripReason'), 8);
  assert.is(rig.pp.reading('INV_Frequency').reason, 'sna');
});

t('no BMS_PowerLimits (counts as 0 W): no output', () => {
  const rig = supplying();
  rig.pp.silence('BMS_PowerLimits');
  rig.run(3000);
  assert.is(rig.car.plant.inverter.outputPowerW, 0);
});

t('a trip holds until INV_TripReset, even with the enable held on', () => {
  const rig = supplying();
  rig.run(2000);
  rig.car.plant.inverter.faults.failed = true;
  rig.run(300);
  assert.is(rig.pp.read('INV_State'), 5);
  assert.is(rig.pp.read('INV_TripReason'), 9);
  rig.car.plant.inverter.faults.failed = false;
  rig.run(2000);
  assert.is(rig.pp.read('INV_State'), 5, 'still tripped');
  rig.pp.set('INV_Command', invCommand(1, 1900, 1));
  assert.ok(runUntil(rig, () => rig.pp.read('INV_State') === 2, 3000) < Infinity, 'supplying again after the reset');
});

t('INV_TripReset with the output off clears the trip (packpilot resets before it enables again)', () => {
  const rig = supplying();
  rig.run(2000);
  rig.car.plant.inverter.faults.failed = true;
  rig.run(300);
  rig.car.plant.inverter.faults.failed = false;
  rig.pp.set('INV_Command', invCommand(0));
  rig.run(500);
  assert.is(rig.pp.read('INV_State'), 5, 'latched with the output off');
  rig.pp.set('INV_Command', invCommand(0, 1900, 1));
  assert.ok(runUntil(rig, () => rig.pp.read('INV_State') === 0, 1000) < Infinity, 'Off after the reset');
  rig.pp.set('INV_Command', invCommand(1));
  assert.ok(runUntil(rig, () => rig.pp.read('INV_State') === 2, 3000) < Infinity, 'supplying again when enabled');
});

t('a reset while the cause persists trips again', () => {
  const rig = supplying();
  rig.run(2000);
  rig.car.plant.inverter.faults.failed = true;
  rig.run(300);
  rig.pp.set('INV_Command', invCommand(0, 1900, 1));
  rig.run(500);
  assert.is(rig.pp.read('INV_State'), 5);
});

t.run();
