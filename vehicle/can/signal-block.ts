// Many signals of one message read together every tick (the 192 cell voltages, the 64 cell
// temperatures): the values and receive times are copied only when a frame of the message
// arrived since the last read, and the validity is recomputed only when a value may have gone
// stale. The result is what SignalStore.readInto would give, into arrays the block owns.

/** The store's per-message arrays (signal-store.ts). */
export interface BlockSource {
  readonly values: Float64Array;
  readonly rxMs: Float64Array;
  readonly reason: Uint8Array;
  readonly version: number;
  readonly message: { readonly timeoutMs: number | undefined };
}

export class SignalBlock {
  /** Value (NaN when never received), 1/0 validity, receive time (−Infinity when never received). */
  readonly values: Float64Array;
  readonly valid: Uint8Array;
  readonly rxMs: Float64Array;
  /** Valid but for age: received, and its last frame good. */
  private readonly fresh: Uint8Array;
  private readonly indices: Int32Array;
  /** The indices run first, first + 1, …: copy by block. */
  private readonly first: number;
  private seenVersion = -1;
  /** Oldest receive time among the `fresh` signals (Infinity when none). */
  private oldestRxMs = Infinity;
  /** `valid` equals `fresh` (nothing was stale at the last computation). */
  private validIsFresh = false;

  constructor(
    private readonly source: BlockSource,
    indices: readonly number[],
  ) {
    const n = indices.length;
    this.indices = Int32Array.from(indices);
    this.first = n > 0 && indices.every((x, i) => x === indices[0]! + i) ? indices[0]! : -1;
    this.values = new Float64Array(n);
    this.valid = new Uint8Array(n);
    this.rxMs = new Float64Array(n);
    this.fresh = new Uint8Array(n);
  }

  read(nowMs: number): void {
    const src = this.source;
    const timeout = src.message.timeoutMs;
    if (src.version !== this.seenVersion) {
      this.seenVersion = src.version;
      this.copy();
    } else if (this.validIsFresh && (timeout === undefined || nowMs - this.oldestRxMs <= timeout)) {
      return; // nothing arrived and nothing went stale: the arrays hold this tick's answer
    }
    // The same test as SignalStore.readInto, on the copies.
    const { valid, fresh, rxMs } = this;
    let allFresh = true;
    for (let i = 0; i < valid.length; i++) {
      const ok = fresh[i] === 1 && (timeout === undefined || nowMs - rxMs[i]! <= timeout);
      valid[i] = ok ? 1 : 0;
      if (!ok && fresh[i] === 1) allFresh = false;
    }
    this.validIsFresh = allFresh;
  }

  private copy(): void {
    const src = this.source;
    const { values, rxMs, fresh, indices } = this;
    const n = indices.length;
    if (this.first >= 0) {
      values.set(src.values.subarray(this.first, this.first + n));
      rxMs.set(src.rxMs.subarray(this.first, this.first + n));
    } else {
      for (let i = 0; i < n; i++) {
        values[i] = src.values[indices[i]!]!;
        rxMs[i] = src.rxMs[indices[i]!]!;
      }
    }
    let oldest = Infinity;
    const reason = src.reason;
    for (let i = 0; i < n; i++) {
      const rx = rxMs[i]!;
      const ok = rx !== -Infinity && reason[indices[i]!] === 0;
      fresh[i] = ok ? 1 : 0;
      if (ok && rx < oldest) oldest = rx;
    }
    this.oldestRxMs = oldest;
  }
}
