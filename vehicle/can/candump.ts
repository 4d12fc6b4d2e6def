import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { frameProblem } from './frame.ts';
import type { CanFrame } from './frame.ts';

/**
 * The can-utils log format (`candump -L`, read by `canplayer`), one frame a line:
 *   (1700000000.123456) can0 123#DEADBEEF          classic, 3-digit standard id
 *   (1700000000.123456) can0 12345678#0102         classic, 8-digit extended id
 *   (1700000000.123456) can0 123##1DEADBEEF        CAN FD: flags nibble (BRS 1, ESI 2), then data
 *   (1700000000.123456) can0 123#R  / 123#R3       remote request (read, not a data frame)
 *   (1700000000.123456) can0 20000004#0004…        error frame: 8 digits with CAN_ERR_FLAG 0x20000000
 * Read: hex in either case, '.' between bytes (cansend style), a classic `_X` raw-DLC suffix
 * and a trailing direction token (R/T, candump -x) are accepted. Write: uppercase, like candump.
 * Timestamps are integer microseconds end to end, so they survive a round trip exactly.
 */
export interface CandumpLine {
  /** Seconds (the nearest double); use timestampUs for exact arithmetic. */
  timestampS: number;
  timestampUs: number;
  bus: string;
  /** frame.timestampMs = timestampUs / 1000. */
  frame: CanFrame;
}

export type CandumpRecord =
  | ({ kind: 'frame' } & CandumpLine)
  | { kind: 'remote'; timestampS: number; timestampUs: number; bus: string; id: number; extended: boolean }
  /** errorClass: the id without CAN_ERR_FLAG (linux/can/error.h class bits); data: 8 bytes. */
  | { kind: 'error'; timestampS: number; timestampUs: number; bus: string; errorClass: number; data: Uint8Array };

const CAN_ERR_FLAG = 0x2000_0000; // linux/can.h
const TIMESTAMP = /^\((\d{1,10})\.(\d{1,6})\)$/;
const HEX_ID = /^[0-9A-Fa-f]+$/;
const HEX_NIBBLE = /^[0-9A-Fa-f]$/;

/** One line: a record, undefined for a blank or `#` comment line; throws naming the problem. */
export function parseCandumpRecord(line: string): CandumpRecord | undefined {
  const text = line.trim();
  if (text === '' || text.startsWith('#')) return undefined;
  const fail = (problem: string): never => {
    throw new Error(`candump line: ${problem} in "${text}"`);
  };
  const tokens = text.split(/\s+/);
  if (tokens.length === 4 && (tokens[3] === 'R' || tokens[3] === 'T')) tokens.pop();
  if (tokens.length !== 3) fail('expected "(seconds.micros) interface id#data"');
  const [stamp, bus, body] = tokens as [string, string, string];
  const time = TIMESTAMP.exec(stamp);
  if (!time) fail(`bad timestamp ${stamp} (expected e.g. (1700000000.123456))`);
  const timestampUs = Number(time![1]) * 1_000_000 + Number(time![2]!.padEnd(6, '0'));
  if (!Number.isSafeInteger(timestampUs)) fail(`timestamp ${stamp} is too large for exact microseconds`);
  const when = { timestampUs, timestampS: timestampUs / 1e6, bus };

  const hash = body.indexOf('#');
  if (hash < 0) fail(`no '#' in ${body}`);
  const idText = body.slice(0, hash);
  if (!HEX_ID.test(idText) || (idText.length !== 3 && idText.length !== 8)) {
    fail(`id "${idText}" must be 3 (standard) or 8 (extended) hex digits`);
  }
  const rawId = parseInt(idText, 16);
  const extended = idText.length === 8;
  let rest = body.slice(hash + 1);

  if (extended && (rawId & CAN_ERR_FLAG) !== 0 && rawId <= 0x3fff_ffff) {
    const data = parseHex(rest, fail);
    return { kind: 'error', ...when, errorClass: rawId & ~CAN_ERR_FLAG & 0x1fff_ffff, data };
  }
  if (/^[Rr][0-9A-Fa-f]?$/.test(rest)) return { kind: 'remote', ...when, id: rawId, extended };

  let fd = false;
  if (rest.startsWith('#')) {
    fd = true;
    if (!HEX_NIBBLE.test(rest.charAt(1))) fail('CAN FD frame needs a flags hex digit after "##"');
    rest = rest.slice(2);
  } else {
    const suffix = /_[0-9A-Fa-f]$/.exec(rest);
    if (suffix) rest = rest.slice(0, -2); // raw DLC 9…15 of an 8-byte classic frame: same bytes
  }
  const frame: CanFrame = { id: rawId, extended, fd, data: parseHex(rest, fail), timestampMs: timestampUs / 1000 };
  const problem = frameProblem(frame);
  if (problem !== undefined) fail(problem);
  return { kind: 'frame', ...when, frame };
}

/** A data frame line; undefined for blank, comment, remote and error-frame lines. */
export function parseCandumpLine(line: string): CandumpLine | undefined {
  const record = parseCandumpRecord(line);
  if (record?.kind !== 'frame') return undefined;
  const { kind: _kind, ...rest } = record;
  return rest;
}

/**
 * `(seconds.micros) bus ID#DATA` as candump -L writes it. The time is frame.timestampMs unless
 * timestampUs (e.g. wall-clock epoch µs) is given; it is formatted from an integer µs.
 */
export function formatCandumpLine(bus: string, frame: CanFrame, timestampUs?: number): string {
  const problem = frameProblem(frame);
  if (problem !== undefined) throw new Error(`cannot write candump line: ${problem}`);
  if (/\s/.test(bus) || bus === '') throw new Error(`cannot write candump line: bad interface name "${bus}"`);
  const us = timestampUs ?? Math.round(frame.timestampMs * 1000);
  if (!Number.isSafeInteger(us) || us < 0) throw new Error(`cannot write candump line: bad timestamp ${us} µs`);
  const seconds = Math.floor(us / 1_000_000);
  const micros = String(us % 1_000_000).padStart(6, '0');
  const id = frame.id.toString(16).toUpperCase().padStart(frame.extended ? 8 : 3, '0');
  let data = '';
  for (const byte of frame.data) data += HEX_UPPER[byte];
  // We do not carry BRS/ESI, so the FD flags nibble is 0.
  return `(${seconds}.${micros}) ${bus} ${id}#${frame.fd ? '#0' : ''}${data}`;
}

/** Every data frame of a whole log text; a malformed line throws naming its line number. */
export function readCandumpLog(text: string): CandumpLine[] {
  const out: CandumpLine[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const parsed = atLine(i + 1, lines[i]!);
    if (parsed) out.push(parsed);
  }
  return out;
}

/** Data frames from a stream (a file, process.stdin), line by line, without reading it all. */
export async function* readCandumpStream(input: NodeJS.ReadableStream): AsyncGenerator<CandumpLine> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    const parsed = atLine(++n, line);
    if (parsed) yield parsed;
  }
}

export function readCandumpFile(path: string): AsyncGenerator<CandumpLine> {
  return readCandumpStream(createReadStream(path, { encoding: 'utf8' }));
}

const HEX_UPPER = Array.from({ length: 256 }, (_, b) => b.toString(16).toUpperCase().padStart(2, '0'));

function atLine(n: number, line: string): CandumpLine | undefined {
  try {
    return parseCandumpLine(line);
  } catch (e) {
    throw new Error(`line ${n}: ${(e as Error).message}`);
  }
}

function parseHex(text: string, fail: (problem: string) => never): Uint8Array {
  const hex = text.replaceAll('.', '');
  if (!/^[0-9A-Fa-f]*$/.test(hex)) fail(`data "${text}" is not hex`);
  if (hex.length % 2 !== 0) fail(`data "${text}" has an odd number of hex digits`);
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}
