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

/** Inlet-side voltage the current flows at: the higher candidate, which gives the lower P/V. */
export function inletSideVoltage(i: LimitInputs): number | undefined {
  const candidates = [i.path === 'boost' ? i.busVoltageV : i.packVoltageV, i.inletVoltageV]
    .filter((x): x is number => typeof x === 'number' && Number.isFinite(x) && x > 0);
  return candidates.length > 0 ? Math.max(...candidates) : undefined;
}

/** Inlet amps per pack amp through the converter (boost), 1 when direct. */
export function inletPerPackAmp(i: LimitInputs): number {
  if (i.path === 'direct') return 1;
  const vIn = inletSideVoltage(i);
  const eff = i.boostSpec.efficiency;
  return vIn !== undefined && vIn >= i.minDivisionVoltageV && eff > 0 ? sane(i.packVoltageV) / (eff * vIn) : 0;
}

export function chargeLimits(i: LimitInputs): Limit[] {
  const minV = i.minDivisionVoltageV;
  const vIn = inletSideVoltage(i);
  const k = inletPerPackAmp(i);
  const packBatteryA = i.bmsValid ? Math.min(sane(i.bmsCurrentA), perVolt(i.bmsPowerW, i.path === 'boost' ? i.packVoltageV : vIn, minV)) : 0;
  const limits: Limit[] = [
    { reason: 'battery', limitA: packBatteryA * k },
    { reason: 'charger', limitA: i.evseValid ? Math.min(sane(i.evseMaxCurrentA), perVolt(i.evseMaxPowerW, vIn, minV)) : 0 },
    { reason: 'inletHot', limitA: sane(i.pinLimitA) },
    { reason: 'adapter', limitA: sane(i.ratingA) },
  ];
  if (i.path === 'boost') limits.push({ reason: 'boost', limitA: boostInletLimitA(i, vIn, k) });
  if (i.userLimitA !== undefined) limits.push({ reason: 'user', limitA: sane(i.userLimitA) });
  return limits;
}

/** The converter's power (thermally derated), output-current and input-current limits, inlet side. */
function boostInletLimitA(i: LimitInputs, vIn: number | undefined, k: number): number {
  if (!i.boostValid) return 0;
  const spec = i.boostSpec;
  const powerInW = (sane(spec.maxPowerW) * Math.min(1, sane(i.boostTempLimitFactor))) / spec.efficiency;
  return Math.min(sane(spec.maxInputCurrentA), sane(spec.maxOutputCurrentA) * k, perVolt(powerInW, vIn, i.minDivisionVoltageV));
}

const RANK = Object.fromEntries(LIMIT_ORDER.map((r, i) => [r, i])) as Record<LimitReason, number>;

/** The lowest limit; ties go to the earlier reason in LIMIT_ORDER. */
export function lowestLimit(limits: readonly Limit[]): Limit {
  let best: Limit | undefined;
  for (const l of limits) {
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
