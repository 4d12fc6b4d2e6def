// Small numeric helpers shared by the plant models.

export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

export function clamp01(x: number): number {
  return clamp(x, 0, 1);
}

/** Moves x toward target by at most maxStep (a slew-rate limit). */
export function approach(x: number, target: number, maxStep: number): number {
  if (target > x) return Math.min(target, x + maxStep);
  return Math.max(target, x - maxStep);
}

/** First-order lag toward target with time constant tauS (exact for a constant target). */
export function lag(x: number, target: number, dtS: number, tauS: number): number {
  return target + (x - target) * Math.exp(-dtS / tauS);
}
