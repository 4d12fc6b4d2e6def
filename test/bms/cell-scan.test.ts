// The running cell aggregates give exactly the full scan's result every tick (same indices on
// ties, the same sum to the bit), and give way to a full scan when they cannot prove it.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { CellScan } from '../../bms/cell-scan.ts';
import type { CellChanges } from '../../bms/io.ts';
import { memoMonitor, monitor } from '../../bms/monitoring.ts';
import { pack400v } from '../../bms/presets.ts';
import { aBmsInput, aCells } from './builders.ts';

const t = suite('bms/cell-scan');

const PAGE = 3;
const LO = -1;
const HI = 5;
const STALE_MS = 50;

/** A reader like the CMU block: pages of 3 entries, validity ageing out after validTimeoutMs. */
class FakeReader implements CellChanges {
  version = 0;
  count = -1;
  readonly positions: Int32Array;
  readonly values: Float64Array;
  readonly valid: Uint8Array;
  readonly rxMs: Float64Array;
  private readonly fresh: Uint8Array;
  private pending: number[] = [];
  private any = true;

  constructor(
    readonly n: number,
    readonly validTimeoutMs: number,
  ) {
    this.values = new Float64Array(n).fill(NaN);
    this.valid = new Uint8Array(n);
    this.rxMs = new Float64Array(n).fill(-Infinity);
    this.fresh = new Uint8Array(n);
    this.positions = new Int32Array(n * 4);
  }

  page(p: number, vs: readonly number[], good: boolean, rxMs: number): void {
    for (let j = 0; j < PAGE; j++) {
      const i = p * PAGE + j;
      if (i >= this.n) break;
      this.values[i] = vs[j] ?? 3.7;
      this.rxMs[i] = rxMs;
      this.fresh[i] = good ? 1 : 0;
      this.pending.push(i);
    }
  }

  /** A change the reader cannot place (a bad frame for every page, say). */
  unplaced(): void {
    this.fresh.fill(0);
    this.any = true;
  }

  /** Ends a read at nowMs: ageing applies to every entry, reported or not. */
  read(nowMs: number): void {
    for (let i = 0; i < this.n; i++) this.valid[i] = this.fresh[i] === 1 && nowMs - this.rxMs[i]! <= this.validTimeoutMs ? 1 : 0;
    if (this.any || this.pending.length > 0) {
      this.version++;
      this.count = this.any ? -1 : this.pending.length;
      this.pending.forEach((i, k) => (this.positions[k] = i));
    }
    this.pending = [];
    this.any = false;
  }
}

function same(memo: CellScan, fresh: CellScan, what: string): void {
  for (const k of ['invalid', 'min', 'minIndex', 'max', 'maxIndex', 'sum'] as const) {
    assert.ok(Object.is(memo[k], fresh[k]), `${what}: ${k} ${memo[k]} vs ${fresh[k]}`);
  }
}

// Few distinct values so ties are common; out of range, NaN and both zeros included.
const aValue = fc.constantFrom(3.7, 3.7, 3.6, 3.8, 0.1, 4.9, 5, -1, 5.5, -2, NaN, 0, -0, 1e-17, 3.7000000000000006);
const anOp = fc.oneof(
  { weight: 12, arbitrary: fc.record({ kind: fc.constant('page' as const), page: fc.nat(9), vs: fc.array(aValue, { minLength: 3, maxLength: 3 }), good: fc.constantFrom(true, true, true, true, true, true, false), lagMs: fc.constantFrom(0, 0, 0, 0, 1, 20, 40, 60) }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('tick' as const), gapMs: fc.constantFrom(-40, 0, 1, 2, 2, 3, 3, 5, 5, 10, 25, 45, 80), reads: fc.constantFrom(1, 1, 1, 1, 1, 2), scans: fc.constantFrom(1, 1, 1, 2) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('unplaced' as const) }) },
  // A read the BMS does not see (its changes are lost to it: the next one must rescan).
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('unseen' as const) }) },
);

t('page updates, invalid frames, stale gaps and faults give the full scan every tick', () => {
  fc.assert(
    fc.property(fc.array(anOp, { minLength: 60, maxLength: 200 }), fc.constantFrom(28, 30), fc.constantFrom(30, 70, Infinity), (ops, n, timeoutMs) => {
      const r = new FakeReader(n, timeoutMs);
      const memo = new CellScan();
      let nowMs = 1000;
      for (const op of ops) {
        if (op.kind === 'page') r.page(op.page, op.vs, op.good, nowMs - op.lagMs);
        else if (op.kind === 'unplaced') r.unplaced();
        else if (op.kind === 'unseen') r.read(nowMs);
        else {
          nowMs += op.gapMs;
          for (let k = 0; k < op.reads; k++) r.read(nowMs);
          for (let k = 0; k < op.scans; k++) {
            memo.scan(r.values, r.valid, r.rxMs, r, LO, HI, STALE_MS, nowMs);
            const fresh = new CellScan();
            fresh.scan(r.values, r.valid, r.rxMs, undefined, LO, HI, STALE_MS, nowMs);
            same(memo, fresh, `at ${nowMs}`);
          }
        }
      }
    }),
    { seed: 42, numRuns: 300 },
  );
});

t('gives way: a rising minimum, an aged-out oldest entry, other arrays or limits rescan', () => {
  const r = new FakeReader(9, 30);
  for (let p = 0; p < 3; p++) r.page(p, [3.7, 3.7, 3.7], true, 1000);
  r.page(1, [3.7, 3.5, 3.9], true, 1000);
  r.read(1000);
  const memo = new CellScan();
  memo.scan(r.values, r.valid, r.rxMs, r, LO, HI, STALE_MS, 1000);
  assert.equal([memo.min, memo.minIndex, memo.max, memo.maxIndex], [3.5, 4, 3.9, 5]);
  r.page(1, [3.7, 3.8, 3.7], true, 1010); // the minimum cell rose: the next minimum is a tie at 0
  r.read(1010);
  memo.scan(r.values, r.valid, r.rxMs, r, LO, HI, STALE_MS, 1010);
  assert.equal([memo.min, memo.minIndex, memo.max, memo.maxIndex], [3.7, 0, 3.8, 4]);
  r.read(1031); // pages 0 and 2 age out by time alone (no change reported)
  memo.scan(r.values, r.valid, r.rxMs, r, LO, HI, STALE_MS, 1031);
  assert.is(memo.invalid, 6);
  assert.equal([memo.min, memo.minIndex], [3.7, 3]);
  const other = new FakeReader(9, 30);
  other.page(0, [4, 4, 4], true, 1031);
  other.read(1031);
  memo.scan(other.values, other.valid, other.rxMs, other, LO, HI, STALE_MS, 1031);
  assert.equal([memo.invalid, memo.min, memo.minIndex], [6, 4, 0]);
  memo.scan(other.values, other.valid, other.rxMs, other, 4.5, HI, STALE_MS, 1031);
  assert.equal([memo.invalid, memo.min, memo.minIndex], [9, Infinity, -1]);
});

t('the BMS monitor with its memo equals monitor without one (arrays without CellChanges)', () => {
  const cells = aCells(pack400v, { cellV: 3.7, rxMs: 0 });
  const memoed = memoMonitor();
  for (let tick = 0; tick < 30; tick++) {
    cells.voltageV[(tick * 7) % 96] = 3.6 + (tick % 5) * 0.05; // changed in place, nothing reported
    cells.tempC[tick % 32] = 20 + tick;
    const input = aBmsInput({ cells });
    assert.equal(memoed(input, pack400v, tick * 10), monitor(input, pack400v, tick * 10));
  }
});

t.run();
