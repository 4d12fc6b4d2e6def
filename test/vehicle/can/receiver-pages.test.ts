// The receiver decodes a bulk-multiplexed message page by page (it clears only the page the last
// frame wrote): whatever the frame sequence, it must give exactly what a full decode gives.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { packpilotCodec } from '../../../vehicle/can/index.ts';
import { createReceiver } from '../../../vehicle/can/receiver.ts';
import type { CanFrame } from '../../../vehicle/can/frame.ts';

const t = suite('receiver: paged decode');
const codec = packpilotCodec();

/** A frame of the message: mostly 8 bytes with a page-sized switch byte, sometimes a bad length or an unknown page. */
const aFrameOf = (id: number) =>
  fc.record({
    length: fc.constantFrom(8, 8, 8, 8, 8, 7, 9),
    mux: fc.oneof(fc.integer({ min: 0, max: 70 }), fc.integer({ min: 0, max: 255 })),
    rest: fc.uint8Array({ minLength: 9, maxLength: 9 }),
  }).map(({ length, mux, rest }): CanFrame => {
    const data = new Uint8Array(length);
    data.set(rest.subarray(0, length));
    data[0] = mux;
    return { id, extended: false, fd: false, data, timestampMs: 0 };
  });

for (const name of ['CMU_CellVoltages', 'CMU_CellTemps']) {
  const m = codec.messageByName(name)!;

  t(`${name} has a page-only decode`, () => {
    assert.type(m.decodePageInto, 'function');
  });

  t(`${name}: values and status after every frame equal a full decode of that frame alone`, () => {
    fc.assert(
      fc.property(fc.array(aFrameOf(m.id), { minLength: 1, maxLength: 30 }), (frames) => {
        const receiver = createReceiver(codec);
        for (const frame of frames) {
          const r = receiver.receive(frame)!;
          const values = new Float64Array(m.signals.length);
          const status = new Uint8Array(m.signals.length);
          m.decodeInto(frame.data, values, status);
          assert.equal(Array.from(r.values), Array.from(values));
          assert.equal(Array.from(r.status), Array.from(status));
        }
      }),
      { seed: 42, numRuns: 200 },
    );
  });
}

t('a message without pages decodes in full (no page-only decode)', () => {
  assert.is(codec.messageByName('PDU_Status')!.decodePageInto, undefined);
});

t.run();
