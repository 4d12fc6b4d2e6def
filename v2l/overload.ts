// Inverse-time overload protection (issue #6 item 5; curve in reference/v2l.md §2 PD).
// Each moment at a load ratio r uses dt / tripTime(r) of a budget; the budget full is a trip.
// Within the pickup the budget refills at a steady rate, so repeated motor starts add up
// while one start surge of a fridge passes.
import type { OverloadConfig } from './config.ts';

export interface OverloadState {
  /** Used budget: 0 cold, 1 trip. */
  heat: number;
}

export const COLD_OVERLOAD: OverloadState = { heat: 0 };

/** Guard against float sums like 50 × 0.02 landing a hair below 1. */
const FULL = 1 - 1e-9;
/** A one-point curve extrapolates as I²t. */
const I2T_EXPONENT = -2;

/** Seconds a constant load ratio may last: Infinity within the pickup, 0 above the instant ratio. */
export function overloadTripTimeS(ratio: number, cfg: OverloadConfig): number {
  if (!(ratio > cfg.pickupRatio)) return Infinity;
  if (ratio > cfg.instantRatio) return 0;
  const pts = cfg.curve;
  // Find the segment [a, b] (ratios falling) that holds the ratio, or the end segment to extend.
  let i = 0;
  while (i < pts.length - 2 && ratio < pts[i + 1]!.ratio) i++;
  const a = pts[i]!;
  const b = pts[i + 1];
  const k = b ? Math.log(b.tripS / a.tripS) / Math.log(b.ratio / a.ratio) : I2T_EXPONENT;
  return a.tripS * Math.pow(ratio / a.ratio, k);
}

export interface OverloadStep {
  state: OverloadState;
  tripped: boolean;
}

export function stepOverload(s: OverloadState, ratio: number, dtMs: number, cfg: OverloadConfig): OverloadStep {
  const dtS = Math.max(0, dtMs) / 1000;
  const tripS = overloadTripTimeS(ratio, cfg);
  if (tripS === 0) return { state: { heat: 1 }, tripped: true };
  if (tripS === Infinity) {
    return { state: { heat: Math.max(0, s.heat - dtS / cfg.coolDownS) }, tripped: s.heat >= FULL };
  }
  const heat = Math.min(1, s.heat + dtS / tripS);
  return { state: { heat }, tripped: heat >= FULL };
}

/**
 * Power each leg would draw at nominal voltage. An inverter at its limit holds it by letting the
 * voltage sag, so the measured power stays at the limit however large the overload; below the
 * regulation band the demand is estimated as for a resistive load, load × (nominal ÷ V)². A leg
 * that collapsed to 0 V under load is a short circuit: infinite demand.
 */
export function legDemandW(
  legLoadW: readonly number[],
  legVoltageV: readonly number[],
  nominalV: number,
  regulationBandPct: number,
): number[] {
  const lowV = nominalV * (1 - regulationBandPct / 100);
  return legLoadW.map((w, i) => {
    const v = legVoltageV[i];
    if (v === undefined || !Number.isFinite(v) || v >= lowV || !(w > 0)) return w;
    return v > 0 ? w * (nominalV / v) ** 2 : Infinity;
  });
}

/** The worst of total load ÷ continuous limit and each leg ÷ its own limit. */
export function overloadRatio(legLoadW: readonly number[], referenceW: number, legLimitW: number): number {
  const ratio = (w: number, limitW: number) => (w <= 0 ? 0 : limitW > 0 ? w / limitW : Infinity);
  const total = legLoadW.reduce((sum, w) => sum + w, 0);
  return Math.max(ratio(total, referenceW), ...legLoadW.map((w) => ratio(w, legLimitW)));
}
