// The one codec: compiles every DBC message once into fast decode/encode functions
// (codec-gen.ts) and wraps them in a convenient, checked API. Decoding never throws on a bad
// frame; encoding throws EncodeError naming message and signal.
import type { Dbc, DbcMessage, DbcSignal } from './dbc-model.ts';
import { planSignals, type SignalPlan } from './codec-plan.ts';
import {
  decodesInBulk, generateDecode, generateEncode, ENCODE_ALLOW_MISSING, ENCODE_SATURATE, type DecodeFn, type EncodeFn,
} from './codec-gen.ts';
import { crc8J1850 } from './crc8.ts';
import { FD_LENGTHS } from './frame.ts';
import { FRAME_CRC, FRAME_LENGTH, SIGNAL_INACTIVE, SIGNAL_STATUS_NAMES, type FrameCode } from './codec-status.ts';
import { messageRoles } from './codec-roles.ts';
import { muxPages } from './mux-pages.ts';

export * from './codec-status.ts';

/** Why a decoded frame (or one of its signals) is not valid data. */
export type DecodeProblem =
  | { kind: 'length'; expected: number; actual: number }
  | { kind: 'crc'; expected: number; actual: number }
  | { kind: 'counter-repeated'; counter: number }
  | { kind: 'range'; signal: string; value: number; min: number; max: number }
  | { kind: 'sna'; signal: string }
  | { kind: 'layout'; signal: string };

export interface DecodedMessage {
  message: CompiledMessage;
  /** Physical values of the signals present in this frame (multiplexed-out ones absent). */
  values: Record<string, number>;
  /** VAL_ labels of the values that have one. */
  labels: Record<string, string>;
  /** False when the frame (length, CRC, counter) is bad; range/SNA problems only mark their signal. */
  valid: boolean;
  problems: DecodeProblem[];
}

export interface EncodeOptions {
  /** Clamp out-of-range values to the signal's [min|max] instead of throwing. Default false. */
  saturate?: boolean;
  /** Encode absent signals as raw 0 instead of throwing (tests, tools). Default false. */
  allowMissing?: boolean;
}

export class EncodeError extends Error {
  constructor(
    readonly messageName: string,
    readonly signalName: string,
    detail: string,
  ) {
    super(`${messageName}.${signalName}: ${detail}`);
    this.name = 'EncodeError';
  }
}

export interface CompiledMessage {
  readonly message: DbcMessage;
  readonly name: string;
  readonly id: number;
  readonly extended: boolean;
  readonly fd: boolean;
  /** Bytes a transmitted frame carries (the DBC length, rounded up to an FD length for CAN FD). */
  readonly frameLength: number;
  readonly signals: readonly DbcSignal[];
  readonly plans: readonly SignalPlan[];
  readonly signalIndex: ReadonlyMap<string, number>;
  /** Index of the PpRole AliveCounter signal, or -1. */
  readonly counterIndex: number;
  readonly counterModulo: number;
  /** Index of the PpRole Crc8J1850 signal and the byte holding it, or -1. */
  readonly crcIndex: number;
  readonly crcByte: number;
  /** PpTimeoutMs, else 3 × GenMsgCycleTime, else undefined (event message: never stale). */
  readonly timeoutMs: number | undefined;
  /** Hot path: decodes into values/status (length ≥ signals.length); returns a FrameCode. Never throws. */
  readonly decodeInto: DecodeFn;
  /**
   * Hot path for a receiver that keeps its arrays between frames: as decodeInto, but the signals
   * of other pages than the frame's are left untouched (see muxPages; the caller clears the page
   * it last got). Only for messages decoded in bulk with a simple page table; else undefined.
   */
  readonly decodePageInto?: DecodeFn | undefined;
  /** Hot path: encodes physical values (NaN = absent) into zeroed data; see EncodeFn codes. */
  readonly encodeInto: EncodeFn;
  decode(data: Uint8Array): DecodedMessage;
  /** Encodes to a new frameLength-byte payload; computes the CRC byte (a given CRC value is ignored); throws EncodeError. */
  encode(values: Readonly<Record<string, number>>, options?: EncodeOptions): Uint8Array;
}

export interface Codec {
  readonly dbc: Dbc;
  readonly messages: readonly CompiledMessage[];
  /** Problems met while compiling (e.g. a PpRole on a signal that cannot carry it). */
  readonly warnings: readonly string[];
  messageByName(name: string): CompiledMessage | undefined;
  messageById(id: number, extended: boolean): CompiledMessage | undefined;
  /** The message carrying a signal (signal names are unique in packpilot.dbc; first wins otherwise). */
  messageBySignal(signalName: string): CompiledMessage | undefined;
}

function fdLength(length: number): number {
  return FD_LENGTHS.find((l) => l >= length) ?? length;
}

function compileMessage(msg: DbcMessage, warnings: string[]): CompiledMessage {
  const plans = planSignals(msg);
  const roles = messageRoles(msg, plans, warnings);
  const frameLength = msg.fd ? fdLength(msg.length) : msg.length;
  const lengths = frameLength === msg.length ? [msg.length] : [msg.length, frameLength];
  const shape = { lengths, crcByte: roles.crcByte };
  const decodeInto = generateDecode(plans, shape);
  const decodePageInto = decodesInBulk(plans) && muxPages({ plans }) !== undefined ? generateDecode(plans, shape, true) : undefined;
  const encodeInto = generateEncode(plans);
  const signalIndex = new Map(msg.signals.map((s, i) => [s.name, i]));
  const n = msg.signals.length;
  const timeout = msg.attributes['PpTimeoutMs'];
  const compiled: CompiledMessage = {
    message: msg, name: msg.name, id: msg.id, extended: msg.extended, fd: msg.fd, frameLength,
    signals: msg.signals, plans, signalIndex, ...roles,
    timeoutMs: typeof timeout === 'number' && timeout > 0 ? timeout : msg.cycleTimeMs !== undefined ? 3 * msg.cycleTimeMs : undefined,
    decodeInto, decodePageInto, encodeInto,
    decode(data) {
      const values = new Float64Array(n);
      const status = new Uint8Array(n);
      const code = decodeInto(data, values, status) as FrameCode;
      return describeDecode(compiled, data, code, values, status);
    },
    encode(given, options = {}) {
      const values = new Float64Array(n).fill(NaN);
      for (const name of Object.keys(given)) {
        const i = signalIndex.get(name);
        if (i === undefined) throw new EncodeError(msg.name, name, 'no such signal in this message');
        values[i] = given[name]!;
      }
      if (roles.crcByte >= 0 && roles.crcIndex >= 0) values[roles.crcIndex] = plans[roles.crcIndex]!.signal.offset;
      const data = new Uint8Array(frameLength);
      const flags = (options.saturate ? ENCODE_SATURATE : 0) | (options.allowMissing ? ENCODE_ALLOW_MISSING : 0);
      const code = encodeInto(values, data, flags);
      if (code !== 0) throw encodeError(compiled, code, values);
      if (roles.crcByte >= 0) data[roles.crcByte] = crc8J1850(data, data.length, roles.crcByte);
      return data;
    },
  };
  return compiled;
}

/** The EncodeError for a nonzero EncodeFn code (the message and signal named). */
export function encodeError(m: CompiledMessage, code: number, values: Float64Array): EncodeError {
  const i = Math.abs(code) - 1;
  const plan = m.plans[i]!;
  const sig = plan.signal;
  if (plan.unusable) return new EncodeError(m.name, sig.name, `cannot be encoded: ${plan.unusable}`);
  if (code < 0) return new EncodeError(m.name, sig.name, 'no value given (NaN or missing)');
  const lo = sig.min < sig.max ? sig.min : plan.fieldMin * sig.factor + sig.offset;
  const hi = sig.min < sig.max ? sig.max : plan.fieldMax * sig.factor + sig.offset;
  const range = sig.factor < 0 && !(sig.min < sig.max) ? `${hi}…${lo}` : `${lo}…${hi}`;
  return new EncodeError(m.name, sig.name, `value ${values[i]} outside ${range}${sig.unit ? ' ' + sig.unit : ''} (or its ${sig.length}-bit field)`);
}

/** Turns the fast path's numeric result into the convenient form. */
export function describeDecode(
  m: CompiledMessage, data: Uint8Array, code: number, values: Float64Array, status: Uint8Array,
): DecodedMessage {
  const problems: DecodeProblem[] = [];
  if (code === FRAME_LENGTH) problems.push({ kind: 'length', expected: m.frameLength, actual: data.length });
  if (code === FRAME_CRC) problems.push({ kind: 'crc', expected: crc8J1850(data, data.length, m.crcByte), actual: data[m.crcByte]! });
  const out: Record<string, number> = {};
  const labels: Record<string, string> = {};
  if (code !== FRAME_LENGTH) {
    for (let i = 0; i < m.signals.length; i++) {
      const sig = m.signals[i]!;
      const s = status[i]!;
      if (s === SIGNAL_INACTIVE) continue;
      const kind = SIGNAL_STATUS_NAMES[s];
      if (kind === 'range') problems.push({ kind, signal: sig.name, value: values[i]!, min: sig.min, max: sig.max });
      else if (kind === 'sna' || kind === 'layout') problems.push({ kind, signal: sig.name });
      if (kind === 'layout') continue;
      const v = values[i]!;
      out[sig.name] = v;
      const label = sig.choices?.get(rawOf(sig, v));
      if (label !== undefined) labels[sig.name] = label;
    }
  }
  return { message: m, values: out, labels, valid: code === 0, problems };
}

/** The raw value behind a physical value (for VAL_ lookups). */
export function rawOf(sig: DbcSignal, value: number): number {
  return Math.round((value - sig.offset) / sig.factor);
}

export function compileCodec(dbc: Dbc): Codec {
  const warnings: string[] = [];
  const messages = dbc.messages.map((m) => compileMessage(m, warnings));
  const byName = new Map<string, CompiledMessage>();
  const standard = new Map<number, CompiledMessage>();
  const extended = new Map<number, CompiledMessage>();
  const bySignal = new Map<string, CompiledMessage>();
  for (const m of messages) {
    if (!byName.has(m.name)) byName.set(m.name, m);
    const ids = m.extended ? extended : standard;
    if (!ids.has(m.id)) ids.set(m.id, m);
    for (const s of m.signals) if (!bySignal.has(s.name)) bySignal.set(s.name, m);
  }
  return {
    dbc, messages, warnings,
    messageByName: (name) => byName.get(name),
    messageById: (id, ext) => (ext ? extended : standard).get(id),
    messageBySignal: (name) => bySignal.get(name),
  };
}
