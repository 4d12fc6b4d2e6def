// The driver's requests arrive as levels (CONTRACT.md HMI_Request). Starting needs an edge: a
// request already on when packpilot starts, or still on after a stop at the floor, is not a
// press. Turning the request off, or losing the HMI, stops V2L.
import { isFresh } from './preconditions.ts';
import type { V2lInput } from './types.ts';

/** The levels seen last tick. */
export interface HmiMemory {
  v2lRequested: boolean;
  resetRequested: boolean;
  /** The last floor value the HMI sent (so a bad value is reported once, not every tick). */
  floorPct: number | null;
}

/** At start-up the levels count as already on: the first "on" seen is not a press. */
export const HMI_MEMORY_AT_START: HmiMemory = { v2lRequested: true, resetRequested: true, floorPct: null };

export interface Presses {
  /** A new request to start (rising edge, or reset pressed while the request is held on). */
  on: boolean;
  /** The request is off or the HMI is lost (a level: holds while true). */
  off: boolean;
  /** Rising edge of the reset request. */
  reset: boolean;
  /** The HMI data is stale or invalid (the reason for `off`). */
  hmiLost: boolean;
  /** A floor value that changed this tick, else null. */
  floorPct: number | null;
}

export interface HmiReading {
  presses: Presses;
  memory: HmiMemory;
}

export function readHmi(input: V2lInput, mem: HmiMemory): HmiReading {
  if (!isFresh(input.hmi, input.config.freshness.hmiMaxAgeMs)) {
    // Lost HMI: V2L off; forget the levels so that the first request after recovery is not a press.
    return { presses: { on: false, off: true, reset: false, hmiLost: true, floorPct: null }, memory: { ...HMI_MEMORY_AT_START, floorPct: mem.floorPct } };
  }
  const h = input.hmi.value;
  const reset = h.resetRequested && !mem.resetRequested;
  const on = h.v2lRequested && (!mem.v2lRequested || reset);
  const floorChanged = h.floorPct !== null && h.floorPct !== mem.floorPct;
  return {
    presses: { on, off: !h.v2lRequested, reset, hmiLost: false, floorPct: floorChanged ? h.floorPct : null },
    memory: { v2lRequested: h.v2lRequested, resetRequested: h.resetRequested, floorPct: h.floorPct ?? mem.floorPct },
  };
}
