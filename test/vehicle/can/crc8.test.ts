import { suite } from 'uvu';
import * as assert from 'uvu/assert';
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

t.run();
