// Protections that trip the output and latch (DESIGN.md §6: no restart without user action).
import type { V2lConfig } from './config.ts';
import { isGroundFault, leakageCleared } from './ground-fault.ts';
import { isFresh, refusal } from './preconditions.ts';
import { isOverTemperature, mayResetAt } from './thermal.ts';
import type { InverterFeedback, InverterTripReason, Refusal, TripReason, V2lInput, V2lStateName } from './types.ts';

export const TRIP_TEXTS: Readonly<Record<TripReason, string>> = {
  overload: 'Overload: too many appliances at once. Switch some off, then reset.',
  'ground-fault': 'Ground fault (current leaking to earth). Check appliances and cords, then reset.',
  'short-circuit': 'Short circuit at the output. Check appliances and cords, then reset.',
  'over-temperature': 'The V2L inverter overheated. Let it cool, then reset.',
  'inverter-fault': 'The V2L inverter reported a fault.',
  'inverter-comms': 'Lost contact with the V2L inverter.',
  'output-out-of-range': 'Output voltage or frequency out of range.',
  'start-timeout': 'The V2L inverter did not start.',
  'stop-timeout': 'The V2L inverter did not confirm that it stopped.',
};

/** The inverter's own trip reasons (INV_TripReason) in the words the HMI uses. */
export const INVERTER_TRIPS: Readonly<Record<InverterTripReason, TripReason>> = {
  overload: 'overload',
  'ground-fault': 'ground-fault',
  'short-circuit': 'short-circuit',
  'over-temperature': 'over-temperature',
  'output-overvoltage': 'output-out-of-range',
  'output-undervoltage': 'output-out-of-range',
  'input-undervoltage': 'inverter-fault',
  'command-timeout': 'inverter-comms',
  'hardware-fault': 'inverter-fault',
};

/** Leakage and temperature are known: the protections can work. */
export function isSupervisable(fb: InverterFeedback): boolean {
  return Number.isFinite(fb.leakageMa) && Number.isFinite(fb.temperatureC);
}

/** The inverter says it is in trouble: a trip reason, or a tripped / fault state. */
export function inverterReportsTrouble(fb: InverterFeedback): boolean {
  return fb.tripReason !== null || fb.state === 'tripped' || fb.state === 'fault';
}

export interface TripFinding {
  reason: TripReason;
  detail: string;
}

/** What this tick's monitors concluded (computed in step.ts, judged here). */
export interface MonitorResults {
  overloadTripped: boolean;
  overloadRatio: number;
  /** The output has been out of range for longer than the debounce. */
  outputOutOfRange: boolean;
}

/** The trip in force this tick, most fundamental first, or null. */
export function detectTrip(state: V2lStateName, input: V2lInput, m: MonitorResults): TripFinding | null {
  const cfg = input.config;
  const enabled = state === 'starting' || state === 'supplying';
  if (!enabled && state !== 'stopping') return null;
  const inv = input.inverter;
  if (!isFresh(inv, cfg.freshness.inverterMaxAgeMs)) {
    // While stopping the stop deadline covers silence; while enabled we cannot supervise.
    return enabled ? { reason: 'inverter-comms', detail: `feedback ${inv.valid ? `${inv.ageMs} ms old` : 'invalid'}` } : null;
  }
  const fb = inv.value;
  if (isGroundFault(fb, cfg.groundFaultTripMa)) return { reason: 'ground-fault', detail: `leakage ${fb.leakageMa} mA` };
  // Leakage or temperature unknown (SNA): the output cannot be supervised.
  if (enabled && !isSupervisable(fb)) return { reason: 'inverter-comms', detail: 'leakage or temperature SNA' };
  if (fb.tripReason !== null) return { reason: INVERTER_TRIPS[fb.tripReason], detail: `inverter: ${fb.tripReason}` };
  if (isOverTemperature(fb.temperatureC, cfg.thermal)) return { reason: 'over-temperature', detail: `${fb.temperatureC} °C` };
  if (m.overloadTripped) return { reason: 'overload', detail: `load ${(m.overloadRatio * 100).toFixed(0)} % of limit` };
  if (inverterReportsTrouble(fb)) return { reason: 'inverter-fault', detail: `inverter ${fb.state}` };
  if (state === 'supplying' && fb.state !== 'running') return { reason: 'inverter-fault', detail: `inverter ${fb.state}` };
  if (state === 'supplying' && m.outputOutOfRange) {
    return { reason: 'output-out-of-range', detail: `${fb.legVoltageV.join('/')} V ${fb.frequencyHz} Hz` };
  }
  return null;
}

/** What still keeps a trip from being reset, or null when the cause has cleared. */
export function resetBlocker(reason: TripReason, input: V2lInput, cfg: V2lConfig): Refusal | null {
  const inv = input.inverter;
  if (!isFresh(inv, cfg.freshness.inverterMaxAgeMs)) return refusal('inverter-unavailable');
  const fb = inv.value;
  if (!leakageCleared(fb, cfg.groundFaultTripMa)) return refusal('trip-latched', `leakage ${fb.leakageMa} mA`);
  if (reason === 'over-temperature' && !mayResetAt(fb.temperatureC, cfg.thermal)) {
    return refusal('inverter-hot', `${fb.temperatureC.toFixed(0)} °C`);
  }
  if (inverterReportsTrouble(fb)) return refusal('inverter-fault', fb.tripReason ?? fb.state);
  return null;
}
