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

/** exp(−dt/τ) for one τ, computed again only when dt changes (the plant steps at one fixed dt).
 *  The same expression as lag(), so a lag through it gives the same bits. */
export class Decay {
  private dt = NaN;
  private k = 1;

  constructor(private readonly tau: number) {}

  factor(dt: number): number {
    if (dt !== this.dt) {
      this.dt = dt;
      this.k = Math.exp(-dt / this.tau);
    }
    return this.k;
  }

  /** lag(x, target, dt, τ) with the factor kept. */
  lag(x: number, target: number, dt: number): number {
    return target + (x - target) * this.factor(dt);
  }
}
