// Extremes, sum and invalid count over one cell array (voltages or temperatures), kept up to date
// from the entries a reader says it changed (CellChanges) instead of a pass over every entry each
// tick: 3–4 voltage pages of 3 cells arrive per 10 ms tick out of 192 cells. Whatever it cannot
// prove unchanged it scans in full, so the result is always the full scan's, bit for bit.
import type { CellChanges } from './io.ts';

/**
 * One array's aggregates for one BMS instance (made with its tables). The result fields hold the
 * last scan() until the next; monitor copies them out in the same call.
 */
export class CellScan {
  invalid = 0;
  min = Infinity;
  minIndex = -1;
  max = -Infinity;
  maxIndex = -1;
  sum = 0;
  /** Inputs of the last scan: a different array, reader, limit or a clock going back rescans. */
  private values: Float64Array | undefined = undefined;
  private valid: Uint8Array | undefined = undefined;
  private rxMs: Float64Array | undefined = undefined;
  private changes: CellChanges | undefined = undefined;
  private version = NaN;
  private lo = NaN;
  private hi = NaN;
  private staleMs = NaN;
  private lastNowMs = NaN;
  /** Each entry's share of the sum: its value when counted, else +0 (adding +0 keeps a sum bit for bit). */
  private share = new Float64Array(0);
  /** prefix[i] = the sum of share[0..i) added in index order; from a change on it is added again. */
  private prefix = new Float64Array(1);
  private counted = new Uint8Array(0);
  /** At most the oldest receive time among counted entries: while it passes both age tests, all do. */
  private oldestRxMs = Infinity;

  /** An entry counts when the codec accepted it, it lies in [lo, hi] and rxMs ≥ nowMs − staleMs. */
  scan(values: Float64Array, valid: Uint8Array, rxMs: Float64Array, changes: CellChanges | undefined, lo: number, hi: number, staleMs: number, nowMs: number): void {
    if (!this.canUpdate(values, valid, rxMs, changes, lo, hi, staleMs, nowMs)) this.full(values, valid, rxMs, changes, lo, hi, staleMs, nowMs);
    else if (changes!.version !== this.version) {
      this.version = changes!.version;
      this.lastNowMs = nowMs;
      if (!this.update(changes!, nowMs)) this.full(values, valid, rxMs, changes, lo, hi, staleMs, nowMs);
    } else this.lastNowMs = nowMs;
  }

  /** Same arrays, same reader, at most one fill since, clock not back, and no counted entry aged out. */
  private canUpdate(values: Float64Array, valid: Uint8Array, rxMs: Float64Array, changes: CellChanges | undefined, lo: number, hi: number, staleMs: number, nowMs: number): boolean {
    if (changes === undefined || changes !== this.changes || values !== this.values || valid !== this.valid || rxMs !== this.rxMs) return false;
    if (lo !== this.lo || hi !== this.hi || staleMs !== this.staleMs || !(nowMs >= this.lastNowMs)) return false;
    const v = changes.version;
    if (v !== this.version && (v !== this.version + 1 || changes.count < 0)) return false;
    // The same tests as the reader's validity and the full scan's age, on the oldest counted entry.
    const oldest = this.oldestRxMs;
    return nowMs - oldest <= changes.validTimeoutMs && oldest >= nowMs - staleMs;
  }

  /** Takes in the changed entries; false when the minimum or maximum entry got worse (rescan). */
  private update(changes: CellChanges, nowMs: number): boolean {
    const values = this.values!;
    const valid = this.valid!;
    const rxMs = this.rxMs!;
    const share = this.share;
    const counted = this.counted;
    const lo = this.lo;
    const hi = this.hi;
    const oldestAllowed = nowMs - this.staleMs;
    const positions = changes.positions;
    let firstChanged = share.length;
    for (let k = 0; k < changes.count; k++) {
      const i = positions[k]!;
      if (i < firstChanged) firstChanged = i;
      const v = values[i]!;
      const rx = rxMs[i]!;
      if (valid[i] === 1 && v >= lo && v <= hi && rx >= oldestAllowed) {
        if (counted[i] === 0) this.invalid--;
        counted[i] = 1;
        share[i] = v;
        if (rx < this.oldestRxMs) this.oldestRxMs = rx;
        // The full scan keeps the first index of the extreme value (strict comparisons).
        if (i === this.minIndex) {
          if (v > this.min) return false;
          this.min = v;
        } else if (v < this.min || (v === this.min && i < this.minIndex)) {
          this.min = v;
          this.minIndex = i;
        }
        if (i === this.maxIndex) {
          if (v < this.max) return false;
          this.max = v;
        } else if (v > this.max || (v === this.max && i < this.maxIndex)) {
          this.max = v;
          this.maxIndex = i;
        }
      } else {
        if (counted[i] === 1) this.invalid++;
        counted[i] = 0;
        share[i] = 0;
        if (i === this.minIndex || i === this.maxIndex) return false;
      }
    }
    const prefix = this.prefix;
    let sum = prefix[firstChanged]!;
    for (let i = firstChanged; i < share.length; i++) {
      sum += share[i]!;
      prefix[i + 1] = sum;
    }
    this.sum = sum;
    return true;
  }

  private full(values: Float64Array, valid: Uint8Array, rxMs: Float64Array, changes: CellChanges | undefined, lo: number, hi: number, staleMs: number, nowMs: number): void {
    const n = values.length;
    if (this.share.length !== n) {
      this.share = new Float64Array(n);
      this.prefix = new Float64Array(n + 1);
      this.counted = new Uint8Array(n);
    }
    const { share, counted, prefix } = this;
    const oldestAllowed = nowMs - staleMs;
    let invalid = 0;
    let min = Infinity;
    let max = -Infinity;
    let minI = -1;
    let maxI = -1;
    let sum = 0;
    let oldest = Infinity;
    for (let i = 0; i < n; i++) {
      const v = values[i]!;
      const rx = rxMs[i]!;
      if (valid[i] === 1 && v >= lo && v <= hi && rx >= oldestAllowed) {
        sum += v;
        prefix[i + 1] = sum;
        counted[i] = 1;
        share[i] = v;
        if (rx < oldest) oldest = rx;
        if (v < min) {
          min = v;
          minI = i;
        }
        if (v > max) {
          max = v;
          maxI = i;
        }
      } else {
        invalid++;
        prefix[i + 1] = sum;
        counted[i] = 0;
        share[i] = 0;
      }
    }
    this.invalid = invalid;
    this.min = min;
    this.minIndex = minI;
    this.max = max;
    this.maxIndex = maxI;
    this.sum = sum;
    this.oldestRxMs = oldest;
    this.values = values;
    this.valid = valid;
    this.rxMs = rxMs;
    this.changes = changes;
    this.version = changes === undefined ? NaN : changes.version;
    this.lo = lo;
    this.hi = hi;
    this.staleMs = staleMs;
    this.lastNowMs = nowMs;
  }
}

/** The two arrays' scans of one BMS instance (in its tables: a memo per instance, never shared). */
export interface CellScans {
  readonly voltages: CellScan;
  readonly temps: CellScan;
}

export function cellScans(): CellScans {
  return { voltages: new CellScan(), temps: new CellScan() };
}
