// Many signals of one message read together every tick (the 192 cell voltages, the 64 cell
// temperatures). The store journals what each frame touched (its multiplexer page, or every
// signal), so a block refreshes only the signals of the pages that arrived since its last read,
// and recomputes validity for all only when one may have gone stale. The result is what
// SignalStore.readInto gives, into arrays the block owns.
import type { MuxPages } from './mux-pages.ts';

/** Frames a block can fall behind by before it copies everything (power of two: ring index). */
export const JOURNAL_LENGTH = 64;
/** Journal entry: the frame may have changed every signal (a bad frame, or no page table). */
export const ALL_SIGNALS = -1;
/** Journal entry: a good frame whose multiplexer value has no page (only unmultiplexed signals). */
export const NO_PAGE = -2;

/** The store's per-message state (signal-store.ts). */
export interface BlockSource {
  readonly values: Float64Array;
  readonly rxMs: Float64Array;
  readonly reason: Uint8Array;
  readonly version: number;
  readonly journal: Int32Array;
  readonly pages: MuxPages | undefined;
  readonly message: { readonly timeoutMs: number | undefined };
}

export class SignalBlock {
  /** Value (NaN when never received), 1/0 validity, receive time (−Infinity when never received). */
  readonly values: Float64Array;
  readonly valid: Uint8Array;
  readonly rxMs: Float64Array;
  /** Valid but for age: received, and its last frame good. */
  private readonly fresh: Uint8Array;
  /** Signal index in the message of each position. */
  private readonly indices: Int32Array;
  /** Positions refreshed by a frame of each page (the page's and the unmultiplexed signals). */
  private readonly pagePositions: (Int32Array | undefined)[] = [];
  private readonly alwaysPositions: Int32Array;
  private seenVersion = 0;
  /** At most the oldest receive time among the `fresh` signals (Infinity when none). */
  private oldestRxMs = Infinity;
  /** `valid` equals `fresh` and `oldestRxMs` bounds the fresh ones (false: recompute at the next read). */
  private validIsFresh = false;

  constructor(
    private readonly source: BlockSource,
    indices: readonly number[],
  ) {
    const n = indices.length;
    this.indices = Int32Array.from(indices);
    this.values = new Float64Array(n);
    this.valid = new Uint8Array(n);
    this.rxMs = new Float64Array(n);
    this.fresh = new Uint8Array(n);
    const positionsOf = (signals: Int32Array) => Int32Array.from(indices.flatMap((x, pos) => (signals.includes(x) ? [pos] : [])));
    const pages = source.pages;
    this.alwaysPositions = pages ? positionsOf(pages.always) : new Int32Array(0);
    if (pages) for (const page of pages.pages) this.pagePositions.push(page ? positionsOf(page) : undefined);
    this.copyAll();
    this.seenVersion = source.version;
  }

  read(nowMs: number): void {
    const src = this.source;
    const timeout = src.message.timeoutMs;
    if (src.version !== this.seenVersion) this.catchUp(nowMs, timeout);
    if (this.validIsFresh && (timeout === undefined || nowMs - this.oldestRxMs <= timeout)) return;
    // Something may be stale: the same test as SignalStore.readInto, on every copy.
    const { valid, fresh, rxMs } = this;
    let oldest = Infinity;
    let allFresh = true;
    for (let i = 0; i < valid.length; i++) {
      if (fresh[i] !== 1) {
        valid[i] = 0;
        continue;
      }
      const rx = rxMs[i]!;
      if (rx < oldest) oldest = rx;
      const ok = timeout === undefined || nowMs - rx <= timeout;
      valid[i] = ok ? 1 : 0;
      if (!ok) allFresh = false;
    }
    this.oldestRxMs = oldest;
    this.validIsFresh = allFresh;
  }

  /** Takes in the frames journalled since the last read: their pages only, unless too many or "all". */
  private catchUp(nowMs: number, timeout: number | undefined): void {
    const src = this.source;
    const version = src.version;
    let all = version - this.seenVersion > JOURNAL_LENGTH || src.pages === undefined;
    for (let v = this.seenVersion; !all && v < version; v++) {
      const entry = src.journal[v & (JOURNAL_LENGTH - 1)]!;
      if (entry === ALL_SIGNALS) all = true;
      else {
        this.refresh(this.alwaysPositions, nowMs, timeout);
        if (entry !== NO_PAGE) this.refresh(this.pagePositions[entry], nowMs, timeout);
      }
    }
    this.seenVersion = version;
    if (all) {
      this.copyAll();
      this.validIsFresh = false; // recompute every validity now
    }
  }

  /** Copies some positions from the store, with their validity at nowMs. */
  private refresh(positions: Int32Array | undefined, nowMs: number, timeout: number | undefined): void {
    if (positions === undefined) return;
    const src = this.source;
    const { values, rxMs, fresh, valid, indices } = this;
    for (let k = 0; k < positions.length; k++) {
      const i = positions[k]!;
      const x = indices[i]!;
      const rx = src.rxMs[x]!;
      values[i] = src.values[x]!;
      rxMs[i] = rx;
      const ok = rx !== -Infinity && src.reason[x] === 0;
      fresh[i] = ok ? 1 : 0;
      if (!ok) {
        valid[i] = 0;
        continue;
      }
      if (rx < this.oldestRxMs) this.oldestRxMs = rx;
      const inTime = timeout === undefined || nowMs - rx <= timeout;
      valid[i] = inTime ? 1 : 0;
      if (!inTime) this.validIsFresh = false;
    }
  }

  private copyAll(): void {
    const src = this.source;
    const { values, rxMs, fresh, indices } = this;
    for (let i = 0; i < indices.length; i++) {
      const x = indices[i]!;
      const rx = src.rxMs[x]!;
      values[i] = src.values[x]!;
      rxMs[i] = rx;
      fresh[i] = rx !== -Infinity && src.reason[x] === 0 ? 1 : 0;
    }
  }
}
