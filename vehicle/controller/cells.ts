// Fills the BMS's per-cell arrays from the CMU's multiplexed frames, without allocating per tick.
import type { SignalHandle, SignalStore } from '../can/index.ts';

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
  private readonly voltages: SignalHandle[];
  private readonly temps: SignalHandle[];

  constructor(
    private readonly store: SignalStore,
    cellCount: number,
    sensorCount: number,
  ) {
    // CONTRACT.md: CMU_CellVoltage001..192 and CMU_CellTemp01..64, numbered from 1.
    const names = (prefix: string, n: number, digits: number) => Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(digits, '0')}`);
    const handle = (name: string) => {
      if (!store.has(name)) throw new Error(`the DBC has no ${name}: the pack has more cells or sensors than the contract carries`);
      return store.handle(name);
    };
    this.voltages = names('CMU_CellVoltage', cellCount, 3).map(handle);
    this.temps = names('CMU_CellTemp', sensorCount, 2).map(handle);
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
    this.store.readInto(this.voltages, nowMs, a.voltageV, a.voltageValid, a.voltageRxMs);
    this.store.readInto(this.temps, nowMs, a.tempC, a.tempValid, a.tempRxMs);
    return a;
  }
}
