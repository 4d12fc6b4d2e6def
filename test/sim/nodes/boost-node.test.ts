import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { aCar, runUntil, startDcSession } from './builders.ts';

const t = suite('sim/nodes/boost-node');

t('bypass on an 800 V charger: the DC current flows straight through and is reported on both sides', () => {
  const rig = aCar({ initial: { socPct: 30 } });
  startDcSession(rig, 120);
  rig.run(500);
  assert.is(rig.pp.read('BOOST_Mode'), 1);
  assert.ok(Math.abs(rig.pp.read('BOOST_InputCurrent') - 120) < 5);
  assert.ok(Math.abs(rig.pp.read('BOOST_OutputCurrent') - 120) < 5);
  assert.is(rig.car.truth().path, 'direct');
});

t('boost on a 500 V charger: the bus stays at the charger, the pack gets the power at its own voltage', () => {
  const rig = aCar({ charger: 'supercharger-v3', initial: { socPct: 30 } });
  startDcSession(rig, 200, { boostBusV: 450 });
  rig.run(2000);
  const truth = rig.car.truth();
  assert.is(truth.path, 'boost');
  assert.is(rig.pp.read('BOOST_Mode'), 2);
  assert.ok(Math.abs(rig.pp.read('BOOST_InputVoltage') - 450) < 10, `${rig.pp.read('BOOST_InputVoltage')} V in`);
  assert.ok(rig.pp.read('BOOST_OutputVoltage') > 650);
  const inW = rig.pp.read('BOOST_InputVoltage') * rig.pp.read('BOOST_InputCurrent');
  const outW = rig.pp.read('BOOST_OutputVoltage') * rig.pp.read('BOOST_OutputCurrent');
  assert.ok(Math.abs(outW / inW - 0.97) < 0.02, `efficiency ${outW / inW}`);
  assert.ok(rig.pp.read('BOOST_MaxPowerAvailable') > 100000);
});

t('the output-current limit and a lost BMS limit frame cap the converter through its input current', () => {
  const rig = aCar({ charger: 'supercharger-v3', initial: { socPct: 30 } });
  startDcSession(rig, 200, { boostBusV: 450 });
  rig.pp.set('BOOST_Command', { BOOST_OutputCurrentLimit: 60 });
  rig.run(2000);
  assert.ok(Math.abs(rig.pp.read('BOOST_OutputCurrent') - 60) < 3, `${rig.pp.read('BOOST_OutputCurrent')} A out`);
  rig.pp.silence('BMS_CurrentLimits');
  rig.run(2000);
  assert.ok(rig.pp.read('BOOST_OutputCurrent') < 1, 'a lost BMS_CurrentLimits counts as 0 A');
});

t('BOOST_Command lost: the converter ramps its current to 0, then turns off and says why', () => {
  const rig = aCar({ charger: 'supercharger-v3', initial: { socPct: 30 } });
  startDcSession(rig, 200, { boostBusV: 450 });
  rig.run(1000);
  rig.pp.silence('BOOST_Command');
  const dropAfter = runUntil(rig, () => rig.car.plant.boost!.inputCurrentA < 190, 3000);
  assert.ok(dropAfter >= 150, `held until the command is stale (${dropAfter} ms)`);
  const rampMs = runUntil(rig, () => rig.car.plant.boost!.inputCurrentA < 1, 3000);
  assert.ok(rampMs >= 500 && rampMs < 2000, `ramped down over ${rampMs} ms (model: 200 A/s), not cut`);
  const offAfter = runUntil(rig, () => rig.car.plant.boost!.mode === 'off', 3000);
  assert.ok(offAfter < Infinity);
  rig.run(200);
  assert.is(rig.pp.read('BOOST_Mode'), 0);
  assert.is(rig.pp.read('BOOST_FaultCode'), 7);
  assert.ok(rig.car.plant.boost!.inputCurrentA < 1);
});

t.run();
