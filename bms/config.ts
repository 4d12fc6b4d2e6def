// Configuration types of the BMS domain. Values live in chemistries.ts and presets.ts; every number
// there has its unit in the name (or in the field's doc here) and a one-line reason or reference.
import type { FaultDef } from './fault-table.ts';

/** A piecewise-linear curve y(x); xs strictly increasing. Outside the xs the end values hold. */
export interface Curve {
  readonly xs: readonly number[];
  readonly ys: readonly number[];
}

/**
 * C-rate relative to the group capacity over SOC × cell temperature, bilinear between grid points
 * and clamped at the edges. `cRate[t][s]` belongs to `tempC[t]` and `socPct[s]`.
 */
export interface CrateMap {
  readonly socPct: readonly number[];
  readonly tempC: readonly number[];
  readonly cRate: readonly (readonly number[])[];
}

/**
 * Three tiers of one quantity, read in the direction of danger (rising for 'high', falling for
 * 'low'). The derating factor of the limit it governs runs 1 → operatingFraction from derateStart
 * to the operating limit, → recommendedFraction at the recommended limit (warning), and 0 at the
 * safety limit (critical fault; the delay lives in the fault table).
 */
export interface Tiers {
  readonly direction: 'high' | 'low';
  readonly derateStart: number;
  readonly operating: number;
  readonly operatingFraction: number;
  readonly recommended: number;
  readonly recommendedFraction: number;
  readonly safety: number;
}

export interface ChemistryConfig {
  readonly name: 'NMC' | 'LFP';
  /** Rest open-circuit voltage of one cell (ys, V) over SOC (xs, %), strictly increasing. */
  readonly ocvVBySocPct: Curve;
  /** Governs the charge limit (taper near the charge voltage). */
  readonly cellVoltageHighV: Tiers;
  /** Governs the discharge limit. */
  readonly cellVoltageLowV: Tiers;
  /** At or below: copper dissolution risk; charging is locked out until service. */
  readonly cellDeepDischargeV: number;
  /** Govern the discharge limit (the charge limit has its own window and map). */
  readonly cellTempHighC: Tiers;
  readonly cellTempLowC: Tiers;
  /** Charging outside [min, max] is forbidden (invariant 5); re-allowed inside by the hysteresis. */
  readonly chargeTempMinC: number;
  readonly chargeTempMaxC: number;
  readonly chargeTempHysteresisK: number;
  readonly chargeMap: CrateMap;
  readonly dischargeMap: CrateMap;
  /** Multiplier of the 25 °C internal resistance (ys) over cell temperature (xs, °C). */
  readonly resistanceFactorByTempC: Curve;
  /** Rest needed before the terminal voltage is taken as OCV. */
  readonly ocvRestMs: number;
  /** 1-σ error of the mean cell voltage as an OCV (measurement + hysteresis + temperature). */
  readonly ocvErrorV: number;
  /** Charging at the charge voltage with less than this C-rate means full (SOC sync to 100 %). */
  readonly fullChargeTailC: number;
}

export interface PackConfig {
  readonly name: string;
  readonly seriesCells: number;
  readonly tempSensors: number;
  /** Group (parallel-block) capacity when new; C-rates refer to it. */
  readonly nominalCapacityAh: number;
  /** Cells plus interconnect at 25 °C. */
  readonly packResistanceMOhm: number;
  /** Highest pack voltage in use; reference for Ω/V isolation. */
  readonly maxVoltageV: number;
  /** Continuous ratings (busbars, fuse): caps of the published limits. */
  readonly chargeCurrentRatedA: number;
  readonly dischargeCurrentRatedA: number;
  /** Measured current beyond these is a critical fault (emergency open). */
  readonly chargeCurrentSafetyA: number;
  readonly dischargeCurrentSafetyA: number;
  /** |current| at or below this counts as rest (OCV correction). */
  readonly restCurrentA: number;
}

export interface MonitoringConfig {
  /** Cell readings outside [min, max] are open or shorted sense lines, hence invalid. */
  readonly cellVoltageSensorMinV: number;
  readonly cellVoltageSensorMaxV: number;
  readonly cellVoltageStaleMs: number;
  readonly tempSensorMinC: number;
  readonly tempSensorMaxC: number;
  readonly tempStaleMs: number;
  readonly currentStaleMs: number;
  readonly voltageStaleMs: number;
  readonly feedbackStaleMs: number;
  readonly imdStaleMs: number;
  /** More invalid cell voltages than this forbid charge and drive (fewer: charge only). */
  readonly cellVoltageInvalidMaxCount: number;
  /** More invalid temperature sensors than this forbid charge and drive (fewer: derate). */
  readonly tempInvalidMaxCount: number;
  /** |Σ cells − pack voltage| above max(this, fraction × pack) is implausible. */
  readonly packVoltageMismatchV: number;
  readonly packVoltageMismatchFraction: number;
  /** Cell spread above this raises a warning. */
  readonly imbalanceWarnMv: number;
}

export interface SocConfig {
  /** Shunt gain error (fraction of reading) and offset, for the growth of the uncertainty. */
  readonly currentGainErrorFraction: number;
  readonly currentOffsetErrorA: number;
  /** Error of the capacity used for counting, as a fraction of the counted ΔSOC. */
  readonly capacityErrorFraction: number;
  /** Uncertainty growth while the current is unknown. */
  readonly noCurrentGrowthPctPerH: number;
  /** Uncertainty of an OCV reading taken without rest (start-up without persisted SOC). */
  readonly unrestedOcvUncertaintyPct: number;
  /** Uncertainty when nothing is known. */
  readonly unknownUncertaintyPct: number;
  /** Capacity learning: OCV anchors at least this far apart, each at most this uncertain. */
  readonly capacityLearnMinSpanPct: number;
  readonly capacityLearnMaxOcvSigmaPct: number;
  /** Weight of one new capacity observation. */
  readonly capacityLearnWeight: number;
  readonly capacityMinFraction: number;
  readonly capacityMaxFraction: number;
  /** Zero-current calibration of the shunt while every path is open and confirmed. */
  readonly zeroCalibrationSettleMs: number;
  readonly zeroCalibrationTauMs: number;
  readonly zeroCalibrationMaxOffsetA: number;
  /** A gap between ticks counts for at most this much coulomb counting (a stalled loop). */
  readonly maxCountStepMs: number;
  /** At or above this SOC the pack is full: no charge current (nor regen) until it falls below. */
  readonly fullSocPct: number;
  /** Uncertainty after a full-charge sync. */
  readonly fullSyncUncertaintyPct: number;
  /** A cell this close to the charge voltage counts as at the charge voltage. */
  readonly fullSyncVoltageMarginV: number;
}

export interface ContactorConfig {
  /** A contactor's feedback must follow its command within this time. */
  readonly feedbackTimeoutMs: number;
  /** Precharge succeeds when |link − pack| ≤ this (DESIGN.md §5). */
  readonly prechargeMatchV: number;
  /** … held this long. */
  readonly prechargeHoldMs: number;
  readonly prechargeTimeoutMs: number;
  /** Attempts after the first before the path is faulted. */
  readonly prechargeRetries: number;
  /** Pause between attempts, for the precharge resistor to cool. */
  readonly prechargeCooldownMs: number;
  /** Open only below this |current| unless in an emergency. */
  readonly breakCurrentA: number;
  /** Open at the latest this long after the open was asked for (invariant 8). */
  readonly openMaxWaitMs: number;
  /** This much current with every path open and confirmed proves a weld. */
  readonly weldCurrentA: number;
  /** DC-charge contactors close when |inlet − link| ≤ this (charger precharged the cable). */
  readonly dcMatchV: number;
}

export interface IsolationConfig {
  readonly warnOhmPerV: number;
  readonly faultOhmPerV: number;
  /** A stand-down longer than this is ignored (the vehicle IMD must not stay off). */
  readonly standDownMaxMs: number;
}

export interface PreconditionConfig {
  /** Aim for the temperature band where the map gives at least this fraction of its best. */
  readonly bestFraction: number;
  readonly hysteresisK: number;
  readonly heatPowerW: number;
  readonly coolPowerW: number;
  /** A planned session's preconditioning runs at most this long. */
  readonly maxDurationMs: number;
  /** Not below this SOC unless plugged in (the energy would be missed on the way). */
  readonly minSocPct: number;
  /** Cooling protects the pack above this regardless of any request … */
  readonly protectiveCoolAboveC: number;
  /** … down to this. */
  readonly protectiveCoolTargetC: number;
  /** While a DC session runs its own heat pushes the pack up: hold this fraction of the map's best,
   *  cooling around the band's middle (not from beyond its edge). */
  readonly chargingBestFraction: number;
  /** The coolant must be this much colder (cooling) or warmer (heating) than the cells it moves. */
  readonly coolantOffsetK: number;
  /** Coolant temperatures asked of the TMS stay within these. */
  readonly coolantMinC: number;
  readonly coolantMaxC: number;
}

export interface DiagnosisConfig {
  /** Limits are multiplied by this while a fault with reaction 'derate' is active. */
  readonly derateFactor: number;
  /** A sample never counts for more than this (a stalled loop must not confirm at once). */
  readonly maxSampleMs: number;
  /** Measured current above limit × (1 + fraction) + margin is an overshoot. */
  readonly overshootFraction: number;
  readonly overshootMarginA: number;
}

export interface BmsConfig {
  readonly pack: PackConfig;
  readonly chemistry: ChemistryConfig;
  readonly monitoring: MonitoringConfig;
  readonly soc: SocConfig;
  readonly contactors: ContactorConfig;
  readonly isolation: IsolationConfig;
  readonly precondition: PreconditionConfig;
  readonly diagnosis: DiagnosisConfig;
  readonly faults: readonly FaultDef[];
}
