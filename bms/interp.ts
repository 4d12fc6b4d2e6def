// Piecewise-linear lookups used by the OCV table, the resistance factor and the tier derating.
import type { Curve, Tiers } from './config.ts';

/** y(x) on a piecewise-linear curve; the end values hold outside the xs. NaN in, NaN out. */
export function interpolate(curve: Curve, x: number): number {
  const xs = curve.xs;
  const ys = curve.ys;
  const last = xs.length - 1;
  if (!(x > xs[0]!)) return Number.isNaN(x) ? NaN : ys[0]!;
  if (x >= xs[last]!) return ys[last]!;
  let i = 1;
  while (x > xs[i]!) i++;
  const x0 = xs[i - 1]!;
  const y0 = ys[i - 1]!;
  return y0 + ((ys[i]! - y0) * (x - x0)) / (xs[i]! - x0);
}

/** The inverse of an increasing curve: x(y), with the local slope dy/dx at that point. */
export function inverseWithSlope(curve: Curve, y: number): { x: number; slope: number } {
  const xs = curve.xs;
  const ys = curve.ys;
  const last = ys.length - 1;
  if (!(y > ys[0]!)) return { x: xs[0]!, slope: (ys[1]! - ys[0]!) / (xs[1]! - xs[0]!) };
  if (y >= ys[last]!) return { x: xs[last]!, slope: (ys[last]! - ys[last - 1]!) / (xs[last]! - xs[last - 1]!) };
  let i = 1;
  while (y > ys[i]!) i++;
  const slope = (ys[i]! - ys[i - 1]!) / (xs[i]! - xs[i - 1]!);
  return { x: xs[i - 1]! + (y - ys[i - 1]!) / slope, slope };
}

/**
 * Derating factor of a tiered quantity at value x: 1 before derateStart, down to the operating
 * fraction at the operating limit, to the recommended fraction at the recommended limit, 0 from
 * the safety limit on. An unknown value (NaN) gives 0: no knowledge, no current.
 */
export function tierFactor(tiers: Tiers, x: number): number {
  if (Number.isNaN(x)) return 0;
  const s = tiers.direction === 'high' ? 1 : -1;
  const v = s * x;
  const start = s * tiers.derateStart;
  const op = s * tiers.operating;
  const rec = s * tiers.recommended;
  if (v <= start) return 1;
  if (v >= s * tiers.safety) return 0;
  if (v >= rec) return tiers.recommendedFraction;
  if (v >= op) return tiers.operatingFraction + ((tiers.recommendedFraction - tiers.operatingFraction) * (v - op)) / (rec - op);
  return 1 + ((tiers.operatingFraction - 1) * (v - start)) / (op - start);
}

/** Where x stands among the tiers: 0 below operating, 1 operating, 2 recommended, 3 safety. */
export function tierLevel(tiers: Tiers, x: number): 0 | 1 | 2 | 3 {
  const s = tiers.direction === 'high' ? 1 : -1;
  const v = s * x;
  if (v >= s * tiers.safety) return 3;
  if (v >= s * tiers.recommended) return 2;
  if (v >= s * tiers.operating) return 1;
  return 0;
}
