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

export function pinDeratingStep(c: PinConfig, state: PinState, input: PinInput): { state: PinState; view: PinView } {
  const valid = input.tempsC.filter((t): t is number => t !== null && t >= c.plausibleMinC && t <= c.plausibleMaxC);
  const rating = Math.max(0, input.ratingA);
  if (valid.length === 0) {
    const limitA = Math.min(c.noSensorCapA, rating);
    return { state, view: { limitA, reason: 'pin-sensors-invalid', maxTempC: null, validSensors: 0 } };
  }
  const maxTempC = Math.max(...valid);
  let stopped = state.stopped;
  if (maxTempC >= c.limitC + c.stopAboveLimitK) stopped = true;
  else if (stopped && maxTempC < c.limitC - c.resumeBelowLimitK) stopped = false;
  const base = { maxTempC, validSensors: valid.length };
  if (stopped) return { state: { stopped }, view: { ...base, limitA: 0, reason: 'pin-overtemp-stop' } };

  const rampA = rampLimitA(c, maxTempC, input.adapter, rating);
  let limitA = rampA;
  let reason: PinLimitReason = rampA < rating ? (input.adapter ? 'pin-hot-adapter' : 'pin-hot') : 'none';
  if (valid.length < input.tempsC.length) {
    const capA = rating * c.oneSensorInvalidFraction;
    if (capA < limitA) { limitA = capA; reason = 'pin-sensor-invalid'; }
  }
  return { state: { stopped }, view: { ...base, limitA, reason } };
}
