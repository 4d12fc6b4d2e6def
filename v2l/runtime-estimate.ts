// Runtime until the SOC floor: energy above the floor ÷ the averaged load, inverter losses
// included (issue #6 item 6).
//
// Household loads cycle (fridge 40 % of 20 min, furnace 50 % of 15 min, sump 1 min in 15,
// reference/v2l.md §3), so the average must span many cycles and must not ring when a cycle
// is only partly inside it. The slow average is two exponential stages in cascade (time
// constants slowTau, then smoothTau), time-weighted, with its bias removed (sum ÷ weight), so it
// needs no seed: early on it is a weighted mean of everything seen since the start, later a
// smooth average over hours. New data is ramped in (raised cosine over rampInMs) and the second
// stage softens the newest edge; with both edges of the weighting soft, a half-finished
// appliance cycle barely moves the result (measured in test/v2l/runtime-estimate.test.ts).
// A fast average notices a lasting change (a heater switched on): when fast ÷ slow stays
// outside the change ratio for long enough, the slow average restarts from the fast one.
import type { EstimatorConfig } from './config.ts';
import type { RuntimeEstimate } from './types.ts';

export interface LoadAverageState {
  /** First slow stage: weighted sum of load and of weight. */
  slowSumW: number;
  slowWeight: number;
  /** Second slow stage, fed by the first. */
  smoothSumW: number;
  smoothWeight: number;
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
  smoothSumW: 0,
  smoothWeight: 0,
  fastSumW: 0,
  fastWeight: 0,
  deviationMs: 0,
  coveredMs: 0,
};

/** The averaged load, or null before any sample. */
export function averageLoadW(s: LoadAverageState): number | null {
  return s.smoothWeight > 0 ? s.smoothSumW / s.smoothWeight : null;
}

/** Raised-cosine weight for data arriving `coveredMs` into the average (0 → 1 over rampInMs). */
function rampIn(coveredMs: number, rampInMs: number): number {
  if (!(coveredMs < rampInMs)) return 1;
  return 0.5 - 0.5 * Math.cos((Math.PI * Math.max(0, coveredMs)) / rampInMs);
}

/** Keeps the weight of the first samples (ramp value 0) from being exactly zero. */
const MIN_RAMP = 1e-6;

export interface LoadAverageUpdate {
  state: LoadAverageState;
  /** The slow average restarted from the fast one (a lasting change of load). */
  restarted: boolean;
}

/** Adds `loadW` held for `dtMs` (sample and hold; the same result for any tick length). */
export function updateLoadAverage(s: LoadAverageState, loadW: number, dtMs: number, cfg: EstimatorConfig): LoadAverageUpdate {
  if (!(dtMs > 0) || !Number.isFinite(loadW)) return { state: s, restarted: false };
  const w = Math.max(0, loadW);
  const r = Math.max(MIN_RAMP, rampIn(s.coveredMs + dtMs / 2, cfg.rampInMs));
  const k1 = Math.exp(-dtMs / cfg.slowTauMs);
  const k2 = Math.exp(-dtMs / cfg.smoothTauMs);
  const kf = Math.exp(-dtMs / cfg.fastTauMs);
  const slowSumW = s.slowSumW * k1 + (1 - k1) * r * w;
  const slowWeight = s.slowWeight * k1 + (1 - k1) * r;
  const next: LoadAverageState = {
    slowSumW,
    slowWeight,
    smoothSumW: s.smoothSumW * k2 + (1 - k2) * slowSumW,
    smoothWeight: s.smoothWeight * k2 + (1 - k2) * slowWeight,
    fastSumW: s.fastSumW * kf + (1 - kf) * w,
    fastWeight: s.fastWeight * kf + (1 - kf),
    deviationMs: 0,
    coveredMs: s.coveredMs + dtMs,
  };
  const slow = Math.max(cfg.minLoadW, next.smoothSumW / next.smoothWeight);
  const fastMean = next.fastSumW / next.fastWeight;
  const fast = Math.max(cfg.minLoadW, fastMean);
  const deviating = fast > slow * cfg.changeRatio || fast * cfg.changeRatio < slow;
  next.deviationMs = deviating ? s.deviationMs + dtMs : 0;
  if (next.deviationMs < cfg.changePersistMs) return { state: next, restarted: false };
  // Restart as if both stages had seen only the fast mean for the persistence time.
  const weight = 1 - Math.exp(-cfg.changePersistMs / cfg.slowTauMs);
  const sum = fastMean * weight;
  return {
    state: {
      ...next,
      slowSumW: sum,
      slowWeight: weight,
      smoothSumW: sum,
      smoothWeight: weight,
      deviationMs: 0,
      coveredMs: Math.max(cfg.changePersistMs, cfg.rampInMs),
    },
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
