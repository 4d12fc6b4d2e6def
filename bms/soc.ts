// State of charge: coulomb counting from the shunt, corrected from the open-circuit voltage after
// rest and at the end of a full charge. Uncertainty (±%) grows with counting (gain and offset error,
// capacity error) and shrinks at a correction, where counted and measured SOC are blended by their
// variances (a scalar Kalman update). Capacity is learned between two well-separated OCV anchors.
// The shunt offset is re-zeroed while every path is open and confirmed (no current can flow).
import type { BmsConfig } from './config.ts';
import type { BmsEvent, PersistedBms } from './io.ts';
import type { PackSnapshot } from './monitoring.ts';
import { inverseWithSlope } from './interp.ts';

export interface SocState {
  readonly socPct: number;
  readonly uncertaintyPct: number;
  readonly capacityAh: number;
  /** The start-up OCV blend is still to be done (needs valid cells). */
  readonly needsInit: boolean;
  /** Since when |current| has been at rest; NaN when not resting. */
  readonly restSinceMs: number;
  readonly restCorrected: boolean;
  /** SOC of the last trusted OCV reading and Ah counted since (capacity learning); NaN = none. */
  readonly anchorSocPct: number;
  readonly ahSinceAnchor: number;
  readonly offsetA: number;
  /** Since when every path has been open and confirmed; NaN when not. */
  readonly openSinceMs: number;
  readonly fullSynced: boolean;
}

const MS_PER_H = 3_600_000;

function plausible(p: PersistedBms | undefined, cfg: BmsConfig): p is PersistedBms {
  if (p === undefined) return false;
  const nominal = cfg.pack.nominalCapacityAh;
  return (
    p.socPct >= 0 &&
    p.socPct <= 100 &&
    p.uncertaintyPct >= 0 &&
    p.uncertaintyPct <= 100 &&
    p.capacityAh >= nominal * cfg.soc.capacityMinFraction &&
    p.capacityAh <= nominal * cfg.soc.capacityMaxFraction
  );
}

/** Start-up state from what the shell persisted; anything implausible counts as unknown. */
export function initialSoc(cfg: BmsConfig, persisted: PersistedBms | undefined): SocState {
  const ok = plausible(persisted, cfg);
  return {
    socPct: ok ? persisted.socPct : 50,
    uncertaintyPct: ok ? persisted.uncertaintyPct : cfg.soc.unknownUncertaintyPct,
    capacityAh: ok ? persisted.capacityAh : cfg.pack.nominalCapacityAh,
    needsInit: true,
    restSinceMs: NaN,
    restCorrected: false,
    anchorSocPct: NaN,
    ahSinceAnchor: 0,
    offsetA: 0,
    openSinceMs: NaN,
    fullSynced: false,
  };
}

/** Variance-weighted blend of a counted SOC with a measured one. */
export function blend(socPct: number, sigmaPct: number, measuredPct: number, measuredSigmaPct: number): { socPct: number; sigmaPct: number } {
  const vc = sigmaPct * sigmaPct;
  const vm = measuredSigmaPct * measuredSigmaPct;
  if (vc + vm === 0) return { socPct, sigmaPct };
  const k = vc / (vc + vm);
  return { socPct: socPct + k * (measuredPct - socPct), sigmaPct: Math.sqrt((vc * vm) / (vc + vm)) };
}

/** SOC and its 1-σ from a cell voltage taken as OCV: σ = voltage error ÷ local OCV slope. */
export function socFromOcv(cfg: BmsConfig, cellV: number): { socPct: number; sigmaPct: number } {
  const { x, slope } = inverseWithSlope(cfg.chemistry.ocvVBySocPct, cellV);
  const sigma = slope > 0 ? cfg.chemistry.ocvErrorV / slope : Infinity;
  return { socPct: x, sigmaPct: Math.min(sigma, cfg.soc.unknownUncertaintyPct) };
}

const clampPct = (x: number) => (x < 0 ? 0 : x > 100 ? 100 : x);

export function socStep(
  s: SocState,
  snap: PackSnapshot,
  cfg: BmsConfig,
  dtMs: number,
  nowMs: number,
  allOpenConfirmed: boolean,
  events: BmsEvent[],
): SocState {
  const sc = cfg.soc;
  const dtH = dtMs / MS_PER_H;
  let { socPct, uncertaintyPct: sigma, ahSinceAnchor, anchorSocPct, offsetA, restSinceMs, restCorrected, fullSynced } = s;
  const current = snap.currentA;
  const currentKnown = !Number.isNaN(current);
  const ic = currentKnown ? current - offsetA : NaN;
  if (currentKnown) {
    const dAh = ic * dtH;
    const dSoc = (dAh / s.capacityAh) * 100;
    socPct = clampPct(socPct + dSoc);
    sigma += (((Math.abs(ic) * sc.currentGainErrorFraction + sc.currentOffsetErrorA) * dtH) / s.capacityAh) * 100;
    sigma += Math.abs(dSoc) * sc.capacityErrorFraction;
    ahSinceAnchor += dAh;
  } else {
    sigma += sc.noCurrentGrowthPctPerH * dtH;
    anchorSocPct = NaN; // the Ah since the anchor are no longer known
  }
  sigma = Math.min(sigma, sc.unknownUncertaintyPct);

  // Zero-current calibration: with every path open no current can flow through the shunt.
  let openSinceMs = allOpenConfirmed ? (Number.isNaN(s.openSinceMs) ? nowMs : s.openSinceMs) : NaN;
  if (allOpenConfirmed && currentKnown && nowMs - openSinceMs >= sc.zeroCalibrationSettleMs && Math.abs(current) <= sc.zeroCalibrationMaxOffsetA) {
    offsetA += Math.min(1, dtMs / sc.zeroCalibrationTauMs) * (current - offsetA);
  }

  const resting = currentKnown && Math.abs(ic) <= cfg.pack.restCurrentA;
  if (!resting) {
    restSinceMs = NaN;
    restCorrected = false;
  } else if (Number.isNaN(restSinceMs)) restSinceMs = nowMs;
  const cellsComplete = snap.invalidCells === 0;
  let capacityAh = s.capacityAh;
  let needsInit = s.needsInit;

  if (needsInit && cellsComplete) {
    const ocv = socFromOcv(cfg, snap.cellVoltageMeanV);
    const b = blend(socPct, sigma, ocv.socPct, Math.max(ocv.sigmaPct, sc.unrestedOcvUncertaintyPct));
    socPct = b.socPct;
    sigma = b.sigmaPct;
    needsInit = false;
  } else if (resting && !restCorrected && cellsComplete && nowMs - restSinceMs >= cfg.chemistry.ocvRestMs) {
    const ocv = socFromOcv(cfg, snap.cellVoltageMeanV);
    const b = blend(socPct, sigma, ocv.socPct, ocv.sigmaPct);
    events.push({ kind: 'socCorrected', source: 'ocv', fromPct: socPct, toPct: b.socPct });
    socPct = b.socPct;
    sigma = b.sigmaPct;
    restCorrected = true;
    if (ocv.sigmaPct <= sc.capacityLearnMaxOcvSigmaPct) {
      capacityAh = learnCapacity(cfg, capacityAh, anchorSocPct, ocv.socPct, ahSinceAnchor, events);
      anchorSocPct = ocv.socPct;
      ahSinceAnchor = 0;
    }
  }

  // Full-charge sync: at the charge voltage with only a tail current left the pack is full.
  const tailA = cfg.chemistry.fullChargeTailC * cfg.pack.nominalCapacityAh;
  if (currentKnown && ic < -cfg.pack.restCurrentA) fullSynced = false;
  const atChargeVoltage = snap.cellVoltageMaxV >= cfg.chemistry.cellVoltageHighV.operating - sc.fullSyncVoltageMarginV;
  if (!fullSynced && atChargeVoltage && ic > cfg.pack.restCurrentA && ic <= tailA) {
    const b = blend(socPct, sigma, 100, sc.fullSyncUncertaintyPct);
    events.push({ kind: 'socCorrected', source: 'full', fromPct: socPct, toPct: b.socPct });
    socPct = b.socPct;
    sigma = b.sigmaPct;
    fullSynced = true;
  }

  return {
    socPct,
    uncertaintyPct: sigma,
    capacityAh,
    needsInit,
    restSinceMs,
    restCorrected,
    anchorSocPct,
    ahSinceAnchor,
    offsetA,
    openSinceMs,
    fullSynced,
  };
}

/** capacity = |Ah counted| ÷ |ΔSOC by OCV| between two anchors far enough apart, blended in. */
function learnCapacity(cfg: BmsConfig, capacityAh: number, anchorPct: number, ocvPct: number, ah: number, events: BmsEvent[]): number {
  const span = ocvPct - anchorPct;
  if (Number.isNaN(span) || Math.abs(span) < cfg.soc.capacityLearnMinSpanPct || Math.sign(span) !== Math.sign(ah)) return capacityAh;
  const nominal = cfg.pack.nominalCapacityAh;
  const observed = Math.abs(ah) / (Math.abs(span) / 100);
  const next = capacityAh + cfg.soc.capacityLearnWeight * (observed - capacityAh);
  const bounded = Math.min(nominal * cfg.soc.capacityMaxFraction, Math.max(nominal * cfg.soc.capacityMinFraction, next));
  events.push({ kind: 'capacityLearned', fromAh: capacityAh, toAh: bounded });
  return bounded;
}

export function sohPct(cfg: BmsConfig, s: SocState): number {
  return (s.capacityAh / cfg.pack.nominalCapacityAh) * 100;
}
