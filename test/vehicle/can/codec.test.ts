// Golden byte layouts, worked out by hand. Bit p of the payload is bit (p % 8) of byte
// floor(p / 8). Intel (@1): the LSB sits at the start bit and bits go up. Motorola (@0): the
// start bit is the MSB; bits go down within a byte and continue at bit 7 of the next byte.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { aMessage, bytes, hex } from './builders.ts';
import { EncodeError, SIGNAL_INACTIVE, SIGNAL_OK, SIGNAL_RANGE, SIGNAL_SNA, FRAME_LENGTH, FRAME_OK } from '../../../vehicle/can/codec.ts';

const t = suite('codec golden layouts');

function decodes(m: ReturnType<typeof aMessage>, data: string): Record<string, number> {
  const d = m.decode(bytes(data));
  assert.ok(d.valid, JSON.stringify(d.problems));
  return d.values;
}

t('Motorola 16-bit at start bit 7 is big-endian in bytes 0..1', () => {
  // raw 0x1234: MSB (raw bit 15) at payload bit 7 → byte 0 = 0x12, byte 1 = 0x34
  const m = aMessage(['A : 7|16@0+ (1,0) [0|65535] ""'], { length: 2 });
  assert.is(hex(m.encode({ A: 0x1234 })), '12 34');
  assert.equal(decodes(m, '1234'), { A: 0x1234 });
});

t('Motorola 10-bit crossing a byte boundary (start bit 12)', () => {
  // raw 0x2D5 = 10 1101 0101b. Raw bits 9..5 (10110b = 0x16) → byte 1 bits 4..0 = 0x16;
  // raw bits 4..0 (10101b) → byte 2 bits 7..3 = 10101000b = 0xA8.
  const m = aMessage(['A : 12|10@0+ (1,0) [0|1023] ""'], { length: 3 });
  assert.is(hex(m.encode({ A: 0x2d5 })), '00 16 a8');
  assert.equal(decodes(m, '0016a8'), { A: 0x2d5 });
});

t('Motorola 12-bit starting mid-byte (start bit 3)', () => {
  // raw 0xABC: raw bits 11..8 (0xA) → byte 0 bits 3..0; raw bits 7..0 (0xBC) → byte 1
  const m = aMessage(['A : 3|12@0+ (1,0) [0|4095] ""'], { length: 2 });
  assert.is(hex(m.encode({ A: 0xabc })), '0a bc');
});

t('Motorola 32-bit at start bit 7 uses all of bytes 0..3 (fast number path above 2^31)', () => {
  // raw 0xFEDCBA98 → bytes fe dc ba 98
  const m = aMessage(['A : 7|32@0+ (1,0) [0|4294967295] ""'], { length: 4 });
  assert.is(hex(m.encode({ A: 0xfedcba98 })), 'fe dc ba 98');
  assert.equal(decodes(m, 'fedcba98'), { A: 0xfedcba98 });
});

t('Intel 12-bit at start bit 4 crosses into byte 1', () => {
  // raw 0xABC: raw bits 3..0 (0xC) → byte 0 bits 7..4 = 0xC0; raw bits 11..4 (0xAB) → byte 1
  const m = aMessage(['A : 4|12@1+ (1,0) [0|4095] ""'], { length: 2 });
  assert.is(hex(m.encode({ A: 0xabc })), 'c0 ab');
  assert.equal(decodes(m, 'c0ab'), { A: 0xabc });
});

t('signed values are two\'s complement (Intel 8-bit, Motorola 12-bit)', () => {
  // -2 in 8 bits = 0xFE. -1000 in 12 bits = 4096 - 1000 = 3096 = 0xC18: raw bits 11..4 (0xC1)
  // → byte 1 (Motorola start bit 15 = byte 1 bit 7), raw bits 3..0 (0x8) → byte 2 bits 7..4 = 0x80.
  const m = aMessage(['A : 0|8@1- (1,0) [-128|127] ""', 'B : 15|12@0- (1,0) [-2048|2047] ""'], { length: 3 });
  assert.is(hex(m.encode({ A: -2, B: -1000 })), 'fe c1 80');
  assert.equal(decodes(m, 'fec180'), { A: -2, B: -1000 });
});

t('factor and offset: 25.5 degC at (0.1,-40) is raw 655 = 0x028F, Intel at bit 16', () => {
  const m = aMessage(['T : 16|16@1+ (0.1,-40) [-40|6513.5] "degC"'], { length: 4 });
  assert.is(hex(m.encode({ T: 25.5 })), '00 00 8f 02');
  assert.is(decodes(m, '00008f02').T, 655 * 0.1 - 40);
});

t('a negative factor maps raw 0 to the physical maximum (issue_636 style)', () => {
  // (-0.01, 4100): raw 0 → 4100; 4100 - 0.01 * 1000 = 4090 ← raw 1000 = 0x3E8, Motorola 12 bits at bit 7:
  // raw bits 11..4 (0x3E) → byte 0, raw bits 3..0 (0x8) → byte 1 bits 7..4 = 0x80
  const m = aMessage(['P : 7|12@0+ (-0.01,4100) [4059.06|4100] "x"'], { length: 2 });
  assert.is(hex(m.encode({ P: 4090 })), '3e 80');
  assert.is(decodes(m, '3e80').P, 1000 * -0.01 + 4100);
});

t('IEEE float32 and double (SIG_VALTYPE_ 1 and 2)', () => {
  // 1.5f = 0x3FC00000 (Intel: little-endian bytes; Motorola at bit 7: big-endian bytes).
  // -2.5 = 0xC004000000000000 (Intel: little-endian bytes 8..15).
  const m = aMessage(['F : 0|32@1- (1,0) [0|0] ""', 'G : 39|32@0- (1,0) [0|0] ""', 'D : 64|64@1- (1,0) [0|0] ""'], {
    length: 16, extra: ['SIG_VALTYPE_ 256 F : 1;', 'SIG_VALTYPE_ 256 G : 1;', 'SIG_VALTYPE_ 256 D : 2;'],
  });
  assert.is(hex(m.encode({ F: 1.5, G: 1.5, D: -2.5 })), '00 00 c0 3f 3f c0 00 00 00 00 00 00 00 00 04 c0');
  assert.equal(decodes(m, '0000c03f' + '3fc00000' + '00000000000004c0'), { F: 1.5, G: 1.5, D: -2.5 });
});

t('64-bit integers beyond 2^53 use BigInt and stay exact where a double can be', () => {
  // 2^60 + 2^12: bit 12 → byte 1 = 0x10; bit 60 → byte 7 = 0x10. -1 signed = all ones.
  const m = aMessage(['U : 0|64@1+ (1,0) [0|0] ""', 'S : 64|64@1- (1,0) [0|0] ""'], { length: 16 });
  const value = 2 ** 60 + 2 ** 12;
  assert.is(hex(m.encode({ U: value, S: -1 })), '00 10 00 00 00 00 00 10 ff ff ff ff ff ff ff ff');
  assert.equal(decodes(m, '0010000000000010ffffffffffffffff'), { U: value, S: -1 });
});

t('simple multiplexing: only the signals of the frame\'s mux value are present', () => {
  // mux 1 selects B (Motorola 16 bits at bit 15 → bytes 1..2 big-endian); A (mux 0) is absent
  const m = aMessage(['Mux M : 0|8@1+ (1,0) [0|1] ""', 'A m0 : 8|16@1+ (1,0) [0|65535] ""', 'B m1 : 15|16@0+ (1,0) [0|65535] ""', 'C : 56|8@1+ (1,0) [0|255] ""']);
  assert.is(hex(m.encode({ Mux: 1, B: 0x1234, C: 7 })), '01 12 34 00 00 00 00 07');
  assert.equal(decodes(m, '0112340000000007'), { Mux: 1, B: 0x1234, C: 7 });
  assert.equal(decodes(m, '0034120000000007'), { Mux: 0, A: 0x1234, C: 7 });
  const values = new Float64Array(4);
  const status = new Uint8Array(4);
  assert.is(m.decodeInto(bytes('0034120000000007'), values, status), FRAME_OK);
  assert.ok(Number.isNaN(values[2]!));
  assert.equal([...status], [SIGNAL_OK, SIGNAL_OK, SIGNAL_INACTIVE, SIGNAL_OK]);
});

t('many pages (bulk path: switch per page): the selected page decodes, every other is NaN and inactive', () => {
  // 4 pages × 3 cells of 13 bits at bits 8, 21, 34 (cells 3k+1..3k+3 on page k), like CMU_CellVoltages
  const cells = Array.from({ length: 12 }, (_, c) => `Cell${c + 1} m${Math.floor(c / 3)} : ${8 + 13 * (c % 3)}|13@1+ (0.001,0) [0|5] "V"`);
  const m = aMessage(['Page M : 0|8@1+ (1,0) [0|3] ""', ...cells]);
  // page 2, cells 7..9 = 3.000, 3.001, 8191 (SNA-like, out of range): 3000 = 0x0BB8 at bit 8,
  // 3001 = 0x0BB9 at bit 21, 0x1FFF at bit 34
  const raw = 2n | (3000n << 8n) | (3001n << 21n) | (0x1fffn << 34n);
  const data = Uint8Array.from({ length: 8 }, (_, k) => Number((raw >> BigInt(8 * k)) & 0xffn));
  assert.equal(m.encode({ Page: 2, Cell7: 3, Cell8: 3.001, Cell9: 5 }).subarray(0, 4), data.subarray(0, 4));
  const values = new Float64Array(13).fill(42);
  const status = new Uint8Array(13).fill(9);
  m.decodeInto(data, values, status);
  assert.equal([...values.subarray(7, 9)], [3, 3.001]);
  assert.ok([...values].every((v, i) => (i === 0 || (i >= 7 && i <= 9)) !== Number.isNaN(v)));
  assert.equal([...status], [0, 1, 1, 1, 1, 1, 1, 0, 0, SIGNAL_RANGE, 1, 1, 1]);
});

t('extended multiplexing: SG_MUL_VAL_ ranges and a cascaded switch', () => {
  const m = aMessage([
    'S M : 0|8@1+ (1,0) [0|10] ""',
    'X m0 : 8|8@1+ (1,0) [0|255] ""', // SG_MUL_VAL_ widens it to 0 and 3-5
    'T m2M : 8|4@1+ (1,0) [0|15] ""', // a switch selected by S = 2
    'Y m1 : 12|4@1+ (1,0) [0|15] ""', // selected by T = 1
  ], { extra: ['SG_MUL_VAL_ 256 X S 0-0, 3-5;', 'SG_MUL_VAL_ 256 T S 2-2;', 'SG_MUL_VAL_ 256 Y T 1-1;'] });
  assert.equal(decodes(m, '04aa000000000000'), { S: 4, X: 0xaa });
  assert.equal(decodes(m, '0751000000000000'), { S: 7 }); // 7 selects nothing
  // S = 2 → T = low nibble of byte 1 = 1 → Y = high nibble = 5
  assert.equal(decodes(m, '0251000000000000'), { S: 2, T: 1, Y: 5 });
  assert.is(hex(m.encode({ S: 2, T: 1, Y: 5 })), '02 51 00 00 00 00 00 00');
});

t('decoding checks length and range per signal without throwing', () => {
  const m = aMessage(['A : 0|8@1+ (1,0) [0|100] "%"', 'B : 8|4@1+ (1,0) [0|9] ""'], {
    length: 2, extra: ['VAL_ 256 B 15 "SNA" 14 "Error";'],
  });
  const short = m.decode(bytes('01'));
  assert.is(short.valid, false);
  assert.equal(short.problems, [{ kind: 'length', expected: 2, actual: 1 }]);
  assert.is(m.decodeInto(bytes('010203'), new Float64Array(2), new Uint8Array(2)), FRAME_LENGTH);
  const bad = m.decode(bytes('c80f'));
  assert.equal(bad.problems, [{ kind: 'range', signal: 'A', value: 200, min: 0, max: 100 }, { kind: 'sna', signal: 'B' }]);
  assert.is(bad.labels.B, 'SNA');
  const status = new Uint8Array(2);
  m.decodeInto(bytes('320e'), new Float64Array(2), status);
  assert.equal([...status], [SIGNAL_OK, SIGNAL_OK], 'a VAL_ entry outside [min|max] (14 "Error") is not a range problem');
  m.decodeInto(bytes('650a'), new Float64Array(2), status);
  assert.equal([...status], [SIGNAL_RANGE, SIGNAL_RANGE]);
  assert.is(SIGNAL_SNA, 3);
});

t('encoding an out-of-range value is an EncodeError naming message and signal (or saturates on request)', () => {
  const m = aMessage(['A : 0|8@1+ (0.5,0) [0|100] "%"']);
  assert.throws(() => m.encode({ A: 100.5 }), (e: unknown) => e instanceof EncodeError && /^Msg\.A: value 100\.5 outside 0…100 %/.test(e.message));
  assert.throws(() => m.encode({}), /Msg\.A: no value given/);
  assert.throws(() => m.encode({ A: 1, Nope: 2 }), /Msg\.Nope: no such signal/);
  assert.is(hex(m.encode({ A: 180 }, { saturate: true })), 'c8 00 00 00 00 00 00 00'); // 100 / 0.5 = 200
  assert.is(hex(m.encode({ A: 12.3 })), '19 00 00 00 00 00 00 00', 'rounded to the resolution: 12.3 / 0.5 = 24.6 → 25');
});

t('CAN FD: a 10-byte message is sent as 12 bytes and accepts both lengths', () => {
  const m = aMessage(['A : 64|15@1+ (1,0) [0|0] ""'], { length: 10 });
  assert.is(m.fd, true);
  assert.is(m.frameLength, 12);
  // 0x7FFF at bit 64: byte 8 = 0xFF, byte 9 bits 0..6 = 0x7F
  assert.is(hex(m.encode({ A: 0x7fff })), '00 00 00 00 00 00 00 00 ff 7f 00 00');
  assert.equal(decodes(m, '0000000000000000ff7f').A, 0x7fff);
});

t.run();
