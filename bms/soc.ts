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

type Work = { -readonly [K in keyof SocState]: SocState[K] };

/** Coulomb counting with the offset-corrected current; the uncertainty grows with its error bounds. */
function count(w: Work, currentA: number, cfg: BmsConfig, dtMs: number): void {
  const sc = cfg.soc;
  const dtH = dtMs / MS_PER_H;
  if (Number.isNaN(currentA)) {
    w.uncertaintyPct += sc.noCurrentGrowthPctPerH * dtH;
    w.anchorSocPct = NaN; // the Ah since the anchor are no longer known
  } else {
    const ic = currentA - w.offsetA;
    const dAh = ic * dtH;
    const dSoc = (dAh / w.capacityAh) * 100;
    w.socPct = clampPct(w.socPct + dSoc);
    w.uncertaintyPct += (((Math.abs(ic) * sc.currentGainErrorFraction + sc.currentOffsetErrorA) * dtH) / w.capacityAh) * 100;
    w.uncertaintyPct += Math.abs(dSoc) * sc.capacityErrorFraction;
    w.ahSinceAnchor += dAh;
  }
  w.uncertaintyPct = Math.min(w.uncertaintyPct, sc.unknownUncertaintyPct);
}

/** With every path open no current can flow through the shunt: what it reads is its offset. */
function calibrateZero(w: Work, currentA: number, cfg: BmsConfig, dtMs: number, nowMs: number, allOpenConfirmed: boolean): void {
  const sc = cfg.soc;
  w.openSinceMs = allOpenConfirmed ? (Number.isNaN(w.openSinceMs) ? nowMs : w.openSinceMs) : NaN;
  if (allOpenConfirmed && nowMs - w.openSinceMs >= sc.zeroCalibrationSettleMs && Math.abs(currentA) <= sc.zeroCalibrationMaxOffsetA) {
    w.offsetA += Math.min(1, dtMs / sc.zeroCalibrationTauMs) * (currentA - w.offsetA);
  }
}

/** Start-up blend with an unrested OCV, or the rested-OCV correction (once per rest). */
function correctFromOcv(w: Work, snap: PackSnapshot, cfg: BmsConfig, nowMs: number, resting: boolean, events: BmsEvent[]): void {
  if (snap.invalidCells !== 0) return; // the mean of an incomplete set is not the pack's OCV
  if (w.needsInit) {
    const ocv = socFromOcv(cfg, snap.cellVoltageMeanV);
    const b = blend(w.socPct, w.uncertaintyPct, ocv.socPct, Math.max(ocv.sigmaPct, cfg.soc.unrestedOcvUncertaintyPct));
    w.socPct = b.socPct;
    w.uncertaintyPct = b.sigmaPct;
    w.needsInit = false;
    return;
  }
  if (!resting || w.restCorrected || nowMs - w.restSinceMs < cfg.chemistry.ocvRestMs) return;
  // Looked up only now: most ticks are not a rested correction.
  const ocv = socFromOcv(cfg, snap.cellVoltageMeanV);
  const b = blend(w.socPct, w.uncertaintyPct, ocv.socPct, ocv.sigmaPct);
  events.push({ kind: 'socCorrected', source: 'ocv', fromPct: w.socPct, toPct: b.socPct });
  w.socPct = b.socPct;
  w.uncertaintyPct = b.sigmaPct;
  w.restCorrected = true;
  if (ocv.sigmaPct <= cfg.soc.capacityLearnMaxOcvSigmaPct) {
    w.capacityAh = learnCapacity(cfg, w.capacityAh, w.anchorSocPct, ocv.socPct, w.ahSinceAnchor, events);
    w.anchorSocPct = ocv.socPct;
    w.ahSinceAnchor = 0;
  }
}

/** At the charge voltage with only a tail current left the pack is full. */
function syncAtFull(w: Work, snap: PackSnapshot, cfg: BmsConfig, ic: number, events: BmsEvent[]): void {
  const rest = cfg.pack.restCurrentA;
  if (ic < -rest) w.fullSynced = false;
  const atChargeVoltage = snap.cellVoltageMaxV >= cfg.chemistry.cellVoltageHighV.operating - cfg.soc.fullSyncVoltageMarginV;
  if (w.fullSynced || !atChargeVoltage || !(ic > rest) || ic > cfg.chemistry.fullChargeTailC * cfg.pack.nominalCapacityAh) return;
  const b = blend(w.socPct, w.uncertaintyPct, 100, cfg.soc.fullSyncUncertaintyPct);
  events.push({ kind: 'socCorrected', source: 'full', fromPct: w.socPct, toPct: b.socPct });
  w.socPct = b.socPct;
  w.uncertaintyPct = b.sigmaPct;
  w.fullSynced = true;
}

export function socStep(
  s: SocState,
  snap: PackSnapshot,
  cfg: BmsConfig,
  dtMs: number,
  nowMs: number,
  allOpenConfirmed: boolean,
  events: BmsEvent[],
): SocState {
  // Written out, not spread: this runs every tick. Same keys, same order as SocState.
  const w: Work = {
    socPct: s.socPct,
    uncertaintyPct: s.uncertaintyPct,
    capacityAh: s.capacityAh,
    needsInit: s.needsInit,
    restSinceMs: s.restSinceMs,
    restCorrected: s.restCorrected,
    anchorSocPct: s.anchorSocPct,
    ahSinceAnchor: s.ahSinceAnchor,
    offsetA: s.offsetA,
    openSinceMs: s.openSinceMs,
    fullSynced: s.fullSynced,
  };
  const current = snap.currentA;
  count(w, current, cfg, dtMs);
  calibrateZero(w, current, cfg, dtMs, nowMs, allOpenConfirmed);
  const ic = current - w.offsetA; // NaN when unknown
  const resting = Math.abs(ic) <= cfg.pack.restCurrentA;
  if (!resting) {
    w.restSinceMs = NaN;
    w.restCorrected = false;
  } else if (Number.isNaN(w.restSinceMs)) w.restSinceMs = nowMs;
  correctFromOcv(w, snap, cfg, nowMs, resting, events);
  syncAtFull(w, snap, cfg, ic, events);
  return w;
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
