// Fills the BMS's per-cell arrays from the CMU's multiplexed frames, without allocating per tick.
import type { SignalStore } from '../can/index.ts';

export interface CellArrays {
  voltageV: Float64Array;
  voltageValid: Uint8Array;
  voltageRxMs: Float64Array;
  tempC: Float64Array;
  tempValid: Uint8Array;
  tempRxMs: Float64Array;
}

export class CellReader {
  readonly arrays: CellArrays;
  private readonly voltageNames: string[];
  private readonly tempNames: string[];

  constructor(
    private readonly store: SignalStore,
    cellCount: number,
    sensorCount: number,
  ) {
    // CONTRACT.md: CMU_CellVoltage001..192 and CMU_CellTemp01..64, numbered from 1.
    this.voltageNames = Array.from({ length: cellCount }, (_, i) => `CMU_CellVoltage${String(i + 1).padStart(3, '0')}`);
    this.tempNames = Array.from({ length: sensorCount }, (_, i) => `CMU_CellTemp${String(i + 1).padStart(2, '0')}`);
    for (const n of [...this.voltageNames, ...this.tempNames]) {
      if (!store.has(n)) throw new Error(`the DBC has no ${n}: the pack has more cells or sensors than the contract carries`);
    }
    this.arrays = {
      voltageV: new Float64Array(cellCount),
      voltageValid: new Uint8Array(cellCount),
      voltageRxMs: new Float64Array(cellCount),
      tempC: new Float64Array(sensorCount),
      tempValid: new Uint8Array(sensorCount),
      tempRxMs: new Float64Array(sensorCount),
    };
  }

  read(nowMs: number): CellArrays {
    const a = this.arrays;
    for (let i = 0; i < this.voltageNames.length; i++) {
      const r = this.store.read(this.voltageNames[i]!, nowMs);
      a.voltageV[i] = r.value;
      a.voltageValid[i] = r.valid ? 1 : 0;
      a.voltageRxMs[i] = nowMs - r.ageMs;
    }
    for (let i = 0; i < this.tempNames.length; i++) {
      const r = this.store.read(this.tempNames[i]!, nowMs);
      a.tempC[i] = r.value;
      a.tempValid[i] = r.valid ? 1 : 0;
      a.tempRxMs[i] = nowMs - r.ageMs;
    }
    return a;
  }
}
