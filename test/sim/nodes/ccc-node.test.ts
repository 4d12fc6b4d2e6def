import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { PHASE, RESULT, aCar, ask, askUntil, runUntil, startDcSession } from './builders.ts';

const t = suite('sim/nodes/ccc-node');
const LINK = { noLink: 0, slacInProgress: 1, connected: 4, slacFailed: 5, connectionLost: 6 };

t('before a session: phase None, Idle, no link, and every EVSE value SNA', () => {
  const rig = aCar();
  rig.run(500);
  assert.is(rig.pp.read('CCC_PhaseReported'), PHASE.none);
  assert.is(rig.pp.read('CCC_PhaseResult'), RESULT.idle);
  assert.is(rig.pp.read('CCC_LinkState'), LINK.noLink);
  for (const s of ['CCC_EvseStatusCode', 'CCC_EvseIsolationStatus', 'CCC_EvsePresentVoltage', 'CCC_EvsePresentCurrent',
    'CCC_EvseMaxVoltage', 'CCC_EvseMaxCurrent', 'CCC_EvseMaxPower', 'CCC_EvseMinVoltage']) {
    assert.is(rig.pp.reading(s).reason, 'sna', s);
  }
});

t('walks SessionSetup, authorization and ChargeParameterDiscovery with the charger\'s response times', () => {
  const rig = aCar();
  rig.car.plug();
  rig.run(100);
  ask(rig, PHASE.sessionSetup);
  rig.run(300);
  assert.is(rig.pp.read('CCC_PhaseResult'), RESULT.ongoing);
  assert.is(rig.pp.read('CCC_LinkState'), LINK.slacInProgress);
  const setupMs = runUntil(rig, () => rig.pp.read('CCC_PhaseResult') === RESULT.ok, 12_000) + 400;
  // 5 % PWM after 0.5 s, then 3-8 s (SLAC, SDP, setup, EIM), plus CAN cycles.
  assert.ok(setupMs >= 3000 && setupMs <= 500 + 8000 + 150, `SessionSetup took ${setupMs} ms`);
  assert.is(rig.pp.read('CCC_LinkState'), LINK.connected);
  assert.is(rig.pp.read('CCC_Protocol'), 2, 'ISO 15118-2 on a CCS1 station');
  assert.is(rig.pp.read('CCC_EvseStatusCode'), 1, 'EVSE_Ready');
  // The payment options come with ServiceDiscovery, right after SessionSetup: packpilot chooses
  // one before it asks for authorization.
  assert.is(rig.pp.read('CCC_EimOffered'), 1, 'EIM offered once the session is set up');
  const authMs = askUntil(rig, PHASE.auth, RESULT.ok, 2000);
  assert.ok(authMs <= 400 + 100, `authorization took ${authMs} ms`);
  assert.is(rig.pp.read('CCC_EimOffered'), 1);
  assert.is(rig.pp.read('CCC_PncOffered'), 1);
  assert.is(rig.pp.reading('CCC_EvseMaxCurrent').reason, 'sna', 'limits unknown before ChargeParameterDiscovery');
  const cpdMs = askUntil(rig, PHASE.cpd, RESULT.ok, 3000);
  assert.ok(cpdMs >= 200 && cpdMs <= 1500 + 150, `ChargeParameterDiscovery took ${cpdMs} ms`);
  rig.run(100);
  // hpc-350 (reference/chargers.md §1: ≈150-920 V, ≈500 A, 350 kW).
  assert.is(rig.pp.read('CCC_EvseMaxVoltage'), 920);
  assert.is(rig.pp.read('CCC_EvseMaxCurrent'), 500);
  assert.is(rig.pp.read('CCC_EvseMaxPower'), 350000);
  assert.is(rig.pp.read('CCC_EvseMinVoltage'), 150);
  assert.is(rig.pp.reading('CCC_EvseCurrentRegulationTolerance').reason, 'sna', 'optional field not sent');
});

t('EVSE limits follow the charger profile (supercharger-v3: 500 V, 680 A, 250 kW; DIN 70121)', () => {
  const rig = aCar({ charger: 'supercharger-v3' });
  rig.car.plug();
  rig.run(100);
  askUntil(rig, PHASE.sessionSetup, RESULT.ok, 12_000);
  assert.is(rig.pp.read('CCC_Protocol'), 1);
  askUntil(rig, PHASE.cpd, RESULT.ok, 3000);
  rig.run(100);
  assert.is(rig.pp.read('CCC_EvseMaxVoltage'), 500);
  assert.is(rig.pp.read('CCC_EvseMaxCurrent'), 680);
  assert.is(rig.pp.read('CCC_EvseMaxPower'), 250000);
});

t('an out-of-order request is answered with SequenceError', () => {
  const rig = aCar();
  rig.car.plug();
  rig.run(1000);
  const ms = askUntil(rig, PHASE.cpd, RESULT.sequenceError, 3000);
  assert.ok(ms < Infinity);
});

t('cable check reports IsolationMonitoringActive while it runs, then Valid isolation and Ok', () => {
  const rig = aCar({ charger: { preset: 'hpc-350', quirks: { cableCheckS: 4 } } });
  rig.car.plug();
  rig.run(100);
  askUntil(rig, PHASE.sessionSetup, RESULT.ok, 12_000);
  askUntil(rig, PHASE.cpd, RESULT.ok, 3000);
  rig.pp.set('INLET_Command', { INLET_LockRequest: 1, INLET_CpStateRequest: 1, INLET_LedColour: 0, INLET_LedPattern: 0 });
  ask(rig, PHASE.cableCheck);
  rig.run(1000);
  assert.is(rig.pp.read('CCC_PhaseResult'), RESULT.ongoing);
  assert.is(rig.pp.read('CCC_EvseStatusCode'), 4);
  assert.ok(rig.car.truth().inletVoltageV > 100, 'test voltage on the pins');
  const ms = runUntil(rig, () => rig.pp.read('CCC_PhaseResult') === RESULT.ok, 15_000) + 1000;
  assert.ok(ms >= 4000, `cable check took ${ms} ms`);
  assert.is(rig.pp.read('CCC_EvseIsolationStatus'), 1);
  assert.ok(rig.car.truth().inletVoltageV < 60, 'discharged before Ok');
});

t('PreCharge is a loop the EV ends: Ongoing until the first PreChargeRes, then Ok per answer while the output rises', () => {
  const rig = aCar();
  rig.car.plug();
  rig.run(100);
  askUntil(rig, PHASE.sessionSetup, RESULT.ok, 12_000);
  askUntil(rig, PHASE.cpd, RESULT.ok, 3000);
  rig.pp.set('INLET_Command', { INLET_LockRequest: 1, INLET_CpStateRequest: 1, INLET_LedColour: 0, INLET_LedPattern: 0 });
  askUntil(rig, PHASE.cableCheck, RESULT.ok, 20_000);
  const packV = rig.car.plant.pack.terminalVoltageV;
  ask(rig, PHASE.preCharge, packV, 1);
  runUntil(rig, () => rig.pp.read('CCC_PhaseReported') === PHASE.preCharge, 500);
  assert.is(rig.pp.read('CCC_PhaseResult'), RESULT.ongoing, 'no PreChargeRes yet');
  const okMs = runUntil(rig, () => rig.pp.read('CCC_PhaseReported') === PHASE.preCharge && rig.pp.read('CCC_PhaseResult') === RESULT.ok, 1000);
  assert.ok(okMs <= 200 + 100, `first PreChargeRes reported Ok after ${okMs} ms`);
  assert.ok(rig.car.truth().inletVoltageV < packV - 50, 'still rising: Ok is per answer, not "matched"');
  runUntil(rig, () => Math.abs(rig.pp.read('CCC_EvsePresentVoltage') - packV) < 5, 10_000);
  assert.is(rig.pp.read('CCC_PhaseResult'), RESULT.ok);
});

t('a full start delivers the requested current; EVSE present values follow the output', () => {
  const rig = aCar({ initial: { socPct: 30 } });
  startDcSession(rig, 150);
  rig.run(2000);
  assert.is(rig.pp.read('CCC_PhaseReported'), PHASE.currentDemand);
  // CurrentDemandRes has no EVSEProcessing: each answer is reported Ok (inlet/dc/README.md).
  assert.is(rig.pp.read('CCC_PhaseResult'), RESULT.ok);
  const truth = rig.car.truth();
  assert.ok(truth.chargerDelivering);
  assert.is(truth.path, 'direct');
  assert.ok(Math.abs(truth.packCurrentA - 150) < 5, `${truth.packCurrentA} A`);
  assert.ok(Math.abs(rig.pp.read('CCC_EvsePresentCurrent') - 150) < 5);
  assert.ok(Math.abs(rig.pp.read('CCC_EvsePresentVoltage') - truth.inletVoltageV) < 5);
});

t('packpilot silent mid-session: the CCC asks 0 A, stops power delivery and ends the session by itself', () => {
  const rig = aCar({ initial: { socPct: 30 } });
  startDcSession(rig, 150);
  rig.pp.silence('CCC_EvRequest');
  const stopMs = runUntil(rig, () => rig.pp.read('CCC_PhaseReported') === PHASE.powerDeliveryStop, 1000);
  assert.ok(stopMs <= 150 + 50 + 20, `PowerDelivery(stop) after ${stopMs} ms`);
  assert.ok(runUntil(rig, () => rig.car.plant.dcCharger!.outputCurrentA < 1, 3000) < Infinity, 'current gone');
  const endMs = runUntil(rig, () => rig.pp.read('CCC_PhaseReported') === PHASE.sessionStop && rig.pp.read('CCC_PhaseResult') === RESULT.ok, 5000);
  assert.ok(endMs < Infinity, 'SessionStop Ok');
  assert.is(rig.pp.read('CCC_LinkState'), LINK.noLink);
});

t('charger communication lost during CurrentDemand: Timeout after 1 s, then ConnectionLost', () => {
  const rig = aCar({ initial: { socPct: 30 } });
  startDcSession(rig, 100);
  rig.car.quirk('commLossAtS', 0);
  const timeoutMs = runUntil(rig, () => rig.pp.read('CCC_PhaseResult') === RESULT.timeout, 3000);
  assert.ok(timeoutMs >= 1000 && timeoutMs <= 1000 + 100 + 60, `Timeout after ${timeoutMs} ms`);
  const lostMs = runUntil(rig, () => rig.pp.read('CCC_PhaseResult') === RESULT.connectionLost, 5000) + timeoutMs;
  assert.ok(lostMs >= 3000 && lostMs <= 3000 + 100, `ConnectionLost after ${lostMs} ms`);
  assert.is(rig.pp.read('CCC_LinkState'), LINK.connectionLost);
});

t('no DC charger at the other end: SLAC runs, then gives up with Timeout and SlacFailed', () => {
  const rig = aCar({ charger: 'ac-l2-32' });
  rig.car.plug();
  ask(rig, PHASE.sessionSetup);
  rig.run(1000);
  assert.is(rig.pp.read('CCC_PhaseReported'), PHASE.sessionSetup);
  assert.is(rig.pp.read('CCC_PhaseResult'), RESULT.ongoing);
  assert.is(rig.pp.read('CCC_LinkState'), LINK.slacInProgress);
  rig.run(20_000);
  assert.is(rig.pp.read('CCC_PhaseResult'), RESULT.timeout);
  assert.is(rig.pp.read('CCC_LinkState'), LINK.slacFailed);
});

t('Plug & Charge asked where it is not offered: authorization Failed', () => {
  const rig = aCar({ charger: 'supercharger-v3' });
  rig.car.plug();
  rig.run(100);
  askUntil(rig, PHASE.sessionSetup, RESULT.ok, 12_000);
  ask(rig, PHASE.auth);
  rig.pp.set('CCC_EvStatus', { CCC_PaymentMode: 1 });
  assert.ok(runUntil(rig, () => rig.pp.read('CCC_PhaseResult') === RESULT.failed, 2000) < Infinity);
  assert.is(rig.pp.read('CCC_PhaseReported'), PHASE.auth);
  assert.is(rig.pp.read('CCC_PncOffered'), 0);
});

t.run();
