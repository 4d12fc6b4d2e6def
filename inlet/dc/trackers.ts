// Per-tick bookkeeping before the triggers: HMI edges, charger answers and silence, the quirk
// guards, the precharge match, and the start times of conditions that must hold for a while.
import { PHASE_PROFILES } from './phases.ts';
import { trackPrecharge, type PrechargeNote } from './precharge.ts';
import { checkGuards, guardTrip } from './quirk-guards.ts';
import { carSideVoltageV, evTargetVoltageV } from './session-voltage.ts';
import { copyDcState, type DcSessionState } from './state.ts';
import type { DcView } from './observe.ts';
import { inletDeadSince } from './stop-sequence.ts';
import type { StopReason } from './stop-policy.ts';
import type { DcInput } from './types.ts';
import { cableCheckVoltageV } from './voltage-request.ts';

export interface Tracked {
  state: DcSessionState;
  guardTrip: StopReason | null;
  prechargeMatched: boolean;
  prechargeNotes: readonly PrechargeNote[];
}

/** No precharge notes (nearly every tick): one shared empty list. */
const NO_NOTES: readonly PrechargeNote[] = Object.freeze([]);

const since = (start: number | null, holds: boolean, nowMs: number): number | null => (holds ? (start ?? nowMs) : null);

export function track(state: DcSessionState, input: DcInput, view: DcView, nowMs: number): Tracked {
  const { config, hmi, ccc, bms } = input;
  const phase = state.phase;
  const answered = view.answer !== null;
  const charging = phase === 'currentDemand';
  const taperLow = charging && bms.valid && bms.chargeCurrentLimitA < config.full.taperCompleteA && (view.socPct ?? 0) >= config.full.taperCompleteMinSocPct;
  const lastAnswerAtMs = answered ? nowMs : state.lastAnswerAtMs;
  let cccAnswered = state.cccAnswered;
  if (phase === 'sessionStop' && !cccAnswered) {
    const final = view.answer === 'ok' || view.answer === 'failed' || view.answer === 'timeout';
    cccAnswered = final || nowMs - lastAnswerAtMs > (config.phases.sessionStop.responseTimeoutMs ?? 0);
  }
  // A plain copy, then the tracked fields written into it (a written-out copy: far cheaper in V8 than
  // a spread at this size; same keys in the same order). `s` is this step's own copy; the caller's state is untouched.
  const s = copyDcState(state);
  s.userInhibit = view.stopEdge ? true : view.startEdge ? false : state.userInhibit;
  s.hmiStartBefore = hmi.startRequested;
  s.hmiStopBefore = hmi.stopRequested;
  s.lastSeq = view.seq ?? state.lastSeq;
  s.inletDeadSinceMs = inletDeadSince(state.inletDeadSinceMs, view, config, nowMs);
  s.lastAnswerAtMs = lastAnswerAtMs;
  s.phaseAnswers = answered ? state.phaseAnswers + 1 : state.phaseAnswers;
  s.cccAnswered = cccAnswered;
  s.taperLowSinceMs = since(state.taperLowSinceMs, taperLow, nowMs);
  s.evseNotReadySinceMs = since(state.evseNotReadySinceMs, charging && view.cccFresh && ccc.evseStatus === 'notReady', nowMs);

  const profile = PHASE_PROFILES[phase];
  const ceilingV = phase === 'cableCheck'
    ? Math.max(s.evMaxVoltageV, cableCheckVoltageV(s.evMaxAnnouncedPeakV, view.evseMaxVoltageV ?? 0))
    : s.evMaxVoltageV;
  s.guards = checkGuards(s.guards, {
    overVoltageOn: profile.guards.overVoltage && ceilingV > 0, unaskedCurrentOn: profile.guards.unaskedCurrent, overCurrentOn: profile.guards.overCurrent,
    voltageCeilingV: ceilingV, inletV: view.inletV, evsePresentV: view.evsePresentV,
    ownCurrentA: view.ownCurrentA, evseCurrentA: view.evseCurrentA, requestA: s.requestA,
  }, config.guards, nowMs);

  let prechargeMatched = false;
  let prechargeNotes = NO_NOTES;
  if (phase === 'preCharge') {
    const result = trackPrecharge(s.precharge, {
      newReading: view.answer === 'ok', targetV: evTargetVoltageV(s, input, view, 'precharge'),
      carSideV: carSideVoltageV(s, input), inletV: view.inletV, evsePresentV: view.evsePresentV,
    }, config.precharge);
    s.precharge = result.track;
    prechargeMatched = result.matched;
    prechargeNotes = result.notes;
  }
  return { state: s, guardTrip: guardTrip(s.guards, config.guards, nowMs), prechargeMatched, prechargeNotes };
}
