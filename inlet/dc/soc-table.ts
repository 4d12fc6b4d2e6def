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

export interface PackVoltageSource {
  packVoltageCurve?: SocTable;
  packVoltageV: number;
  packMaxVoltageV: number;
  socPct: number;
}

/** Pack voltage in charge at socPct: from the curve, else linear from now to the maximum at 100 %. */
export function packVoltageAt(socPct: number, pack: PackVoltageSource): number {
  const fromCurve = pack.packVoltageCurve ? interpolateSoc(pack.packVoltageCurve, socPct) : undefined;
  if (fromCurve !== undefined) return fromCurve;
  if (socPct <= pack.socPct || pack.socPct >= 100) return pack.packVoltageV;
  const share = (socPct - pack.socPct) / (100 - pack.socPct);
  return pack.packVoltageV + (pack.packMaxVoltageV - pack.packVoltageV) * Math.min(1, share);
}
