// Remaining charge time, integrated over SOC from the BMS's charge-current map and the charger's
// (and inlet's, converter's, user's) limits at each SOC's pack voltage. Estimates only: nothing
// here feeds the current request.
import type { EstimateConfig } from './config.ts';

export interface RemainingTimeInput {
  socPct: number;
  targetSocPct: number;
  usableCapacityAh: number;
  /** Pack-side charge current expected at a given SOC (all limits applied). */
  packCurrentAtA: (socPct: number) => number;
}

/** Seconds from socPct to targetSocPct; 0 when there; null when unknown (no current somewhere,
 *  no capacity, or beyond the estimate horizon). */
export function remainingTimeS(i: RemainingTimeInput, config: EstimateConfig): number | null {
  if (!Number.isFinite(i.socPct) || !Number.isFinite(i.targetSocPct)) return null;
  if (i.socPct >= i.targetSocPct) return 0;
  if (!(i.usableCapacityAh > 0) || !(config.stepPct > 0)) return null;
  let seconds = 0;
  for (let soc = i.socPct; soc < i.targetSocPct; soc += config.stepPct) {
    const step = Math.min(config.stepPct, i.targetSocPct - soc);
    const currentA = i.packCurrentAtA(soc + step / 2);
    if (!(currentA > 0)) return null;
    seconds += ((i.usableCapacityAh * step) / 100 / currentA) * 3600;
    if (seconds > config.maxRemainingS) return null;
  }
  return Math.round(seconds);
}

/** First-order low-pass of a measured value (delivered current); dt ≤ 0 keeps the old value. */
export function lowPass(previous: number, sample: number, dtMs: number, tauMs: number): number {
  if (!Number.isFinite(sample)) return previous;
  if (!(dtMs > 0)) return previous;
  if (!(tauMs > 0)) return sample;
  const alpha = 1 - Math.exp(-dtMs / tauMs);
  return previous + alpha * (sample - previous);
}
