// Pack presets (reference/cells.md §5) and the shared BMS defaults. PD = project default.
import type {
  BmsConfig,
  ContactorConfig,
  DiagnosisConfig,
  IsolationConfig,
  MonitoringConfig,
  PackConfig,
  PreconditionConfig,
  SocConfig,
} from './config.ts';
import { LFP, NMC, NMC_TAPERED } from './chemistries.ts';
import { DEFAULT_FAULT_TABLE } from './fault-table.ts';

export const DEFAULT_MONITORING: MonitoringConfig = {
  cellVoltageSensorMinV: 0.5, // PD: an open or shorted sense line reads near 0 V; a real deep-discharged cell stays visible
  cellVoltageSensorMaxV: 5.0, // PD: the CMU ADC's full scale; above it a neighbour's line is shorted in
  cellVoltageStaleMs: 500, // PD: CMU frames every 100 ms, five missed
  tempSensorMinC: -40, // PD: an open NTC reads colder than any car sees
  tempSensorMaxC: 125, // PD: a shorted NTC reads hotter; a real 100 °C cell must stay visible
  tempStaleMs: 3000, // PD: temperatures every 1 s, three missed
  currentStaleMs: 100, // PD: shunt frames every 10 ms
  voltageStaleMs: 200, // PD: shunt voltages every 20 ms
  feedbackStaleMs: 200, // PD: PDU status every 20 ms
  imdStaleMs: 5000, // PD: IMDs report every 1–2 s
  cellVoltageInvalidMaxCount: 2, // PD: two unseen cells still let the car limp home; more is blind
  tempInvalidMaxCount: 4, // PD: ≈ 1 in 8 sensors; neighbours still cover the modules
  packVoltageMismatchV: 10, // PD: pack sensor 1 % class plus wiring drops
  packVoltageMismatchFraction: 0.02, // PD: as above, proportional part
  imbalanceWarnMv: 150, // PD: well above balancing targets (~10–30 mV), below capacity-loss spreads
};

export const DEFAULT_SOC: SocConfig = {
  currentGainErrorFraction: 0.005, // PD: 0.5 % class shunt (the drift test uses the same)
  currentOffsetErrorA: 0.3, // PD: uncalibrated Hall/shunt offset (same test)
  capacityErrorFraction: 0.02, // PD: learned capacity good to ~2 %
  noCurrentGrowthPctPerH: 10, // PD: without a shunt, assume up to ~0.1C unknown flow
  unrestedOcvUncertaintyPct: 10, // PD: loaded or relaxing cells read up to ~50 mV off OCV
  unknownUncertaintyPct: 100, // nothing known
  capacityLearnMinSpanPct: 40, // PD: a short span magnifies OCV errors into the capacity
  capacityLearnMaxOcvSigmaPct: 3, // PD: only steep OCV regions anchor a capacity estimate
  capacityLearnWeight: 0.2, // PD: one observation moves the estimate a fifth of the way
  capacityMinFraction: 0.5, // PD: below half capacity the pack is scrap; refuse to learn further
  capacityMaxFraction: 1.1, // PD: cells ship up to ~5 % above rating; leave margin
  zeroCalibrationSettleMs: 2000, // PD: eddy and filter settling after the contactors open
  zeroCalibrationTauMs: 5000, // PD: averages noise of a 10 ms shunt over ~500 samples
  zeroCalibrationMaxOffsetA: 2, // PD: larger readings with open paths are a fault, not an offset
  maxCountStepMs: 1000, // PD: the current of a sample is trusted for at most 1 s
  fullSocPct: 100, // a full pack takes no more charge, regen included
  fullSyncUncertaintyPct: 1, // PD: end of CV charge pins the SOC to ~1 %
  fullSyncVoltageMarginV: 0.01, // PD: within 10 mV of the charge voltage counts as at it
};

export const DEFAULT_CONTACTORS: ContactorConfig = {
  feedbackTimeoutMs: 200, // PD: EV contactors close in 20–50 ms; feedback frames every 20 ms; margin
  prechargeMatchV: 20, // DESIGN.md §5 / timeouts.md §3
  prechargeHoldMs: 30, // timeouts.md §3: three consecutive readings before closing
  prechargeTimeoutMs: 1500, // PD: ~5 τ of a 50 Ω × 1 mF link is 250 ms; a short or open link never gets there
  prechargeRetries: 2, // PD: three attempts, then the resistor needs protection
  prechargeCooldownMs: 5000, // PD: precharge resistor cooling between attempts
  breakCurrentA: 5, // timeouts.md §5 PD: open after current < 5 A
  openMaxWaitMs: 2000, // timeouts.md §4 error stop: wait 2 s for the charger to cut current, then open
  weldCurrentA: 10, // PD: twice the break current; no current can pass open contacts
  dcMatchV: 20, // timeouts.md §3 precharge "matched" < 20 V
};

export const DEFAULT_ISOLATION: IsolationConfig = {
  warnOhmPerV: 500, // pilot.md §7, IEC 61851-23:2014 convention
  faultOhmPerV: 100, // pilot.md §7
  standDownMaxMs: 90_000, // timeouts.md §2 cable check loop default 60 s, plus margin
};

export const DEFAULT_PRECONDITION: PreconditionConfig = {
  bestFraction: 0.9, // PD: the last 10 % of C-rate costs many kWh of heating
  hysteresisK: 2, // PD: keeps the TMS from chattering on sensor noise
  heatPowerW: 7000, // PD: a typical HV PTC / heat-pump heater
  coolPowerW: 5000, // PD: chiller share available to the pack
  maxDurationMs: 60 * 60_000, // PD: navigation plans warm-up ~20–40 min ahead; bound a forgotten request
  minSocPct: 15, // PD: do not spend the range needed to reach the charger
  protectiveCoolAboveC: 40, // cells.md §6: above 40 °C the charge map collapses
  protectiveCoolTargetC: 35, // cells.md §6: top of the best band
  chargingBestFraction: 1, // PD: fast charging is when the map's best pays; 300 A makes ~9 kW of heat (cells.md §5)
  coolantOffsetK: 10, // PD: a fast-charging pack runs ~10–15 K above its coolant (sim preset: ~9 K at 9 kW, 1000 W/K)
  coolantMinC: 15, // PD: colder coolant risks condensation in the pack and chiller icing
  coolantMaxC: 45, // PD: no hotter than the charge window's top (cells.md §3)
};

export const DEFAULT_DIAGNOSIS: DiagnosisConfig = {
  derateFactor: 0.5, // PD: a degraded sensor set halves the limits
  maxSampleMs: 100, // PD: ten 10 ms ticks; a stalled loop must not confirm a fault by one sample
  overshootFraction: 0.1, // chargers.md: failing modules oscillate ±10 %
  overshootMarginA: 10, // PD: shunt error plus ramp latency
};

/** cells.md §5: 96s, 216 Ah group, 32 mΩ, 3C = 648 A. */
export const PACK_400V: PackConfig = {
  name: '400V-96s-216Ah',
  seriesCells: 96,
  tempSensors: 32, // PD: one NTC per three cells
  nominalCapacityAh: 216,
  packResistanceMOhm: 32,
  maxVoltageV: 403.2, // 96 × 4.20 V
  chargeCurrentRatedA: 648, // 3C, the peak of the charge map
  dischargeCurrentRatedA: 648, // 3C, the peak of the discharge map
  chargeCurrentSafetyA: 810, // PD: 1.25 × rated
  dischargeCurrentSafetyA: 810, // PD: 1.25 × rated
  restCurrentA: 2, // PD: ~C/100
};

/** cells.md §5: 192s, 111 Ah group, ~100 mΩ, 3C = 333 A. */
export const PACK_800V: PackConfig = {
  name: '800V-192s-111Ah',
  seriesCells: 192,
  tempSensors: 64, // PD: one NTC per three cells
  nominalCapacityAh: 111,
  packResistanceMOhm: 100,
  maxVoltageV: 806.4, // 192 × 4.20 V
  chargeCurrentRatedA: 333, // 3C
  dischargeCurrentRatedA: 333, // 3C
  chargeCurrentSafetyA: 416, // PD: 1.25 × rated
  dischargeCurrentSafetyA: 416, // PD: 1.25 × rated
  restCurrentA: 1, // PD: ~C/100
};

function preset(pack: PackConfig, chemistry = NMC, tempInvalidMaxCount = 4): BmsConfig {
  return {
    pack,
    chemistry,
    monitoring: { ...DEFAULT_MONITORING, tempInvalidMaxCount },
    soc: DEFAULT_SOC,
    contactors: DEFAULT_CONTACTORS,
    isolation: DEFAULT_ISOLATION,
    precondition: DEFAULT_PRECONDITION,
    diagnosis: DEFAULT_DIAGNOSIS,
    faults: DEFAULT_FAULT_TABLE,
  };
}

/** 400 V class car, NMC A with the earlier taper fitted to the Model 3 LR (curves.md §3; chemistries.ts). */
export const pack400v: BmsConfig = preset(PACK_400V, NMC_TAPERED);
/** 800 V class car, NMC A; 64 sensors tolerate 8 invalid (same 1 in 8). */
export const pack800v: BmsConfig = preset(PACK_800V, NMC, 8);
/** 400 V class car with LFP cells (108s keeps ~350 V nominal at 3.25 V mean OCV). */
export const pack400vLfp: BmsConfig = preset(
  { ...PACK_400V, name: '400V-108s-216Ah-LFP', seriesCells: 108, tempSensors: 36, maxVoltageV: 108 * 3.55, chargeCurrentRatedA: 432, chargeCurrentSafetyA: 540 },
  LFP,
);
