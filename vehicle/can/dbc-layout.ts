// Where a signal's bits sit in the payload. Payload bit p is bit (p & 7) of byte (p >> 3),
// bit 0 = least significant. Intel (@1): raw bit i sits at startBit + i. Motorola (@0, DBC
// "sawtooth" numbering): startBit is the raw MSB; each less significant bit is one bit lower
// in the same byte, continuing at bit 7 of the next byte.
import type { DbcSignal } from './dbc-model.ts';

/** A run of raw bits that lies in one payload byte. */
export interface BitChunk {
  byte: number;
  /** Bit within the byte of the chunk's least significant raw bit. */
  shift: number;
  width: number;
  /** Raw bit index (0 = LSB of the signal) of the chunk's least significant bit. */
  rawPos: number;
}

type Layout = Pick<DbcSignal, 'startBit' | 'length' | 'byteOrder'>;

/** Payload bit index of each raw bit, index 0 = the signal's LSB. */
export function signalBitPositions(sig: Layout): number[] {
  const out = new Array<number>(sig.length);
  if (sig.byteOrder === 'intel') {
    for (let i = 0; i < sig.length; i++) out[i] = sig.startBit + i;
    return out;
  }
  let p = sig.startBit;
  for (let i = sig.length - 1; i >= 0; i--) {
    out[i] = p;
    p = (p & 7) === 0 ? p + 15 : p - 1;
  }
  return out;
}

/** The signal's bits grouped into per-byte runs, least significant first. */
export function signalChunks(sig: Layout): BitChunk[] {
  const positions = signalBitPositions(sig);
  const chunks: BitChunk[] = [];
  let current: BitChunk | undefined;
  for (let i = 0; i < positions.length; i++) {
    const p = positions[i]!;
    const byte = p >> 3;
    const bit = p & 7;
    if (current && current.byte === byte && current.shift + current.width === bit) {
      current.width++;
    } else {
      current = { byte, shift: bit, width: 1, rawPos: i };
      chunks.push(current);
    }
  }
  return chunks;
}

/** The chunks covering raw bits [lo, hi), renumbered so raw bit lo is 0. */
export function chunksInRange(chunks: readonly BitChunk[], lo: number, hi: number): BitChunk[] {
  const out: BitChunk[] = [];
  for (const c of chunks) {
    const a = Math.max(lo, c.rawPos);
    const b = Math.min(hi, c.rawPos + c.width);
    if (a >= b) continue;
    out.push({ byte: c.byte, shift: c.shift + (a - c.rawPos), width: b - a, rawPos: a - lo });
  }
  return out;
}

/** Why the signal cannot sit in a message of `lengthBytes`, or undefined when it fits. */
export function layoutProblem(sig: Layout, lengthBytes: number): string | undefined {
  if (!Number.isInteger(sig.length) || sig.length < 1 || sig.length > 64) return `length ${sig.length} bits is not 1…64`;
  if (!Number.isInteger(sig.startBit) || sig.startBit < 0) return `start bit ${sig.startBit} is invalid`;
  const positions = signalBitPositions(sig);
  const last = Math.max(...positions);
  if (last >= lengthBytes * 8) {
    return `bits ${Math.min(...positions)}…${last} do not fit ${lengthBytes} byte(s)`;
  }
  return undefined;
}
