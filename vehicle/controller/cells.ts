// Fills the BMS's per-cell arrays from the CMU's multiplexed frames, without allocating per tick.
// The arrays are copied from the store only when a CMU frame arrived (signal-block.ts).
import type { SignalBlock, SignalHandle, SignalStore } from '../can/index.ts';

export interface CellArrays {
  voltageV: Float64Array;
  voltageValid: Uint8Array;
  voltageRxMs: Float64Array;
  tempC: Float64Array;
  tempValid: Uint8Array;
  tempRxMs: Float64Array;
}

/** Values, validity and receive times of one group of signals, read each tick. */
interface Group {
  read(nowMs: number): void;
  readonly values: Float64Array;
  readonly valid: Uint8Array;
  readonly rxMs: Float64Array;
}

export class CellReader {
  readonly arrays: CellArrays;
  private readonly voltages: Group;
  private readonly temps: Group;

  constructor(store: SignalStore, cellCount: number, sensorCount: number) {
    // CONTRACT.md: CMU_CellVoltage001..192 and CMU_CellTemp01..64, numbered from 1.
    const names = (prefix: string, n: number, digits: number) => Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(digits, '0')}`);
    const handle = (name: string) => {
      if (!store.has(name)) throw new Error(`the DBC has no ${name}: the pack has more cells or sensors than the contract carries`);
      return store.handle(name);
    };
    this.voltages = group(store, names('CMU_CellVoltage', cellCount, 3).map(handle));
    this.temps = group(store, names('CMU_CellTemp', sensorCount, 2).map(handle));
    this.arrays = {
      voltageV: this.voltages.values,
      voltageValid: this.voltages.valid,
      voltageRxMs: this.voltages.rxMs,
      tempC: this.temps.values,
      tempValid: this.temps.valid,
      tempRxMs: this.temps.rxMs,
    };
  }

  /** The same arrays every tick, filled for nowMs. */
  read(nowMs: number): CellArrays {
    this.voltages.read(nowMs);
    this.temps.read(nowMs);
    return this.arrays;
  }
}

/** A block over one message, or (signals spread over several messages) a plain batch read. */
function group(store: SignalStore, handles: SignalHandle[]): Group {
  const block: SignalBlock | undefined = store.block(handles);
  if (block !== undefined) return block;
  const n = handles.length;
  const g = {
    values: new Float64Array(n), valid: new Uint8Array(n), rxMs: new Float64Array(n),
    read: (nowMs: number) => store.readInto(handles, nowMs, g.values, g.valid, g.rxMs),
  };
  return g;
}
