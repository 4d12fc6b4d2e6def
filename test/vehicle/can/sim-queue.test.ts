// The sim network's reusable frame records (sim-queue.ts): frames are lent to listeners and taps
// (a kept frame is overwritten later unless copied), and a queued frame is never overwritten
// before its own delivery, whatever the queue length.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { SimClock } from '../../../vehicle/clock/sim-clock.ts';
import { createSimNetwork } from '../../../vehicle/can/sim-bus.ts';
import { FrameQueue } from '../../../vehicle/can/sim-queue.ts';
import type { CanFrame, OutgoingFrame } from '../../../vehicle/can/frame.ts';

const t = suite('SimNetwork frame records');

/** Frame number n: its id and every byte say n, its length is one of the allowed ones. */
function numbered(n: number, length = 8): OutgoingFrame {
  const fd = length > 8;
  return { id: n % 0x800, extended: false, fd, data: Uint8Array.from({ length }, (_, i) => (n + i * 31) & 0xff) };
}

const copy = (f: CanFrame): CanFrame => ({ ...f, data: f.data.slice() });
const plain = (f: OutgoingFrame | CanFrame) => ({ id: f.id, extended: f.extended, fd: f.fd, data: [...f.data] });

function aPair(latencyMs = 0) {
  const clock = new SimClock();
  const network = createSimNetwork({ clock, latencyMs });
  return { clock, network, sender: network.attach('sender'), receiver: network.attach('receiver') };
}

t('a frame kept past the listener\'s call is overwritten by later traffic; a copy is not', () => {
  const { clock, sender, receiver } = aPair();
  const kept: CanFrame[] = [];
  const copies: CanFrame[] = [];
  receiver.subscribe((f) => {
    kept.push(f);
    copies.push(copy(f));
  });
  sender.send(numbered(1));
  clock.runDue();
  const first = kept[0]!;
  const firstCopy = copies[0]!;
  for (let n = 2; n < 2000; n++) {
    sender.send(numbered(n));
    if (n % 10 === 0) clock.runDue();
  }
  clock.runDue();
  assert.equal(plain(firstCopy), plain(numbered(1)), 'the copy keeps frame 1');
  assert.not.equal(plain(first), plain(numbered(1)), 'the kept object now holds another frame');
  assert.equal(copies.map(plain), Array.from({ length: 1999 }, (_, i) => plain(numbered(i + 1))), 'every delivery was right');
});

t('a tap gets the listeners\' record, lent the same way', () => {
  const { clock, network, sender, receiver } = aPair();
  let tapped: CanFrame | undefined;
  let heard: CanFrame | undefined;
  network.tap((f) => (tapped = f));
  receiver.subscribe((f) => (heard = f));
  sender.send(numbered(7));
  clock.runDue();
  assert.ok(tapped !== undefined && tapped === heard);
});

t('a frame being delivered stays intact while its listener sends a burst (queue growth included)', () => {
  const { clock, sender, receiver } = aPair(1);
  const during: string[] = [];
  receiver.subscribe((f) => {
    if (f.id !== 1) return;
    const before = JSON.stringify(plain(f));
    for (let n = 100; n < 1100; n++) receiver.send(numbered(n));
    during.push(before === JSON.stringify(plain(f)) ? 'intact' : 'overwritten');
  });
  const echoed: CanFrame[] = [];
  sender.subscribe((f) => echoed.push(copy(f)));
  sender.send(numbered(1));
  clock.advanceBy(5);
  assert.equal(during, ['intact']);
  assert.equal(echoed.map(plain), Array.from({ length: 1000 }, (_, i) => plain(numbered(100 + i))));
});

t('property: with latency, bursts of thousands of frames of any length arrive exactly as sent, in order', () => {
  const lengths = [0, 1, 3, 8, 12, 64];
  const burst = fc.record({ count: fc.integer({ min: 0, max: 700 }), advanceMs: fc.constantFrom(0, 0.5, 1, 4), lengthSeed: fc.nat() });
  fc.assert(
    fc.property(fc.constantFrom(0, 0.5, 3, 20), fc.array(burst, { minLength: 1, maxLength: 6 }), (latencyMs, bursts) => {
      const { clock, network, sender, receiver } = aPair(latencyMs);
      const sent: ReturnType<typeof plain>[] = [];
      const got: ReturnType<typeof plain>[] = [];
      const stamps: number[] = [];
      receiver.subscribe((f) => {
        got.push(plain(f));
        stamps.push(f.timestampMs);
      });
      let n = 0;
      const due: number[] = [];
      for (const b of bursts) {
        for (let i = 0; i < b.count; i++, n++) {
          const frame = numbered(n, lengths[(b.lengthSeed + i) % lengths.length]!);
          sender.send(frame);
          sent.push(plain(frame));
          due.push(clock.nowMs() + latencyMs);
        }
        clock.advanceBy(b.advanceMs);
      }
      clock.advanceBy(latencyMs + 1);
      assert.is(network.pendingFrames(), 0);
      assert.equal(got, sent);
      assert.equal(stamps, due);
    }),
    { seed: 42, numRuns: 40 },
  );
});

t('FrameQueue: a record taken out is the caller\'s until given back; a queued one is never handed out early', () => {
  const q = new FrameQueue<string>();
  q.push(numbered(1), 10, 'a');
  q.push(numbered(2), 11, 'b');
  assert.is(q.headFrom(), 'a');
  assert.is(q.headTimeMs(), 10);
  const first = q.take();
  for (let n = 3; n < 600; n++) q.push(numbered(n), 12, 'c'); // grows while `first` is out
  assert.equal(plain(first), plain(numbered(1)));
  assert.is(q.length, 598);
  q.giveBack(first);
  assert.equal(plain(q.take()), plain(numbered(2)));
  q.clear();
  assert.is(q.length, 0);
});

t.run();
