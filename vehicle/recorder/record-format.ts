// One recording is a CBOR sequence (RFC 8742). Each record is a CBOR byte string holding a
// CRC-32 of the body followed by the body (itself CBOR). The byte-string wrapper tells a reader
// exactly where a record ends, and the CRC tells a torn or half-written record from a good one,
// so a reader keeps everything before a power loss and skips only the damaged tail.
import { crc32 } from 'node:zlib';
import { Encoder } from 'cbor-x';

export type Direction = 'rx' | 'tx';

export interface FrameRecord {
  kind: 'frame';
  tMs: number;
  bus: string;
  dir: Direction;
  id: number;
  ext: boolean;
  fd: boolean;
  data: Uint8Array;
}

export interface DecisionRecord {
  kind: 'decision';
  tMs: number;
  /** Which part decided: bms, inlet, dc, v2l, mode, api … */
  source: string;
  /** What changed, e.g. "contactors: Precharging → Closed". */
  what: string;
  detail?: Record<string, unknown>;
}

export interface MetaRecord {
  kind: 'meta';
  tMs: number;
  /** Free-form run description: version, config name, contract version. */
  info: Record<string, unknown>;
}

export type RecordBody = FrameRecord | DecisionRecord | MetaRecord;

const cbor = new Encoder({ useRecords: false, mapsAsObjects: true, tagUint8Array: false });

export function encodeRecord(body: RecordBody): Uint8Array {
  const inner = cbor.encode(body);
  const payloadLength = inner.length + 4;
  const header = byteStringHeader(payloadLength);
  const out = new Uint8Array(header.length + payloadLength);
  out.set(header, 0);
  new DataView(out.buffer).setUint32(header.length, crc32(inner), false);
  out.set(inner, header.length + 4);
  return out;
}

function byteStringHeader(length: number): Uint8Array {
  // CBOR major type 2 (byte string) with the length in 1, 2 or 4 following bytes.
  if (length < 24) return Uint8Array.of(0x40 | length);
  if (length < 0x100) return Uint8Array.of(0x58, length);
  if (length < 0x10000) return Uint8Array.of(0x59, length >> 8, length & 0xff);
  return Uint8Array.of(0x5a, (length >>> 24) & 0xff, (length >>> 16) & 0xff, (length >>> 8) & 0xff, length & 0xff);
}

export interface ReadResult {
  records: RecordBody[];
  /** Bytes at the end that did not form a whole, intact record (a torn write), else 0. */
  discardedBytes: number;
  /** Why reading stopped early, when it did. */
  problem?: string;
}

/** Reads every intact record; stops at the first torn or corrupt one and says where. */
export function decodeRecords(bytes: Uint8Array): ReadResult {
  const records: RecordBody[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  while (at < bytes.length) {
    const head = readHeader(bytes, at);
    if (typeof head === 'string') return { records, discardedBytes: bytes.length - at, problem: `${head} at byte ${at}` };
    const { length, headerBytes } = head;
    const start = at + headerBytes;
    if (start + length > bytes.length) {
      return { records, discardedBytes: bytes.length - at, problem: `record at byte ${at} is cut short (torn write)` };
    }
    if (length < 4) return { records, discardedBytes: bytes.length - at, problem: `record at byte ${at} is too short` };
    const inner = bytes.subarray(start + 4, start + length);
    if (view.getUint32(start, false) !== crc32(inner)) {
      return { records, discardedBytes: bytes.length - at, problem: `record at byte ${at} fails its CRC (torn or corrupt)` };
    }
    try {
      records.push(cbor.decode(inner) as RecordBody);
    } catch (err) {
      return { records, discardedBytes: bytes.length - at, problem: `record at byte ${at} is not CBOR: ${(err as Error).message}` };
    }
    at = start + length;
  }
  return { records, discardedBytes: 0 };
}

function readHeader(bytes: Uint8Array, at: number): { length: number; headerBytes: number } | string {
  const b = bytes[at]!;
  if (b >> 5 !== 2) return `byte 0x${b.toString(16)} does not start a record`;
  const info = b & 0x1f;
  if (info < 24) return { length: info, headerBytes: 1 };
  const n = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : 0;
  if (n === 0) return `unsupported record length encoding 0x${b.toString(16)}`;
  if (at + 1 + n > bytes.length) return 'record header cut short';
  let length = 0;
  for (let i = 1; i <= n; i++) length = length * 256 + bytes[at + i]!;
  return { length, headerBytes: 1 + n };
}
