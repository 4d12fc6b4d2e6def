// The commands for the phase in force: the current request (invariants 3 and 8), the voltages
// (invariant 4), the CCC message fields, lock/contactor/IMD/CP requests and the converter command.
import { limitsInForce, rampRequest, sane, type LimitInputs } from './current-request.ts';
import { estimateRemaining } from './estimates.ts';
import type { DcEvent } from './events.ts';
import type { DcView } from './observe.ts';
import { isSessionActive, PHASE_PROFILES, type PhaseProfile } from './phases.ts';
import { lowPass } from './remaining-time.ts';
import { evTargetVoltageV } from './session-voltage.ts';
import type { DcSessionState } from './state.ts';
import { minDwellDone, unlockIsSafe } from './stop-sequence.ts';
import { stopPolicy } from './stop-policy.ts';
import type { EstimateConfig } from './config.ts';
import { startBlockedBy } from './triggers.ts';
import type { BoostCommand, CccCommand, DcInput, DcOutputs, HoldReason } from './types.ts';

export function limitInputsFor(s: DcSessionState, input: DcInput, view: DcView): LimitInputs {
  const { ccc, port, bms, boost, hmi, config } = input;
  return {
    path: s.plan?.path === 'boost' ? 'boost' : 'direct', busVoltageV: s.plan?.busVoltageV ?? null,
    inletVoltageV: view.inletV ?? view.evsePresentV, packVoltageV: bms.packVoltageV,
    bmsValid: bms.valid, bmsCurrentA: bms.chargeCurrentLimitA, bmsPowerW: bms.chargePowerLimitW,
    evseValid: view.cccFresh, evseMaxCurrentA: ccc.evseMaxCurrentA, evseMaxPowerW: ccc.evseMaxPowerW,
    pinLimitA: port.pinLimitA, ratingA: port.ratingA, userLimitA: hmi.userCurrentLimitA,
    boostSpec: config.boost, boostValid: boost.valid && boost.status !== 'fault', boostTempLimitFactor: boost.tempLimitFactor,
    minDivisionVoltageV: config.current.minDivisionVoltageV,
  };
}

function holdReason(s: DcSessionState, p: PhaseProfile, input: DcInput, view: DcView, nowMs: number): HoldReason | null {
  if (input.bms.criticalFault) return 'criticalFault'; // invariant 8: zero in the same tick
  if (p.current !== 'charge') return s.stop !== null ? 'stopping' : 'notCharging';
  if (!view.cccFresh || nowMs - s.lastAnswerAtMs > input.config.comms.zeroAfterSilenceMs) return 'commSilence';
  if (input.ccc.evseStatus === 'notReady') return 'evseNotReady';
  return null;
}

/** `state` must be the step's own copy made this tick (dcSessionStep's, via track): it is updated in place. */
export function buildOutputs(state: DcSessionState, input: DcInput, view: DcView, nowMs: number, events: DcEvent[]): { state: DcSessionState; outputs: DcOutputs } {
  const { port, bms, config } = input;
  const p = PHASE_PROFILES[state.phase];
  const li = limitInputsFor(state, input, view);
  const lowest = limitsInForce(li); // the lowest limit without building the list (every tick)
  const hold = holdReason(state, p, input, view, nowMs);
  const dtMs = state.requestAtMs === null ? 0 : nowMs - state.requestAtMs;
  const requestA = hold !== null ? 0 : rampRequest(state.requestA, lowest.limitA, dtMs, config.current.rampUpAPerS);
  let s = trackRequest(state, requestA, lowest.reason, hold, lowest.limitA, view, nowMs, config.estimate, events);
  s = withEstimate(s, input, view, li, nowMs);
  if (p.lock === 'release' && !s.unlockRequested && minDwellDone(s, config, nowMs) && unlockIsSafe(s, view, bms.dcContactorsOpen, config, nowMs)) {
    s = { ...s, unlockRequested: true };
    events.push({ type: 'unlock', safe: true });
  }
  const carSideA = lowest.carSideA;
  const active = isSessionActive(s.phase);
  const outputs: DcOutputs = {
    phase: s.phase,
    sessionActive: active,
    ccc: cccCommand(s, p, input, view, requestA, carSideA, lowest.inletV),
    // 'keep' holds a lock that is closed; it never starts locking (nor re-locks after a manual release).
    wantLock: p.lock === 'hold' || ((p.lock === 'keep' || p.lock === 'release') && port.lockState === 'locked' && !s.unlockRequested),
    wantDcPath: active,
    cpRequest: p.cp,
    closeDcContactors: p.contactors === 'close' ? port.dcAllowed && !bms.criticalFault : p.contactors === 'keep' && bms.dcContactorsClosed,
    imdStandDown: p.imdStandDown,
    boost: boostCommand(s, p, input, requestA, lowest.perPackAmp),
    plan: s.plan,
    currentRequestA: requestA,
    limitA: lowest.limitA, limitingReason: lowest.reason, holdReason: hold,
    limitDetail: lowest.reason === 'inletHot' ? port.pinLimitReason ?? null : null,
    stopReason: s.stop?.reason ?? null, stopKind: s.stop?.kind ?? null,
    refusal: s.refusal, retryCount: s.retryCount,
    startBlockedBy: s.phase === 'idle' || s.phase === 'ended' ? startBlockedBy({ state: s, input, view }) : null,
    remainingTimeToFullS: s.remaining.toFullS, remainingTimeToBulkS: s.remaining.toBulkS,
    deliveredCurrentFilteredA: s.deliveredFilteredA,
  };
  return { state: s, outputs };
}

/** The fields of the CCC's next request (DIN 70121 / ISO 15118-2 EV-side parameters). */
function cccCommand(s: DcSessionState, p: PhaseProfile, input: DcInput, view: DcView, requestA: number, carSideA: number, inletV: number | undefined): CccCommand {
  const { ccc, bms, config } = input;
  const stage = p.current === 'precharge' ? 'precharge' : 'charge';
  const prechargeA = Math.min(config.current.prechargeCurrentA, view.cccFresh ? sane(ccc.evseMaxCurrentA) : config.current.prechargeCurrentA);
  const announced = s.evMaxVoltageV > 0;
  const soc = view.socPct ?? 0;
  return {
    phaseRequested: p.ccc, paymentMode: s.paymentMode,
    evReady: p.evReady && !bms.criticalFault && s.stop === null,
    evErrorCode: s.stop !== null ? stopPolicy(s.stop.reason).evErrorCode : 'noError',
    evTargetVoltageV: p.current === 'none' ? 0 : evTargetVoltageV(s, input, view, stage),
    evTargetCurrentA: p.current === 'precharge' && !bms.criticalFault ? prechargeA : requestA,
    // Every request carries the EV maxima (chargers.md #12: some ignore requests without them).
    evMaxVoltageV: s.evMaxVoltageV, evMaxCurrentA: announced ? carSideA : 0,
    evMaxPowerW: announced ? carSideA * (inletV ?? s.evMaxVoltageV) : 0,
    socPct: soc, chargingComplete: soc >= view.chargeLimitPct, bulkComplete: soc >= config.estimate.bulkSocPct,
    remainingTimeToFullS: s.remaining.toFullS, remainingTimeToBulkS: s.remaining.toBulkS,
  };
}

/** Remaining-time estimates once the session knows its limits, recomputed at most every periodMs.
 *  Updates `s` in place: it is the step's own copy (see buildOutputs). */
function withEstimate(s: DcSessionState, input: DcInput, view: DcView, li: LimitInputs, nowMs: number): DcSessionState {
  if (!isSessionActive(s.phase) || s.evMaxVoltageV <= 0) {
    if (s.remaining.toFullS === null && s.remaining.toBulkS === null) return s;
    s.remaining = { toFullS: null, toBulkS: null };
    s.estimateDueAtMs = nowMs;
    return s;
  }
  if (nowMs < s.estimateDueAtMs) return s;
  const underCapA = s.underDelivering ? s.deliveredFilteredA : undefined;
  s.remaining = estimateRemaining(input, li, view.socPct, view.chargeLimitPct, underCapA);
  s.estimateDueAtMs = nowMs + input.config.estimate.periodMs;
  return s;
}

/** Converter off (every tick outside a session): one shared frozen command. */
const BOOST_OFF: BoostCommand = Object.freeze({ mode: 'off', inputVoltageSetpointV: 0, outputCurrentLimitA: 0 });

function boostCommand(s: DcSessionState, p: PhaseProfile, input: DcInput, requestA: number, k: number): BoostCommand {
  const plan = s.plan;
  if (!p.path || plan === null || plan.path === null || (plan.path === 'direct' && !input.config.boost.fitted)) {
    return BOOST_OFF;
  }
  const outputCurrentLimitA = k > 0 ? requestA / k : 0;
  if (plan.path === 'direct') return { mode: 'bypass', inputVoltageSetpointV: 0, outputCurrentLimitA };
  return { mode: 'boost', inputVoltageSetpointV: plan.busVoltageV ?? 0, outputCurrentLimitA };
}

/** Remember the request and the limit in force; filter delivered current; spot a charger that
 *  keeps delivering well below a steady request. Events only when something changes. */
function trackRequest(s: DcSessionState, requestA: number, reason: DcOutputs['limitingReason'], hold: HoldReason | null,
  limitA: number, view: DcView, nowMs: number, config: EstimateConfig, events: DcEvent[]): DcSessionState {
  const charging = s.phase === 'currentDemand';
  const measured = view.measuredCurrentA;
  let deliveredFilteredA = 0;
  if (charging) {
    const dtMs = s.deliveredAtMs === null ? 0 : nowMs - s.deliveredAtMs;
    deliveredFilteredA = measured === undefined ? s.deliveredFilteredA : lowPass(s.deliveredFilteredA, Math.abs(measured), dtMs, config.deliveredFilterTauMs);
  }
  const ratio = config.underDeliveryRatio;
  // Steady: at its limit (not ramping) and not moved by more than the under-delivery band.
  const unchanged = requestA >= limitA && Math.abs(requestA - s.requestA) <= (1 - ratio) * Math.max(requestA, s.requestA);
  const steadySinceMs = s.requestSteadySinceMs !== null && unchanged ? s.requestSteadySinceMs : nowMs;
  const underDelivering = charging && requestA > 0 && nowMs - steadySinceMs >= config.underDeliverySteadyMs && deliveredFilteredA < ratio * requestA;
  if (underDelivering && !s.underDelivering) {
    events.push({ type: 'quirk', quirk: 'underDelivery', detail: `${Math.round(deliveredFilteredA)} A of ${Math.round(requestA)} A asked` });
  }
  if (charging && (reason !== s.limitingReason || hold !== s.holdReason)) events.push({ type: 'limit', reason, hold, limitA });
  // In place: `s` is the step's own copy (track made it this tick), never the caller's state;
  // one copy of the whole session state per tick fewer.
  s.requestA = requestA;
  s.requestAtMs = nowMs;
  s.requestSteadySinceMs = steadySinceMs;
  s.limitingReason = charging ? reason : null;
  s.holdReason = charging ? hold : null;
  s.deliveredFilteredA = deliveredFilteredA;
  s.deliveredAtMs = nowMs;
  s.underDelivering = underDelivering;
  return s;
}
