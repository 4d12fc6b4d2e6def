import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { packpilotCodec, crc8J1850 } from '../../../vehicle/can/index.ts';
import { muxPages } from '../../../sim/nodes/mux-page.ts';

const t = suite('sim/nodes/mux-page');
const codec = packpilotCodec();

for (const [name, counter] of [['CMU_CellVoltages', 'CMU_CellVoltages_Counter'], ['CMU_CellTemps', 'CMU_CellTemps_Counter']] as const) {
  t(`${name}: a page encodes to the same bytes as the multiplexed message`, () => {
    const real = codec.messageByName(name)!;
    const pages = muxPages(codec, name);
    const slotSignal = real.signals.find((s) => s.name === pages.names[0]![0])!;
    const lo = slotSignal.min;
    const hi = slotSignal.max;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: pages.pageCount - 1 }), fc.integer({ min: 0, max: 15 }),
        fc.array(fc.double({ min: lo, max: hi, noNaN: true }), { minLength: 4, maxLength: 4 }), (k, ctr, raw) => {
          const slots = pages.names[k]!;
          const given: Record<string, number> = { [real.signals.find((s) => s.isMultiplexer)!.name]: k, [counter]: ctr };
          slots.forEach((s, i) => (given[s] = raw[i]!));
          const expected = real.encode(given);
          const values = new Float64Array(pages.page.signals.length);
          values[pages.switchIndex] = k;
          values[pages.page.counterIndex] = ctr;
          slots.forEach((_, i) => (values[pages.slotIndex[i]!] = raw[i]!));
          const data = new Uint8Array(8);
          assert.is(pages.page.encodeInto(values, data, 0), 0);
          data[pages.page.crcByte] = crc8J1850(data, 8, pages.page.crcByte);
          assert.equal([...data], [...expected]);
        }),
      { seed: 42, numRuns: 200 },
    );
  });
}

t('every page has its slots in start-bit order, numbered as the contract says (mux k: cells 3k+1…3k+3)', () => {
  const v = muxPages(codec, 'CMU_CellVoltages');
  assert.is(v.pageCount, 64);
  assert.equal(v.names[5], ['CMU_CellVoltage016', 'CMU_CellVoltage017', 'CMU_CellVoltage018']);
  const tp = muxPages(codec, 'CMU_CellTemps');
  assert.is(tp.pageCount, 16);
  assert.equal(tp.names[15], ['CMU_CellTemp61', 'CMU_CellTemp62', 'CMU_CellTemp63', 'CMU_CellTemp64']);
});

t('a message that is not multiplexed is refused', () => {
  assert.throws(() => muxPages(codec, 'PDU_Status'), /not multiplexed/);
});

t.run();
