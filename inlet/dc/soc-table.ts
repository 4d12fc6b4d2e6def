// Lookups over SOC tables (charge-current limit, pack voltage), linear between points.
import type { SocTable } from './types.ts';

/** Value at socPct: linear between points, flat beyond the ends; undefined for an empty table. */
export function interpolateSoc(table: SocTable, socPct: number): number | undefined {
  const first = table[0];
  if (first === undefined) return undefined;
  if (socPct <= first[0]) return first[1];
  for (let i = 1; i < table.length; i++) {
    const p1 = table[i]!;
    const s1 = p1[0];
    if (socPct <= s1) {
      const p0 = table[i - 1]!;
      const s0 = p0[0];
      return s1 === s0 ? p1[1] : p0[1] + ((p1[1] - p0[1]) * (socPct - s0)) / (s1 - s0);
    }
  }
  return table[table.length - 1]![1];
}

/**
 * interpolateSoc(table, ·) for queries that mostly rise (an integration over SOC): each search
 * resumes at the segment the last one ended in, and gives exactly interpolateSoc's result. A table
 * not in rising order takes the plain search; so does a query below the last segment (from the start).
 */
export function socTableReader(table: SocTable): (socPct: number) => number | undefined {
  for (let i = 1; i < table.length; i++) if (!(table[i]![0] >= table[i - 1]![0])) return (socPct) => interpolateSoc(table, socPct);
  let k = 1;
  return (socPct) => {
    const first = table[0];
    if (first === undefined) return undefined;
    if (socPct <= first[0]) return first[1];
    // Every point before k lies below socPct (the table rises): the first at or above it is at k or later.
    if (k > 1 && !(socPct > table[k - 1]![0])) k = 1;
    for (let i = k; i < table.length; i++) {
      const p1 = table[i]!;
      const s1 = p1[0];
      if (socPct <= s1) {
        k = i;
        const p0 = table[i - 1]!;
        const s0 = p0[0];
        return s1 === s0 ? p1[1] : p0[1] + ((p1[1] - p0[1]) * (socPct - s0)) / (s1 - s0);
      }
    }
    k = table.length;
    return table[table.length - 1]![1];
  };
}

export interface PackVoltageSource {
  packVoltageCurve?: SocTable;
  packVoltageV: number;
  packMaxVoltageV: number;
  socPct: number;
}

/** Pack voltage in charge at socPct: from the curve, else linear from now to the maximum at 100 %. */
export function packVoltageAt(socPct: number, pack: PackVoltageSource): number {
  return packVoltageFrom(pack.packVoltageCurve ? interpolateSoc(pack.packVoltageCurve, socPct) : undefined, socPct, pack);
}

/** packVoltageAt given the curve's value at socPct (undefined: no curve, or an empty one). */
export function packVoltageFrom(fromCurve: number | undefined, socPct: number, pack: PackVoltageSource): number {
  if (fromCurve !== undefined) return fromCurve;
  if (socPct <= pack.socPct || pack.socPct >= 100) return pack.packVoltageV;
  const share = (socPct - pack.socPct) / (100 - pack.socPct);
  return pack.packVoltageV + (pack.packMaxVoltageV - pack.packVoltageV) * Math.min(1, share);
}
