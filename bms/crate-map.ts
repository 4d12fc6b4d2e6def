// The SOC × temperature C-rate map: bilinear interpolation between grid points, clamped at the
// edges, the grid built from a table of bands, and the temperature band where a SOC column is best
// (for preconditioning).
import type { CrateMap } from './config.ts';

/** Index i with axis[i] ≤ x < axis[i+1], clamped to [0, n−2] (x not NaN). */
export function cellOf(axis: readonly number[], x: number): number {
  const last = axis.length - 1;
  if (!(x > axis[0]!)) return 0;
  if (x >= axis[last]!) return last - 1;
  let i = 0;
  while (x >= axis[i + 1]!) i++;
  return i;
}

/**
 * cellOf(axis, x) for x not NaN, trying `hint` (the cell found last time) first: a SOC creeps, so
 * it is nearly always still in the same cell, and the scan from the start is skipped. Inside the
 * axis exactly one cell holds axis[i] ≤ x < axis[i+1], so a hint that holds it is cellOf's answer.
 */
export function cellNear(axis: readonly number[], x: number, hint: number): number {
  if (hint >= 0 && hint < axis.length - 1 && x > axis[0]! && x < axis[axis.length - 1]! && axis[hint]! <= x && x < axis[hint + 1]!) return hint;
  return cellOf(axis, x);
}

/** The fraction of x inside cell i (cellOf), 0 below the axis and 1 above it. */
function fractionIn(axis: readonly number[], x: number, i: number): number {
  if (!(x > axis[0]!)) return 0;
  if (x >= axis[axis.length - 1]!) return 1;
  return (x - axis[i]!) / (axis[i + 1]! - axis[i]!);
}

/** Bilinear value in SOC cell (si, sf) and temperature cell (ti, tf): crateAt's arithmetic. */
function valueIn(map: CrateMap, si: number, sf: number, ti: number, tf: number): number {
  const r0 = map.cRate[ti]!;
  const r1 = map.cRate[ti + 1]!;
  const a = r0[si]! + (r0[si + 1]! - r0[si]!) * sf;
  const b = r1[si]! + (r1[si + 1]! - r1[si]!) * sf;
  return a + (b - a) * tf;
}

/** C-rate at (socPct, tempC). NaN in either gives 0: unknown conditions allow no current. */
export function crateAt(map: CrateMap, socPct: number, tempC: number): number {
  if (Number.isNaN(socPct)) return 0;
  const si = cellOf(map.socPct, socPct);
  return crateInCell(map, si, fractionIn(map.socPct, socPct, si), tempC);
}

/** crateAt with the SOC already located (si, sf). */
function crateInCell(map: CrateMap, si: number, sf: number, tempC: number): number {
  if (Number.isNaN(tempC)) return 0;
  const ti = cellOf(map.tempC, tempC);
  return valueIn(map, si, sf, ti, fractionIn(map.tempC, tempC, ti));
}

/** min(crateAt(map, soc, tempAC), crateAt(map, soc, tempBC)): the worst of two sensors. */
export type CrateFinder = (socPct: number, tempAC: number, tempBC: number) => number;

/**
 * A CrateFinder for one BMS instance (the limits ask every tick): kept while both temperatures are
 * the same and the SOC stays where it gives the same values (the same flat cell, or the same point
 * of a sloped one; flatCells says why that is exact). The same results as crateAt, bit for bit.
 */
export function crateFinder(map: CrateMap): CrateFinder {
  const flat = flatCells(map);
  let filled = false;
  let cell = -1;
  let fractionInCell = NaN;
  let lastAC = NaN;
  let lastBC = NaN;
  let value = NaN;
  // Where lastAC and lastBC sit on the temperature axis (crateInCell's ti, tf): a creeping SOC in a
  // sloped cell recomputes every tick, mostly at the same temperatures.
  let [tiA, tfA, tiB, tfB] = [0, NaN, 0, NaN];
  return (soc, tempAC, tempBC) => {
    const si = Number.isNaN(soc) ? -1 : cellNear(map.socPct, soc, cell);
    const sf = si < 0 ? NaN : fractionIn(map.socPct, soc, si);
    const sameSoc = si === cell && (si < 0 || flat[si] === 1 || Object.is(sf, fractionInCell));
    if (filled && sameSoc && Object.is(tempAC, lastAC) && Object.is(tempBC, lastBC)) return value;
    if ((!filled || !Object.is(tempAC, lastAC)) && !Number.isNaN(tempAC)) {
      tiA = cellNear(map.tempC, tempAC, tiA);
      tfA = fractionIn(map.tempC, tempAC, tiA);
    }
    if ((!filled || !Object.is(tempBC, lastBC)) && !Number.isNaN(tempBC)) {
      tiB = cellNear(map.tempC, tempBC, tiB);
      tfB = fractionIn(map.tempC, tempBC, tiB);
    }
    // crateInCell twice, with the temperatures located above (NaN: no knowledge, no current).
    const a = si < 0 || Number.isNaN(tempAC) ? 0 : valueIn(map, si, sf, tiA, tfA);
    value = si < 0 ? 0 : Math.min(a, Number.isNaN(tempBC) ? 0 : valueIn(map, si, sf, tiB, tfB));
    filled = true;
    cell = si;
    fractionInCell = sf;
    lastAC = tempAC;
    lastBC = tempBC;
    return value;
  };
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
  readonly bestC: number;
  /** Lowest and highest temperature where the map gives ≥ fraction × bestC. */
  readonly lowC: number;
  readonly highC: number;
}

/** Where each grid temperature sits in its own axis (what crateAt locates it as), per map. */
interface GridCells {
  readonly ti: Int32Array;
  readonly tf: Float64Array;
}

function gridCells(map: CrateMap): GridCells {
  const n = map.tempC.length;
  const ti = new Int32Array(n);
  const tf = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    ti[i] = cellOf(map.tempC, map.tempC[i]!);
    tf[i] = fractionIn(map.tempC, map.tempC[i]!, ti[i]!);
  }
  return { ti, tf };
}

/** column[i] = crateAt(map, socPct, map.tempC[i]), with the SOC located once. */
function fillColumn(map: CrateMap, grid: GridCells, socPct: number, column: Float64Array): void {
  if (Number.isNaN(socPct)) {
    column.fill(0);
    return;
  }
  const si = cellOf(map.socPct, socPct);
  const sf = fractionIn(map.socPct, socPct, si);
  for (let i = 0; i < column.length; i++) column[i] = valueIn(map, si, sf, grid.ti[i]!, grid.tf[i]!);
}

/** Per grid temperature, valueIn's operands in SOC cell si (both rows' value and rise), read once per cell. */
function cellCoefficients(map: CrateMap, grid: GridCells, si: number, k: Float64Array): void {
  for (let i = 0; i < grid.ti.length; i++) {
    const r0 = map.cRate[grid.ti[i]!]!;
    const r1 = map.cRate[grid.ti[i]! + 1]!;
    k[4 * i] = r0[si]!;
    k[4 * i + 1] = r0[si + 1]! - r0[si]!;
    k[4 * i + 2] = r1[si]!;
    k[4 * i + 3] = r1[si + 1]! - r1[si]!;
  }
}

/** fillColumn at fraction sf of the cell k was made for: valueIn's arithmetic on the same operands. */
function fillFromCoefficients(k: Float64Array, tf: Float64Array, sf: number, column: Float64Array): void {
  for (let i = 0; i < column.length; i++) {
    const a = k[4 * i]! + k[4 * i + 1]! * sf;
    const b = k[4 * i + 2]! + k[4 * i + 3]! * sf;
    column[i] = a + (b - a) * tf[i]!;
  }
}

/**
 * At a fixed SOC the map is piecewise linear in temperature with corners at the grid, so its
 * maximum sits on a grid temperature and the band edges are found segment by segment.
 */
function bandOf(temps: readonly number[], column: Float64Array, fraction: number): BestBand {
  let bestC = -Infinity;
  let bestI = 0;
  for (let i = 0; i < temps.length; i++) {
    if (column[i]! > bestC) {
      bestC = column[i]!;
      bestI = i;
    }
  }
  const level = bestC * fraction;
  let lowC = temps[bestI]!;
  for (let i = bestI; i > 0; i--) {
    const hi = column[i]!;
    const lo = column[i - 1]!;
    if (lo >= level) {
      lowC = temps[i - 1]!;
      continue;
    }
    lowC = temps[i - 1]! + ((temps[i]! - temps[i - 1]!) * (level - lo)) / (hi - lo);
    break;
  }
  let highC = temps[bestI]!;
  for (let i = bestI; i < temps.length - 1; i++) {
    const lo = column[i]!;
    const hi = column[i + 1]!;
    if (hi >= level) {
      highC = temps[i + 1]!;
      continue;
    }
    highC = temps[i]! + ((temps[i + 1]! - temps[i]!) * (lo - level)) / (lo - hi);
    break;
  }
  return { bestC, lowC, highC };
}

export function bestTempBand(map: CrateMap, socPct: number, fraction: number): BestBand {
  const column = new Float64Array(map.tempC.length);
  fillColumn(map, gridCells(map), socPct, column);
  return bandOf(map.tempC, column, fraction);
}

/** bestTempBand on one map, as a function of (socPct, fraction). */
export type BandFinder = (socPct: number, fraction: number) => BestBand;

/**
 * Per SOC cell: 1 when every row has the same value at both of its ends. There the column does
 * not depend on where in the cell the SOC is (each row adds 0 · fraction = +0), bit for bit.
 */
function flatCells(map: CrateMap): Uint8Array {
  const flat = new Uint8Array(map.socPct.length - 1);
  for (let si = 0; si < flat.length; si++) flat[si] = map.cRate.every((r) => r[si + 1]! - r[si]! === 0) ? 1 : 0;
  return flat;
}

/**
 * bestTempBand for one BMS instance (preconditioning asks for two bands every tick): the grid is
 * located once; the SOC column is kept while the SOC stays where it gives the same column (the
 * same flat cell, or the same point of a sloped one); the bands of the last two fractions asked
 * for on that column are kept. The same results as bestTempBand, bit for bit.
 */
export function bandFinder(map: CrateMap): BandFinder {
  const grid = gridCells(map);
  const flat = flatCells(map);
  const column = new Float64Array(map.tempC.length);
  const coefficients = new Float64Array(4 * map.tempC.length);
  let coefficientsCell = -1;
  let filled = false;
  let cell = -1; // −1: SOC unknown (the column is zeros)
  let fractionInCell = NaN;
  let fractionA = NaN;
  let bandA: BestBand | undefined;
  let fractionB = NaN;
  let bandB: BestBand | undefined;
  let lastSoc = NaN;
  return (soc, fraction) => {
    // The same SOC as the last call (the second band of a tick) needs no locating at all.
    if (!filled || !Object.is(soc, lastSoc)) {
      const si = Number.isNaN(soc) ? -1 : cellNear(map.socPct, soc, cell);
      const sf = si < 0 ? NaN : fractionIn(map.socPct, soc, si);
      if (!filled || si !== cell || (si >= 0 && flat[si] !== 1 && !Object.is(sf, fractionInCell))) {
        // A creeping SOC in a sloped cell refills every tick: from the cell's operands, read once.
        if (si < 0) column.fill(0);
        else {
          if (si !== coefficientsCell) cellCoefficients(map, grid, (coefficientsCell = si), coefficients);
          fillFromCoefficients(coefficients, grid.tf, sf, column);
        }
        filled = true;
        cell = si;
        fractionInCell = sf;
        bandA = bandB = undefined;
      }
      lastSoc = soc;
    }
    if (bandA !== undefined && Object.is(fraction, fractionA)) return bandA;
    if (bandB !== undefined && Object.is(fraction, fractionB)) return bandB;
    const band = bandOf(map.tempC, column, fraction);
    // The older entry makes room.
    fractionB = fractionA;
    bandB = bandA;
    fractionA = fraction;
    bandA = band;
    return band;
  };
}
