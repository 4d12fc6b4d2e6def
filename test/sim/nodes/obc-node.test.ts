import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { aCar, bmsLimits, closeMains, pduCommand, runUntil, type Rig } from './builders.ts';

const t = suite('sim/nodes/obc-node');

function obcCommand(setpointA: number, enable = 1): Record<string, number> {
  return { OBC_Enable: enable, OBC_AcCurrentSetpoint: setpointA, OBC_DcVoltageLimit: 806, OBC_DcCurrentLimit: 40, OBC_FaultReset: 0 };
}

/** AC charging on a 48 A wall unit: mains closed, OBC relay closed, S2 closed, OBC enabled. */
function acCharging(setpointA: number): Rig {
  const rig = aCar({ charger: 'ac-l2-48', initial: { socPct: 40 } });
  bmsLimits(rig);
  rig.car.plug();
  closeMains(rig);
  rig.pp.set('PDU_Command', pduCommand({ main: true, obc: true }));
  rig.pp.set('INLET_Command', { INLET_LockRequest: 1, INLET_CpStateRequest: 1, INLET_LedColour: 0, INLET_LedPattern: 0 });
  rig.pp.set('OBC_Command', obcCommand(setpointA));
  return rig;
}

t('follows the AC setpoint with its soft start once the EVSE closes, and reports AC and DC sides', () => {
  const rig = acCharging(32);
  rig.run(1000);
  assert.is(rig.pp.read('OBC_State'), 1, 'Standby until AC appears (EVSE contactor after 1 s in C)');
  const rampMs = runUntil(rig, () => rig.car.plant.obc.acCurrentA > 31.9, 10_000);
  assert.ok(rampMs >= 2500 && rampMs <= 5000, `32 A after ${rampMs} ms (model: 10 A/s)`);
  rig.run(200);
  assert.is(rig.pp.read('OBC_State'), 2);
  assert.ok(Math.abs(rig.pp.read('OBC_AcCurrent') - 32) < 0.2);
  assert.is(rig.pp.read('OBC_AcVoltage'), 240);
  assert.is(rig.pp.read('OBC_RelayState'), 2, 'NotOwned: the PDU owns the relay');
  assert.ok(Math.abs(rig.pp.read('OBC_DcCurrent') * rig.pp.read('OBC_DcVoltage') - 0.93 * 240 * 32) < 100);
  assert.ok(rig.car.truth().chargerDelivering);
  assert.ok(rig.car.truth().packCurrentA > 5);
});

t('the DC current limit caps the AC draw through the power balance', () => {
  const rig = acCharging(48);
  rig.pp.set('OBC_Command', { OBC_DcCurrentLimit: 5 });
  rig.run(8000);
  const dcA = rig.pp.read('OBC_DcCurrent');
  assert.ok(dcA <= 5.05 && dcA > 4.5, `${dcA} A DC`);
});

t('OBC_Command lost: ramps to 0 A, then turns off, reporting CommandTimeout', () => {
  const rig = acCharging(32);
  runUntil(rig, () => rig.car.plant.obc.acCurrentA > 31.9, 10_000);
  rig.pp.silence('OBC_Command');
  rig.run(300 + 100 + 500);
  const midA = rig.car.plant.obc.acCurrentA;
  assert.ok(midA > 10 && midA < 32, `ramping down, not cut: ${midA} A`);
  assert.ok(runUntil(rig, () => !rig.car.plant.obc.cmd.enable, 6000) < Infinity, 'off');
  rig.run(200);
  assert.is(rig.pp.read('OBC_State'), 0);
  assert.is(rig.pp.read('OBC_FaultCode'), 7);
  assert.is(rig.car.plant.obc.acCurrentA, 0);
});

t('a lost heartbeat makes it safe as well', () => {
  const rig = acCharging(20);
  runUntil(rig, () => rig.car.plant.obc.acCurrentA > 19.9, 10_000);
  rig.pp.silence('PP_Heartbeat');
  assert.ok(runUntil(rig, () => rig.car.plant.obc.acCurrentA === 0, 5000) < Infinity);
});

t.run();
