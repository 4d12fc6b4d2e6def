// DC-pin temperature derating (DESIGN.md §4): full current until fullBelowLimitK below the pin
// limit (earlier with an adapter), linear down to atLimitA at the limit, hold there, stop at
// limit + stopAboveLimitK; after a stop, current returns only below limit − resumeBelowLimitK.
// Invalid sensors give a conservative cap, never an exception.
import type { PortMemo } from './port-memo.ts';
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

/** Count and maximum of the plausible temperatures (a reused scratch: this runs three times a tick). */
const scan = { count: 0, maxC: -Infinity };

function scanTemps(c: PinConfig, tempsC: readonly (number | null)[]): typeof scan {
  let count = 0;
  let maxC = -Infinity;
  for (let i = 0; i < tempsC.length; i++) {
    const t = tempsC[i]!;
    if (t === null || !(t >= c.plausibleMinC && t <= c.plausibleMaxC)) continue;
    count++;
    maxC = Math.max(maxC, t); // as Math.max(...valid): -0 < +0
  }
  scan.count = count;
  scan.maxC = maxC;
  return scan;
}

/**
 * The limit for a given full current (the DC rating, or the AC path's maximum), from the
 * stop latch and the sensors. Pure; the same temperatures give each path its own ramp.
 */
export function pinLimitFor(c: PinConfig, stopped: boolean, input: PinInput): PinView {
  const { count, maxC } = scanTemps(c, input.tempsC);
  const fullA = Math.max(0, input.ratingA);
  if (count === 0) return { limitA: Math.min(c.noSensorCapA, fullA), reason: 'pin-sensors-invalid', maxTempC: null, validSensors: 0 };
  if (stopped) return { maxTempC: maxC, validSensors: count, limitA: 0, reason: 'pin-overtemp-stop' };
  let limitA = rampLimitA(c, maxC, input.adapter, fullA);
  let reason: PinLimitReason = limitA < fullA ? (input.adapter ? 'pin-hot-adapter' : 'pin-hot') : 'none';
  const capA = fullA * c.oneSensorInvalidFraction;
  if (count < input.tempsC.length && capA < limitA) {
    limitA = capA;
    reason = 'pin-sensor-invalid';
  }
  return { maxTempC: maxC, validSensors: count, limitA, reason };
}

export function pinDeratingStep(c: PinConfig, state: PinState, input: PinInput): { state: PinState; view: PinView } {
  const { count, maxC } = scanTemps(c, input.tempsC);
  let stopped = state.stopped;
  if (count > 0) {
    if (maxC >= c.limitC + c.stopAboveLimitK) stopped = true;
    else if (stopped && maxC < c.limitC - c.resumeBelowLimitK) stopped = false;
  }
  return { state: stopped === state.stopped ? state : { stopped }, view: pinLimitFor(c, stopped, input) };
}

/** Both paths' pin views of one tick: DC (with the stop latch) and AC (the same temperatures, its own full current). */
export interface PinViews {
  pin: { state: PinState; view: PinView };
  acPin: PinView;
}

/**
 * pinDeratingStep and the AC path's pinLimitFor; with a port memo, the last ones again while the
 * state object, both temperatures (Object.is), the adapter flag and both ratings are the same
 * (the pins' frame arrives far less often than the tick).
 */
export function pinViews(c: PinConfig, state: PinState, tempsC: readonly (number | null)[], adapter: boolean, ratingA: number,
  acRatingA: number, memo?: PortMemo): PinViews {
  const t0 = tempsC[0] ?? null;
  const t1 = tempsC[1] ?? null;
  const last = memo?.pinViews;
  if (last !== undefined && tempsC.length === 2 && memo!.pinState === state && Object.is(memo!.pinT0, t0) && Object.is(memo!.pinT1, t1)
    && memo!.pinAdapter === adapter && Object.is(memo!.pinRatingA, ratingA) && Object.is(memo!.pinAcRatingA, acRatingA)) return last;
  const pin = pinDeratingStep(c, state, { tempsC, adapter, ratingA });
  const views: PinViews = { pin, acPin: pinLimitFor(c, pin.state.stopped, { tempsC, adapter, ratingA: acRatingA }) };
  if (memo !== undefined && tempsC.length === 2) {
    memo.pinViews = views;
    memo.pinState = state;
    memo.pinT0 = t0;
    memo.pinT1 = t1;
    memo.pinAdapter = adapter;
    memo.pinRatingA = ratingA;
    memo.pinAcRatingA = acRatingA;
  }
  return views;
}
