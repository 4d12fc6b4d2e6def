import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { crc8J1850 } from '../../../vehicle/can/crc8.ts';

const t = suite('crc8 SAE J1850');

t('check value of "123456789" is 0x4B', () => {
  assert.is(crc8J1850(new TextEncoder().encode('123456789')), 0x4b);
});

t('skips the CRC byte itself and honours the length', () => {
  const withHole = Uint8Array.from([0x31, 0x32, 0x33, 0x34, 0xaa, 0x35, 0x36, 0x37, 0x38, 0x39]);
  assert.is(crc8J1850(withHole, withHole.length, 4), 0x4b);
  assert.is(crc8J1850(Uint8Array.from([0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0xff]), 9), 0x4b);
});

t('empty input gives init XOR final XOR = 0x00', () => {
  assert.is(crc8J1850(new Uint8Array(0)), 0x00);
});

/** Bit by bit, straight from the definition (poly 0x1D, init 0xFF, final XOR 0xFF). */
function bitwiseCrc(bytes: readonly number[]): number {
  let crc = 0xff;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = crc & 0x80 ? ((crc << 1) ^ 0x1d) & 0xff : (crc << 1) & 0xff;
  }
  return crc ^ 0xff;
}

t('agrees with the bitwise definition for any payload, length and skipped byte', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 64 }), fc.nat(70), fc.integer({ min: -2, max: 70 }), (data, len, skip) => {
      const length = Math.min(len, data.length);
      const expected = bitwiseCrc(Array.from(data.subarray(0, length)).filter((_, i) => i !== skip));
      assert.is(crc8J1850(data, length, skip), expected);
    }),
    { seed: 42, numRuns: 300 },
  );
});

t.run();
