// The simulator's one seeded random source (DESIGN.md §8: a run is reproducible from its seed).
// xoshiro128** seeded through a splitmix32-style mixer; fork(label) derives a sub-stream from the
// stream's identity (seed + label path), not from how many numbers were drawn, so adding a draw in
// one model never changes another model's numbers.

export interface Random {
  /** Identity of this stream, e.g. "root/pack/cells". */
  readonly label: string;
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [a, b). */
  uniform(a: number, b: number): number;
  /** Normal (Box–Muller). */
  normal(mu?: number, sigma?: number): number;
  /** Integer uniform in [a, b] inclusive. */
  int(a: number, b: number): number;
  /** Independent deterministic sub-stream. Same label → same stream, whatever was drawn before. */
  fork(label: string): Random;
}

/** Avalanche mixer (splitmix32 finaliser). */
function mix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

function hashLabel(key: number, label: string): number {
  let h = key ^ 0x811c9dc5;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
  return mix32(h);
}

const rotl = (x: number, k: number): number => (x << k) | (x >>> (32 - k));

class Xoshiro128 implements Random {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spare = NaN;

  constructor(
    private readonly key: number,
    readonly label: string,
  ) {
    this.s0 = mix32(key);
    this.s1 = mix32(this.s0 ^ 0x6a09e667);
    this.s2 = mix32(this.s1 ^ 0xbb67ae85);
    this.s3 = mix32(this.s2 ^ 0x3c6ef372);
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1; // all-zero state is a fixed point
  }

  private nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9);
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result >>> 0;
  }

  next(): number {
    return this.nextUint32() / 4294967296;
  }

  uniform(a: number, b: number): number {
    return a + (b - a) * this.next();
  }

  normal(mu = 0, sigma = 1): number {
    if (!Number.isNaN(this.spare)) {
      const z = this.spare;
      this.spare = NaN;
      return mu + sigma * z;
    }
    const u = 1 - this.next(); // (0, 1]: log is finite
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return mu + sigma * r * Math.cos(2 * Math.PI * v);
  }

  int(a: number, b: number): number {
    return a + Math.floor(this.next() * (b - a + 1));
  }

  fork(label: string): Random {
    return new Xoshiro128(hashLabel(this.key, label), `${this.label}/${label}`);
  }
}

/** The root stream of a run. Seeds are 32-bit unsigned integers (scenario `seed`). */
export function createRandom(seed: number): Random {
  return new Xoshiro128(hashLabel(seed >>> 0, 'root'), 'root');
}
