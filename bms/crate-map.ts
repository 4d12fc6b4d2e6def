// The SOC × temperature C-rate map: bilinear interpolation between grid points, clamped at the
// edges, the grid built from a table of bands, and the temperature band where a SOC column is best
// (for preconditioning).
import type { CrateMap } from './config.ts';

/** Index i with axis[i] ≤ x < axis[i+1], clamped to [0, n−2], and the fraction inside the cell. */
function locate(axis: readonly number[], x: number): { i: number; f: number } {
  const last = axis.length - 1;
  if (!(x > axis[0]!)) return { i: 0, f: 0 };
  if (x >= axis[last]!) return { i: last - 1, f: 1 };
  let i = 0;
  while (x >= axis[i + 1]!) i++;
  return { i, f: (x - axis[i]!) / (axis[i + 1]! - axis[i]!) };
}

/** C-rate at (socPct, tempC). NaN in either gives 0: unknown conditions allow no current. */
export function crateAt(map: CrateMap, socPct: number, tempC: number): number {
  if (Number.isNaN(socPct) || Number.isNaN(tempC)) return 0;
  const s = locate(map.socPct, socPct);
  const t = locate(map.tempC, tempC);
  const r0 = map.cRate[t.i]!;
  const r1 = map.cRate[t.i + 1]!;
  const a = r0[s.i]! + (r0[s.i + 1]! - r0[s.i]!) * s.f;
  const b = r1[s.i]! + (r1[s.i + 1]! - r1[s.i]!) * s.f;
  return a + (b - a) * t.f;
}

/** A table of bands as cells.md §6 writes it: edges on each axis, one value per band. */
export interface BandTable {
  readonly socEdgesPct: readonly number[];
  readonly tempEdgesC: readonly number[];
  /** One row per temperature band, one value per SOC band. */
  readonly cRate: readonly (readonly number[])[];
  /** Half-width of the linear blend around every inner edge (a narrower band is one point at its centre). */
  readonly blendSocPct: number;
  readonly blendTempK: number;
}

/** Grid points of one axis: each band holds its value from edge + blend to edge − blend. */
function bandPoints(edges: readonly number[], blend: number): { at: number[]; band: number[] } {
  const at: number[] = [];
  const band: number[] = [];
  for (let b = 0; b + 1 < edges.length; b++) {
    const lo = edges[b]!;
    const hi = edges[b + 1]!;
    const pts = hi - lo <= 2 * blend ? [(lo + hi) / 2] : [lo + blend, hi - blend];
    for (const x of pts) {
      at.push(x);
      band.push(b);
    }
  }
  return { at, band };
}

/**
 * "Interpolate linearly between cells" (cells.md §6) read so that each band keeps its stated value
 * over its range and blends into its neighbour only near the edge; reading the bands as single
 * points at their centres instead takes up to 10 % off a warm pack's charge rate mid-band (a 32 °C
 * pack blends the 35–40 °C row in) and the map's peak is never held.
 * The outer temperature edges are zero rows: no charge at or beyond them (plating, heat).
 */
export function mapFromBands(t: BandTable): CrateMap {
  const soc = bandPoints(t.socEdgesPct, t.blendSocPct);
  const temp = bandPoints(t.tempEdgesC, t.blendTempK);
  const zeros = soc.at.map(() => 0);
  const rows = temp.band.map((b) => soc.band.map((s) => t.cRate[b]![s]!));
  return {
    socPct: soc.at,
    tempC: [t.tempEdgesC[0]!, ...temp.at, t.tempEdgesC[t.tempEdgesC.length - 1]!],
    cRate: [zeros, ...rows, zeros],
  };
}

export interface BestBand {
  /** Highest C-rate over temperature at this SOC. */
  bestC: number;
  /** Lowest and highest temperature where the map gives ≥ fraction × bestC. */
  lowC: number;
  highC: number;
}

/**
 * At a fixed SOC the map is piecewise linear in temperature with corners at the grid, so its
 * maximum sits on a grid temperature and the band edges are found segment by segment.
 */
export function bestTempBand(map: CrateMap, socPct: number, fraction: number): BestBand {
  const temps = map.tempC;
  let bestC = -Infinity;
  let bestI = 0;
  for (let i = 0; i < temps.length; i++) {
    const c = crateAt(map, socPct, temps[i]!);
    if (c > bestC) {
      bestC = c;
      bestI = i;
    }
  }
  const level = bestC * fraction;
  let lowC = temps[bestI]!;
  for (let i = bestI; i > 0; i--) {
    const hi = crateAt(map, socPct, temps[i]!);
    const lo = crateAt(map, socPct, temps[i - 1]!);
    if (lo >= level) {
      lowC = temps[i - 1]!;
      continue;
    }
    lowC = temps[i - 1]! + ((temps[i]! - temps[i - 1]!) * (level - lo)) / (hi - lo);
    break;
  }
  let highC = temps[bestI]!;
  for (let i = bestI; i < temps.length - 1; i++) {
    const lo = crateAt(map, socPct, temps[i]!);
    const hi = crateAt(map, socPct, temps[i + 1]!);
    if (hi >= level) {
      highC = temps[i + 1]!;
      continue;
    }
    highC = temps[i]! + ((temps[i + 1]! - temps[i]!) * (lo - level)) / (lo - hi);
    break;
  }
  return { bestC, lowC, highC };
}
