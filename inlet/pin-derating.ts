// DC-pin temperature derating (DESIGN.md §4): full current until fullBelowLimitK below the pin
// limit (earlier with an adapter), linear down to atLimitA at the limit, hold there, stop at
// limit + stopAboveLimitK; after a stop, current returns only below limit − resumeBelowLimitK.
// Invalid sensors give a conservative cap, never an exception.
import type { PinConfig } from './config.ts';

export type PinLimitReason = 'none' | 'pin-hot' | 'pin-hot-adapter' | 'pin-overtemp-stop' | 'pin-sensor-invalid' | 'pin-sensors-invalid';

export interface PinState {
  stopped: boolean;
}

export interface PinInput {
  /** Each DC-pin temperature, or null when its reading is unusable. */
  tempsC: readonly (number | null)[];
  adapter: boolean;
  /** Cable/adapter/inlet rating: the "full current". */
  ratingA: number;
}

export interface PinView {
  limitA: number;
  reason: PinLimitReason;
  /** Hottest plausible pin, or null. */
  maxTempC: number | null;
  validSensors: number;
}

export function initialPinState(): PinState {
  return { stopped: false };
}

/** Linear interpolation of the ramp at temperature tC (no stop handling). */
export function rampLimitA(c: PinConfig, tC: number, adapter: boolean, ratingA: number): number {
  const startC = c.limitC - (adapter ? c.fullBelowLimitAdapterK : c.fullBelowLimitK);
  const atLimitA = Math.min(c.atLimitA, ratingA);
  if (tC <= startC) return ratingA;
  if (tC >= c.limitC) return atLimitA;
  const f = (tC - startC) / (c.limitC - startC);
  return ratingA + (atLimitA - ratingA) * f;
}

/** Plausible temperatures only. */
export function validTemps(c: PinConfig, tempsC: readonly (number | null)[]): number[] {
  return tempsC.filter((t): t is number => t !== null && t >= c.plausibleMinC && t <= c.plausibleMaxC);
}

/**
 * The limit for a given full current (the DC rating, or the AC path's maximum), from the
 * stop latch and the sensors. Pure; the same temperatures give each path its own ramp.
 */
export function pinLimitFor(c: PinConfig, stopped: boolean, input: PinInput): PinView {
  const valid = validTemps(c, input.tempsC);
  const fullA = Math.max(0, input.ratingA);
  if (valid.length === 0) return { limitA: Math.min(c.noSensorCapA, fullA), reason: 'pin-sensors-invalid', maxTempC: null, validSensors: 0 };
  const base = { maxTempC: Math.max(...valid), validSensors: valid.length };
  if (stopped) return { ...base, limitA: 0, reason: 'pin-overtemp-stop' };
  let limitA = rampLimitA(c, base.maxTempC, input.adapter, fullA);
  let reason: PinLimitReason = limitA < fullA ? (input.adapter ? 'pin-hot-adapter' : 'pin-hot') : 'none';
  const capA = fullA * c.oneSensorInvalidFraction;
  if (valid.length < input.tempsC.length && capA < limitA) [limitA, reason] = [capA, 'pin-sensor-invalid'];
  return { ...base, limitA, reason };
}

export function pinDeratingStep(c: PinConfig, state: PinState, input: PinInput): { state: PinState; view: PinView } {
  const valid = validTemps(c, input.tempsC);
  let stopped = state.stopped;
  if (valid.length > 0) {
    const maxTempC = Math.max(...valid);
    if (maxTempC >= c.limitC + c.stopAboveLimitK) stopped = true;
    else if (stopped && maxTempC < c.limitC - c.resumeBelowLimitK) stopped = false;
  }
  return { state: { stopped }, view: pinLimitFor(c, stopped, input) };
}
