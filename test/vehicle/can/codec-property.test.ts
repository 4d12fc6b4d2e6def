// Property: for any layout that fits (Intel or Motorola, any start bit, 1…64 bits, signed or
// not, classic or FD length), encode puts exactly the signal's bits where a bit-by-bit
// reference expects them, touches no other bit, and decode gives the value back.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { aMessage } from './builders.ts';
import { layoutProblem, signalBitPositions } from '../../../vehicle/can/dbc-layout.ts';

const t = suite('codec layout property');

const layout = fc
  .record({
    bytes: fc.constantFrom(1, 2, 3, 5, 8, 12, 16, 64),
    startBit: fc.nat(511),
    length: fc.integer({ min: 1, max: 64 }),
    motorola: fc.boolean(),
    signed: fc.boolean(),
    fraction: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map((l) => ({ ...l, startBit: l.startBit % (l.bytes * 8), byteOrder: l.motorola ? ('motorola' as const) : ('intel' as const) }))
  .filter((l) => layoutProblem(l, l.bytes) === undefined);

t('encode → reference bits → decode agree for random layouts', () => {
  fc.assert(
    fc.property(layout, (l) => {
      const m = aMessage([`S : ${l.startBit}|${l.length}@${l.motorola ? 0 : 1}${l.signed ? '-' : '+'} (1,0) [0|0] ""`], { length: l.bytes });
      // a raw value inside the field that a double holds exactly
      const bits = BigInt(l.length);
      const lo = l.signed ? -(1n << (bits - 1n)) : 0n;
      const span = 1n << bits;
      const step = l.length > 53 ? 1n << BigInt(l.length - 53) : 1n;
      const raw = lo + ((BigInt(Math.floor(l.fraction * 2 ** 53)) * span) >> 53n) / step * step;
      const data = m.encode({ S: Number(raw) });
      let got = 0n;
      const positions = signalBitPositions(l);
      positions.forEach((p, i) => {
        if ((data[p >> 3]! >> (p & 7)) & 1) got |= 1n << BigInt(i);
      });
      assert.is(l.signed ? BigInt.asIntN(l.length, got) : got, raw);
      const others = data.reduce((n, byte, k) => n + [...Array(8).keys()].filter((b) => (byte >> b) & 1 && !positions.includes(k * 8 + b)).length, 0);
      assert.is(others, 0, 'no bit outside the signal is set');
      assert.is(m.decode(data).values.S, Number(raw));
    }),
    { seed: 42, numRuns: 300 },
  );
});

t.run();
