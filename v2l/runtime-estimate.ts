// Runtime until the SOC floor: energy above the floor ÷ the averaged load, inverter losses
// included (issue #6 item 6).
//
// Household loads cycle (fridge 40 % of 20 min, furnace 50 % of 15 min, sump 1 min in 15,
// reference/v2l.md §3), so the average must span many cycles. A time-weighted exponential
// average with its bias removed (sum ÷ weight) needs no seed: early on it is the plain mean
// of everything seen since the start, later an exponential average over the slow time
// constant. A second, fast average notices a lasting change (a heater switched on): when
// fast ÷ slow stays outside the change ratio for long enough, the slow average restarts from
// the fast one instead of taking hours to follow.
import type { EstimatorConfig } from './config.ts';
import type { RuntimeEstimate } from './types.ts';

export interface LoadAverageState {
  slowSumW: number;
  slowWeight: number;
  fastSumW: number;
  fastWeight: number;
  /** How long fast ÷ slow has been outside the change ratio. */
  deviationMs: number;
  /** How long the slow average has been collecting. */
  coveredMs: number;
}

export const EMPTY_LOAD_AVERAGE: LoadAverageState = {
  slowSumW: 0,
  slowWeight: 0,
  fastSumW: 0,
  fastWeight: 0,
  deviationMs: 0,
  coveredMs: 0,
};

function mean(sum: number, weight: number): number | null {
  return weight > 0 ? sum / weight : null;
}

export function averageLoadW(s: LoadAverageState): number | null {
  return mean(s.slowSumW, s.slowWeight);
}

export interface LoadAverageUpdate {
  state: LoadAverageState;
  /** The slow average restarted from the fast one (a lasting change of load). */
  restarted: boolean;
}

/** Adds `loadW` held for `dtMs` (sample and hold; exact for any tick length). */
export function updateLoadAverage(s: LoadAverageState, loadW: number, dtMs: number, cfg: EstimatorConfig): LoadAverageUpdate {
  if (!(dtMs > 0) || !Number.isFinite(loadW)) return { state: s, restarted: false };
  const w = Math.max(0, loadW);
  const keepSlow = Math.exp(-dtMs / cfg.slowTauMs);
  const keepFast = Math.exp(-dtMs / cfg.fastTauMs);
  const next: LoadAverageState = {
    slowSumW: s.slowSumW * keepSlow + (1 - keepSlow) * w,
    slowWeight: s.slowWeight * keepSlow + (1 - keepSlow),
    fastSumW: s.fastSumW * keepFast + (1 - keepFast) * w,
    fastWeight: s.fastWeight * keepFast + (1 - keepFast),
    deviationMs: 0,
    coveredMs: s.coveredMs + dtMs,
  };
  const slow = Math.max(cfg.minLoadW, next.slowSumW / next.slowWeight);
  const fastMean = next.fastSumW / next.fastWeight;
  const fast = Math.max(cfg.minLoadW, fastMean);
  const deviating = fast > slow * cfg.changeRatio || fast * cfg.changeRatio < slow;
  next.deviationMs = deviating ? s.deviationMs + dtMs : 0;
  if (next.deviationMs < cfg.changePersistMs) return { state: next, restarted: false };
  // Restart as if the slow average had only seen the fast one's mean for the persistence time.
  const weight = 1 - Math.exp(-cfg.changePersistMs / cfg.slowTauMs);
  return {
    state: { ...next, slowSumW: fastMean * weight, slowWeight: weight, deviationMs: 0, coveredMs: cfg.changePersistMs },
    restarted: true,
  };
}

export interface EstimatorParams {
  estimator: EstimatorConfig;
  /** Inverter efficiency, AC out ÷ DC in. */
  efficiency: number;
}

/** Time to the floor at the averaged load, or null when there is (almost) no load to average. */
export function estimateRuntime(s: LoadAverageState, energyAboveFloorWh: number, p: EstimatorParams): RuntimeEstimate | null {
  const avg = averageLoadW(s);
  if (avg === null || avg < p.estimator.minLoadW) return null;
  const dcW = avg / p.efficiency + p.estimator.auxPowerW;
  const rawS = (Math.max(0, energyAboveFloorWh) / dcW) * 3600;
  const capped = rawS > p.estimator.maxEstimateS;
  const estimatedS = capped ? p.estimator.maxEstimateS : rawS;
  const whole = Math.floor(estimatedS);
  return {
    estimatedS,
    hours: Math.floor(whole / 3600),
    minutes: Math.floor((whole % 3600) / 60),
    seconds: whole % 60,
    settled: s.coveredMs >= p.estimator.settleMs,
    capped,
    averageLoadW: avg,
  };
}
