// The whole step: outputs of a healthy pack, and the safety reactions end to end.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { bmsStep, createBmsState, mainPathPhase } from '../../bms/step.ts';
import { pack400v, pack800v } from '../../bms/presets.ts';
import type { BmsRequests } from '../../bms/io.ts';
import { aBmsInput, aCells, BmsRig, type InputOptions } from './builders.ts';

const t = suite('bms/step');
const PACK_V = 3.7 * 96;

function tickWith(rig: BmsRig, o: InputOptions & { requests?: Partial<BmsRequests> } = {}) {
  const cmd = rig.last?.outputs.contactorCommands;
  return rig.tick(aBmsInput({ feedback: rig.following(), linkV: cmd?.precharge || cmd?.mainPos ? PACK_V : 0, ...o }));
}

function closedRig(o: InputOptions = {}): BmsRig {
  const rig = new BmsRig(pack400v, { socPct: 50, capacityAh: 216, uncertaintyPct: 2 });
  for (let k = 0; k < 30; k++) tickWith(rig, { ...o, requests: { mainClose: true } });
  assert.is(rig.out.mainState, 'closed');
  return rig;
}

t('a healthy pack at rest: limits, SOC, extremes, nothing active', () => {
  const r = bmsStep(createBmsState(pack800v, { socPct: 50, capacityAh: 111, uncertaintyPct: 2 }), aBmsInput({ cfg: pack800v, cellV: 3.636, tempC: 25 }), 10);
  const o = r.outputs;
  assert.ok(o.chargeCurrentLimitA > 0 && o.dischargeCurrentLimitA > 0);
  assert.ok(o.chargePowerLimitW > 0 && o.dischargePowerLimitW > 0);
  assert.ok(o.chargeAllowed && o.driveAllowed && !o.criticalFault);
  assert.ok(Math.abs(o.socPct - 50) < 0.1);
  assert.is(o.sohPct, 100);
  assert.is(o.cellVoltageMaxV, 3.636);
  assert.is(o.cellImbalanceMv, 0);
  assert.is(o.invalidCellVoltageCount, 0);
  assert.equal(o.faults, []);
  assert.equal(o.warnings, []);
  assert.is(o.mainState, 'open');
  assert.is(o.tmsRequest.mode, 'off');
  assert.ok(Math.abs(o.packVoltageV - 3.636 * 192) < 1e-6);
  assert.is(o.isolationState, 'ok');
  assert.ok(Math.abs(o.maxChargeVoltageV - 4.2 * 192) < 1e-9);
  assert.ok(Math.abs(o.minDischargeVoltageV - 3.0 * 192) < 1e-9);
});

t('main-path phases for displays and CAN: the five of DESIGN.md §5', () => {
  assert.is(mainPathPhase('closingPos'), 'precharging');
  assert.is(mainPathPhase('openingConfirm'), 'opening');
  assert.is(mainPathPhase('welded'), 'fault');
  assert.is(mainPathPhase('closed'), 'closed');
});

t('the step is pure: the same state and input give the same result, and the old state is untouched', () => {
  const s0 = createBmsState(pack400v, { socPct: 50, capacityAh: 216, uncertaintyPct: 2 });
  const input = aBmsInput({ currentA: 120, cellV: 3.7 });
  const snapshot = JSON.stringify(s0);
  const a = bmsStep(s0, input, 10);
  const b = bmsStep(s0, input, 10);
  assert.equal(a.outputs, b.outputs);
  assert.is(JSON.stringify(s0), snapshot);
});

t('invariant 5 at once (no debounce): one valid cell below 0 °C zeroes the charge limit', () => {
  const rig = closedRig();
  tickWith(rig, { requests: { mainClose: true } });
  assert.ok(rig.out.chargeCurrentLimitA > 0);
  const cells = aCells(pack400v, { cellV: 3.7 });
  cells.tempC[9] = -0.5;
  tickWith(rig, { cells, requests: { mainClose: true } });
  assert.is(rig.out.chargeCurrentLimitA, 0);
  assert.is(rig.out.chargePowerLimitW, 0);
  assert.is(rig.out.chargeLimitReason, 'chargeTempWindow');
  // but an invalid sensor reading −20 °C (open NTC would read below range) does not count as a cold cell
  const broken = aCells(pack400v, { cellV: 3.7 });
  broken.tempC[9] = -60;
  for (let k = 0; k < 30; k++) tickWith(rig, { cells: broken, requests: { mainClose: true } });
  assert.ok(rig.out.chargeCurrentLimitA > 0);
});

t('invariant 8: a critical fault zeroes the limits in the tick it activates, then the contactors open below the break current', () => {
  const rig = closedRig();
  const cells = aCells(pack400v, { cellV: 3.7 });
  cells.voltageV[42] = 4.26;
  let activeTick = -1;
  for (let k = 0; k < 100 && activeTick < 0; k++) {
    const r = tickWith(rig, { cells, currentA: 200, requests: { mainClose: true } });
    if (r.outputs.criticalFault) activeTick = k;
    else assert.ok(r.outputs.dischargeCurrentLimitA > 0);
  }
  assert.ok(activeTick >= 0);
  assert.is(rig.out.chargeCurrentLimitA, 0);
  assert.is(rig.out.dischargeCurrentLimitA, 0);
  assert.ok(rig.out.faults.some((f) => f.id === 'cellOvervoltage' && f.code === 0x101));
  assert.ok(rig.out.contactorCommands.mainPos, 'waits for the current to fall');
  tickWith(rig, { cells, currentA: 2, requests: { mainClose: true } });
  assert.not.ok(rig.out.contactorCommands.mainPos || rig.out.contactorCommands.mainNeg);
  // latched: no re-close while active, even though arbitration still asks
  for (let k = 0; k < 50; k++) tickWith(rig, { cells, requests: { mainClose: true } });
  assert.not.ok(rig.out.contactorCommands.mainNeg);
});

t('invariant 8: with the current not falling the contactors open after openMaxWaitMs at the latest', () => {
  const rig = closedRig();
  const cells = aCells(pack400v, { cellV: 3.7 });
  cells.tempC[0] = 61;
  let since = NaN;
  for (let k = 0; k < 1000 && rig.last!.outputs.contactorCommands.mainPos; k++) {
    tickWith(rig, { cells, currentA: -150, requests: { mainClose: true } });
    if (rig.out.criticalFault && Number.isNaN(since)) since = rig.nowMs;
  }
  assert.not.ok(rig.out.contactorCommands.mainPos);
  assert.ok(rig.nowMs - since <= pack400v.contactors.openMaxWaitMs + 10, `${rig.nowMs - since} ms`);
});

t('an over-current beyond the safety current opens at once (emergency), under load', () => {
  const rig = closedRig();
  for (let k = 0; k < 20 && rig.out.contactorCommands.mainPos; k++) tickWith(rig, { currentA: -900, requests: { mainClose: true } });
  assert.not.ok(rig.out.contactorCommands.mainPos);
  assert.ok(rig.out.faults.some((f) => f.id === 'packOvercurrent'));
});

t('too many invalid temperature sensors forbid charging and driving', () => {
  const rig = closedRig();
  const cells = aCells(pack400v, { cellV: 3.7 });
  cells.tempValid.fill(0, 0, 5);
  for (let k = 0; k < 300; k++) tickWith(rig, { cells, requests: { mainClose: true } });
  assert.not.ok(rig.out.chargeAllowed);
  assert.not.ok(rig.out.driveAllowed);
  assert.is(rig.out.dischargeCurrentLimitA, 0);
  assert.is(rig.out.dischargeLimitReason, 'faultStop');
  assert.is(rig.out.invalidTempCount, 5);
});

t('one invalid cell voltage forbids charging (an unseen cell could be over-charged) but not driving', () => {
  const rig = closedRig();
  const cells = aCells(pack400v, { cellV: 3.7 });
  cells.voltageValid[3] = 0;
  for (let k = 0; k < 40; k++) tickWith(rig, { cells, requests: { mainClose: true } });
  assert.is(rig.out.chargeCurrentLimitA, 0);
  assert.ok(rig.out.driveAllowed && rig.out.dischargeCurrentLimitA > 0);
});

t('outputs carry what the shell persists, and events say what changed', () => {
  const rig = new BmsRig(pack400v, { socPct: 71, capacityAh: 205, uncertaintyPct: 3 });
  const r = tickWith(rig, { cellV: 3.84 });
  assert.ok(Math.abs(r.outputs.socPct - 71) < 1);
  assert.is(r.outputs.capacityAh, 205);
  assert.ok(r.outputs.socUncertaintyPct <= 3);
  const closing = tickWith(rig, { cellV: 3.84, requests: { mainClose: true } });
  assert.equal(closing.events, [{ kind: 'contactor', path: 'main', from: 'open', to: 'closingNeg', event: 'closeRequested' }]);
});

t('preconditioning through the step: a planned DC session on a cold pack asks the TMS for heat', () => {
  const rig = new BmsRig(pack400v, { socPct: 30, capacityAh: 216, uncertaintyPct: 2 });
  const r = tickWith(rig, { tempC: 3, cellV: 3.5, requests: { dcSessionPlanned: true } });
  assert.is(r.outputs.tmsRequest.mode, 'heat');
  assert.ok(r.outputs.tmsRequest.targetC > 20);
});

t('the diagnosis view is kept while the diagnosis is unchanged and follows it when a fault activates', () => {
  const rig = new BmsRig();
  const a = rig.tick(aBmsInput());
  const b = rig.tick(aBmsInput());
  assert.is(b.state.diagView, a.state.diagView);
  for (let k = 0; k < 60 && !rig.out.faults.some((f) => f.id === 'currentSensorInvalid'); k++) rig.tick(aBmsInput({ currentValid: false }));
  assert.ok(rig.out.faults.some((f) => f.id === 'currentSensorInvalid'));
  assert.not.ok(rig.out.chargeAllowed);
  assert.is.not(rig.state.diagView, a.state.diagView);
});

t.run();
