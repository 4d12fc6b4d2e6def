// Configuration of the DC session: timing per phase, budgets, ramps, margins, tolerances,
// stop-sequence waits, retry limits and the boost converter's description. Values with their
// reasons live in presets.ts; this file holds the shapes and the validator.
import type { DcPhase } from './phases.ts';

/** Timing of one phase. Absent fields do not apply to that phase. */
export interface PhaseTiming {
  /** Longest wait for the next charger response (Res) while in the phase. */
  responseTimeoutMs?: number;
  /** Longest time in the phase; what happens then is in the transition table ('budget'). */
  budgetMs?: number;
  /** Shortest time in the phase before it may complete. */
  minDwellMs?: number;
}

export interface SessionBudgets {
  /** SessionSetup entered → first CurrentDemand. */
  setupMs: number;
  /** ChargeParameterDiscovery entered → PowerDelivery(start) answered. */
  readyToChargeMs: number;
  /** CurrentDemand entered → normal stop; null = unlimited (the charger bounds it). */
  chargeMs: number | null;
}

export interface CurrentConfig {
  /** Upward rate limit of the charge current request (A/s); downward is immediate. */
  rampUpAPerS: number;
  /** Current asked during PreCharge (charges the inlet capacitance only). */
  prechargeCurrentA: number;
  /** Voltage below which a power limit is not divided (avoids huge P/V on a dead bus). */
  minDivisionVoltageV: number;
}

export interface VoltageConfig {
  /** EVMaximumVoltageLimit = pack max + this, rounded up to announceRoundToV. */
  announceMarginV: number;
  announceRoundToV: number;
  /** EVMaximumVoltageLimit is at least the present pack (or bus) voltage + this. */
  minHeadroomV: number;
  /** EVTargetVoltage stays this far below EVMaximumVoltageLimit (invariant 4). */
  targetBelowMaxV: number;
}

export interface PrechargeConfig {
  /** |inlet − car side| and |EVSEPresentVoltage − car side| at most this to count a reading. */
  matchToleranceV: number;
  /** Consecutive matching charger readings needed before the contactors may close. */
  matchReadings: number;
  /** An EVSEPresentVoltage below this is "0 V": not believed. */
  zeroReportV: number;
  /** An EVSEPresentVoltage within this of our own target is a possible echo. */
  echoToleranceV: number;
}

export interface StopConfig {
  /** Contactors may break current below this (A). */
  breakCurrentA: number;
  /** Longest wait for current to decay on an error stop, by stop kind. */
  errorDecayMaxMs: number;
  emergencyDecayMaxMs: number;
  /** Welding detection: done when the charger reports below this and our own sensor agrees. */
  weldingDoneV: number;
  weldingMaxRounds: number;
  /** Unlock only with the inlet below this (own sensor) and current below unlockMaxCurrentA. */
  unlockMaxInletV: number;
  unlockMaxCurrentA: number;
  /** Own sensor below weldingDoneV held this long proves the inlet dead without the charger's word. */
  deadInletHoldMs: number;
}

export interface CommsConfig {
  /** Charger or CCC silent this long in CurrentDemand: request 0 A until it speaks again. */
  zeroAfterSilenceMs: number;
  /** CCC status frame older than this: its content is not believed. */
  cccMaxAgeMs: number;
}

export interface GuardConfig {
  /** Over-voltage stop: inlet above the announced maximum + margin for hold time. */
  overVoltageMarginV: number;
  overVoltageHoldMs: number;
  /** Current seen before it was asked for (contactors not carrying yet). */
  unaskedCurrentA: number;
  unaskedCurrentHoldMs: number;
  /** Current above the request by more than max(absolute, relative) for hold time. */
  overCurrentTolA: number;
  overCurrentTolPct: number;
  overCurrentHoldMs: number;
  /** EVSE_NotReady during CurrentDemand: hold 0 A, then stop normally after this. */
  evseNotReadyMaxMs: number;
}

export interface RetryConfig {
  /** Automatic retries per plug-in after a communication failure. */
  maxAutoRetries: number;
  backoffMs: number;
}

export interface PlannerConfig {
  /** Plan for the voltage at (charge limit + this) SOC. */
  targetSocMarginPct: number;
  /** Plus this voltage on top (IR rise under taper current, sensor tolerance). */
  voltageMarginV: number;
  /** Boost mode: inlet bus runs this far below the lower of the charger's and the converter's maximum. */
  busMarginV: number;
  /** Boost mode: inlet bus at least this far below the pack (a boost only steps up). */
  boostMinStepUpV: number;
}

export interface EstimateConfig {
  /** "Bulk" SOC reported as BulkSOC / remaining time to bulk. */
  bulkSocPct: number;
  /** Low-pass time constant of delivered current (estimates only, never the request). */
  deliveredFilterTauMs: number;
  /** SOC step of the remaining-time integration. */
  stepPct: number;
  /** Estimates above this are reported as unknown. */
  maxRemainingS: number;
  /** Recompute the remaining-time estimates at most this often (they change slowly). */
  periodMs: number;
  /** Delivered below this share of the request, with the request steady this long: charger-limited. */
  underDeliveryRatio: number;
  underDeliverySteadyMs: number;
}

export interface FullConfig {
  /** Taper end: battery limit below this... */
  taperCompleteA: number;
  /** ...for this long... */
  taperCompleteHoldMs: number;
  /** ...above this SOC counts as full (a cold pack at 0 A is not full). */
  taperCompleteMinSocPct: number;
}

export interface HmiConfig {
  /** Start a session when a DC-capable plug is seated, without a start press. */
  autoStart: boolean;
  /** Plug & Charge may be used at all (user preference and charger offer still decide). */
  plugAndChargeEnabled: boolean;
  minChargeLimitPct: number;
  defaultChargeLimitPct: number;
}

/** Static description of the boost converter (live status and thermal factor are inputs). */
export interface BoostSpec {
  fitted: boolean;
  /** Output (pack-side) power rating. */
  maxPowerW: number;
  maxOutputCurrentA: number;
  maxInputCurrentA: number;
  /** P_out / P_in at rated load. */
  efficiency: number;
  minInputVoltageV: number;
  maxInputVoltageV: number;
}

export interface DcConfig {
  phases: Record<DcPhase, PhaseTiming>;
  budgets: SessionBudgets;
  current: CurrentConfig;
  voltage: VoltageConfig;
  precharge: PrechargeConfig;
  stop: StopConfig;
  comms: CommsConfig;
  guards: GuardConfig;
  retry: RetryConfig;
  planner: PlannerConfig;
  estimate: EstimateConfig;
  full: FullConfig;
  hmi: HmiConfig;
  boost: BoostSpec;
}

/** Problems in a config, each naming its key; empty when usable. */
export function validateDcConfig(config: DcConfig): string[] {
  const problems: string[] = [];
  const check = (path: string, value: unknown, ok: (v: number) => boolean, want: string): void => {
    if (typeof value !== 'number' || !Number.isFinite(value) || !ok(value)) problems.push(`dc.${path}: ${String(value)} is not ${want}`);
  };
  const positive = (v: number): boolean => v > 0;
  const nonNegative = (v: number): boolean => v >= 0;
  for (const [phase, timing] of Object.entries(config.phases)) {
    for (const [key, value] of Object.entries(timing)) check(`phases.${phase}.${key}`, value, positive, 'a positive number of ms');
  }
  const groups = { budgets: config.budgets, current: config.current, voltage: config.voltage, precharge: config.precharge,
    stop: config.stop, comms: config.comms, guards: config.guards, retry: config.retry, planner: config.planner,
    estimate: config.estimate, full: config.full } as const;
  for (const [group, values] of Object.entries(groups)) {
    for (const [key, value] of Object.entries(values)) {
      if (value === null && group === 'budgets' && key === 'chargeMs') continue;
      check(`${group}.${key}`, value, nonNegative, 'a non-negative number');
    }
  }
  check('current.rampUpAPerS', config.current.rampUpAPerS, positive, 'positive');
  check('precharge.matchReadings', config.precharge.matchReadings, (v) => Number.isInteger(v) && v >= 1, 'an integer ≥ 1');
  check('stop.weldingMaxRounds', config.stop.weldingMaxRounds, (v) => Number.isInteger(v) && v >= 1, 'an integer ≥ 1');
  check('voltage.targetBelowMaxV', config.voltage.targetBelowMaxV, (v) => v >= 1, '≥ 1 V (invariant 4)');
  check('hmi.minChargeLimitPct', config.hmi.minChargeLimitPct, (v) => v >= 0 && v <= 100, 'a percentage');
  check('hmi.defaultChargeLimitPct', config.hmi.defaultChargeLimitPct, (v) => v >= config.hmi.minChargeLimitPct && v <= 100, 'between the minimum and 100 %');
  if (config.boost.fitted) {
    for (const key of ['maxPowerW', 'maxOutputCurrentA', 'maxInputCurrentA', 'minInputVoltageV', 'maxInputVoltageV'] as const) {
      check(`boost.${key}`, config.boost[key], positive, 'positive');
    }
    check('boost.efficiency', config.boost.efficiency, (v) => v > 0 && v <= 1, 'in (0, 1]');
    check('boost.maxInputVoltageV', config.boost.maxInputVoltageV, (v) => v > config.boost.minInputVoltageV, 'above minInputVoltageV');
  }
  return problems;
}
