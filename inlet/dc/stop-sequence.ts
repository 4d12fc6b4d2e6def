// The waits of the stop sequences (reference/timeouts.md §4) and the unlock gate (pilot.md §7 PD:
// inlet below 60 V by our own sensor AND below 40 V reported by the charger; invariant 2).
import type { DcConfig } from './config.ts';
import type { DcPhase } from './phases.ts';
import type { DcSessionState } from './state.ts';
import type { DcView } from './observe.ts';

/** How long the phase may last: its configured budget; the error-decay bound by stop kind; the retry back-off. */
export function phaseBudgetMs(phase: DcPhase, state: DcSessionState, config: DcConfig): number | undefined {
  if (phase === 'errorCurrentDecay') {
    return state.stop?.kind === 'emergency' ? config.stop.emergencyDecayMaxMs : config.stop.errorDecayMaxMs;
  }
  if (phase === 'retryWait') return config.retry.backoffMs;
  return config.phases[phase].budgetMs;
}

export function dwelledMs(state: DcSessionState, nowMs: number): number {
  return nowMs - state.phaseEnteredAtMs;
}

export function budgetSpent(state: DcSessionState, config: DcConfig, nowMs: number): boolean {
  const budget = phaseBudgetMs(state.phase, state, config);
  return budget !== undefined && dwelledMs(state, nowMs) >= budget;
}

export function minDwellDone(state: DcSessionState, config: DcConfig, nowMs: number): boolean {
  return dwelledMs(state, nowMs) >= (config.phases[state.phase].minDwellMs ?? 0);
}

/** Current low enough for the contactors to break it; no reading counts only with the contactors open. */
export function currentIsLow(view: DcView, contactorsOpen: boolean, config: DcConfig): boolean {
  const current = view.measuredCurrentA;
  if (current === undefined) return contactorsOpen;
  return Math.abs(current) < config.stop.breakCurrentA;
}

/** Since when our own sensor has read the inlet below the welding-done voltage. */
export function inletDeadSince(previous: number | null, view: DcView, config: DcConfig, nowMs: number): number | null {
  const dead = view.inletV !== undefined && view.inletV < config.stop.weldingDoneV;
  return dead ? (previous ?? nowMs) : null;
}

/** Never unlock with voltage on the pins or current flowing: our own sensor below 60 V, and the
 *  inlet proven below 40 V by the charger's report or by our own sensor held for deadInletHoldMs.
 *  (pilot.md §7 asks for both sources; a charger that stops answering after the session — chargers.md
 *  #15 — must not trap the cable, and 40 V by our own sensor is already below the 60 V touch limit.)
 *  An unreadable own sensor keeps the plug locked; the manual release stays the user's way out. */
export function unlockIsSafe(state: DcSessionState, view: DcView, contactorsOpen: boolean, config: DcConfig, nowMs: number): boolean {
  const stop = config.stop;
  if (!contactorsOpen || view.inletV === undefined || view.inletV >= stop.unlockMaxInletV) return false;
  if (view.measuredCurrentA !== undefined && Math.abs(view.measuredCurrentA) > stop.unlockMaxCurrentA) return false;
  if (view.evsePresentV !== undefined && view.evsePresentV < stop.weldingDoneV) return true;
  return state.inletDeadSinceMs !== null && nowMs - state.inletDeadSinceMs >= stop.deadInletHoldMs;
}
