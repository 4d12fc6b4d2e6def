// Charge and discharge limits, as current and as power, with the reason in force.
// Charge: the SOC × temperature map (worst of the coldest and hottest sensor), tapered by the
// highest cell's voltage tiers; zero outside the charge temperature window (plating below the
// minimum; hysteresis to re-allow), at the safety voltage, after a deep discharge, or when a fault
// says so. Discharge: the discharge map, derated by the lowest cell's voltage tiers and both
// temperature tiers. The zero rules are checked here, after everything else (invariants 5 and 8).
import type { BmsConfig } from './config.ts';
import type { LimitReason } from './io.ts';
import type { PackSnapshot } from './monitoring.ts';
import type { DiagSummary } from './diagnosis.ts';
import { crateFinder, type CrateFinder } from './crate-map.ts';
import { interpolate, tierFactor } from './interp.ts';

export interface LimitsInput {
  readonly snap: PackSnapshot;
  readonly socPct: number;
  readonly capacityAh: number;
  readonly diag: DiagSummary;
  /** Charging was blocked by temperature last tick (hysteresis). */
  readonly chargeTempBlocked: boolean;
  /** A path is waiting for the current to fall before it opens. */
  readonly mainOpening: boolean;
  readonly chargePathOpening: boolean;
}

/** The table lookups of the limits, memoized on their exact inputs (the step keeps one set per instance). */
export interface LimitLookups {
  /** The two maps at the coldest and hottest sensor. */
  readonly charge: CrateFinder;
  readonly discharge: CrateFinder;
  /** resistanceFactorByTempC at a temperature (temperatures change seldom from tick to tick). */
  readonly resistanceFactor: (tempC: number) => number;
}

export function limitLookups(cfg: BmsConfig): LimitLookups {
  const curve = cfg.chemistry.resistanceFactorByTempC;
  let lastC = NaN;
  let factor = interpolate(curve, lastC);
  const resistanceFactor = (tempC: number): number => {
    if (!Object.is(tempC, lastC)) {
      factor = interpolate(curve, tempC);
      lastC = tempC;
    }
    return factor;
  };
  return { charge: crateFinder(cfg.chemistry.chargeMap), discharge: crateFinder(cfg.chemistry.dischargeMap), resistanceFactor };
}

export interface Limits {
  readonly chargeCurrentLimitA: number;
  readonly dischargeCurrentLimitA: number;
  readonly chargePowerLimitW: number;
  readonly dischargePowerLimitW: number;
  readonly chargeLimitReason: LimitReason;
  readonly dischargeLimitReason: LimitReason;
  readonly chargeTempBlocked: boolean;
}

/** Temperature window with hysteresis: blocked outside, re-allowed only well inside. Unknown → blocked. */
export function chargeTempBlocked(cfg: BmsConfig, tMinC: number, tMaxC: number, wasBlocked: boolean): boolean {
  const ch = cfg.chemistry;
  if (Number.isNaN(tMinC) || Number.isNaN(tMaxC)) return true;
  if (tMinC < ch.chargeTempMinC || tMaxC > ch.chargeTempMaxC) return true;
  if (!wasBlocked) return false;
  return tMinC < ch.chargeTempMinC + ch.chargeTempHysteresisK || tMaxC > ch.chargeTempMaxC - ch.chargeTempHysteresisK;
}

function chargeZeroReason(x: LimitsInput, cfg: BmsConfig, blocked: boolean): LimitReason | undefined {
  const s = x.snap;
  if (s.invalidCells === s.cellCount || s.invalidTemps === s.tempCount) return 'sensorsInvalid';
  if (blocked) return 'chargeTempWindow';
  if (!(s.cellVoltageMaxV < cfg.chemistry.cellVoltageHighV.safety)) return 'cellVoltageHigh';
  if (!(s.cellVoltageMinV > cfg.chemistry.cellDeepDischargeV)) return 'deepDischarge';
  if (x.diag.stopCharge || x.diag.critical) return 'faultStop';
  if (x.mainOpening || x.chargePathOpening) return 'contactorsOpening';
  if (x.socPct >= cfg.soc.fullSocPct) return 'full';
  return undefined;
}

function dischargeZeroReason(x: LimitsInput): LimitReason | undefined {
  const s = x.snap;
  if (s.invalidCells === s.cellCount || s.invalidTemps === s.tempCount) return 'sensorsInvalid';
  if (x.diag.stopDrive || x.diag.critical) return 'faultStop';
  if (x.mainOpening) return 'contactorsOpening';
  return undefined;
}

function chargeLimit(x: LimitsInput, cfg: BmsConfig, rateAh: number, blocked: boolean, crate: CrateFinder): { a: number; reason: LimitReason } {
  const s = x.snap;
  const ch = cfg.chemistry;
  let a = cfg.pack.chargeCurrentRatedA;
  let reason: LimitReason = 'rated';
  const mapA = crate(x.socPct, s.cellTempMinC, s.cellTempMaxC) * rateAh;
  if (mapA < a) {
    a = mapA;
    reason = 'socTempMap';
  }
  const taper = tierFactor(ch.cellVoltageHighV, s.cellVoltageMaxV);
  if (taper < 1) {
    a *= taper;
    reason = 'cellVoltageHigh';
  }
  if (x.diag.derate) {
    a *= cfg.diagnosis.derateFactor;
    reason = 'faultDerate';
  }
  const zero = chargeZeroReason(x, cfg, blocked);
  return zero === undefined ? { a, reason } : { a: 0, reason: zero };
}

function dischargeLimit(x: LimitsInput, cfg: BmsConfig, rateAh: number, crate: CrateFinder): { a: number; reason: LimitReason } {
  const s = x.snap;
  const ch = cfg.chemistry;
  let a = cfg.pack.dischargeCurrentRatedA;
  let reason: LimitReason = 'rated';
  const mapA = crate(x.socPct, s.cellTempMinC, s.cellTempMaxC) * rateAh;
  if (mapA < a) {
    a = mapA;
    reason = 'socTempMap';
  }
  // The most restrictive tier governs (not the product: they are limits, not independent losses).
  let factor = tierFactor(ch.cellVoltageLowV, s.cellVoltageMinV);
  let factorReason: LimitReason = 'cellVoltageLow';
  const hot = tierFactor(ch.cellTempHighC, s.cellTempMaxC);
  if (hot < factor) {
    factor = hot;
    factorReason = 'cellTempHigh';
  }
  const cold = tierFactor(ch.cellTempLowC, s.cellTempMinC);
  if (cold < factor) {
    factor = cold;
    factorReason = 'cellTempLow';
  }
  if (factor < 1) {
    a *= factor;
    reason = factorReason;
  }
  if (x.diag.derate) {
    a *= cfg.diagnosis.derateFactor;
    reason = 'faultDerate';
  }
  const zero = dischargeZeroReason(x);
  return zero === undefined ? { a, reason } : { a: 0, reason: zero };
}

export function computeLimits(x: LimitsInput, cfg: BmsConfig, lookups: LimitLookups = limitLookups(cfg)): Limits {
  const s = x.snap;
  const ch = cfg.chemistry;
  const pack = cfg.pack;
  // An aged pack plates at a lower current: C-rates refer to the smaller of learned and nominal.
  const rateAh = Math.min(x.capacityAh, pack.nominalCapacityAh);
  const blocked = chargeTempBlocked(cfg, s.cellTempMinC, s.cellTempMaxC, x.chargeTempBlocked);
  const charge = chargeLimit(x, cfg, rateAh, blocked, lookups.charge);
  const discharge = dischargeLimit(x, cfg, rateAh, lookups.discharge);

  // Power at the limit: terminal voltage = OCV ± I·R, R from the coldest sensor (highest R).
  const rOhm = (pack.packResistanceMOhm / 1000) * lookups.resistanceFactor(s.cellTempMinC);
  const measuredA = Number.isNaN(s.currentA) ? 0 : s.currentA;
  const ocvV = s.packVoltageBestV - measuredA * rOhm;
  const chargeW = charge.a * Math.min(ocvV + charge.a * rOhm, ch.cellVoltageHighV.operating * pack.seriesCells);
  const dischargeW = discharge.a * Math.max(ocvV - discharge.a * rOhm, 0);
  return {
    chargeCurrentLimitA: charge.a,
    dischargeCurrentLimitA: discharge.a,
    chargePowerLimitW: chargeW > 0 ? chargeW : 0, // NaN voltage → no power
    dischargePowerLimitW: dischargeW > 0 ? dischargeW : 0,
    chargeLimitReason: charge.reason,
    dischargeLimitReason: discharge.reason,
    chargeTempBlocked: blocked,
  };
}
