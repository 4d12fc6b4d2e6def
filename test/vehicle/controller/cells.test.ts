// The cell reader's account of what a read changed (CellChanges) is never short: every entry that
// differs from the previous read is listed, or the read says "any entry"; between reports entries
// change only by ageing out after the message timeout.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { createReceiver, createTransmitter, packpilotCodec, SignalStore } from '../../../vehicle/can/index.ts';
import { CellReader } from '../../../vehicle/controller/cells.ts';
import type { CellChanges } from '../../../bms/index.ts';

const t = suite('controller: cell reader');

function aCmu() {
  const codec = packpilotCodec();
  const store = new SignalStore(codec);
  const rx = createReceiver(codec);
  const tx = createTransmitter(codec);
  const voltagePage = (page: number, volts: readonly number[], atMs: number, good = true) => {
    const values: Record<string, number> = { CMU_CellVoltageMux: page };
    volts.forEach((v, j) => (values[`CMU_CellVoltage${String(page * 3 + j + 1).padStart(3, '0')}`] = v));
    const r = rx.receive({ ...tx.frame('CMU_CellVoltages', values, { allowMissing: true }), timestampMs: atMs })!;
    if (!good) {
      r.valid = false;
      r.reason = 'crc';
    }
    store.update(r);
  };
  return { store, voltagePage };
}

interface Copy {
  values: Float64Array;
  valid: Uint8Array;
  rxMs: Float64Array;
  version: number;
}
const copyOf = (values: Float64Array, valid: Uint8Array, rxMs: Float64Array, c: CellChanges): Copy => ({
  values: values.slice(), valid: valid.slice(), rxMs: rxMs.slice(), version: c.version,
});

/** Every difference since `before` is accounted for by `c` (listed, "any", or ageing out). */
function accounted(before: Copy, values: Float64Array, valid: Uint8Array, rxMs: Float64Array, c: CellChanges, nowMs: number): void {
  const listed = new Set<number>();
  const fresh = c.version !== before.version;
  if (fresh) {
    assert.is(c.version, before.version + 1);
    if (c.count < 0) return;
    for (let k = 0; k < c.count; k++) listed.add(c.positions[k]!);
  }
  for (let i = 0; i < values.length; i++) {
    if (listed.has(i)) continue;
    const where = `entry ${i} at ${nowMs}`;
    assert.ok(Object.is(values[i], before.values[i]), `${where}: value changed unlisted`);
    assert.is(rxMs[i], before.rxMs[i], `${where}: receive time changed unlisted`);
    if (valid[i] !== before.valid[i]) {
      assert.is(valid[i], 0, `${where}: became valid unlisted`);
      assert.ok(nowMs - rxMs[i]! > c.validTimeoutMs, `${where}: turned invalid before its timeout`);
    }
  }
}

const anOp = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('page' as const), page: fc.nat(63), mv: fc.array(fc.integer({ min: 3000, max: 4200 }), { minLength: 3, maxLength: 3 }), good: fc.constantFrom(true, true, true, true, true, false), sameTime: fc.constantFrom(false, false, false, true) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('read' as const), gapMs: fc.constantFrom(0, 3, 10, 10, 10, 50, 400) }) },
);

t('every change of a read is listed or the read says "any entry"; otherwise only ageing', () => {
  fc.assert(
    fc.property(fc.array(anOp, { minLength: 30, maxLength: 120 }), fc.constantFrom(96, 192), (ops, cells) => {
      const { store, voltagePage } = aCmu();
      const reader = new CellReader(store, cells, 32);
      let nowMs = 0;
      let frameMs = 0;
      let a = reader.read(nowMs);
      let before = copyOf(a.voltageV, a.voltageValid, a.voltageRxMs, a.voltageChanges);
      let listedReads = 0;
      for (const op of ops) {
        if (op.kind === 'page') {
          if (!op.sameTime) frameMs = Math.max(frameMs + 1, nowMs);
          voltagePage(op.page, op.mv.map((v) => v / 1000), frameMs, op.good);
        } else {
          nowMs += op.gapMs;
          a = reader.read(nowMs);
          accounted(before, a.voltageV, a.voltageValid, a.voltageRxMs, a.voltageChanges, nowMs);
          if (a.voltageChanges.count >= 0) listedReads++;
          before = copyOf(a.voltageV, a.voltageValid, a.voltageRxMs, a.voltageChanges);
        }
      }
      return listedReads >= 0;
    }),
    { seed: 42, numRuns: 100 },
  );
});

t('a read of whole pages lists just their cells; a bad frame or a repeated page says "any"', () => {
  const { store, voltagePage } = aCmu();
  const reader = new CellReader(store, 192, 64);
  const c = reader.arrays.voltageChanges;
  reader.read(0);
  assert.is(c.count, -1, 'the first read: any entry');
  assert.is(c.validTimeoutMs, store.messageOf(store.handle('CMU_CellVoltage001')).timeoutMs);
  voltagePage(2, [3.7, 3.71, 3.72], 5);
  voltagePage(5, [3.6, 3.61, 3.62], 6);
  reader.read(10);
  assert.equal([...c.positions.subarray(0, c.count)].sort((x, y) => x - y), [6, 7, 8, 15, 16, 17]);
  assert.is(reader.arrays.voltageV[7], 3.71);
  const version = c.version;
  reader.read(20);
  assert.is(c.version, version, 'no frame: the same version');
  voltagePage(2, [3.7, 3.7, 3.7], 25);
  voltagePage(2, [3.8, 3.8, 3.8], 26);
  reader.read(30);
  assert.is(c.count, -1, 'one page twice: cannot say which frame did what');
  voltagePage(3, [3.7, 3.7, 3.7], 35, false);
  reader.read(40);
  assert.is(c.count, -1, 'a bad frame invalidates every cell');
  assert.is(reader.arrays.voltageValid[0], 0);
});

t.run();
