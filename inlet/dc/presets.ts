// Default DC session configuration. Sources: reference/timeouts.md (§n), pilot.md §7, chargers.md,
// cells.md §5, curves.md. PD = project default, not from a standard (reason given).
import type { BoostSpec, DcConfig, PhaseTiming } from './config.ts';
import type { DcPhase } from './phases.ts';

export const DC_PHASE_TIMING: Record<DcPhase, PhaseTiming> = {
  idle: {},
  // §2 communication setup (State B → SessionSetupRes) 20 s, + §1 ServiceDiscovery 2 s.
  sessionSetup: { responseTimeoutMs: 20_000, budgetMs: 22_000 },
  // §1 2 s per Res; §2 EIM loop 120 s (the user looks for the RFID card).
  authorization: { responseTimeoutMs: 2_000, budgetMs: 120_000 },
  // §1 5 s ("some chargers need > 1 s"); §2 60 s loop.
  parameterDiscovery: { responseTimeoutMs: 5_000, budgetMs: 60_000 },
  // PD: the plan needs the charger's limits from a fresh CCC frame; one second of stale data is a comm fault.
  planning: { budgetMs: 1_000 },
  // PD: the inlet lock tries 3 × 1 s (inlet/presets.ts); one more second of margin.
  locking: { budgetMs: 4_000 },
  // §1 5 s per Res; §2 60 s loop (Supercharger V3 and IMD self-tests need most of it).
  cableCheck: { responseTimeoutMs: 5_000, budgetMs: 60_000 },
  // §1 2 s per Res; §2 10 s loop (ISO-20 value; DIN/ISO-2 7 s proved tight in the field).
  preCharge: { responseTimeoutMs: 2_000, budgetMs: 10_000 },
  // PD: contactors close in < 100 ms each; 1 s means one did not follow.
  closingContactors: { responseTimeoutMs: 2_000, budgetMs: 1_000 },
  // §3: ≥ 450 ms after both contactors read closed before PowerDelivery(start) (Kempower, ccs32clara #22).
  contactorSettle: { responseTimeoutMs: 2_000, budgetMs: 450 },
  // §1 6 s (Compleo > 1 s; ISO performance 4.5 s).
  powerDeliveryStart: { responseTimeoutMs: 6_000, budgetMs: 6_000 },
  // §1 1 s, then safe stop (250 ms trips on real latency, 5 s leaves current unsupervised).
  currentDemand: { responseTimeoutMs: 1_000 },
  // §4 normal stop step 1 (PD): CurrentDemand at 0 A; PD: 1.5 s for the charger to ramp before PowerDelivery(stop).
  stopRampDown: { responseTimeoutMs: 1_000, budgetMs: 1_500 },
  // §1 6 s (Compleo answered ~1.5 s late).
  powerDeliveryStop: { responseTimeoutMs: 6_000, budgetMs: 6_000 },
  // §4 step 4: 300 ms for current to fall after CP B; bounded like the error path (2 s).
  currentDecay: { minDwellMs: 300, budgetMs: 2_000 },
  // PD: feedback of an opening contactor follows within 100 ms; 1 s means stuck.
  openingContactors: { budgetMs: 1_000 },
  // §1 2 s per Res; §4 ≤ 10 rounds.
  weldingDetection: { responseTimeoutMs: 2_000, budgetMs: 20_000 },
  // §1 2 s; then the session is over whatever the charger says.
  sessionStop: { responseTimeoutMs: 2_000 },
  errorCurrentDecay: {},
  // PD: as openingContactors.
  errorOpening: { budgetMs: 1_000 },
  // §4 error stop step 4: wait 1 s before unlocking.
  errorSettle: { minDwellMs: 1_000 },
  ended: {},
  retryWait: {},
};

export const NO_BOOST: BoostSpec = {
  fitted: false, maxPowerW: 0, maxOutputCurrentA: 0, maxInputCurrentA: 0, efficiency: 1, minInputVoltageV: 0, maxInputVoltageV: 0,
};

/** An 800 V car's boost converter sized like the Ioniq 9 on a Supercharger V3 (curves.md: ~125 kW). */
export const BOOST_125KW: BoostSpec = {
  fitted: true,
  maxPowerW: 125_000, // curves.md: 800 V car through a 500 V charger limited near 125 kW
  maxOutputCurrentA: 250, // PD: 125 kW at the 576 V minimum pack (cells.md §5) is 217 A
  maxInputCurrentA: 400, // NACS connector rating (pilot.md §5)
  efficiency: 0.97, // PD: typical SiC DC-DC at rated load
  minInputVoltageV: 200, // PD: step-up ratio ≤ 4 keeps the converter efficient
  maxInputVoltageV: 500, // DESIGN.md §1: inlet DC bus up to ~500 V (legacy 500 V chargers)
};

export const DC_CONFIG_DEFAULT: DcConfig = {
  phases: DC_PHASE_TIMING,
  budgets: {
    setupMs: 300_000, // PD: the phase budgets add up to ~290 s; this bounds a chain of near-timeouts
    readyToChargeMs: 150_000, // §2 DIN ready-to-charge 150 s
    chargeMs: null, // unlimited: the charger and the user bound a DC session
  },
  current: {
    rampUpAPerS: 50, // PD: 0 → 330 A in under 7 s; gentle on power modules that stage in
    prechargeCurrentA: 1, // §3: ≤ 2 A (IEC 61851-23); Clara sends 1 A
    minDivisionVoltageV: 50, // PD: below the lowest charger minimum (~50 V, chargers.md §1) no charging voltage exists
  },
  voltage: {
    announceMarginV: 5, // with announceRoundToV: 403.2 V → 410 V, 806.4 V → 820 V (cells.md §5, §3 Clara 410 V)
    announceRoundToV: 10,
    minHeadroomV: 10, // §3: 5 V above the pack made Ionity/Tritium stop; 17 V worked
    targetBelowMaxV: 1, // §3: target clamped to max − 1 V (invariant 4)
  },
  precharge: {
    matchToleranceV: 10, // §3 default: ≤ 10 V (pyPLC), tighter than Clara's 20 V
    matchReadings: 3, // §3 default: 3 consecutive readings
    zeroReportV: 5, // PD: a "0 V" PreChargeRes (chargers.md #13) with noise allowance
    echoToleranceV: 0.5, // PD: an echo equals our target to the report's resolution
  },
  stop: {
    breakCurrentA: 5, // §5 PD: contactors open after current < 5 A
    errorDecayMaxMs: 2_000, // §4 error stop step 2: wait 2 s for the charger to cut current
    emergencyDecayMaxMs: 500, // PD: chargers cut within ~100 ms of CP B (Ioniq trace); then open under load
    weldingDoneV: 40, // pilot.md §7: EVSEPresentVoltage < 40 V
    weldingMaxRounds: 10, // §4 step 6
    unlockMaxInletV: 60, // pilot.md §7: touch-safe 60 V by the car's own sensor
    unlockMaxCurrentA: 1, // DESIGN.md §7 invariant 2
    deadInletHoldMs: 1_000, // PD: own sensor < 40 V held 1 s proves a dead inlet when the charger is silent
  },
  comms: {
    zeroAfterSilenceMs: 300, // §5: request 0 A after 300 ms silence
    cccMaxAgeMs: 300, // PD: three periods of a 100 ms CCC status frame
  },
  guards: {
    overVoltageMarginV: 10, // PD: ~1 % sensor tolerance at 800 V; far below the EVSE's own OVP (pilot.md §7)
    overVoltageHoldMs: 400, // pilot.md §7: IEC 61851-23 CC.6.2, 400 ms
    unaskedCurrentA: 5, // PD: above the ≤ 2 A precharge current with sensor margin
    unaskedCurrentHoldMs: 100, // PD: two charger answers, not one noisy sample
    overCurrentTolA: 10, // PD: sensor offsets at low current
    overCurrentTolPct: 15, // PD: ±10 % oscillation (chargers.md #5) plus margin
    overCurrentHoldMs: 2_000, // PD: a charger follows a lowered request well within 2 s
    evseNotReadyMaxMs: 10_000, // PD: a charger not ready for 10 s in CurrentDemand will not recover
  },
  retry: {
    maxAutoRetries: 2, // PD: one transient (TCP RST, chargers.md #6/#9) and one more; then the user decides
    backoffMs: 5_000, // PD: the charger must see CP B and drop its session first (SECC CP detection 1.5 s)
  },
  planner: {
    targetSocMarginPct: 5, // PD: the user may raise the limit a little mid-session
    voltageMarginV: 10, // PD: IR rise at taper current (32 mΩ × 300 A ≈ 10 V) and sensor tolerance
    busMarginV: 10, // PD: below the charger's maximum so it never sits on its own limit
    boostMinStepUpV: 20, // PD: a boost converter regulates poorly near 1:1
  },
  estimate: {
    bulkSocPct: 80, // issue #5: remaining time to 80 %
    deliveredFilterTauMs: 5_000, // PD: averages out ±10 % oscillation with a period of seconds
    stepPct: 1, // PD: the BMS map changes in 5–10 % steps (cells.md §6)
    maxRemainingS: 48 * 3_600, // PD: beyond two days the estimate means nothing
    periodMs: 1_000, // PD: SOC moves < 0.1 %/s even at 3C; an HMI shows it at 1 Hz
    underDeliveryRatio: 0.9, // PD: outside the ±10 % oscillation band
    underDeliverySteadyMs: 10_000, // PD: long enough that a ramping charger is not mistaken for a weak one
  },
  full: {
    taperCompleteA: 5, // PD: below C/40 for either preset pack
    taperCompleteHoldMs: 30_000, // PD: a dip of the limit is not the end of charge
    taperCompleteMinSocPct: 95, // PD: a cold pack held at 0 A is not full
  },
  hmi: {
    autoStart: true, // plugging in starts charging; the user's stop is remembered until start or unplug
    plugAndChargeEnabled: false, // DESIGN.md §4: Plug & Charge only when enabled in config
    minChargeLimitPct: 50, // PD: as common EV HMIs
    defaultChargeLimitPct: 80, // PD: when the HMI value is unusable
  },
  boost: NO_BOOST,
};

export const DC_CONFIG_800V_BOOST: DcConfig = { ...DC_CONFIG_DEFAULT, boost: BOOST_125KW };
