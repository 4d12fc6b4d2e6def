import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { Readable } from 'node:stream';
import {
  formatCandumpLine,
  parseCandumpLine,
  parseCandumpRecord,
  readCandumpLog,
  readCandumpStream,
} from '../../../vehicle/can/candump.ts';
import { FD_LENGTHS } from '../../../vehicle/can/frame.ts';
import type { CanFrame } from '../../../vehicle/can/frame.ts';

const t = suite('candump');

function aFrame(overrides: Partial<CanFrame> = {}): CanFrame {
  return { id: 0x123, extended: false, fd: false, data: Uint8Array.of(0xde, 0xad, 0xbe, 0xef), timestampMs: 0, ...overrides };
}

const bytes = (line: string) => [...(parseCandumpLine(line)?.frame.data ?? [])];

t('reads a classic standard frame with its exact microsecond time', () => {
  const line = parseCandumpLine('(1700000000.123456) can0 123#DEADBEEF');
  assert.ok(line);
  assert.is(line.timestampUs, 1_700_000_000_123_456);
  assert.is(line.timestampS, 1_700_000_000.123456);
  assert.is(line.bus, 'can0');
  assert.equal(line.frame, aFrame({ timestampMs: 1_700_000_000_123.456 }));
});

t('reads extended ids, lowercase hex, empty data, dots between bytes', () => {
  const ext = parseCandumpLine('(0.000001) vcan0 1abcdef0#0102');
  assert.equal({ id: ext?.frame.id, extended: ext?.frame.extended }, { id: 0x1abcdef0, extended: true });
  assert.equal(bytes('(1.5) can1 7ff#'), []);
  assert.equal(bytes('(1.000000) can0 123#de.ad.be.ef'), [0xde, 0xad, 0xbe, 0xef]);
  assert.is(parseCandumpLine('(1.5) can1 7ff#')?.timestampUs, 1_500_000);
});

t('reads CAN FD frames with their flags nibble', () => {
  const line = parseCandumpLine(`(2.000000) can0 0C0##1${'11'.repeat(12)}`);
  assert.is(line?.frame.fd, true);
  assert.is(line?.frame.data.length, 12);
  assert.throws(() => parseCandumpLine('(2.000000) can0 0C0##1112'), /odd number/);
  assert.throws(() => parseCandumpLine(`(2.000000) can0 0C0##0${'00'.repeat(9)}`), /CAN FD frame carries 9 bytes/);
});

t('accepts the raw-DLC suffix and candump -x direction token', () => {
  assert.equal(bytes('(1.000000) can0 123#0102030405060708_C'), [1, 2, 3, 4, 5, 6, 7, 8]);
  assert.equal(bytes('(1.000000) can0 123#01 R'), [1]);
});

t('blank lines, comments, remote and error frames are not data frames', () => {
  for (const line of ['', '   ', '# recorded on the bench', '(1.000000) can0 123#R', '(1.000000) can0 123#r4']) {
    assert.is(parseCandumpLine(line), undefined, line);
  }
  assert.equal(parseCandumpRecord('(1.000000) can0 12345678#R')?.kind, 'remote');
  const error = parseCandumpRecord('(1.000000) can0 20000004#0004000000000000');
  assert.is(error?.kind, 'error');
  assert.is(error?.kind === 'error' && error.errorClass, 0x004);
  assert.is(parseCandumpLine('(1.000000) can0 20000004#0004000000000000'), undefined);
});

t('malformed lines throw an Error naming the problem and the text', () => {
  const cases: [string, RegExp][] = [
    ['can0 123#00', /expected "\(seconds.micros\)/],
    ['(1.2.3) can0 123#00', /bad timestamp/],
    ['(1.1234567) can0 123#00', /bad timestamp/],
    ['(1.000000) can0 123', /no '#'/],
    ['(1.000000) can0 1234#00', /3 \(standard\) or 8 \(extended\) hex digits/],
    ['(1.000000) can0 12G#00', /hex digits/],
    ['(1.000000) can0 800#00', /exceeds 11 bits/],
    ['(1.000000) can0 40000000#00', /exceeds 29 bits/],
    ['(1.000000) can0 123#0', /odd number/],
    ['(1.000000) can0 123#XY', /not hex/],
    ['(1.000000) can0 123#000000000000000000', /classic frame carries 9 bytes/],
    ['(1.000000) can0 123##X00', /flags hex digit/],
    ['(99999999999.000000) can0 123#00', /bad timestamp/],
  ];
  for (const [line, problem] of cases) {
    assert.throws(() => parseCandumpLine(line), (e: unknown) => problem.test(String(e)) && String(e).includes(line.trim()), line);
  }
});

t('writes like candump -L: uppercase, padded ids, integer microseconds', () => {
  assert.is(formatCandumpLine('can0', aFrame({ timestampMs: 1_700_000_000_123.456 })), '(1700000000.123456) can0 123#DEADBEEF');
  assert.is(formatCandumpLine('can0', aFrame({ id: 0x5, data: new Uint8Array(), timestampMs: 0 })), '(0.000000) can0 005#');
  assert.is(formatCandumpLine('vcan0', aFrame({ id: 0xabc, extended: true, data: Uint8Array.of(0xa), timestampMs: 10.000001 })), '(0.010000) vcan0 00000ABC#0A');
  assert.is(formatCandumpLine('can0', aFrame({ fd: true, data: new Uint8Array(12), timestampMs: 1 })), `(0.001000) can0 123##0${'00'.repeat(12)}`);
  assert.is(formatCandumpLine('can0', aFrame(), 1_700_000_000_000_001), '(1700000000.000001) can0 123#DEADBEEF');
});

t('refuses to write invalid frames, bad names and negative times', () => {
  assert.throws(() => formatCandumpLine('can0', aFrame({ id: 0x800 })), /exceeds 11 bits/);
  assert.throws(() => formatCandumpLine('can 0', aFrame()), /interface name/);
  assert.throws(() => formatCandumpLine('can0', aFrame({ timestampMs: -1 })), /bad timestamp/);
});

t('reads a whole log, naming the line of a malformed entry', () => {
  const log = ['# header', '(1.000000) can0 100#01', '', '(1.000100) can1 200#R', '(1.000200) can1 300#0203', ''].join('\n');
  assert.equal(readCandumpLog(log).map((l) => `${l.bus}:${l.frame.id.toString(16)}`), ['can0:100', 'can1:300']);
  assert.throws(() => readCandumpLog('(1.000000) can0 100#01\r\n(x) can0 1#'), /line 2: .*bad timestamp/);
});

t('reads a stream line by line', async () => {
  const input = Readable.from(['(1.000000) can0 100#01\n(1.0', '00100) can0 101#02\n']);
  const ids: number[] = [];
  for await (const line of readCandumpStream(input)) ids.push(line.frame.id);
  assert.equal(ids, [0x100, 0x101]);
});

t('property: format then parse gives the same frame and the same microseconds', () => {
  const frame = fc
    .record({
      extended: fc.boolean(),
      fd: fc.boolean(),
      idBits: fc.integer({ min: 0, max: 0x1fffffff }),
      lengthIndex: fc.integer({ min: 0, max: FD_LENGTHS.length - 1 }),
      seed: fc.integer({ min: 0, max: 255 }),
      timestampUs: fc.integer({ min: 0, max: 4_000_000_000_000_000 }),
    })
    .map(({ extended, fd, idBits, lengthIndex, seed, timestampUs }) => {
      const length = fd ? FD_LENGTHS[lengthIndex]! : lengthIndex % 9;
      const data = Uint8Array.from({ length }, (_, i) => (seed * 31 + i * 7) & 0xff);
      return { frame: aFrame({ id: extended ? idBits : idBits & 0x7ff, extended, fd, data, timestampMs: timestampUs / 1000 }), timestampUs };
    });
  fc.assert(
    fc.property(frame, ({ frame: f, timestampUs }) => {
      const text = formatCandumpLine('can0', f);
      const back = parseCandumpLine(text);
      assert.is(back?.timestampUs, timestampUs, text);
      assert.equal(back?.frame, f);
      assert.is(formatCandumpLine('can0', back!.frame), text);
    }),
    { seed: 42, numRuns: 300 },
  );
});

t.run();
