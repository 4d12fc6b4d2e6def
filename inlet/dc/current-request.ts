// The charge current request (DESIGN.md §4, invariant 3): the lowest of all limits in force,
// each with its reason, raised no faster than the ramp and dropped at once. Everything is on the
// inlet side (what the charger is asked for); in boost mode pack-side limits are converted through
// the converter (P_in = P_out / efficiency). Delivered current never enters here: a charger that
// delivers less than asked (chargers.md #5) or oscillates (±10 %) is not chased.
import type { BoostSpec } from './config.ts';
import type { LimitReason } from './types.ts';

export interface Limit {
  reason: LimitReason;
  limitA: number;
}

export interface LimitInputs {
  path: 'direct' | 'boost';
  /** Boost: the inlet-bus setpoint. */
  busVoltageV: number | null;
  /** Measured inlet voltage, when believed. */
  inletVoltageV: number | undefined;
  packVoltageV: number;
  bmsValid: boolean;
  bmsCurrentA: number;
  bmsPowerW: number;
  evseValid: boolean;
  evseMaxCurrentA: number;
  evseMaxPowerW: number;
  pinLimitA: number;
  ratingA: number;
  userLimitA: number | undefined;
  boostSpec: BoostSpec;
  boostValid: boolean;
  boostTempLimitFactor: number;
  minDivisionVoltageV: number;
}

/** Order in which equal limits are reported. The inlet's pin limit equals the rating while the pins
 *  are cool (inlet/pin-derating.ts), so a tie is the rating, not a hot inlet. */
export const LIMIT_ORDER: readonly LimitReason[] = ['battery', 'charger', 'adapter', 'inletHot', 'boost', 'user'];

/** A limit is a non-negative finite number; anything else is unusable data and counts as 0. */
export function sane(x: number | undefined): number {
  return typeof x === 'number' && Number.isFinite(x) && x > 0 ? x : 0;
}

/** P / V, or 0 when V is too low to divide by (no voltage, no power-derived current). */
function perVolt(powerW: number, voltageV: number | undefined, minV: number): number {
  return voltageV !== undefined && voltageV >= minV ? sane(powerW) / voltageV : 0;
}

const usableV = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x) && x > 0;

/** Inlet-side voltage the current flows at: the higher candidate, which gives the lower P/V. */
export function inletSideVoltage(i: LimitInputs): number | undefined {
  // Written out (runs several times a tick): the larger of the usable candidates.
  const a = i.path === 'boost' ? i.busVoltageV : i.packVoltageV;
  const b = i.inletVoltageV;
  if (usableV(a)) return usableV(b) ? Math.max(a, b) : a;
  return usableV(b) ? b : undefined;
}

/** Inlet amps per pack amp through the converter (boost), 1 when direct. */
export function inletPerPackAmp(i: LimitInputs): number {
  return i.path === 'direct' ? 1 : perPackAmp(i, inletSideVoltage(i));
}

function perPackAmp(i: LimitInputs, vIn: number | undefined): number {
  if (i.path === 'direct') return 1;
  const eff = i.boostSpec.efficiency;
  return vIn !== undefined && vIn >= i.minDivisionVoltageV && eff > 0 ? sane(i.packVoltageV) / (eff * vIn) : 0;
}

function batteryLimitA(i: LimitInputs, vIn: number | undefined, k: number): number {
  const packBatteryA = i.bmsValid ? Math.min(sane(i.bmsCurrentA), perVolt(i.bmsPowerW, i.path === 'boost' ? i.packVoltageV : vIn, i.minDivisionVoltageV)) : 0;
  return packBatteryA * k;
}

function chargerLimitA(i: LimitInputs, vIn: number | undefined): number {
  return i.evseValid ? Math.min(sane(i.evseMaxCurrentA), perVolt(i.evseMaxPowerW, vIn, i.minDivisionVoltageV)) : 0;
}

export function chargeLimits(i: LimitInputs): Limit[] {
  const vIn = inletSideVoltage(i);
  const k = perPackAmp(i, vIn);
  const limits: Limit[] = [
    { reason: 'battery', limitA: batteryLimitA(i, vIn, k) },
    { reason: 'charger', limitA: chargerLimitA(i, vIn) },
    { reason: 'inletHot', limitA: sane(i.pinLimitA) },
    { reason: 'adapter', limitA: sane(i.ratingA) },
  ];
  if (i.path === 'boost') limits.push({ reason: 'boost', limitA: boostInletLimitA(i, vIn, k) });
  if (i.userLimitA !== undefined) limits.push({ reason: 'user', limitA: sane(i.userLimitA) });
  return limits;
}

/**
 * `lowestLimit([...chargeLimits(i), { reason: 'charger', limitA: capA }]).limitA` without building
 * the list (the remaining-time estimate asks this at every SOC step): the same limits in the same
 * order, each replacing the lowest only when strictly lower, as lowestLimit does.
 */
export function lowestLimitA(i: LimitInputs, capA: number | undefined): number {
  const vIn = inletSideVoltage(i);
  const k = perPackAmp(i, vIn);
  let lowA = batteryLimitA(i, vIn, k);
  const chargerA = chargerLimitA(i, vIn);
  if (chargerA < lowA) lowA = chargerA;
  const pinA = sane(i.pinLimitA);
  if (pinA < lowA) lowA = pinA;
  const ratingA = sane(i.ratingA);
  if (ratingA < lowA) lowA = ratingA;
  if (i.path === 'boost') {
    const boostA = boostInletLimitA(i, vIn, k);
    if (boostA < lowA) lowA = boostA;
  }
  if (i.userLimitA !== undefined) {
    const userA = sane(i.userLimitA);
    if (userA < lowA) lowA = userA;
  }
  if (capA !== undefined && capA < lowA) lowA = capA;
  return lowA;
}

/** The converter's power (thermally derated), output-current and input-current limits, inlet side. */
function boostInletLimitA(i: LimitInputs, vIn: number | undefined, k: number): number {
  if (!i.boostValid) return 0;
  const spec = i.boostSpec;
  const powerInW = (sane(spec.maxPowerW) * Math.min(1, sane(i.boostTempLimitFactor))) / spec.efficiency;
  return Math.min(sane(spec.maxInputCurrentA), sane(spec.maxOutputCurrentA) * k, perVolt(powerInW, vIn, i.minDivisionVoltageV));
}

const RANK = Object.fromEntries(LIMIT_ORDER.map((r, i) => [r, i])) as Record<LimitReason, number>;

/** What the outputs need of the limits each tick (see limitsInForce). */
export interface LimitsInForce {
  /** `lowestLimit(chargeLimits(i))`. */
  readonly reason: LimitReason;
  readonly limitA: number;
  /** `lowestLimit(chargeLimits(i), 'charger').limitA`: the car-side maximum. */
  readonly carSideA: number;
  /** inletSideVoltage(i) and inletPerPackAmp(i). */
  readonly inletV: number | undefined;
  readonly perPackAmp: number;
}

/** Whether limit x (reason rx) replaces the lowest so far (a, r), as lowestLimit decides. */
const lower = (x: number, rx: LimitReason, a: number, r: LimitReason): boolean => x < a || (x === a && RANK[rx] < RANK[r]);

/**
 * The lowest limit, the car-side lowest (charger left out) and the voltage and converter factor
 * they were computed at, without building the list (this runs every tick): the same limits in
 * chargeLimits' order, chosen by lowestLimit's rule (a test compares them).
 */
export function limitsInForce(i: LimitInputs): LimitsInForce {
  const vIn = inletSideVoltage(i);
  const k = perPackAmp(i, vIn);
  let a = batteryLimitA(i, vIn, k);
  let r: LimitReason = 'battery';
  let carA = a;
  let carR: LimitReason = 'battery';
  const chargerA = chargerLimitA(i, vIn);
  if (lower(chargerA, 'charger', a, r)) { a = chargerA; r = 'charger'; }
  const pinA = sane(i.pinLimitA);
  if (lower(pinA, 'inletHot', a, r)) { a = pinA; r = 'inletHot'; }
  if (lower(pinA, 'inletHot', carA, carR)) { carA = pinA; carR = 'inletHot'; }
  const ratingA = sane(i.ratingA);
  if (lower(ratingA, 'adapter', a, r)) { a = ratingA; r = 'adapter'; }
  if (lower(ratingA, 'adapter', carA, carR)) { carA = ratingA; carR = 'adapter'; }
  if (i.path === 'boost') {
    const boostA = boostInletLimitA(i, vIn, k);
    if (lower(boostA, 'boost', a, r)) { a = boostA; r = 'boost'; }
    if (lower(boostA, 'boost', carA, carR)) { carA = boostA; carR = 'boost'; }
  }
  if (i.userLimitA !== undefined) {
    const userA = sane(i.userLimitA);
    if (lower(userA, 'user', a, r)) { a = userA; r = 'user'; }
    if (lower(userA, 'user', carA, carR)) { carA = userA; carR = 'user'; }
  }
  return { reason: r, limitA: a, carSideA: carA, inletV: vIn, perPackAmp: k };
}

/** The lowest limit; ties go to the earlier reason in LIMIT_ORDER. `except`: a reason left out. */
export function lowestLimit(limits: readonly Limit[], except?: LimitReason): Limit {
  let best: Limit | undefined;
  for (let n = 0; n < limits.length; n++) {
    const l = limits[n]!;
    if (l.reason === except) continue;
    if (best === undefined || l.limitA < best.limitA || (l.limitA === best.limitA && RANK[l.reason] < RANK[best.reason])) best = l;
  }
  return best ?? { reason: 'battery', limitA: 0 };
}

/** Upward at most rampAPerS, downward at once. A clock that goes backwards allows no rise. */
export function rampRequest(previousA: number, targetA: number, dtMs: number, rampAPerS: number): number {
  const target = sane(targetA);
  if (target <= previousA) return target;
  return Math.min(target, sane(previousA) + (rampAPerS * Math.max(0, dtMs)) / 1000);
}
