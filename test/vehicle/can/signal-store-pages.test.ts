// The store takes in only the page a multiplexed frame carries, and a SignalBlock copies only
// when a frame arrived: both must give exactly what decoding every signal would.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { createReceiver, crc8J1850, packpilotCodec, SignalStore } from '../../../vehicle/can/index.ts';
import { describeReceived } from '../../../vehicle/can/receiver.ts';
import { muxPages } from '../../../vehicle/can/mux-pages.ts';

const t = suite('signal store: multiplexed pages and blocks');
const codec = packpilotCodec();

interface Model { value: number; rxMs: number; ok: boolean }

/** A CMU frame: a page number (some beyond the table), random payload, mostly a good CRC. */
const aCmuFrame = fc.record({
  message: fc.constantFrom('CMU_CellVoltages', 'CMU_CellTemps'),
  page: fc.integer({ min: 0, max: 80 }),
  payload: fc.uint8Array({ minLength: 6, maxLength: 6 }),
  goodCrc: fc.double({ min: 0, max: 1, noNaN: true }).map((x) => x < 0.85),
  afterMs: fc.integer({ min: 0, max: 700 }),
  /** Reads now; otherwise frames pile up in the store's journal (past its length, too). */
  read: fc.integer({ min: 0, max: 9 }).map((x) => x < 4),
  /** Now and then a burst of more frames than the journal holds, before this one. */
  burst: fc.integer({ min: 0, max: 14 }).map((x) => (x === 0 ? 70 : 0)),
});

t('the CMU messages have a page table; non-multiplexed ones do not', () => {
  const voltages = muxPages(codec.messageByName('CMU_CellVoltages')!)!;
  assert.is(voltages.pages.length, 64);
  assert.equal([...voltages.pages[0]!].map((i) => codec.messageByName('CMU_CellVoltages')!.signals[i]!.name), ['CMU_CellVoltage001', 'CMU_CellVoltage002', 'CMU_CellVoltage003']);
  assert.is(muxPages(codec.messageByName('SHUNT_Current')!), undefined);
});

t('reads after page-wise updates agree with a model fed by every decoded signal', () => {
  fc.assert(
    fc.property(fc.array(aCmuFrame, { minLength: 1, maxLength: 200 }), (frames) => {
      const store = new SignalStore(codec);
      const rx = createReceiver(codec);
      const model = new Map<string, Model>();
      const names = ['CMU_CellVoltages', 'CMU_CellTemps'].flatMap((m) => codec.messageByName(m)!.signals.map((s) => s.name));
      for (const n of names) model.set(n, { value: NaN, rxMs: -Infinity, ok: false });
      const voltages = store.block(Array.from({ length: 192 }, (_, i) => store.handle(`CMU_CellVoltage${String(i + 1).padStart(3, '0')}`)))!;
      const vHandles = Array.from({ length: 192 }, (_, i) => store.handle(`CMU_CellVoltage${String(i + 1).padStart(3, '0')}`));
      let nowMs = 0;
      const take = (message: string, page: number, payload: Uint8Array, goodCrc: boolean) => {
        const m = codec.messageByName(message)!;
        const data = new Uint8Array(8);
        data[0] = page;
        data.set(payload, 1);
        data[7] = goodCrc ? crc8J1850(data, 8, 7) : crc8J1850(data, 8, 7) ^ 1;
        const r = rx.receive({ id: m.id, extended: false, fd: false, data, timestampMs: nowMs })!;
        const d = describeReceived(r);
        if (!d.valid) for (const s of m.signals) model.get(s.name)!.ok = false;
        else {
          for (const [name, value] of Object.entries(d.values)) {
            model.set(name, { value, rxMs: nowMs, ok: !d.problems.some((p) => 'signal' in p && p.signal === name) });
          }
        }
        store.update(r);
      };
      for (const f of frames) {
        for (let j = 0; j < f.burst; j++) {
          const payload = f.payload.map((x, k) => (x + 31 * j + k) & 0xff);
          payload[5] = (j % 16) << 4; // a fresh alive counter (bits 52..55) each frame
          take(f.message, (f.page + j) % 64, payload, true);
        }
        nowMs += f.read ? f.afterMs : f.afterMs % 20;
        take(f.message, f.page, f.payload, f.goodCrc);
        if (!f.read) continue;
        const readAt = nowMs + (f.afterMs % 3) * 300;
        for (const n of names) {
          const want = model.get(n)!;
          const timeout = codec.messageBySignal(n)!.timeoutMs!;
          const got = store.read(n, readAt);
          assert.ok(Object.is(got.value, want.value), `${n} value`);
          assert.is(got.valid, want.rxMs !== -Infinity && want.ok && readAt - want.rxMs <= timeout, `${n} valid`);
        }
        voltages.read(readAt);
        const values = new Float64Array(192), valid = new Uint8Array(192), rxMs = new Float64Array(192);
        store.readInto(vHandles, readAt, values, valid, rxMs);
        assert.equal([...voltages.values], [...values]);
        assert.equal([...voltages.valid], [...valid]);
        assert.equal([...voltages.rxMs], [...rxMs]);
      }
    }),
    { seed: 42, numRuns: 150 },
  );
});

t('a block skips work while nothing arrives, yet notices a value going stale and a new frame', () => {
  const store = new SignalStore(codec);
  const rx = createReceiver(codec);
  const m = codec.messageByName('CMU_CellVoltages')!;
  const send = (page: number, counter: number, atMs: number) => {
    const data = new Uint8Array(8);
    data[0] = page;
    data[1] = 0xe8; // the page's first cell: 0.232 V
    data[6] = counter << 4;
    data[7] = crc8J1850(data, 8, 7);
    store.update(rx.receive({ id: m.id, extended: false, fd: false, data, timestampMs: atMs })!);
  };
  const block = store.block([store.handle('CMU_CellVoltage001'), store.handle('CMU_CellVoltage004')])!;
  block.read(0);
  assert.equal([...block.valid], [0, 0], 'never received');
  send(0, 0, 100);
  block.read(100);
  assert.equal([...block.valid], [1, 0]);
  assert.is(block.rxMs[0], 100);
  block.read(700);
  assert.equal([...block.valid], [1, 0], 'still within PpTimeoutMs (600 ms)');
  block.read(701);
  assert.equal([...block.valid], [0, 0], 'stale without any frame arriving');
  send(1, 1, 800);
  block.read(800);
  assert.equal([...block.valid], [0, 1], 'the new page is taken in, the old one stays stale');
  assert.is(block.rxMs[1], 800);
});

t.run();
