// The DC session's state between ticks. Waits are deadlines or start times, never tick counts.
import type { DcPhase } from './phases.ts';
import { NO_PRECHARGE_TRACK, type PrechargeTrack } from './precharge.ts';
import { NO_GUARD_STATE, type GuardState } from './quirk-guards.ts';
import type { StopKind, StopReason } from './stop-policy.ts';
import type { DcPlan, HoldReason, LimitReason, PaymentMode, Refusal } from './types.ts';

export interface DcStop {
  /** The first reason; later ones only raise the kind. */
  reason: StopReason;
  kind: StopKind;
  atMs: number;
}

export interface DcSessionState {
  phase: DcPhase;
  phaseEnteredAtMs: number;
  /** Last CCC answer counter seen (any phase), to spot new answers. */
  lastSeq: number | null;
  /** Last new answer for the phase in force, or the phase's entry (silence is measured from here). */
  lastAnswerAtMs: number;
  /** New answers for the phase in force (PreCharge readings, WeldingDetection rounds). */
  phaseAnswers: number;
  /** SessionStop: answered, failed or given up. */
  cccAnswered: boolean;
  /** Release phases: unlock asked for (sticky, so a plug being pulled is never re-locked). */
  unlockRequested: boolean;

  sessionStartedAtMs: number | null;
  discoveryStartedAtMs: number | null;
  chargeStartedAtMs: number | null;
  paymentMode: PaymentMode | null;
  plan: DcPlan | null;
  /** EVMaximumVoltageLimit in force (0 before ChargeParameterDiscovery) and the highest one announced. */
  evMaxVoltageV: number;
  evMaxAnnouncedPeakV: number;

  requestA: number;
  requestAtMs: number | null;
  requestSteadySinceMs: number | null;
  limitingReason: LimitReason | null;
  holdReason: HoldReason | null;
  deliveredFilteredA: number;
  deliveredAtMs: number | null;
  /** The charger keeps delivering well below a steady request (estimates use its delivery). */
  underDelivering: boolean;
  /** Remaining-time estimates, recomputed when due. */
  remaining: { toFullS: number | null; toBulkS: number | null };
  estimateDueAtMs: number;

  precharge: PrechargeTrack;
  guards: GuardState;
  inletDeadSinceMs: number | null;
  taperLowSinceMs: number | null;
  evseNotReadySinceMs: number | null;

  stop: DcStop | null;
  refusal: Refusal | null;
  retryCount: number;
  /** A stop that forbids any new start until the plug leaves (isolation fault). */
  latched: StopReason | null;
  userInhibit: boolean;
  hmiStartBefore: boolean;
  hmiStopBefore: boolean;
}

/** Fields that belong to one session attempt; cleared when SessionSetup starts. */
export function freshAttempt(nowMs: number): Pick<DcSessionState,
  'sessionStartedAtMs' | 'discoveryStartedAtMs' | 'chargeStartedAtMs' | 'paymentMode' | 'plan' | 'evMaxVoltageV' |
  'evMaxAnnouncedPeakV' | 'requestA' | 'requestAtMs' | 'requestSteadySinceMs' | 'limitingReason' | 'holdReason' |
  'deliveredFilteredA' | 'deliveredAtMs' | 'underDelivering' | 'remaining' | 'estimateDueAtMs' | 'precharge' | 'guards' | 'taperLowSinceMs' | 'evseNotReadySinceMs' | 'stop' | 'refusal'> {
  return {
    sessionStartedAtMs: nowMs, discoveryStartedAtMs: null, chargeStartedAtMs: null, paymentMode: null, plan: null,
    evMaxVoltageV: 0, evMaxAnnouncedPeakV: 0, requestA: 0, requestAtMs: null, requestSteadySinceMs: null,
    limitingReason: null, holdReason: null, deliveredFilteredA: 0, deliveredAtMs: null, underDelivering: false,
    remaining: { toFullS: null, toBulkS: null }, estimateDueAtMs: nowMs,
    precharge: NO_PRECHARGE_TRACK, guards: NO_GUARD_STATE, taperLowSinceMs: null, evseNotReadySinceMs: null,
    stop: null, refusal: null,
  };
}

/**
 * A field-by-field copy (the step's own copy, made every tick). Written out because V8 copies a
 * literal many times faster than `{ ...state }` at this size; the type keeps the list complete.
 */
export function copyDcState(s: DcSessionState): DcSessionState {
  return {
    phase: s.phase, phaseEnteredAtMs: s.phaseEnteredAtMs, lastSeq: s.lastSeq, lastAnswerAtMs: s.lastAnswerAtMs,
    phaseAnswers: s.phaseAnswers, cccAnswered: s.cccAnswered, unlockRequested: s.unlockRequested,
    sessionStartedAtMs: s.sessionStartedAtMs, discoveryStartedAtMs: s.discoveryStartedAtMs, chargeStartedAtMs: s.chargeStartedAtMs,
    paymentMode: s.paymentMode, plan: s.plan, evMaxVoltageV: s.evMaxVoltageV, evMaxAnnouncedPeakV: s.evMaxAnnouncedPeakV,
    requestA: s.requestA, requestAtMs: s.requestAtMs, requestSteadySinceMs: s.requestSteadySinceMs, limitingReason: s.limitingReason,
    holdReason: s.holdReason, deliveredFilteredA: s.deliveredFilteredA, deliveredAtMs: s.deliveredAtMs, underDelivering: s.underDelivering,
    remaining: s.remaining, estimateDueAtMs: s.estimateDueAtMs, precharge: s.precharge, guards: s.guards,
    taperLowSinceMs: s.taperLowSinceMs, evseNotReadySinceMs: s.evseNotReadySinceMs, stop: s.stop, refusal: s.refusal,
    inletDeadSinceMs: s.inletDeadSinceMs, retryCount: s.retryCount, latched: s.latched, userInhibit: s.userInhibit,
    hmiStartBefore: s.hmiStartBefore, hmiStopBefore: s.hmiStopBefore,
  };
}

export function initialDcSessionState(nowMs: number): DcSessionState {
  return {
    phase: 'idle', phaseEnteredAtMs: nowMs, lastSeq: null, lastAnswerAtMs: nowMs, phaseAnswers: 0,
    cccAnswered: false, unlockRequested: false,
    ...freshAttempt(nowMs), sessionStartedAtMs: null,
    inletDeadSinceMs: null, retryCount: 0, latched: null, userInhibit: false, hmiStartBefore: false, hmiStopBefore: false,
  };
}
