import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { aCar, closeMains } from './builders.ts';

const t = suite('sim/nodes/tms-node');

const request = (mode: number, targetC: number, maxW = 8000): Record<string, number> => ({
  TMS_ModeRequest: mode, TMS_TargetCoolantTemp: targetC, TMS_TargetPackTemp: targetC, TMS_MaxPower: maxW,
});

t('heats the coolant toward the target within the power allowed, and reports it', () => {
  const rig = aCar({ initial: { socPct: 50, cellTempC: 5 } });
  closeMains(rig);
  rig.pp.set('TMS_Request', request(1, 30, 3000));
  rig.run(20_000);
  assert.is(rig.pp.read('TMS_Mode'), 1);
  assert.ok(rig.pp.read('TMS_HeaterPower') <= 3000 + 10);
  assert.ok(rig.pp.read('TMS_HeaterPower') > 2500);
  assert.ok(rig.pp.read('TMS_CoolantInTemp') > 5.5);
  assert.is(rig.pp.read('TMS_FaultCode'), 0);
  assert.ok(rig.car.plant.tms.pumpRunning);
});

t('no valid request: own rules (no heating; cooling only when hot), CommandTimeout', () => {
  const rig = aCar({ initial: { socPct: 50, cellTempC: 5 } });
  closeMains(rig);
  rig.pp.set('TMS_Request', request(1, 30, 3000));
  rig.run(5000);
  rig.pp.silence('TMS_Request');
  rig.run(5000);
  assert.is(rig.car.plant.tms.cmd.heatW, 0);
  assert.is(rig.pp.read('TMS_FaultCode'), 6);
  rig.car.plant.tms.coolantTempC = 40;
  rig.run(1000);
  assert.ok(rig.car.plant.tms.cmd.coolW > 0, 'cools a hot loop by itself');
});

t.run();
