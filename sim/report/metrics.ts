// Turns a run's per-tick samples into the metrics of the results JSON (issue #7 item 4).
// Pure accumulation: no time source of its own; the runner feeds samples in simulated time.

export type LimitReason = string;

/** What the runner observes each tick (from the plant side, i.e. the physical truth). */
export interface TickSample {
  tS: number;
  socPct: number;
  packVoltageV: number;
  /** Positive = into the pack (charging). */
  packCurrentA: number;
  maxCellTempC: number;
  minCellTempC: number;
  maxPinTempC: number;
  /** The controller's reported limit in force while charging, else null. */
  limitingReason: LimitReason | null;
  path: 'direct' | 'boost' | null;
}

export interface ChargeCurvePoint {
  tS: number;
  socPct: number;
  powerW: number;
  currentA: number;
  voltageV: number;
  reason: LimitReason | null;
  maxCellTempC: number;
  maxPinTempC: number;
}

export interface Metrics {
  soc: { startPct: number; endPct: number };
  timeBetweenSocS: Record<'10-50' | '10-80' | '20-80', number | null>;
  energyInWh: number;
  energyOutWh: number;
  peakPowerW: number;
  meanChargePowerW: number;
  maxCellTempC: number;
  minCellTempC: number;
  maxPinTempC: number;
  path: 'direct' | 'boost' | null;
  limitingReasonsS: Record<string, number>;
}

const MARKS = [10, 20, 50, 80] as const;
/** Current above which the pack counts as charging for the mean power (A). */
const CHARGING_THRESHOLD_A = 1;
/** A start this close above a SOC mark still counts as starting at the mark (%). */
const START_TOLERANCE_PCT = 0.5;
/** Keep one curve point per this much simulated time (s), enough for a smooth plot. */
const CURVE_STEP_S = 5;

export class MetricsRecorder {
  private startPct: number | undefined;
  private endPct = 0;
  /** When the SOC first rose above each of MARKS (s; NaN: not yet). A plain array: read every tick. */
  private readonly riseAboveS = new Float64Array(MARKS.length).fill(NaN);
  /** MARKS still without a time (the mark loop is skipped once every mark has one). */
  private marksLeft: number = MARKS.length;
  private energyInWh = 0;
  private energyOutWh = 0;
  private peakPowerW = 0;
  private chargingS = 0;
  private maxCellTempC = -Infinity;
  private minCellTempC = Infinity;
  private maxPinTempC = -Infinity;
  private path: 'direct' | 'boost' | null = null;
  private readonly reasonsS: Record<string, number> = {};
  private lastCurveS = -Infinity;
  readonly curve: ChargeCurvePoint[] = [];

  add(s: TickSample, dtS: number): void {
    this.startPct ??= s.socPct;
    const charging = s.packCurrentA > CHARGING_THRESHOLD_A;
    const rise = this.riseAboveS;
    for (let k = 0; k < MARKS.length && this.marksLeft > 0; k++) {
      const m = MARKS[k]!;
      if (rise[k] === rise[k] || !(s.socPct > m)) continue;
      // A run that starts "at 10 %" may read a hair above it (cell spread): the mark then counts
      // from when charging starts, as published charge times do.
      if (this.startPct <= m || (this.startPct <= m + START_TOLERANCE_PCT && charging)) {
        rise[k] = s.tS;
        this.marksLeft--;
      }
    }
    this.endPct = s.socPct;
    const powerW = s.packVoltageV * s.packCurrentA;
    if (powerW > 0) this.energyInWh += (powerW * dtS) / 3600;
    else this.energyOutWh += (-powerW * dtS) / 3600;
    if (powerW > this.peakPowerW) this.peakPowerW = powerW;
    if (s.packCurrentA > CHARGING_THRESHOLD_A) {
      this.chargingS += dtS;
      const reason = s.limitingReason ?? 'none';
      this.reasonsS[reason] = (this.reasonsS[reason] ?? 0) + dtS;
    }
    if (s.maxCellTempC > this.maxCellTempC) this.maxCellTempC = s.maxCellTempC;
    if (s.minCellTempC < this.minCellTempC) this.minCellTempC = s.minCellTempC;
    if (s.maxPinTempC > this.maxPinTempC) this.maxPinTempC = s.maxPinTempC;
    if (s.path !== null) this.path = s.path;
    if (s.tS - this.lastCurveS >= CURVE_STEP_S) {
      this.lastCurveS = s.tS;
      this.curve.push({
        tS: s.tS, socPct: s.socPct, powerW, currentA: s.packCurrentA, voltageV: s.packVoltageV,
        reason: s.packCurrentA > CHARGING_THRESHOLD_A ? s.limitingReason : null,
        maxCellTempC: s.maxCellTempC, maxPinTempC: s.maxPinTempC,
      });
    }
  }

  result(): Metrics {
    const between = (a: number, b: number): number | null => {
      const ta = this.riseAboveS[MARKS.indexOf(a as (typeof MARKS)[number])]!;
      const tb = this.riseAboveS[MARKS.indexOf(b as (typeof MARKS)[number])]!;
      return Number.isNaN(ta) || Number.isNaN(tb) ? null : round(tb - ta, 1);
    };
    const reasons: Record<string, number> = {};
    for (const [k, v] of Object.entries(this.reasonsS).sort()) reasons[k] = round(v, 1);
    return {
      soc: { startPct: round(this.startPct ?? 0, 2), endPct: round(this.endPct, 2) },
      timeBetweenSocS: { '10-50': between(10, 50), '10-80': between(10, 80), '20-80': between(20, 80) },
      energyInWh: round(this.energyInWh, 1),
      energyOutWh: round(this.energyOutWh, 1),
      peakPowerW: round(this.peakPowerW, 0),
      meanChargePowerW: this.chargingS > 0 ? round((this.energyInWh * 3600) / this.chargingS, 0) : 0,
      maxCellTempC: round(finiteOr(this.maxCellTempC, 0), 2),
      minCellTempC: round(finiteOr(this.minCellTempC, 0), 2),
      maxPinTempC: round(finiteOr(this.maxPinTempC, 0), 2),
      path: this.path,
      limitingReasonsS: reasons,
    };
  }
}

function finiteOr(v: number, fallback: number): number {
  return Number.isFinite(v) ? v : fallback;
}

/** Rounds for stable, readable JSON (same seed → byte-identical results). */
export function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
