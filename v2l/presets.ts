// Default V2L numbers. "PD" = project default (reference/v2l.md), reason given.
import type { OutputMode, OutputSpec, V2lConfig } from './config.ts';

/** The inverter's output arrangements (reference/v2l.md §2 PD and §1). */
export const OUTPUT_PRESETS: Readonly<Record<OutputMode, OutputSpec>> = {
  // v2l.md §2 PD: 120 V outlet, 16 A continuous, 1.9 kW (Kia EV6 US outlet figure).
  '120': { mode: '120', lineVoltageV: 120, legs: 1, frequencyHz: 60, ratedCurrentPerLegA: 16, ratedPowerW: 1900 },
  // v2l.md §2 PD: 240 V split phase, 40 A, 9.6 kW (F-150 Pro Power / Cybertruck class).
  '240-split': {
    mode: '240-split', lineVoltageV: 120, legs: 2, frequencyHz: 60, ratedCurrentPerLegA: 40, ratedPowerW: 9600,
  },
  // v2l.md §1: Hyundai/Kia EU adapter, 230 V 50 Hz, 3.6 kW.
  '230': { mode: '230', lineVoltageV: 230, legs: 1, frequencyHz: 50, ratedCurrentPerLegA: 16, ratedPowerW: 3600 },
};

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

export const DEFAULT_V2L_CONFIG: V2lConfig = {
  output: OUTPUT_PRESETS['240-split'],
  exportPath: 'ac-adapter',
  efficiency: 0.9, // v2l.md §3 PD inverter efficiency
  groundFaultTripMa: 5, // v2l.md §2 PD: inside UL 943's 4–6 mA window; trips at once, below its time curve
  overload: {
    // v2l.md §2 PD: 200 % for 0.5 s, 150 % for 2 s, 110 % for 10 s, then trip.
    curve: [
      { ratio: 2.0, tripS: 0.5 },
      { ratio: 1.5, tripS: 2 },
      { ratio: 1.1, tripS: 10 },
    ],
    pickupRatio: 1.05, // PD: load metering is good to a few %; a load at its rating must run for ever
    instantRatio: 3.0, // PD: 3× running is the motor-start sizing rule (v2l.md §3); beyond it, a short
    coolDownS: 60, // PD: repeated starts within a minute add up, as wiring heat does
    warnLevel: 0.5, // PD: half-way to a trip, ask the user to shed load
  },
  thermal: {
    derateStartC: 80, // PD: power-stage heatsink; leaves 15 K before the trip
    tripC: 95, // PD: below typical 100 °C heatsink limits of silicon power stages
    derateMinFraction: 0.3, // PD: keeps a fridge and router going while the stage cools
    resetBelowC: 70, // PD: 25 K of hysteresis so a reset does not trip again at once
  },
  floor: {
    choicesPct: [20, 30, 40, 50, 60, 70, 80], // v2l.md §1 Hyundai/Kia: 20–80 % in 10 % steps
    defaultPct: 20, // v2l.md §1 Kia EV6 default
    warningMarginPct: 2, // issue #6: warn at floor + 2 %
    restartMarginPct: 1, // PD: SOC rebounds after load is removed; avoids start/stop at the floor
    taperPct: 1, // PD: the limit narrows over the last 1 % (≈ 0.8 kWh on a 77 kWh pack)
    taperMinFraction: 0.5, // PD: half power at the floor, so running loads are not cut by the taper
  },
  timing: {
    checkDeadlineMs: 5_000, // PD: BMS precharge is bounded by its own timeouts (~2–3 s)
    softStartMs: 1_000, // v2l.md §2 PD: the inverter ramps over ~1 s; Starting lasts at least this
    startDeadlineMs: 5_000, // PD: 1 s ramp + inverter self-test; the user waits at most 5 s for an answer
    stopDeadlineMs: 2_000, // PD: an inverter that still runs 2 s after disable is broken
    resetWindowMs: 2_000, // PD: time for the inverter to clear its own latch after our reset command
  },
  freshness: {
    inverterMaxAgeMs: 300, // CONTRACT.md: INV_Status timeout, three 100 ms frames
    bmsMaxAgeMs: 500, // timeouts.md §5: BMS limits frame missing 500 ms → limit 0
    vehicleMaxAgeMs: 500, // PD: as the BMS frame
    adapterMaxAgeMs: 500, // PD: as the BMS frame
    hmiMaxAgeMs: 300, // CONTRACT.md: HMI_Request timeout
  },
  outputQuality: {
    regulationBandPct: 5, // v2l.md §2 PD: RMS ±5 %
    voltageTolerancePct: 10, // v2l.md §2: equipment tolerates ±10 %
    frequencyToleranceHz: 0.5, // PD: 5× the inverter's ±0.1 Hz regulation (v2l.md §2)
    debounceMs: 2_000, // PD: motor-start sags last 0.1–5 s (v2l.md §3) but most well under 2 s
  },
  estimator: {
    // PD, measured on the v2l.md §3 essentials profile (test/v2l/runtime-estimate.test.ts): a single
    // 30 min average leaves ±14 % from 15–20 min appliance cycles, 2 h still ±13 % between 1 and 2 h
    // (partial cycles at the edges); the two-stage average with a soft start stays within ±7 %.
    slowTauMs: 2 * HOUR_MS,
    smoothTauMs: 20 * MINUTE_MS, // PD: about one fridge cycle (v2l.md §3)
    rampInMs: 30 * MINUTE_MS, // PD: 1.5 fridge cycles; shorter ramps ring with 15–20 min cycles
    fastTauMs: 10 * MINUTE_MS, // PD: follows a new heater within minutes
    changeRatio: 2, // PD: on the essentials profile fast ÷ slow stays within 0.62–1.43
    changePersistMs: 30 * MINUTE_MS, // PD: longer than any appliance cycle in v2l.md §3
    settleMs: HOUR_MS, // PD: three fridge cycles (v2l.md §3); provisional before (±10 % not yet met)
    minLoadW: 5,
    maxEstimateS: 10 * 24 * 3600, // v2l.md §1 Ford: up to 10 days rationed
    resumeWindowMs: 15 * MINUTE_MS, // PD: a restart after a trip keeps the same household
    auxPowerW: 0, // PD: unknown per car; set it when the 12 V / cooling draw is known
  },
  maxParkedSpeedKph: 1, // PD: wheel-speed noise at standstill stays below this
  minBatteryPowerW: 200, // PD: below a fridge plus router (v2l.md §3) nothing useful runs
};

/** The default configuration for one output arrangement. */
export function v2lConfigFor(mode: OutputMode, overrides: Partial<V2lConfig> = {}): V2lConfig {
  return { ...DEFAULT_V2L_CONFIG, output: OUTPUT_PRESETS[mode], ...overrides };
}
