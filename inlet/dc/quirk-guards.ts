// Guards against charger behaviour seen in the field (chargers.md §3), each a bounded-time check:
// - output above the EV's announced maximum voltage (+ margin) for 400 ms → stop
//   (IEC 61851-23 CC.6.2 as quoted in EVerest PR #1278; chargers.md #11);
// - current flowing before it was asked for, while the contactors do not yet carry it → stop
//   (Kempower pushed current with the 2nd contactor open: uhi22/ccs32clara #22; chargers.md #2);
// - current above the request beyond tolerance for longer than a charger needs to follow a lower
//   request → stop. The tolerance absorbs ±10 % oscillation (chargers.md #5, failing modules).
import type { GuardConfig } from './config.ts';
import type { StopReason } from './stop-policy.ts';

export interface GuardState {
  overVoltageSinceMs: number | null;
  unaskedSinceMs: number | null;
  overCurrentSinceMs: number | null;
}

export const NO_GUARD_STATE: GuardState = { overVoltageSinceMs: null, unaskedSinceMs: null, overCurrentSinceMs: null };

/** Flat (one object per tick): which guards the phase enables, then what they look at. */
export interface GuardSample {
  overVoltageOn: boolean;
  unaskedCurrentOn: boolean;
  overCurrentOn: boolean;
  /** Highest voltage the inlet may legitimately see now (announced maximum, or cable-check voltage). */
  voltageCeilingV: number;
  inletV: number | undefined;
  evsePresentV: number | undefined;
  ownCurrentA: number | undefined;
  evseCurrentA: number | undefined;
  /** The request the charger is answering (last one sent). */
  requestA: number;
}

/** Start of a condition, kept while it holds, cleared when it stops. */
function since(start: number | null, holds: boolean, nowMs: number): number | null {
  return holds ? (start ?? nowMs) : null;
}

const heldFor = (start: number | null, holdMs: number, nowMs: number): boolean => start !== null && nowMs - start >= holdMs;

const finite = (x: number | undefined): x is number => x !== undefined && Number.isFinite(x);

/** The higher of the finite values, or undefined (written out: this runs every tick). */
function highest(a: number | undefined, b: number | undefined): number | undefined {
  if (finite(a)) return finite(b) ? Math.max(a, b) : a;
  return finite(b) ? b : undefined;
}

/** The guards' start times after this sample: the same object when nothing started or cleared. */
export function checkGuards(state: GuardState, s: GuardSample, config: GuardConfig, nowMs: number): GuardState {
  const voltage = highest(s.inletV, s.evsePresentV);
  const overVoltage = s.overVoltageOn && voltage !== undefined && voltage > s.voltageCeilingV + config.overVoltageMarginV;
  const anyCurrent = highest(abs(s.ownCurrentA), abs(s.evseCurrentA));
  const unasked = s.unaskedCurrentOn && anyCurrent !== undefined && anyCurrent > config.unaskedCurrentA;
  // Our own sensor is the truth for over-current; the charger's report only when ours is unusable.
  const measured = s.ownCurrentA ?? s.evseCurrentA;
  const tolerance = Math.max(config.overCurrentTolA, (s.requestA * config.overCurrentTolPct) / 100);
  const overCurrent = s.overCurrentOn && measured !== undefined && measured > s.requestA + tolerance;
  const overVoltageSinceMs = since(state.overVoltageSinceMs, overVoltage, nowMs);
  const unaskedSinceMs = since(state.unaskedSinceMs, unasked, nowMs);
  const overCurrentSinceMs = since(state.overCurrentSinceMs, overCurrent, nowMs);
  // Nothing started or cleared (nearly every tick): the same state object.
  const same = overVoltageSinceMs === state.overVoltageSinceMs && unaskedSinceMs === state.unaskedSinceMs
    && overCurrentSinceMs === state.overCurrentSinceMs;
  return same ? state : { overVoltageSinceMs, unaskedSinceMs, overCurrentSinceMs };
}

/** The stop a guard demands now (a condition held for its time), the most serious first; else null. */
export function guardTrip(g: GuardState, config: GuardConfig, nowMs: number): StopReason | null {
  if (heldFor(g.overVoltageSinceMs, config.overVoltageHoldMs, nowMs)) return 'overVoltage';
  if (heldFor(g.unaskedSinceMs, config.unaskedCurrentHoldMs, nowMs)) return 'currentBeforeRequest';
  if (heldFor(g.overCurrentSinceMs, config.overCurrentHoldMs, nowMs)) return 'overCurrent';
  return null;
}

function abs(x: number | undefined): number | undefined {
  return x === undefined ? undefined : Math.abs(x);
}
