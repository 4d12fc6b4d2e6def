// Parameters, initial state and inputs of the pack model (sim/plant/pack.ts).
import type { Chemistry } from './cell-data.ts';

export interface PackParams {
  chemistry: Chemistry;
  /** Series cell groups (cells.md §5: 96 or 192). */
  seriesCount: number;
  /** Capacity of one parallel group (cells.md §5: 216 or 111 Ah). */
  groupCapacityAh: number;
  moduleCount: number;
  /** R × Ah at 25 °C, BOL (cells.md §4 PD: 50 mΩ·Ah). */
  resistanceMohmAh: number;
  /** Busbars, fuse, connectors (cells.md §5: 10 / 15 mΩ). */
  interconnectOhm: number;
  /** PD: 30 % of the DC resistance builds up with the polarisation time constant (relaxation after rest). */
  polarizationShare: number;
  polarizationTauS: number;
  /** PD 1σ spreads: manufacturing tolerance of capacity and resistance, and initial imbalance. */
  capacitySpreadPct: number;
  resistanceSpreadPct: number;
  socSpreadPct: number;
  /** cells.md §4 PD 200 Wh/kg, used for the mass only. */
  specificEnergyWhPerKg: number;
  /** Whole pack module-to-coolant conductance with the pump running (PD). */
  coolantUaWPerK: number;
  /** Share of that conductance left with the pump off (stagnant coolant, PD). */
  stagnantCoolantShare: number;
  /** Whole pack enclosure-to-ambient conductance (PD). */
  ambientUaWPerK: number;
  /** 1σ spread of each module's coolant contact, which spreads module temperatures (PD). */
  coolingSpreadPct: number;
  sensorsPerModule: number;
  /** 1σ offset of a sensor from its module temperature (placement, tolerance; PD). */
  sensorOffsetSigmaC: number;
  /** Cell states (SOC, polarisation, OCV, heat) advance at this period, or at once when the current
   *  jumps; the terminal voltage follows every tick. PD 50 ms: cells change over seconds, the CMU
   *  reports every ~100 ms, and the pack is the plant's largest cost per tick. 0 = every step. */
  cellUpdateMs: number;
}

export interface PackInit {
  socPct: number;
  tempC: number;
}

export interface PackEnv {
  /** Positive into the pack. */
  currentInA: number;
  coolantTempC: number;
  pumpOn: boolean;
  ambientC: number;
}
