// Each field quirk (chargers.md §3, DESIGN.md §4) against the fake charger: the session does the
// safe, intended thing.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { aWorld, eventsOf, inPhase, phasesVisited, runFor, runUntil, tick, type Quirks, type World } from './fake-world.ts';

const t = suite('dc quirks');

const charging = (quirks: Quirks = {}, o: Parameters<typeof aWorld>[0] = {}): World =>
  runUntil(aWorld({ ...o, quirks }), inPhase('currentDemand'));
const quirkSeen = (w: World, quirk: string): boolean => eventsOf(w, 'quirk').some((e) => e.quirk === quirk);
function neverCloses(w: World): () => void {
  let closed = false;
  w.onTick = (x) => { closed ||= x.outputs?.closeDcContactors === true; };
  return () => assert.is(closed, false, 'contactors were asked to close');
}

t('precharge overshoot at no load: contactors stay open, the precharge times out and stops', () => {
  const w = aWorld({ quirks: { prechargeOvershootV: 40 } });
  const check = neverCloses(w);
  runUntil(w, (x) => x.state.stop !== null);
  check();
  assert.is(w.state.stop?.reason, 'prechargeTimeout');
  assert.ok(quirkSeen(w, 'overshoot'));
});

t('precharge overshoot that settles: contactors close only after 3 matched readings of the settled inlet', () => {
  const w = aWorld({ quirks: { prechargeOvershootV: 40, prechargeOvershootForMs: 2_000 } });
  let firstCloseAtMs = 0;
  let inletAtClose = 0;
  w.onTick = (x) => {
    if (!firstCloseAtMs && x.outputs?.closeDcContactors) { firstCloseAtMs = x.nowMs; inletAtClose = x.input!.port.inletVoltageV.value; }
  };
  runUntil(w, inPhase('currentDemand'));
  const preChargeAt = eventsOf(w, 'phase').find((e) => e.to === 'preCharge')!.atMs;
  assert.ok(firstCloseAtMs - preChargeAt >= 2_000, 'not while overshooting');
  assert.ok(Math.abs(inletAtClose - w.input!.bms.packVoltageV) <= 10);
});

t('a charger reporting 0 V in PreChargeRes is not believed: no contactor close', () => {
  const w = aWorld({ quirks: { prechargeReport: 'zero' } });
  const check = neverCloses(w);
  runUntil(w, (x) => x.state.stop !== null);
  check();
  assert.is(w.state.stop?.reason, 'prechargeTimeout');
  assert.ok(quirkSeen(w, 'zeroReport'));
});

t('a charger echoing our target while the inlet overshoots is not believed', () => {
  const w = aWorld({ quirks: { prechargeReport: 'echo', prechargeOvershootV: 40 } });
  const check = neverCloses(w);
  runUntil(w, (x) => x.state.stop !== null);
  check();
  assert.ok(quirkSeen(w, 'echoedTarget'));
});

t('an echo that our own sensor confirms still lets the session through', () => {
  runUntil(aWorld({ quirks: { prechargeReport: 'echo' } }), inPhase('currentDemand'));
});

t('current before it was asked, contactors not closed (Kempower): stop at once, contactors never close', () => {
  const w = aWorld({ quirks: { pushCurrent: { phase: 'preCharge', currentA: 30 } } });
  const check = neverCloses(w);
  runUntil(w, (x) => x.state.stop !== null);
  check();
  assert.is(w.state.stop?.reason, 'currentBeforeRequest');
  assert.is(w.outputs?.ccc.evErrorCode, 'chargingCurrentDifferential');
  const preChargeAt = eventsOf(w, 'phase').find((e) => e.to === 'preCharge')!.atMs;
  assert.ok(w.state.stop!.atMs - preChargeAt <= 150, 'within the 100 ms debounce');
});

t('current above the request after start: tolerated briefly, stopped after the bounded time', () => {
  const w = charging({ deliverRatio: 1.5 });
  runUntil(w, (x) => x.state.stop !== null, 60_000);
  assert.is(w.state.stop?.reason, 'overCurrent');
  assert.is(w.state.phase, 'errorCurrentDecay');
});

t('EVSE_Shutdown while 100+ A still flow (Compleo): 0 A at once, normal stop sequence, contactors open only after current fell', () => {
  const w = charging();
  runFor(w, 10_000);
  w.quirks.shutdownAtMs = w.nowMs + 10;
  const flowing = w.charger.currentA;
  assert.ok(flowing > 100);
  let openedWithA: number | null = null;
  w.onTick = (x) => {
    if (openedWithA === null && x.state.phase === 'openingContactors') openedWithA = x.input!.port.inletCurrentA.value;
  };
  tick(w); tick(w);
  assert.is(w.outputs?.currentRequestA, 0);
  assert.is(w.state.stop?.reason, 'evseShutdown');
  runUntil(w, inPhase('ended'));
  assert.ok(openedWithA !== null && Math.abs(openedWithA) < 5, `opened at ${openedWithA} A`);
  const after = phasesVisited(w).slice(phasesVisited(w).indexOf('stopRampDown'));
  assert.equal(after, ['stopRampDown', 'powerDeliveryStop', 'currentDecay', 'openingContactors', 'weldingDetection', 'sessionStop', 'ended']);
  assert.ok(quirkSeen(w, 'evseShutdownWithCurrent'));
});

t('EmergencyShutdown while current flows: immediate error stop, CP B, abort; contactors open within the emergency bound', () => {
  const w = charging();
  runFor(w, 10_000);
  w.quirks.emergencyAtMs = w.nowMs + 10;
  tick(w);
  tick(w);
  assert.is(w.state.stop?.reason, 'evseEmergencyShutdown');
  assert.is(w.state.stop?.kind, 'emergency');
  assert.is(w.outputs?.cpRequest, 'B');
  assert.is(w.outputs?.ccc.phaseRequested, 'abort');
  assert.is(w.outputs?.currentRequestA, 0);
  const stopAt = w.state.stop!.atMs;
  runUntil(w, (x) => x.outputs?.closeDcContactors === false);
  assert.ok(w.nowMs - stopAt <= 510);
  runUntil(w, inPhase('ended'));
  assert.is(w.outputs?.wantLock, false);
});

t('max current dropping mid-session (power sharing): the request follows down in the same tick, never above', () => {
  const w = charging();
  runFor(w, 10_000);
  w.quirks.maxCurrentAfter = { atMs: w.nowMs + 100, maxCurrentA: 100 };
  let worst = 0;
  w.onTick = (x) => { worst = Math.max(worst, x.outputs!.currentRequestA - x.input!.ccc.evseMaxCurrentA); };
  runFor(w, 5_000);
  assert.ok(worst <= 0, `request exceeded the charger's present max by ${worst} A`);
  assert.is(w.outputs?.currentRequestA, 100);
  assert.is(w.outputs?.limitingReason, 'charger');
});

t('current oscillating ±10 %: the request is not chased, no over-current stop, the estimate is filtered', () => {
  const w = charging({ oscillatePct: 10 });
  runFor(w, 15_000);
  const steady = w.outputs!.currentRequestA;
  let moved = 0;
  w.onTick = (x) => { moved = Math.max(moved, Math.abs(x.outputs!.currentRequestA - steady)); };
  runFor(w, 20_000);
  assert.is(moved, 0);
  assert.is(w.state.stop, null);
  assert.ok(Math.abs(w.outputs!.deliveredCurrentFilteredA - steady) < 0.05 * steady);
});

t('a charger delivering half of what is asked: never asked for more, flagged, remaining time follows the delivery', () => {
  const normal = charging();
  runFor(normal, 30_000);
  const weak = charging({ deliverRatio: 0.5 });
  runFor(weak, 30_000);
  assert.is(weak.outputs!.currentRequestA, normal.outputs!.currentRequestA);
  assert.is(weak.outputs!.currentRequestA, weak.outputs!.limitA);
  assert.ok(quirkSeen(weak, 'underDelivery'));
  assert.ok(weak.outputs!.remainingTimeToBulkS! > 1.5 * normal.outputs!.remainingTimeToBulkS!);
});

t('slow cable check (Supercharger V3, 55 s Ongoing): within the 60 s budget the session goes on', () => {
  const w = aWorld({ quirks: { cableCheckMs: 55_000 } });
  runUntil(w, inPhase('currentDemand'));
  assert.is(w.state.stop, null);
});

t('communication silence in CurrentDemand: 0 A after 300 ms, the ramp restarts from 0 when the charger answers again', () => {
  const w = charging();
  runFor(w, 10_000);
  const before = w.outputs!.currentRequestA;
  w.quirks.silentFromMs = w.nowMs;
  w.quirks.silentUntilMs = w.nowMs + 700;
  runFor(w, 240);
  assert.is(w.outputs!.currentRequestA, before);
  runFor(w, 110);
  assert.is(w.outputs!.currentRequestA, 0);
  assert.is(w.outputs!.holdReason, 'commSilence');
  runFor(w, 500);
  assert.is(w.state.phase, 'currentDemand');
  assert.ok(w.outputs!.currentRequestA > 0 && w.outputs!.currentRequestA < 30, 'ramping again from 0');
});

t('communication lost in CurrentDemand: safe stop after 1 s, limited automatic retries, then it stays stopped', () => {
  const w = charging();
  runFor(w, 5_000);
  w.quirks.silentFromMs = w.nowMs;
  runUntil(w, (x) => x.state.stop !== null);
  assert.is(w.state.stop?.reason, 'commLoss');
  assert.ok(w.state.stop!.atMs - w.quirks.silentFromMs! <= 1_100);
  runUntil(w, inPhase('ended'), 300_000);
  assert.is(eventsOf(w, 'retry').length, 2);
  assert.is(w.outputs?.retryCount, 2);
  assert.is(w.outputs?.closeDcContactors, false);
  assert.is(w.outputs?.wantLock, false);
});

t('communication lost once: the automatic retry charges again', () => {
  const w = charging();
  runFor(w, 5_000);
  w.quirks.silentFromMs = w.nowMs;
  w.quirks.silentUntilMs = w.nowMs + 2_000;
  runUntil(w, inPhase('retryWait'));
  runUntil(w, inPhase('currentDemand'), 120_000);
  assert.is(w.outputs?.retryCount, 1);
});

t('isolation fault at cable check: stop, never retry, no new start until unplugged', () => {
  const w = aWorld({ quirks: { isolation: 'fault' } });
  const check = neverCloses(w);
  runUntil(w, inPhase('ended'));
  check();
  assert.is(w.state.stop?.reason, 'isolationFault');
  assert.is(eventsOf(w, 'retry').length, 0);
  assert.is(w.outputs?.refusal?.code, 'isolationFault');
  w.hmi = { ...w.hmi, startRequested: true };
  runFor(w, 5_000);
  assert.is(w.state.phase, 'ended', 'a start press does not override the isolation fault');
  w.port = { connectorPresent: false };
  runFor(w, 100);
  assert.is(w.state.phase, 'idle');
});

t('the charger reports an isolation fault while charging: stopped, though the vehicle IMD measures again', () => {
  const w = charging();
  runFor(w, 2_000);
  assert.is(w.outputs?.imdStandDown, false, 'stand-down only during the cable check');
  w.charger.isolation = 'fault';
  runUntil(w, (x) => x.state.stop !== null, 1_000);
  assert.is(w.state.stop?.reason, 'isolationFault');
  assert.is(w.outputs?.currentRequestA, 0);
});

t('output above the EV maximum voltage: stopped after 400 ms above it plus margin, not before', () => {
  const w = charging();
  runFor(w, 5_000);
  const from = w.nowMs + 10;
  w.quirks.overVoltageFromMs = from;
  runFor(w, 390);
  assert.is(w.state.stop, null);
  runUntil(w, (x) => x.state.stop !== null, 100);
  assert.is(w.state.stop?.reason, 'overVoltage');
  assert.ok(w.state.stop!.atMs - from >= 400);
  assert.is(w.outputs?.ccc.evErrorCode, 'chargingVoltageOutOfRange');
});

t('cable-check voltage above the EV maximum is expected and not an over-voltage', () => {
  // EV max 410 V → cable check at 460 V (IEC 61851-23 CC.4.1.2).
  const w = aWorld({ quirks: { cableCheckMs: 5_000 } });
  runUntil(w, inPhase('preCharge'));
  assert.is(w.state.stop, null);
});

t('WeldingDetection answered FAILED or not at all: finished on our own sensor, unlocked once dead', () => {
  for (const weldingAnswer of ['failed', 'silent'] as const) {
    const w = aWorld({ quirks: { weldingAnswer }, hmi: { chargeLimitPct: 50.5 } });
    runUntil(w, inPhase('ended'), 120_000);
    assert.ok(quirkSeen(w, 'weldingCheckSkipped'), weldingAnswer);
    assert.is(w.plant.lock, 'unlocked');
  }
});

t.run();
