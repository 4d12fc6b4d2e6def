// Cell chemistry data for the plant: OCV(SOC), resistance vs temperature, heat capacity.
// Numbers: reference/cells.md §1 (OCV), §2 (limits), §4 (R, cp, R multiplier).

export type Chemistry = 'nmc' | 'lfp';

export interface ChemistryData {
  /** (SOC %, OCV V) breakpoints at rest, ~25 °C, ascending SOC. */
  ocv: readonly (readonly [number, number])[];
  /** CV charge voltage per cell (cells.md §2). */
  chargeVoltageV: number;
  /** Specific heat (cells.md §4: NMC 1040, LFP 1130 J/(kg·K)). */
  cpJPerKgK: number;
}

/** cells.md §1 NMC A (foxBMS LUT), PD 0 % = 2.70 V and the LUT's 1 % = 2.716 V. */
const NMC_A: readonly (readonly [number, number])[] = [
  [0, 2.7], [1, 2.716], [5, 3.003], [10, 3.202], [15, 3.334], [20, 3.392], [25, 3.448],
  [30, 3.501], [35, 3.538], [40, 3.568], [45, 3.599], [50, 3.636], [55, 3.683], [60, 3.735],
  [65, 3.791], [70, 3.84], [75, 3.885], [80, 3.939], [85, 3.992], [90, 4.024], [95, 4.045],
  [100, 4.123],
];

/** cells.md §1 LFP (LibreSolar). */
const LFP: readonly (readonly [number, number])[] = [
  [0, 2.833], [5, 3.132], [10, 3.177], [15, 3.19], [20, 3.213], [25, 3.226], [30, 3.24],
  [35, 3.252], [40, 3.262], [45, 3.264], [50, 3.265], [55, 3.268], [60, 3.271], [65, 3.275],
  [70, 3.283], [75, 3.296], [80, 3.304], [85, 3.308], [90, 3.309], [95, 3.314], [100, 3.392],
];

export const CHEMISTRY: Readonly<Record<Chemistry, ChemistryData>> = {
  nmc: { ocv: NMC_A, chargeVoltageV: 4.2, cpJPerKgK: 1040 },
  lfp: { ocv: LFP, chargeVoltageV: 3.55, cpJPerKgK: 1130 },
};

/** cells.md §4 PD: DC resistance multiplier vs cell temperature (1.0 at 25 °C). */
const R_MULTIPLIER: readonly (readonly [number, number])[] = [
  [-20, 4.5], [-10, 3.0], [0, 2.2], [10, 1.5], [25, 1.0], [45, 0.9],
];

/** Linear interpolation in ascending breakpoints, clamped at both ends. */
export function interpolate(table: readonly (readonly [number, number])[], x: number): number {
  const first = table[0]!;
  if (x <= first[0]) return first[1];
  for (let i = 1; i < table.length; i++) {
    const hi = table[i]!;
    if (x <= hi[0]) {
      const lo = table[i - 1]!;
      return lo[1] + ((hi[1] - lo[1]) * (x - lo[0])) / (hi[0] - lo[0]);
    }
  }
  return table[table.length - 1]![1];
}

/** Tabulated every 0.25 K from −40 to 80 °C: the pack evaluates it per module per tick. */
const R_GRID_MIN_C = -40;
const R_GRID_STEPS_PER_K = 4;
const R_GRID = Float64Array.from({ length: 120 * R_GRID_STEPS_PER_K + 1 }, (_, i) =>
  interpolate(R_MULTIPLIER, R_GRID_MIN_C + i / R_GRID_STEPS_PER_K),
);

export function resistanceMultiplier(tempC: number): number {
  const x = (tempC - R_GRID_MIN_C) * R_GRID_STEPS_PER_K;
  if (!(x > 0)) return R_GRID[0]!;
  if (x >= R_GRID.length - 1) return R_GRID[R_GRID.length - 1]!;
  const j = x | 0;
  const lo = R_GRID[j]!;
  return lo + (R_GRID[j + 1]! - lo) * (x - j);
}

/** Slope used outside 0–100 % so over- and deep discharge show up in the voltage (PD, V per %). */
const OVERCHARGE_SLOPE_V_PER_PCT = 0.03;
const DEEP_DISCHARGE_SLOPE_V_PER_PCT = 0.1;
export const GRID_STEPS_PER_PCT = 2;

/**
 * OCV lookup on a uniform 0.5 % grid built once from the breakpoints: the hot loop does one
 * multiply, one truncation and one lerp per cell.
 */
export class OcvCurve {
  /** OCV every 1 / GRID_STEPS_PER_PCT % from 0 to 100 % (hot loops may index it directly). */
  readonly grid: Float64Array;
  readonly fullV: number;
  readonly emptyV: number;

  constructor(readonly points: readonly (readonly [number, number])[]) {
    const n = 100 * GRID_STEPS_PER_PCT + 1;
    this.grid = new Float64Array(n);
    for (let i = 0; i < n; i++) this.grid[i] = interpolate(points, i / GRID_STEPS_PER_PCT);
    this.fullV = this.grid[n - 1]!;
    this.emptyV = this.grid[0]!;
  }

  voltageV(socPct: number): number {
    if (socPct >= 100) return this.fullV + (socPct - 100) * OVERCHARGE_SLOPE_V_PER_PCT;
    if (socPct <= 0) return Math.max(0, this.emptyV + socPct * DEEP_DISCHARGE_SLOPE_V_PER_PCT);
    const x = socPct * GRID_STEPS_PER_PCT;
    const i = x | 0;
    const lo = this.grid[i]!;
    return lo + (this.grid[i + 1]! - lo) * (x - i);
  }

  /** Inverse lookup (OCV → SOC), for tests and for building a pack at a given rest voltage. */
  socPct(voltageV: number): number {
    let lo = 0;
    let hi = 100;
    for (let k = 0; k < 40; k++) {
      const mid = (lo + hi) / 2;
      if (this.voltageV(mid) < voltageV) lo = mid;
      else hi = mid;
    }
    return (lo + hi) / 2;
  }

  /** Mean OCV over 0–100 % (trapezoid), for nominal energy and mass. */
  meanV(): number {
    let sum = 0;
    for (let i = 1; i < this.grid.length; i++) sum += (this.grid[i - 1]! + this.grid[i]!) / 2;
    return sum / (this.grid.length - 1);
  }
}
