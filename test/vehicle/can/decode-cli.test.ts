// `npm run decode`: the formatting (in process) and the CLI end to end (two spawns).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { aCodec, COUNTED_DBC } from './builders.ts';
import { createTransmitter } from '../../../vehicle/can/transmitter.ts';
import { createReceiver } from '../../../vehicle/can/receiver.ts';
import { formatCandumpLine } from '../../../vehicle/can/candump.ts';
import { decodedLine, humanLine, resolutionDecimals } from '../../../vehicle/can/decode-format.ts';
import type { CanFrame } from '../../../vehicle/can/frame.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const codec = aCodec(COUNTED_DBC);

function run(args: string[], stdin?: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'vehicle/can/decode-cli.ts', ...args], { cwd: ROOT, input: stdin, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const t = suite('decode CLI');

t('resolution decides the decimals shown', () => {
  const d = (factor: number, offset = 0) => resolutionDecimals({ factor, offset, valueType: 'integer' });
  assert.equal([d(1), d(0.1), d(0.25), d(0.001, -40), d(2.4e-7), d(1, -0.5)], [0, 1, 2, 3, 8, 1]);
});

t('human and JSON lines: values on the resolution grid, labels, invalid frames, unknown ids', () => {
  const tx = createTransmitter(codec);
  const rx = createReceiver(codec);
  const f = { ...tx.frame('BMS_Status', { BMS_PackVoltage: 400.3, BMS_CellTempMax: 25, BMS_State: 2 }), timestampMs: 0 };
  const r = rx.receive(f);
  const line = decodedLine(1.5, 'can0', f, r);
  assert.equal(line, {
    t: 1.5, bus: 'can0', id: 256, name: 'BMS_Status',
    signals: { BMS_PackVoltage: 400.3, BMS_CellTempMax: 25, BMS_State: 2, BMS_Status_Counter: 0, BMS_Status_Crc: f.data[7]! },
    labels: { BMS_State: 'Drive' },
  });
  assert.is(humanLine(1_500_000, f, line, r), `(1.500000) can0 100 BMS_Status  BMS_PackVoltage=400.3 V  BMS_CellTempMax=25 degC  BMS_State=Drive(2)  BMS_Status_Counter=0  BMS_Status_Crc=${f.data[7]}`);
  const again = rx.receive(f);
  assert.equal([decodedLine(2, 'can0', f, again).valid, decodedLine(2, 'can0', f, again).reason], [false, 'counter-repeated (0)']);
  const unknown: CanFrame = { id: 0x1abcdef0, extended: true, fd: false, data: Uint8Array.of(1, 2), timestampMs: 0 };
  assert.equal(decodedLine(3, 'can1', unknown, undefined), { t: 3, bus: 'can1', id: 0x1abcdef0, name: null, data: '0102' });
  assert.is(humanLine(3_000_000, unknown, decodedLine(3, 'can1', unknown, undefined), undefined), '(3.000000) can1 1ABCDEF0 ? [2] 0102');
});

t('decodes a candump log to JSON lines; bad lines are reported and skipped (exit 1)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pp-decode-'));
  try {
    writeFileSync(join(dir, 'test.dbc'), COUNTED_DBC);
    const tx = createTransmitter(codec);
    const good = { ...tx.frame('BMS_Status', { BMS_PackVoltage: 400, BMS_CellTempMax: 25, BMS_State: 1 }), timestampMs: 1000.5 };
    const bad = { ...tx.frame('BMS_Status', { BMS_PackVoltage: 400, BMS_CellTempMax: 25, BMS_State: 1 }), timestampMs: 1100 };
    bad.data[7]! ^= 0xff;
    const log = [formatCandumpLine('can0', good), formatCandumpLine('can0', bad), 'not a frame', '(1.000000) can0 7FF#01'].join('\n');
    writeFileSync(join(dir, 'x.log'), log);
    const { code, out, err } = run(['--dbc', join(dir, 'test.dbc'), '--json', join(dir, 'x.log')]);
    const lines = out.trim().split('\n').map((l) => JSON.parse(l));
    assert.is(lines.length, 3);
    assert.equal(lines[0], { t: 1.0005, bus: 'can0', id: 256, name: 'BMS_Status', signals: { BMS_PackVoltage: 400, BMS_CellTempMax: 25, BMS_State: 1, BMS_Status_Counter: 0, BMS_Status_Crc: good.data[7] }, labels: { BMS_State: 'Standby' } });
    assert.is(lines[1].valid, false);
    assert.match(lines[1].reason, /^crc \(expected 0x[0-9A-F]{2}, got 0x[0-9A-F]{2}\)$/);
    assert.equal(lines[2], { t: 1, bus: 'can0', id: 0x7ff, name: null, data: '01' });
    assert.match(err, /^line 3: candump line: .*"not a frame"/m);
    assert.is(code, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

t('bad arguments give one clear line and exit code 2', () => {
  const { code, err } = run(['--json', '/no/such/file.log']);
  assert.is(code, 2);
  assert.is(err, 'decode: cannot read /no/such/file.log: no such file\n');
});

t.run();
