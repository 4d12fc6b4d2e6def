// The V2L configuration: every limit the V2L domain uses, with its unit. Values live in
// presets.ts with their source or reason; logic never carries its own numbers.

/** The inverter's output arrangement. '240-split' is 120/240 V with two legs. */
export type OutputMode = '120' | '240-split' | '230';

/**
 * How energy leaves the car. 'dc-pins' (V2H through the DC pins, reference/v2l.md §1 Ford)
 * is a later step: the types carry it, the domain refuses it today.
 */
export type ExportPath = 'ac-adapter' | 'dc-pins';

/** One output arrangement of the inverter. */
export interface OutputSpec {
  mode: OutputMode;
  /** Line-to-neutral RMS voltage of each leg. */
  lineVoltageV: number;
  /** 1 = single phase; 2 = split phase (legs 180° apart, leg-to-leg = 2 × lineVoltageV). */
  legs: 1 | 2;
  frequencyHz: number;
  /** Continuous current per leg. */
  ratedCurrentPerLegA: number;
  /** Continuous output power of the inverter in this arrangement. */
  ratedPowerW: number;
}

/** One point of the inverse-time overload curve: this load ratio is carried this long. */
export interface OverloadPoint {
  /** Load ÷ continuous limit. */
  ratio: number;
  tripS: number;
}

export interface OverloadConfig {
  /** Points with falling ratio and rising time; log-log interpolated between them. */
  curve: readonly OverloadPoint[];
  /** At or below this ratio the load may run for ever (metering tolerance above 100 %). */
  pickupRatio: number;
  /** Above this ratio the trip is immediate (the power stage's current limit). */
  instantRatio: number;
  /** Time for a full accumulator to cool to empty while the load is within the pickup. */
  coolDownS: number;
  /** Accumulator level (0–1) from which the HMI is told to shed load. */
  warnLevel: number;
}

export interface ThermalConfig {
  /** Inverter power-stage temperature where derating starts. */
  derateStartC: number;
  /** Temperature of the trip; the derate reaches derateMinFraction just below it. */
  tripC: number;
  derateMinFraction: number;
  /** A trip may be reset only at or below this temperature. */
  resetBelowC: number;
}

export interface FloorConfig {
  /** The floors the HMI may choose. */
  choicesPct: readonly number[];
  defaultPct: number;
  /** Warn this far above the floor. */
  warningMarginPct: number;
  /** A start needs this much above the floor (the SOC rebounds after a stop at the floor). */
  restartMarginPct: number;
  /** Over this last part above the floor the power limit narrows... */
  taperPct: number;
  /** ...down to this fraction at the floor. */
  taperMinFraction: number;
}

export interface TimingConfig {
  /** Checking: main contactors closed and inverter data present within this. */
  checkDeadlineMs: number;
  /** Soft start: the inverter ramps its output over this; Starting lasts at least this long. */
  softStartMs: number;
  /** Starting: inverter reports running within this after enable. */
  startDeadlineMs: number;
  /** Stopping: inverter reports off within this after disable. */
  stopDeadlineMs: number;
  /** After a reset press, the cause must clear within this. */
  resetWindowMs: number;
}

export interface FreshnessConfig {
  /** Oldest usable inverter feedback. */
  inverterMaxAgeMs: number;
  /** Oldest usable BMS data (SOC, limits, contactors). */
  bmsMaxAgeMs: number;
  /** Oldest usable gear and speed. */
  vehicleMaxAgeMs: number;
  /** Oldest usable adapter decoding from the inlet. */
  adapterMaxAgeMs: number;
  /** Oldest usable HMI request; older turns V2L off. */
  hmiMaxAgeMs: number;
}

export interface OutputQualityConfig {
  /** The inverter regulates within this (percent); held below it, it is at its current limit. */
  regulationBandPct: number;
  /** A leg's RMS voltage this far from nominal (percent) is out of range. */
  voltageTolerancePct: number;
  frequencyToleranceHz: number;
  /** Out of range for longer than this trips (motor-start sags are shorter). */
  debounceMs: number;
}

export interface EstimatorConfig {
  /** Time constant of the first slow stage of the load average that carries the estimate. */
  slowTauMs: number;
  /** Time constant of the second slow stage (softens the newest edge of the average). */
  smoothTauMs: number;
  /** New averages ramp their data in over this (softens the oldest edge). */
  rampInMs: number;
  /** Time constant of the fast average that detects a lasting change of load. */
  fastTauMs: number;
  /** fast ÷ slow above this (or below its inverse) counts as a change... */
  changeRatio: number;
  /** ...once it has lasted this long; the slow average then restarts from the fast one. */
  changePersistMs: number;
  /** Until the average covers this long, the estimate is shown as provisional. */
  settleMs: number;
  /** Below this average load no runtime is estimated (it would be meaningless). */
  minLoadW: number;
  /** Estimates are capped here. */
  maxEstimateS: number;
  /** A session restarted within this keeps the previous load average. */
  resumeWindowMs: number;
  /** The car's own draw from the pack while V2L runs (12 V converter, cooling), DC side. */
  auxPowerW: number;
}

export interface V2lConfig {
  output: OutputSpec;
  exportPath: ExportPath;
  /** Inverter efficiency, AC out ÷ DC in. */
  efficiency: number;
  /** Leakage current (PE) at which the output trips at once. */
  groundFaultTripMa: number;
  overload: OverloadConfig;
  thermal: ThermalConfig;
  floor: FloorConfig;
  timing: TimingConfig;
  freshness: FreshnessConfig;
  outputQuality: OutputQualityConfig;
  estimator: EstimatorConfig;
  /** Above this speed the car is moving, whatever the gear says. */
  maxParkedSpeedKph: number;
  /** Below this battery-side power no household load runs: refuse or stop rather than trip. */
  minBatteryPowerW: number;
}

/** Problems with a configuration, each naming its key; empty when it is usable. */
export function v2lConfigProblems(cfg: V2lConfig): string[] {
  const p: string[] = [];
  const positive = (key: string, v: number) => {
    if (!(Number.isFinite(v) && v > 0)) p.push(`${key} must be > 0 (is ${v})`);
  };
  positive('output.lineVoltageV', cfg.output.lineVoltageV);
  positive('output.frequencyHz', cfg.output.frequencyHz);
  positive('output.ratedCurrentPerLegA', cfg.output.ratedCurrentPerLegA);
  positive('output.ratedPowerW', cfg.output.ratedPowerW);
  if (!(cfg.efficiency > 0 && cfg.efficiency <= 1)) p.push(`efficiency must be in (0, 1] (is ${cfg.efficiency})`);
  positive('groundFaultTripMa', cfg.groundFaultTripMa);
  const curve = cfg.overload.curve;
  if (curve.length === 0) p.push('overload.curve must have at least one point');
  curve.forEach((pt, i) => {
    const prev = curve[i - 1];
    if (prev && !(pt.ratio < prev.ratio && pt.tripS > prev.tripS)) {
      p.push(`overload.curve[${i}] must have a lower ratio and a longer time than the point before`);
    }
  });
  const lowest = curve[curve.length - 1];
  if (lowest && !(cfg.overload.pickupRatio < lowest.ratio)) p.push('overload.pickupRatio must be below the curve');
  if (curve[0] && !(cfg.overload.instantRatio > curve[0].ratio)) p.push('overload.instantRatio must be above the curve');
  const t = cfg.thermal;
  if (!(t.resetBelowC < t.derateStartC && t.derateStartC < t.tripC)) {
    p.push('thermal: need resetBelowC < derateStartC < tripC');
  }
  const f = cfg.floor;
  if (!f.choicesPct.includes(f.defaultPct)) p.push(`floor.defaultPct ${f.defaultPct} is not one of floor.choicesPct`);
  if (f.choicesPct.some((c) => !(c > 0 && c < 100))) p.push('floor.choicesPct must lie in (0, 100)');
  if (!(f.taperMinFraction > 0 && f.taperMinFraction <= 1)) p.push('floor.taperMinFraction must be in (0, 1]');
  positive('timing.softStartMs', cfg.timing.softStartMs);
  if (!(cfg.timing.startDeadlineMs > cfg.timing.softStartMs)) p.push('timing.startDeadlineMs must exceed timing.softStartMs');
  positive('estimator.slowTauMs', cfg.estimator.slowTauMs);
  positive('estimator.fastTauMs', cfg.estimator.fastTauMs);
  positive('estimator.smoothTauMs', cfg.estimator.smoothTauMs);
  positive('estimator.rampInMs', cfg.estimator.rampInMs);
  if (!(cfg.estimator.changeRatio > 1)) p.push('estimator.changeRatio must be > 1');
  return p;
}
