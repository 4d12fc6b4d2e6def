// Fills the BMS's per-cell arrays from the CMU's multiplexed frames, without allocating per tick.
// The arrays are copied from the store only when a CMU frame arrived (signal-block.ts), and each
// read says which entries it may have changed (CellChanges), so the BMS need not scan all 192.
import type { CellChanges } from '../../bms/index.ts';
import type { SignalBlock, SignalHandle, SignalStore } from '../can/index.ts';
import { muxPages } from '../can/mux-pages.ts';

export interface CellArrays {
  voltageV: Float64Array;
  voltageValid: Uint8Array;
  voltageRxMs: Float64Array;
  tempC: Float64Array;
  tempValid: Uint8Array;
  tempRxMs: Float64Array;
  voltageChanges: CellChanges;
  tempChanges: CellChanges;
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
  private readonly voltageChanges: PageChanges;
  private readonly tempChanges: PageChanges;

  constructor(store: SignalStore, cellCount: number, sensorCount: number) {
    // CONTRACT.md: CMU_CellVoltage001..192 and CMU_CellTemp01..64, numbered from 1.
    const names = (prefix: string, n: number, digits: number) => Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(digits, '0')}`);
    const handle = (name: string) => {
      if (!store.has(name)) throw new Error(`the DBC has no ${name}: the pack has more cells or sensors than the contract carries`);
      return store.handle(name);
    };
    const voltageHandles = names('CMU_CellVoltage', cellCount, 3).map(handle);
    const tempHandles = names('CMU_CellTemp', sensorCount, 2).map(handle);
    const voltageBlock = store.block(voltageHandles);
    const tempBlock = store.block(tempHandles);
    this.voltages = voltageBlock ?? batch(store, voltageHandles);
    this.temps = tempBlock ?? batch(store, tempHandles);
    this.voltageChanges = new PageChanges(store, voltageHandles, this.voltages.rxMs, voltageBlock !== undefined);
    this.tempChanges = new PageChanges(store, tempHandles, this.temps.rxMs, tempBlock !== undefined);
    this.arrays = {
      voltageV: this.voltages.values,
      voltageValid: this.voltages.valid,
      voltageRxMs: this.voltages.rxMs,
      tempC: this.temps.values,
      tempValid: this.temps.valid,
      tempRxMs: this.temps.rxMs,
      voltageChanges: this.voltageChanges,
      tempChanges: this.tempChanges,
    };
  }

  /** The same arrays every tick, filled for nowMs. */
  read(nowMs: number): CellArrays {
    this.voltages.read(nowMs);
    this.voltageChanges.afterRead();
    this.temps.read(nowMs);
    this.tempChanges.afterRead();
    return this.arrays;
  }
}

/** Signals spread over several messages: a plain batch read. */
function batch(store: SignalStore, handles: SignalHandle[]): Group {
  const n = handles.length;
  const g = {
    values: new Float64Array(n), valid: new Uint8Array(n), rxMs: new Float64Array(n),
    read: (nowMs: number) => store.readInto(handles, nowMs, g.values, g.valid, g.rxMs),
  };
  return g;
}

/**
 * Which entries of a block each read may have changed. A good frame of a multiplexer page writes its
 * receive time into every signal of the page, so a page whose first signal has a new receive time
 * got a frame. When the store took in exactly as many frames as pages changed, each frame was a good
 * one of a distinct page and nothing else moved; otherwise (a bad frame, a repeated page, a time
 * that did not move, a page without our signals) the read says "any entry". Between frames a block
 * entry changes only by ageing out: valid = fresh and nowMs − rxMs ≤ the message timeout.
 */
class PageChanges implements CellChanges {
  version = 0;
  count = -1;
  readonly positions: Int32Array;
  readonly validTimeoutMs: number;
  /** False: the signals are not one block of simple pages (every read says "any entry"). */
  private readonly exact: boolean;
  /** Page k's positions: pagePositions[pageStart[k] .. pageStart[k + 1]); the first is watched. */
  private readonly pageStart: Int32Array;
  private readonly pagePositions: Int32Array;
  private readonly lastRxMs: Float64Array;
  private seenFrames = NaN;
  /** Where the next look for moved pages starts (after the last page that moved). */
  private nextPage = 0;

  constructor(
    private readonly store: SignalStore,
    private readonly handles: readonly SignalHandle[],
    private readonly rxMs: Float64Array,
    isBlock: boolean,
  ) {
    this.positions = new Int32Array(handles.length);
    const first = handles[0];
    const layout = isBlock && first !== undefined ? pageLayout(store, handles) : undefined;
    this.exact = layout !== undefined;
    this.pageStart = layout?.start ?? new Int32Array(1);
    this.pagePositions = layout?.positions ?? new Int32Array(0);
    this.lastRxMs = new Float64Array(this.pageStart.length - 1).fill(NaN);
    // Never trusted when not exact: −Infinity makes every age test fail (a full scan).
    this.validTimeoutMs = layout !== undefined && first !== undefined ? (store.messageOf(first).timeoutMs ?? Infinity) : -Infinity;
  }

  afterRead(): void {
    if (!this.exact) {
      this.version++;
      this.count = -1;
      return;
    }
    const frames = this.store.version(this.handles[0]!);
    if (frames === this.seenFrames) return; // nothing taken in: only ageing can have changed validity
    // The first read looks at every page (each watched receive time is then the one last seen).
    const newFrames = Number.isNaN(this.seenFrames) ? Infinity : frames - this.seenFrames;
    this.seenFrames = frames;
    const { pageStart, pagePositions, lastRxMs, rxMs, positions } = this;
    const pageCount = lastRxMs.length;
    let pages = 0;
    let count = 0;
    // Pages come round in order: look from the one after the last that moved, and stop once as many
    // moved as frames came (each moved page took a frame of its own, so no other can have moved).
    let k = this.nextPage;
    for (let seen = 0; seen < pageCount && pages < newFrames; seen++, k = k + 1 === pageCount ? 0 : k + 1) {
      const from = pageStart[k]!;
      const rx = rxMs[pagePositions[from]!]!;
      if (rx === lastRxMs[k]) continue;
      lastRxMs[k] = rx;
      pages++;
      this.nextPage = k + 1 === pageCount ? 0 : k + 1;
      const to = pageStart[k + 1]!;
      for (let j = from; j < to; j++) positions[count++] = pagePositions[j]!;
    }
    this.count = pages === newFrames ? count : -1;
    this.version++;
  }
}

/** The group's positions by multiplexer page, or undefined when a signal is on no page of the message. */
function pageLayout(store: SignalStore, handles: readonly SignalHandle[]): { start: Int32Array; positions: Int32Array } | undefined {
  const pages = muxPages(store.messageOf(handles[0]!));
  if (pages === undefined) return undefined;
  const pageOfSignal = new Map<number, number>();
  pages.pages.forEach((signals, page) => signals?.forEach((x) => pageOfSignal.set(x, page)));
  const byPage = new Map<number, number[]>();
  for (let i = 0; i < handles.length; i++) {
    const page = pageOfSignal.get(handles[i]!.index);
    if (page === undefined) return undefined;
    let list = byPage.get(page);
    if (list === undefined) byPage.set(page, (list = []));
    list.push(i);
  }
  const lists = [...byPage.values()];
  const start = new Int32Array(lists.length + 1);
  lists.forEach((list, k) => (start[k + 1] = start[k]! + list.length));
  return { start, positions: Int32Array.from(lists.flat()) };
}
