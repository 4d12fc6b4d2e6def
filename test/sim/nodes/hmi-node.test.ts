import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { aCar } from './builders.ts';

const t = suite('sim/nodes/hmi-node');

t('sends the driver\'s requests as held levels; a reset press is held for 500 ms', () => {
  const rig = aCar();
  rig.run(300);
  assert.is(rig.pp.read('HMI_ChargeLimitSoc'), 80);
  assert.is(rig.pp.read('HMI_ChargeRequest'), 0);
  assert.is(rig.pp.read('HMI_MaxAcCurrent'), 127);
  assert.is(rig.pp.read('HMI_V2lSocFloor'), 20);
  rig.car.hmi({ chargeLimitPct: 90, start: true, maxAcCurrentA: 16, paymentMode: 'pnc', precondition: true, v2l: 'on', v2lFloorPct: 40 });
  rig.run(200);
  assert.is(rig.pp.read('HMI_ChargeLimitSoc'), 90);
  assert.is(rig.pp.read('HMI_ChargeRequest'), 1);
  assert.is(rig.pp.read('HMI_MaxAcCurrent'), 16);
  assert.is(rig.pp.read('HMI_PaymentPreference'), 2);
  assert.is(rig.pp.read('HMI_PreconditionRequest'), 1);
  assert.is(rig.pp.read('HMI_V2lRequest'), 1);
  assert.is(rig.pp.read('HMI_V2lSocFloor'), 40);
  assert.is(rig.pp.read('HMI_DepartureTime'), 2047);
  rig.car.hmi({ stop: true, v2lReset: true });
  rig.run(200);
  assert.is(rig.pp.read('HMI_ChargeRequest'), 2);
  assert.is(rig.pp.read('HMI_V2lReset'), 1);
  rig.run(500);
  assert.is(rig.pp.read('HMI_V2lReset'), 0);
  assert.is(rig.pp.read('HMI_V2lRequest'), 1, 'levels stay');
});

t('decodes what packpilot shows the driver (for reports)', () => {
  const rig = aCar();
  assert.is(rig.car.truth().display.limitingReason, null);
  rig.pp.set('HMI_ChargeStatus', {
    HMI_SessionPhase: 5, HMI_ChargePlan: 2, HMI_LimitingReason: 3, HMI_RefusalReason: 0, HMI_ChargePower: 120000,
    HMI_TimeTo80: 1023, HMI_TimeToLimit: 25,
  });
  rig.pp.set('HMI_Status', {
    HMI_Mode: 4, HMI_Soc: 102.3, HMI_ConnectorKind: 2, HMI_V2lState: 0, HMI_V2lRuntime: 8191, HMI_FaultCount: 0,
    HMI_WarnV2lNearFloor: 0, HMI_WarnPackCold: 0, HMI_WarnPackHot: 0, HMI_WarnInletHot: 1, HMI_WarnIsolation: 0, HMI_WarnDerating: 0,
  });
  rig.run(300);
  const d = rig.car.truth().display;
  assert.is(d.sessionPhase, 'ChargingDc');
  assert.is(d.chargePlan, 'Boost');
  assert.is(d.limitingReason, 'InletHot');
  assert.is(d.chargePowerW, 120000);
  assert.is(d.mode, 'ChargeDc');
  assert.is(d.connector, 'CcsToNacsAdapter');
  assert.ok(Number.isNaN(d.socPct), 'SNA is no value');
  rig.pp.silence();
  rig.run(1000);
  assert.is(rig.car.truth().display.limitingReason, null, 'stale: nothing shown');
});

t('the display follows every new frame and every timeout (it is decoded again only then)', () => {
  const rig = aCar();
  const status = (mode: number): Record<string, number> => ({
    HMI_Mode: mode, HMI_Soc: 50, HMI_ConnectorKind: 2, HMI_V2lState: 0, HMI_V2lRuntime: 8191, HMI_FaultCount: 0,
    HMI_WarnV2lNearFloor: 0, HMI_WarnPackCold: 0, HMI_WarnPackHot: 0, HMI_WarnInletHot: 0, HMI_WarnIsolation: 0, HMI_WarnDerating: 0,
  });
  rig.pp.set('HMI_Status', status(4));
  rig.run(300);
  assert.is(rig.car.truth().display.mode, 'ChargeDc');
  assert.is(rig.car.truth().display.mode, 'ChargeDc', 'same frame, same display');
  rig.pp.set('HMI_Status', status(0));
  rig.run(300);
  assert.is.not(rig.car.truth().display.mode, 'ChargeDc', 'a new value shows');
  assert.is(rig.car.truth().display.socPct, 50);
  rig.pp.silence('HMI_Status');
  rig.run(1000);
  assert.is(rig.car.truth().display.mode, null, 'stale: nothing shown');
  assert.ok(Number.isNaN(rig.car.truth().display.socPct));
});

t.run();
