// The DC session step: pure `dcSessionStep(state, input, nowMs) → { state, outputs, events }`.
// Order each tick: observe (what may be believed) → track (answers, silence, guards, precharge)
// → triggers → at most one transition → outputs for the phase now in force. Because the outputs
// follow the transition, a stop zeroes the request in the same tick (invariant 8).
import type { DcEvent } from './events.ts';
import { observe } from './observe.ts';
import { buildOutputs } from './outputs.ts';
import { isSessionActive } from './phases.ts';
import { isMoreSevere, stopPolicy } from './stop-policy.ts';
import { recordStop, choose, enter } from './transition.ts';
import { track } from './trackers.ts';
import { deriveTriggers, type Trigger } from './triggers.ts';
import type { DcSessionState } from './state.ts';
import type { DcInput, DcOutputs } from './types.ts';

export interface DcStepResult {
  state: DcSessionState;
  outputs: DcOutputs;
  events: DcEvent[];
}

export function dcSessionStep(state: DcSessionState, input: DcInput, nowMs: number): DcStepResult {
  const events: DcEvent[] = [];
  const view = observe(state, input);
  const tracked = track(state, input, view, nowMs);
  let s = tracked.state;
  for (const quirk of tracked.prechargeNotes) events.push({ type: 'quirk', quirk, detail: `PreCharge at ${s.precharge.readings} matched readings` });
  if (view.answer !== null) answerNotes(s, input, view.answer, events);

  const triggers = deriveTriggers({ state: s, input, view, nowMs, guardTrip: tracked.guardTrip, prechargeMatched: tracked.prechargeMatched });
  const choice = choose(s.phase, triggers);
  if (choice !== null) {
    events.push(...leavingNotes(s, choice.trigger.on, input));
    s = enter(s, choice, input, nowMs, events);
  }
  s = escalate(s, triggers, nowMs, events);
  const built = buildOutputs(s, input, view, nowMs, events);
  return { state: built.state, outputs: built.outputs, events };
}

/** Contactors confirmed open: no wait is left that a more severe stop could shorten, and the
 *  charger ending its side (PWM off after SessionStop) is expected, not an emergency. */
const OPENED: ReadonlySet<DcSessionState['phase']> = new Set(['weldingDetection', 'sessionStop', 'errorSettle']);

/** While already stopping, a more severe stop shortens the waits (error → emergency). */
function escalate(s: DcSessionState, triggers: readonly Trigger[], nowMs: number, events: DcEvent[]): DcSessionState {
  if (s.stop === null || !isSessionActive(s.phase) || OPENED.has(s.phase)) return s;
  for (const t of triggers) {
    if (t.on === 'stop' && isMoreSevere(stopPolicy(t.reason).kind, s.stop.kind)) return recordStop(s, t.reason, nowMs, events);
  }
  return s;
}

/** Noteworthy charger answers: isolation verdicts, ignored renegotiation, shutdown with current flowing (onto `notes`). */
function answerNotes(s: DcSessionState, input: DcInput, answer: string, notes: DcEvent[]): void {
  const { ccc } = input;
  if (s.phase === 'cableCheck' && answer === 'ok') {
    if (ccc.isolationStatus === 'warning') notes.push({ type: 'quirk', quirk: 'isolationWarning' });
    if (ccc.isolationStatus === 'noImd') notes.push({ type: 'quirk', quirk: 'noChargerImd' });
  }
  if (s.phase === 'currentDemand' && ccc.notification === 'reNegotiation') notes.push({ type: 'quirk', quirk: 'reNegotiationIgnored' });
  if (s.phase === 'currentDemand' && ccc.evseStatus === 'shutdown' && Math.abs(ccc.presentCurrentA) >= input.config.stop.breakCurrentA) {
    notes.push({ type: 'quirk', quirk: 'evseShutdownWithCurrent', detail: `${Math.round(ccc.presentCurrentA)} A still flowing` });
  }
}

/** Why a stop-sequence phase was left early: rounds exhausted, a skipped check, a slow contactor. */
function leavingNotes(s: DcSessionState, on: string, input: DcInput): DcEvent[] {
  if (s.phase === 'weldingDetection') {
    if (on === 'roundsExhausted') return [{ type: 'quirk', quirk: 'weldingSuspected', detail: `inlet still live after ${s.phaseAnswers} rounds` }];
    if (on !== 'weldingDone') return [{ type: 'quirk', quirk: 'weldingCheckSkipped', detail: `charger did not complete WeldingDetection (${on})` }];
  }
  if ((s.phase === 'openingContactors' || s.phase === 'errorOpening') && on === 'budget' && !input.bms.dcContactorsOpen) {
    return [{ type: 'quirk', quirk: 'contactorOpenTimeout' }];
  }
  return [];
}
