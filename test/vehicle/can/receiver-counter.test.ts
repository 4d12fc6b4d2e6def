// The receiver's alive-counter arithmetic: the plain-counter path (no division) and the lost-frame
// count without an integer division give what the formulas of CAN-API.md give.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { aCodec, aDbcText, aFrame } from './builders.ts';
import { createReceiver, framesBetween } from '../../../vehicle/can/receiver.ts';
import { createTransmitter } from '../../../vehicle/can/transmitter.ts';

const t = suite('receiver counter');

/** A counted message whose 4-bit counter has the given scaling (PpRole AliveCounter). */
function aCountedCodec(scaling: string) {
  return aCodec(aDbcText({
    signals: ['Value : 0|16@1+ (1,0) [0|1000] ""', `Counter : 48|4@1+ ${scaling} [0|100] ""`],
    extra: ['BA_DEF_ SG_ "PpRole" ENUM "None","AliveCounter","Crc8J1850";', 'BA_DEF_DEF_ "PpRole" "None";', 'BA_ "PpRole" SG_ 256 Counter 1;'],
  }));
}

t('framesBetween equals (counter - last - 1 + modulo) % modulo for any integers', () => {
  const modulo = fc.constantFrom(2, 4, 16, 256, 65536);
  fc.assert(fc.property(modulo, fc.integer({ min: -200000, max: 200000 }), fc.integer({ min: -200000, max: 200000 }), (m, counter, last) => {
    assert.ok(Object.is(framesBetween(counter, last, m), (counter - last - 1 + m) % m));
  }), { seed: 42, numRuns: 300 });
  fc.assert(fc.property(fc.integer({ min: 0, max: 15 }), fc.integer({ min: 0, max: 15 }), (counter, last) => {
    assert.is(framesBetween(counter, last, 16), (counter - last - 1 + 16) % 16);
  }), { seed: 42, numRuns: 300 });
});

for (const [scaling, label] of [['(1,0)', 'plain'], ['(2,5)', 'scaled']] as const) {
  t(`a ${label} counter: the raw count and the frames lost between two frames`, () => {
    const codec = aCountedCodec(scaling);
    const tx = createTransmitter(codec);
    const rx = createReceiver(codec);
    const seen: [number, number][] = [];
    for (let k = 0; k < 40; k++) {
      const f = tx.frame('Msg', { Value: k });
      if (k % 7 === 3 || k % 11 === 5) continue; // lost on the way
      const r = rx.receive(aFrame({ data: f.data }))!;
      assert.is(r.valid, true);
      seen.push([r.counter, r.lostFrames]);
    }
    const expected: [number, number][] = [];
    let last = -1;
    for (let k = 0; k < 40; k++) {
      if (k % 7 === 3 || k % 11 === 5) continue;
      expected.push([k % 16, last < 0 ? 0 : (k - last - 1) % 16]);
      last = k;
    }
    assert.equal(seen, expected);
  });
}

t.run();
