// Per-bus receiver: decodes frames with the compiled codec and keeps the alive-counter state
// of every message id. A repeated counter, a bad CRC or a wrong length make the frame invalid
// data (CAN-API.md); a counter jump (lost frames) is accepted and reported.
import type { CanFrame } from './frame.ts';
import { describeDecode, FRAME_CRC, FRAME_LENGTH, FRAME_OK, SIGNAL_INACTIVE, type Codec, type CompiledMessage, type DecodedMessage } from './codec.ts';
import type { DecodeFn } from './codec-gen.ts';
import { muxPages, type MuxPages } from './mux-pages.ts';

/** Standard (11-bit) identifiers. */
const STANDARD_IDS = 0x800;

export type FrameReason = 'length' | 'crc' | 'counter-repeated';

/**
 * One received frame, decoded. The object and its arrays belong to the receiver and are reused
 * for the next frame of the same message (no allocation on the hot path): copy what you keep, and
 * never write into them (a multiplexed message's next decode relies on what the last one wrote).
 */
export interface ReceivedFrame {
  readonly message: CompiledMessage;
  timestampMs: number;
  /** The received frame's own bytes, not a copy: lent as the frame is (CanBus.subscribe). */
  data: Uint8Array;
  /** Physical values by signal index (NaN for multiplexed-out or undecodable signals). */
  readonly values: Float64Array;
  /** SIGNAL_* status by signal index (codec-status.ts). */
  readonly status: Uint8Array;
  valid: boolean;
  reason: FrameReason | undefined;
  /** The alive counter's raw value, or -1 when the message has none or the frame was rejected. */
  counter: number;
  /** Frames lost since the previous valid one, judged by the counter (0 when none or unknown). */
  lostFrames: number;
}

export interface Receiver {
  /** Decodes one frame; undefined when the id is not in the DBC. Never throws on a bad frame. */
  receive(frame: CanFrame): ReceivedFrame | undefined;
  /** Forgets every counter (e.g. after the bus restarted). */
  reset(): void;
}

interface Slot extends ReceivedFrame {
  /** Counter of the last valid frame, -1 before the first. */
  lastCounter: number;
  /** The counter signal's index (-1: none), scaling and modulo, copied from the message once. */
  readonly counterIndex: number;
  readonly counterFactor: number;
  readonly counterOffset: number;
  readonly counterModulo: number;
  /** Factor 1 and offset 0: the counter is its decoded value (rounded). */
  readonly counterPlain: boolean;
  /** The page-only decode and page table of a bulk-multiplexed message (decodePaged), else undefined. */
  readonly decodePage: DecodeFn | undefined;
  readonly pages: MuxPages | undefined;
  /** What the last decode wrote of the pages: a page's switch value, NO_PAGE, or EVERY_SIGNAL. */
  written: number;
}

/** `written`: the arrays may hold anything (never filled, or a bad length filled them). */
const EVERY_SIGNAL = -2;
/** `written`: only the unmultiplexed signals (the frame's switch value has no page). */
const NO_PAGE = -1;

/**
 * The decode of a bulk-multiplexed message, as decodeInto gives it, in the arrays the slot keeps:
 * instead of resetting all signals before each frame (195 for CMU_CellVoltages), only the page
 * the previous frame wrote goes back to NaN / inactive; every other page still is.
 */
function decodePaged(r: Slot, data: Uint8Array): number {
  const { values, status } = r;
  const pages = r.pages!;
  const written = r.written;
  if (written === EVERY_SIGNAL) {
    values.fill(NaN);
    status.fill(SIGNAL_INACTIVE);
  } else if (written !== NO_PAGE) {
    const page = pages.pages[written]!;
    for (let k = 0; k < page.length; k++) {
      const i = page[k]!;
      values[i] = NaN;
      status[i] = SIGNAL_INACTIVE;
    }
  }
  const code = r.decodePage!(data, values, status);
  if (code === FRAME_LENGTH) r.written = EVERY_SIGNAL;
  else {
    const value = values[pages.switchIndex]!;
    r.written = value >= 0 && pages.pages[value] !== undefined ? value : NO_PAGE;
  }
  return code;
}

/**
 * Frames lost between two counter values: `(counter - last - 1 + modulo) % modulo`, without the
 * integer division when the sum is already in [0, 2 × modulo) (always, for counters below modulo).
 */
export function framesBetween(counter: number, last: number, modulo: number): number {
  const x = counter - last - 1 + modulo;
  if (x >= 0 && x < modulo) return x;
  if (x >= modulo && x < 2 * modulo) return x - modulo;
  return x % modulo;
}

export function createReceiver(codec: Codec): Receiver {
  // One slot per message, found by id in one lookup (standard and extended ids apart); the
  // standard ids in a plain array (2048 entries), every frame looks one up.
  const standard: (Slot | undefined)[] = new Array<Slot | undefined>(STANDARD_IDS).fill(undefined);
  const extended = new Map<number, Slot>();
  for (const m of codec.messages) {
    if (m.extended ? extended.has(m.id) : standard[m.id] !== undefined) continue; // duplicate ids: the first definition wins, as in Codec.messageById
    const counter = m.counterIndex >= 0 ? m.signals[m.counterIndex]! : undefined;
    const slot: Slot = {
      message: m, timestampMs: 0, data: new Uint8Array(0), values: new Float64Array(m.signals.length),
      status: new Uint8Array(m.signals.length), valid: false, reason: undefined, counter: -1, lostFrames: 0, lastCounter: -1,
      counterIndex: m.counterIndex, counterFactor: counter?.factor ?? 1, counterOffset: counter?.offset ?? 0, counterModulo: m.counterModulo,
      counterPlain: (counter?.factor ?? 1) === 1 && (counter?.offset ?? 0) === 0,
      decodePage: m.decodePageInto, pages: m.decodePageInto !== undefined ? muxPages(m) : undefined, written: EVERY_SIGNAL,
    };
    if (m.extended) extended.set(m.id, slot);
    else standard[m.id] = slot;
  }
  return {
    receive(frame) {
      const r = frame.extended ? extended.get(frame.id) : standard[frame.id];
      if (r === undefined) return undefined;
      const m = r.message;
      r.timestampMs = frame.timestampMs;
      r.data = frame.data;
      r.counter = -1;
      r.lostFrames = 0;
      const code = r.decodePage === undefined ? m.decodeInto(frame.data, r.values, r.status) : decodePaged(r, frame.data);
      r.valid = code === FRAME_OK;
      r.reason = code === FRAME_LENGTH ? 'length' : code === FRAME_CRC ? 'crc' : undefined;
      if (!r.valid || r.counterIndex < 0) return r;
      const raw = r.values[r.counterIndex]!;
      // A plain counter (factor 1, offset 0) needs no division: (x - 0) / 1 is x exactly.
      const counter = r.counterPlain ? Math.round(raw) : Math.round((raw - r.counterOffset) / r.counterFactor);
      r.counter = counter;
      if (r.lastCounter === counter) {
        r.valid = false;
        r.reason = 'counter-repeated';
        return r;
      }
      if (r.lastCounter >= 0) r.lostFrames = framesBetween(counter, r.lastCounter, r.counterModulo);
      r.lastCounter = counter;
      return r;
    },
    reset() {
      for (const r of standard) if (r !== undefined) r.lastCounter = -1;
      for (const r of extended.values()) r.lastCounter = -1;
    },
  };
}

/** The convenient form of a received frame (fresh objects; for tools and tests, not the hot loop). */
export function describeReceived(r: ReceivedFrame): DecodedMessage & { lostFrames: number } {
  const code = r.reason === 'length' ? FRAME_LENGTH : r.reason === 'crc' ? FRAME_CRC : FRAME_OK;
  const d = describeDecode(r.message, r.data, code, r.values, r.status);
  if (r.reason === 'counter-repeated') {
    d.valid = false;
    d.problems.unshift({ kind: 'counter-repeated', counter: r.counter });
  }
  return { ...d, lostFrames: r.lostFrames };
}
