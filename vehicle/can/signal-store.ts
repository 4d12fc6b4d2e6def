// The latest value of every received signal, with its receive time and validity. A value is
// valid only when its last frame was good, it was in range and not "SNA", and it is younger
// than its message's timeout (PpTimeoutMs, else 3 × GenMsgCycleTime; CAN-API.md).
import type { Codec, CompiledMessage } from './codec.ts';
import { SIGNAL_INACTIVE, SIGNAL_STATUS_NAMES, type SignalStatusName } from './codec-status.ts';
import type { FrameReason, ReceivedFrame } from './receiver.ts';
import { muxPages, type MuxPages } from './mux-pages.ts';
import { ALL_SIGNALS, JOURNAL_LENGTH, NO_PAGE, SignalBlock } from './signal-block.ts';
import { STANDARD_ID_MAX } from './frame.ts';

export type SignalReason = 'missing' | 'stale' | FrameReason | Exclude<SignalStatusName, 'ok' | 'inactive'>;

export interface SignalReading {
  /** Last decoded physical value (kept for diagnostics when invalid); NaN when never received. */
  value: number;
  valid: boolean;
  reason?: SignalReason;
  /** ms since the last good frame carrying it; Infinity when never received. */
  ageMs: number;
}

const REASON_NONE = 0;
// Frame-level reasons are stored after the per-signal status codes.
const FRAME_REASONS: readonly FrameReason[] = ['length', 'crc', 'counter-repeated'];
const FRAME_REASON_BASE = SIGNAL_STATUS_NAMES.length;

interface MessageState {
  message: CompiledMessage;
  values: Float64Array;
  rxMs: Float64Array;
  /** 0 ok, a SIGNAL_* code, or FRAME_REASON_BASE + index into FRAME_REASONS. */
  reason: Uint8Array;
  /** Frames taken in so far, good or bad (lets a reader skip work while nothing arrived). */
  version: number;
  /** What each frame touched, by version (a ring): its page, or ALL_SIGNALS (signal-block.ts). */
  journal: Int32Array;
  /** The signals each multiplexer value can carry; undefined: look at every signal. */
  pages: MuxPages | undefined;
}

/** One signal of a good frame into the store, unless the frame's multiplexer left it out. */
function take(state: MessageState, r: ReceivedFrame, i: number): void {
  const s = r.status[i]!;
  if (s === SIGNAL_INACTIVE) return;
  state.values[i] = r.values[i]!;
  state.rxMs[i] = r.timestampMs;
  state.reason[i] = s;
}

/** An opaque reference to one signal of the store (from `handle`). */
export interface SignalHandle {
  readonly index: number;
}

/** A handle inside: its message's state and, for `peek`, that state's arrays and timeout directly. */
interface Entry {
  readonly state: MessageState;
  readonly index: number;
  readonly values: Float64Array;
  readonly rxMs: Float64Array;
  readonly reason: Uint8Array;
  /** PpTimeoutMs (or 3 × cycle); Infinity for an event message (never stale). */
  readonly timeoutMs: number;
}

export class SignalStore {
  private readonly states = new Map<CompiledMessage, MessageState>();
  /** Hot path: a standard-id message's state by id (an array index instead of a Map lookup per frame). */
  private readonly byStandardId: (MessageState | undefined)[] = new Array<MessageState | undefined>(STANDARD_ID_MAX + 1).fill(undefined);
  private readonly bySignal = new Map<string, Entry>();

  constructor(codec: Codec) {
    for (const message of codec.messages) {
      const n = message.signals.length;
      const state: MessageState = {
        message, values: new Float64Array(n).fill(NaN), rxMs: new Float64Array(n).fill(-Infinity),
        reason: new Uint8Array(n), version: 0, journal: new Int32Array(JOURNAL_LENGTH), pages: muxPages(message),
      };
      this.states.set(message, state);
      if (!message.extended && this.byStandardId[message.id] === undefined) this.byStandardId[message.id] = state;
      message.signals.forEach((s, index) => {
        const timeoutMs = message.timeoutMs ?? Infinity;
        if (!this.bySignal.has(s.name)) this.bySignal.set(s.name, { state, index, values: state.values, rxMs: state.rxMs, reason: state.reason, timeoutMs });
      });
    }
  }

  /** Takes in one received frame (from Receiver.receive). */
  update(r: ReceivedFrame): void {
    const m = r.message;
    // By id when that id's first message is this one (duplicate ids and extended ids: the Map).
    const byId = m.extended ? undefined : this.byStandardId[m.id];
    const state = byId !== undefined && byId.message === m ? byId : this.states.get(m);
    if (!state) return;
    const slot = state.version++ & (JOURNAL_LENGTH - 1);
    if (!r.valid) {
      state.journal[slot] = ALL_SIGNALS;
      // A bad frame is invalid data; we cannot trust its multiplexer value either, so every
      // signal of the message is invalid until a good frame carries it again.
      const code = FRAME_REASON_BASE + FRAME_REASONS.indexOf(r.reason ?? 'crc');
      state.reason.fill(code);
      return;
    }
    const pages = state.pages;
    if (pages === undefined) {
      state.journal[slot] = ALL_SIGNALS;
      for (let i = 0; i < state.values.length; i++) take(state, r, i);
      return;
    }
    // Only the frame's page (and the unmultiplexed signals): every other signal is inactive in it.
    const always = pages.always;
    for (let k = 0; k < always.length; k++) take(state, r, always[k]!);
    const value = r.values[pages.switchIndex]!;
    const page = pages.pages[value];
    state.journal[slot] = page !== undefined ? value : NO_PAGE;
    if (page !== undefined) for (let k = 0; k < page.length; k++) take(state, r, page[k]!);
  }

  /** A resolved reference to one signal, for hot loops that read the same signals every tick. */
  handle(signalName: string): SignalHandle {
    const entry = this.bySignal.get(signalName);
    if (!entry) throw new Error(`SignalStore: no signal ${signalName} in the DBC`);
    return entry;
  }

  /**
   * Signals of one message read together every tick, cheaply (signal-block.ts); undefined when
   * they belong to different messages (use readInto then).
   */
  block(handles: readonly SignalHandle[]): SignalBlock | undefined {
    const entries = handles as readonly Entry[];
    const state = entries[0]?.state;
    if (state === undefined || entries.some((e) => e.state !== state)) return undefined;
    return new SignalBlock(state, entries.map((e) => e.index));
  }

  /**
   * Reads many signals into typed arrays without allocating: value (NaN when never received),
   * 1/0 validity (as `read` judges it) and receive time (−Infinity when never received).
   */
  readInto(handles: readonly SignalHandle[], nowMs: number, values: Float64Array, valid: Uint8Array, rxMs: Float64Array): void {
    for (let i = 0; i < handles.length; i++) {
      const { state, index } = handles[i] as Entry;
      const rx = state.rxMs[index]!;
      const timeout = state.message.timeoutMs;
      values[i] = state.values[index]!;
      rxMs[i] = rx;
      valid[i] = rx !== -Infinity && state.reason[index] === REASON_NONE && (timeout === undefined || nowMs - rx <= timeout) ? 1 : 0;
    }
  }

  /** Validity of the last `peek` (as `read` judges it). */
  peekValid = false;
  /** Age of the last `peek` (ms since the last good frame; Infinity when never received). */
  peekAgeMs = Infinity;

  /**
   * Hot path: the value of one signal (as `read` gives it) without allocating; its validity and
   * age land in `peekValid` and `peekAgeMs` until the next call.
   */
  peek(handle: SignalHandle, nowMs: number): number {
    const e = handle as Entry;
    const index = e.index;
    const rx = e.rxMs[index]!;
    const ageMs = nowMs - rx;
    this.peekAgeMs = ageMs;
    // An event message's timeout is Infinity: never stale (as `read`, which skips the test).
    this.peekValid = rx !== -Infinity && !(ageMs > e.timeoutMs) && e.reason[index] === REASON_NONE;
    return e.values[index]!;
  }

  /** Frames (good or bad) taken in so far for the signal's message: unchanged means its values, reasons and receive times are. */
  version(handle: SignalHandle): number {
    return (handle as Entry).state.version;
  }

  /** The message carrying the signal. */
  messageOf(handle: SignalHandle): CompiledMessage {
    return (handle as Entry).state.message;
  }

  /** Whether the store knows the signal. */
  has(signalName: string): boolean {
    return this.bySignal.has(signalName);
  }

  /** The signal's latest value and validity at nowMs. Throws for a name not in the DBC (a programming error). */
  read(signalName: string, nowMs: number): SignalReading {
    const entry = this.bySignal.get(signalName);
    if (!entry) throw new Error(`SignalStore: no signal ${signalName} in the DBC`);
    const { state, index } = entry;
    const rx = state.rxMs[index]!;
    const value = state.values[index]!;
    const ageMs = nowMs - rx;
    const code = state.reason[index]!;
    if (rx === -Infinity) {
      const reason: SignalReason = code >= FRAME_REASON_BASE ? FRAME_REASONS[code - FRAME_REASON_BASE]! : 'missing';
      return { value, valid: false, reason, ageMs };
    }
    const timeout = state.message.timeoutMs;
    if (timeout !== undefined && ageMs > timeout) return { value, valid: false, reason: 'stale', ageMs };
    if (code === REASON_NONE) return { value, valid: true, ageMs };
    const reason = code >= FRAME_REASON_BASE ? FRAME_REASONS[code - FRAME_REASON_BASE]! : (SIGNAL_STATUS_NAMES[code] as SignalReason);
    return { value, valid: false, reason, ageMs };
  }
}
