// The contactor paths through the whole step: sequences with a PDU whose feedback follows the
// commands (or does not), the interlocks of invariant 1, weld and stuck detection.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { commit, judge, OPEN_WATCH } from '../../bms/contactor-feedback.ts';
import { DEFAULT_CONTACTORS } from '../../bms/presets.ts';
import type { BmsRequests } from '../../bms/io.ts';
import { aBmsInput, BmsRig, type FeedbackMap, type InputOptions } from './builders.ts';

const t = suite('bms/contactors');
const PACK_V = 3.7 * 96;
const cc = DEFAULT_CONTACTORS;

/** Link follows the precharge or main+ command of the last tick; inlet as given. */
function tickWith(rig: BmsRig, o: InputOptions & { requests?: Partial<BmsRequests> } = {}, advanceMs = 10) {
  const cmd = rig.last?.outputs.contactorCommands;
  const linkV = o.linkV ?? (cmd?.precharge || cmd?.mainPos ? PACK_V : 0);
  return rig.tick(aBmsInput({ feedback: rig.following(), ...o, linkV }), advanceMs);
}

function closeMain(rig: BmsRig, requests: Partial<BmsRequests> = {}, o: InputOptions = {}) {
  for (let k = 0; k < 50 && rig.last?.outputs.mainState !== 'closed'; k++) tickWith(rig, { ...o, requests: { mainClose: true, ...requests } });
  assert.is(rig.out.mainState, 'closed');
}

t('feedback supervision: a command change gives the contactor its travel time', () => {
  let w = commit(OPEN_WATCH, true, 1000);
  assert.is(judge(w, 'open', 1100, 200).verdict, 'pending');
  assert.is(judge(w, 'open', 1200, 200).verdict, 'stuckOpen');
  assert.is(judge(w, 'closed', 1250, 200).verdict, 'ok');
  w = commit(judge(w, 'closed', 1250, 200).watch, false, 2000);
  assert.is(judge(w, 'closed', 2199, 200).verdict, 'pending');
  assert.is(judge(w, 'closed', 2200, 200).verdict, 'welded');
  assert.is(judge(w, 'unknown', 2200, 200).verdict, 'unknown');
});

t('closing sequence: main−, then precharge, then main+ once the link matches, then precharge off', () => {
  const rig = new BmsRig();
  tickWith(rig);
  closeMain(rig);
  const seq = rig.log.map((r) => r.outputs.contactorCommands).map((c) => `${+c.mainNeg}${+c.precharge}${+c.mainPos}`);
  const distinct = seq.filter((s, i) => i === 0 || s !== seq[i - 1]);
  assert.equal(distinct, ['000', '100', '110', '111', '101']);
  assert.equal(rig.out.faults, []);
});

t('a precharge that never matches is retried after a cooldown, then the path faults', () => {
  const rig = new BmsRig();
  const stuckLink = { linkV: 40, requests: { mainClose: true } };
  let attempts = 0;
  for (let k = 0; k < 3000 && rig.last?.outputs.mainState !== 'fault'; k++) {
    const r = tickWith(rig, stuckLink);
    if (r.events.some((e) => e.kind === 'contactor' && e.to === 'precharging')) attempts++;
  }
  assert.is(rig.out.mainState, 'fault');
  assert.is(attempts, cc.prechargeRetries + 1);
  tickWith(rig, stuckLink);
  assert.ok(rig.out.faults.some((f) => f.id === 'prechargeFailed'));
  assert.not.ok(rig.out.contactorCommands.mainPos);
  // a reset with the contactors confirmed open returns the path to open
  tickWith(rig, { requests: { faultReset: true } });
  assert.is(rig.out.mainState, 'open');
});

t('opening waits for the current to fall below the break current, with limits at zero meanwhile', () => {
  const rig = new BmsRig();
  closeMain(rig);
  tickWith(rig, { currentA: -150, requests: { mainClose: false } });
  assert.is(rig.out.mainState, 'opening');
  assert.ok(rig.out.contactorCommands.mainPos);
  assert.is(rig.out.dischargeCurrentLimitA, 0);
  assert.is(rig.out.dischargeLimitReason, 'contactorsOpening');
  tickWith(rig, { currentA: -60, requests: { mainClose: false } });
  assert.is(rig.out.mainState, 'opening');
  tickWith(rig, { currentA: -3, requests: { mainClose: false } });
  assert.is(rig.out.mainState, 'openingConfirm');
  assert.not.ok(rig.out.contactorCommands.mainPos || rig.out.contactorCommands.mainNeg);
  tickWith(rig, { currentA: 0, requests: { mainClose: false } });
  assert.is(rig.out.mainState, 'open');
});

t('opening under a current that does not fall happens at the latest after openMaxWaitMs', () => {
  const rig = new BmsRig();
  closeMain(rig);
  const t0 = rig.nowMs + 10;
  while (rig.out.contactorCommands.mainPos) tickWith(rig, { currentA: -150, requests: { mainClose: false } });
  assert.ok(rig.nowMs - t0 >= cc.openMaxWaitMs && rig.nowMs - t0 <= cc.openMaxWaitMs + 10, `${rig.nowMs - t0}`);
});

t('an emergency opens at once under any current', () => {
  const rig = new BmsRig();
  closeMain(rig);
  tickWith(rig, { currentA: -300, requests: { mainClose: true, emergencyOpen: true } });
  assert.equal(Object.values(rig.out.contactorCommands), [false, false, false, false, false, false]);
});

t('residual link voltage after opening is not a weld', () => {
  const rig = new BmsRig();
  closeMain(rig);
  for (let k = 0; k < 300; k++) tickWith(rig, { linkV: PACK_V - 2, requests: { mainClose: false } });
  assert.is(rig.out.mainState, 'open');
  assert.equal(rig.out.faults, []);
});

t('a contactor whose feedback stays closed after opening is welded: critical, latched until service', () => {
  const rig = new BmsRig();
  closeMain(rig);
  const weldedPos = (): Partial<FeedbackMap> => ({ ...rig.following(), mainPos: 'closed' });
  for (let k = 0; k < 40; k++) tickWith(rig, { feedback: weldedPos(), requests: { mainClose: false } });
  assert.is(rig.out.mainState, 'welded');
  assert.ok(rig.out.criticalFault);
  assert.ok(rig.out.faults.some((f) => f.id === 'contactorWelded'));
  assert.is(rig.out.chargeCurrentLimitA, 0);
  // the weld goes away (repaired) but only a service clear frees the path
  for (let k = 0; k < 200; k++) tickWith(rig, { requests: { mainClose: false, faultReset: true } });
  assert.is(rig.out.mainState, 'welded');
  tickWith(rig, { requests: { serviceClear: true } });
  assert.is(rig.out.mainState, 'open');
  for (let k = 0; k < 110; k++) tickWith(rig);
  assert.not.ok(rig.out.faults.some((f) => f.id === 'contactorWelded'));
});

t('current through a path whose contacts all report open proves a weld', () => {
  const rig = new BmsRig();
  for (let k = 0; k < 30; k++) tickWith(rig, { currentA: -25 });
  assert.is(rig.out.mainState, 'welded');
  assert.ok(rig.out.faults.some((f) => f.id === 'contactorWelded'));
});

t('a contactor that does not close is stuck: the path faults and blocks closing until reset', () => {
  const rig = new BmsRig();
  for (let k = 0; k < 40; k++) tickWith(rig, { feedback: { ...rig.following(), mainNeg: 'open' }, requests: { mainClose: true } });
  assert.is(rig.out.mainState, 'fault');
  assert.ok(rig.out.faults.some((f) => f.id === 'contactorStuckOpen'));
  assert.not.ok(rig.out.driveAllowed);
});

t('no close while a fault blocks it; closing resumes after it clears', () => {
  const rig = new BmsRig();
  for (let k = 0; k < 100; k++) tickWith(rig, { feedbackValid: false, requests: { mainClose: true } });
  assert.ok(rig.out.faults.some((f) => f.id === 'contactorFeedbackInvalid'));
  assert.is(rig.out.mainState, 'open');
  for (let k = 0; k < 200 && rig.out.mainState !== 'closed'; k++) tickWith(rig, { requests: { mainClose: true } });
  assert.is(rig.out.mainState, 'closed');
});

t('DC-charge contactors close only with main closed, the inlet matched and the OBC relay confirmed open', () => {
  const rig = new BmsRig();
  const dc = { mainClose: true, dcChargeClose: true };
  for (let k = 0; k < 3; k++) tickWith(rig, { inletV: PACK_V, requests: dc });
  assert.not.ok(rig.out.contactorCommands.dcPos); // main not closed yet
  closeMain(rig, dc, { inletV: 100 });
  for (let k = 0; k < 5; k++) tickWith(rig, { inletV: 100, requests: dc });
  assert.is(rig.out.dcState, 'open'); // charger has not precharged the cable
  tickWith(rig, { inletV: PACK_V - 10, requests: dc });
  assert.is(rig.out.dcState, 'closing');
  assert.ok(rig.out.contactorCommands.dcPos && rig.out.contactorCommands.dcNeg);
  tickWith(rig, { inletV: PACK_V, requests: dc });
  assert.is(rig.out.dcState, 'closed');
});

t('through the boost converter the DC path closes with the inlet at the charger\'s lower voltage (no inlet-to-link match)', () => {
  const rig = new BmsRig();
  const boost = { mainClose: true, dcChargeClose: true, dcViaConverter: true };
  const busV = PACK_V * 0.7; // e.g. 490 V from a 500 V charger before a 700 V pack
  closeMain(rig, boost, { inletV: busV });
  tickWith(rig, { inletV: busV, requests: boost });
  assert.ok(rig.out.contactorCommands.dcPos && rig.out.contactorCommands.dcNeg);
  const direct = new BmsRig();
  closeMain(direct, { mainClose: true, dcChargeClose: true }, { inletV: busV });
  for (let k = 0; k < 5; k++) tickWith(direct, { inletV: busV, requests: { mainClose: true, dcChargeClose: true } });
  assert.is(direct.out.dcState, 'open', 'direct: an inlet 30 % below the pack never joins the link');
});

t('the DC path opens at once when the pack only feeds the link loads (negative current never flows through it)', () => {
  const rig = new BmsRig();
  const dc = { mainClose: true, dcChargeClose: true };
  closeMain(rig, dc, { inletV: PACK_V });
  for (let k = 0; k < 3; k++) tickWith(rig, { inletV: PACK_V, requests: dc });
  assert.is(rig.out.dcState, 'closed');
  tickWith(rig, { inletV: PACK_V, currentA: -8, requests: { mainClose: true } });
  assert.is(rig.out.dcState, 'openingConfirm', 'TMS and 12 V draw 8 A from the pack: not a current through the DC contacts');
  const charging = new BmsRig();
  closeMain(charging, dc, { inletV: PACK_V });
  for (let k = 0; k < 3; k++) tickWith(charging, { inletV: PACK_V, requests: dc });
  tickWith(charging, { inletV: PACK_V, currentA: 8, requests: { mainClose: true } });
  assert.is(charging.out.dcState, 'opening', '8 A of charge current: wait for it to fall');
});

t('invariant 1: OBC relay and DC-charge contactors never together; a switch-over passes both open, confirmed', () => {
  const rig = new BmsRig();
  const obc = { mainClose: true, obcRelayClose: true };
  closeMain(rig, obc, { inletV: PACK_V });
  tickWith(rig, { inletV: PACK_V, requests: obc });
  assert.ok(rig.out.contactorCommands.obcRelay);
  // both asked: the closed one stays, the other waits
  tickWith(rig, { inletV: PACK_V, requests: { ...obc, dcChargeClose: true } });
  assert.not.ok(rig.out.contactorCommands.dcPos);
  // switch to DC: the relay waits while the OBC still draws 8 A, opens below the break current; its
  // feedback then lags 3 ticks, and DC waits for it
  const dc = { mainClose: true, dcChargeClose: true };
  tickWith(rig, { inletV: PACK_V, currentA: 8, requests: dc });
  assert.is(rig.out.obcState, 'opening');
  assert.ok(rig.out.contactorCommands.obcRelay);
  tickWith(rig, { inletV: PACK_V, feedback: { ...rig.following(), obcRelay: 'closed' }, requests: dc });
  assert.not.ok(rig.out.contactorCommands.obcRelay);
  for (let k = 0; k < 3; k++) {
    tickWith(rig, { inletV: PACK_V, feedback: { ...rig.following(), obcRelay: 'closed' }, requests: dc });
    assert.not.ok(rig.out.contactorCommands.dcPos, 'DC waits for the relay to be confirmed open');
  }
  tickWith(rig, { inletV: PACK_V, requests: dc });
  tickWith(rig, { inletV: PACK_V, requests: dc });
  assert.ok(rig.out.contactorCommands.dcPos);
  assert.not.ok(rig.out.contactorCommands.obcRelay);
  // and back: the relay closes only in a tick whose input confirms both DC contactors open
  let before = rig.out.contactorCommands;
  for (let k = 0; k < 10 && !rig.out.contactorCommands.obcRelay; k++) {
    before = rig.out.contactorCommands;
    const fb = rig.following();
    tickWith(rig, { inletV: PACK_V, feedback: fb, requests: obc });
    if (rig.out.contactorCommands.obcRelay) {
      assert.not.ok(before.dcPos || before.dcNeg, 'DC commanded open before');
      assert.is(fb.dcPos, 'open');
      assert.is(fb.dcNeg, 'open');
    }
    assert.not.ok(rig.out.contactorCommands.obcRelay && rig.out.contactorCommands.dcPos);
  }
  assert.ok(rig.out.contactorCommands.obcRelay);
});

t('both asked from open: neither closes (a confused request is refused)', () => {
  const rig = new BmsRig();
  const both = { mainClose: true, obcRelayClose: true, dcChargeClose: true };
  closeMain(rig, both, { inletV: PACK_V });
  for (let k = 0; k < 20; k++) tickWith(rig, { inletV: PACK_V, requests: both });
  assert.not.ok(rig.out.contactorCommands.obcRelay || rig.out.contactorCommands.dcPos);
});

t('a fault that forbids charging opens the DC path (after the current falls)', () => {
  const rig = new BmsRig();
  const dc = { mainClose: true, dcChargeClose: true };
  closeMain(rig, dc, { inletV: PACK_V });
  for (let k = 0; k < 3; k++) tickWith(rig, { inletV: PACK_V, requests: dc });
  assert.is(rig.out.dcState, 'closed');
  // unknown current: the fault confirms after 500 ms, then the path opens at the bounded wait
  for (let k = 0; k < 50 + cc.openMaxWaitMs / 10; k++) tickWith(rig, { inletV: PACK_V, currentA: 50, currentValid: false, requests: dc });
  assert.ok(rig.out.faults.some((f) => f.id === 'currentSensorInvalid'));
  assert.is(rig.out.chargeCurrentLimitA, 0);
  assert.not.ok(rig.out.contactorCommands.dcPos);
  assert.is(rig.out.mainState, 'closed'); // driving stays possible
});

t('a quiet tick keeps the contactor state itself; a feedback change or a request is seen at once', () => {
  const rig = new BmsRig();
  tickWith(rig);
  closeMain(rig);
  const settled = tickWith(rig, { requests: { mainClose: true } });
  const quiet = tickWith(rig, { requests: { mainClose: true } });
  assert.is(quiet.state.contactors, settled.state.contactors, 'nothing moved: the same object');
  assert.is(quiet.outputs.contactorCommands, settled.outputs.contactorCommands, 'the same frozen command set');
  const dropped = tickWith(rig, { feedback: { ...rig.following(), mainPos: 'open' }, requests: { mainClose: true } });
  assert.is.not(dropped.state.contactors, quiet.state.contactors, 'a feedback mismatch starts its clock');
  assert.ok(Number.isFinite(dropped.state.contactors.watches[0]!.mismatchSinceMs));
  const opening = tickWith(rig, { requests: { mainClose: false } });
  assert.is(opening.outputs.mainState, 'openingConfirm', 'no current: opens in the same tick');
  assert.not.ok(opening.outputs.contactorCommands.mainPos);
});

t.run();
