// Applying the transition table: the first trigger the present phase lists wins; a stop goes
// where the phase's stop route sends its kind. Entering a phase starts its clocks and does the
// phase's one-time work (fresh attempt, plan, announced voltage, retry count).
import { STOP_ROUTES, TRANSITIONS, type DcPhase } from './phases.ts';
import { freshAttempt, type DcSessionState } from './state.ts';
import { isMoreSevere, stopPolicy, type StopReason } from './stop-policy.ts';
import type { Trigger } from './triggers.ts';
import type { DcInput, DcPlan, PaymentMode } from './types.ts';
import type { DcEvent } from './events.ts';
import { announcedMaxVoltageV } from './voltage-request.ts';

export interface Choice {
  trigger: Trigger;
  to: DcPhase;
  stop: StopReason | null;
}

/** The transition that fires in this phase for these triggers, or null (all ignored on purpose). */
export function choose(phase: DcPhase, triggers: readonly Trigger[]): Choice | null {
  for (const trigger of triggers) {
    if (trigger.on === 'stop') {
      const to = STOP_ROUTES[phase][stopPolicy(trigger.reason).kind];
      if (to !== undefined) return { trigger, to, stop: trigger.reason };
      continue;
    }
    const destination = TRANSITIONS[phase][trigger.on];
    if (destination === undefined) continue;
    if (typeof destination === 'string') return { trigger, to: destination, stop: null };
    const to = STOP_ROUTES[phase][stopPolicy(destination.stop).kind];
    if (to === undefined) throw new Error(`dc: ${phase} --${trigger.on}--> stop ${destination.stop} has no route`);
    return { trigger, to, stop: destination.stop };
  }
  return null;
}

/** Enter `to`: clocks restart; per-phase one-time work. */
export function enter(s: DcSessionState, choice: Choice, input: DcInput, nowMs: number, events: DcEvent[]): DcSessionState {
  const from = s.phase;
  const to = choice.to;
  let next: DcSessionState = {
    ...s, phase: to, phaseEnteredAtMs: nowMs, lastAnswerAtMs: nowMs, phaseAnswers: 0, cccAnswered: false, unlockRequested: false,
  };
  events.push({ type: 'phase', from, to, trigger: choice.trigger.on, ...(choice.stop ? { stop: choice.stop } : {}) });
  const t = choice.trigger;
  if (t.on === 'cccOk' && t.payment?.mode) next = withPayment(next, t.payment.mode, t.payment.why, events);
  if (t.on === 'planned' || t.on === 'refused') next = withPlan(next, t.plan, input, events);
  if (choice.stop !== null) next = recordStop(next, choice.stop, nowMs, events);
  switch (to) {
    case 'idle':
      return { ...next, ...freshAttempt(nowMs), sessionStartedAtMs: null, retryCount: 0, latched: null, userInhibit: false };
    case 'sessionSetup':
      return { ...next, ...freshAttempt(nowMs) };
    case 'parameterDiscovery':
      return announce({ ...next, discoveryStartedAtMs: nowMs }, input);
    case 'currentDemand':
      return { ...next, chargeStartedAtMs: nowMs, requestA: 0, requestAtMs: nowMs, requestSteadySinceMs: nowMs };
    case 'retryWait':
      events.push({ type: 'retry', attempt: next.retryCount + 1, atMs: nowMs + input.config.retry.backoffMs });
      return { ...next, retryCount: next.retryCount + 1 };
    default:
      return next;
  }
}

/** Keep the first reason; a more severe later one raises the kind (shorter waits). */
export function recordStop(s: DcSessionState, reason: StopReason, nowMs: number, events: DcEvent[]): DcSessionState {
  const policy = stopPolicy(reason);
  if (s.stop !== null) {
    if (!isMoreSevere(policy.kind, s.stop.kind)) return s;
    events.push({ type: 'stopEscalated', reason, kind: policy.kind });
    return { ...s, stop: { ...s.stop, kind: policy.kind } };
  }
  events.push({ type: 'stop', reason, kind: policy.kind, text: policy.text });
  const beforeCharging = s.chargeStartedAtMs === null && reason !== 'user';
  return {
    ...s,
    stop: { reason, kind: policy.kind, atMs: nowMs },
    latched: policy.latchUntilUnplug ? reason : s.latched,
    refusal: beforeCharging ? { code: reason, text: reason === 'planRefused' && s.plan ? s.plan.reason : policy.text } : s.refusal,
  };
}

function withPayment(s: DcSessionState, mode: PaymentMode, why: string, events: DcEvent[]): DcSessionState {
  events.push({ type: 'payment', mode, why });
  return { ...s, paymentMode: mode };
}

function withPlan(s: DcSessionState, plan: DcPlan, input: DcInput, events: DcEvent[]): DcSessionState {
  events.push({ type: 'plan', plan });
  const planned = { ...s, plan };
  return plan.path === null ? planned : announce(planned, input);
}

/** EVMaximumVoltageLimit for the path in force (direct until planned). */
function announce(s: DcSessionState, input: DcInput): DcSessionState {
  const { bms, config } = input;
  const evMaxVoltageV = announcedMaxVoltageV({
    path: s.plan?.path === 'boost' ? 'boost' : 'direct', packVoltageV: bms.packVoltageV, packMaxVoltageV: bms.packMaxVoltageV,
    ...(bms.announceMaxVoltageV !== undefined ? { announceMaxVoltageV: bms.announceMaxVoltageV } : {}),
    busVoltageV: s.plan?.busVoltageV ?? null, boostMaxInputVoltageV: config.boost.maxInputVoltageV,
  }, config.voltage);
  return { ...s, evMaxVoltageV, evMaxAnnouncedPeakV: Math.max(s.evMaxAnnouncedPeakV, evMaxVoltageV) };
}
