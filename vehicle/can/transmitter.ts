// Builds outgoing frames: encodes the values, fills the alive counter (incremented on every
// transmission of the message id, across all multiplexer values) and the CRC-8 byte.
import type { OutgoingFrame } from './frame.ts';
import { STANDARD_ID_MAX } from './frame.ts';
import { encodeError, type Codec, type CompiledMessage, type EncodeOptions } from './codec.ts';
import { ENCODE_ALLOW_MISSING, ENCODE_SATURATE } from './codec-gen.ts';
import { crc8J1850 } from './crc8.ts';

export interface Transmitter {
  /**
   * The next frame of message `name`. Throws EncodeError (naming message and signal) for a
   * missing or out-of-range value and Error for an unknown message: both are programming errors.
   * A value given for the counter or CRC signal is ignored (the transmitter owns them).
   */
  frame(name: string, values: Readonly<Record<string, number>>, options?: EncodeOptions): OutgoingFrame;
  /**
   * Hot path, as `frame` but from physical values by signal index of `message` (NaN = absent):
   * no record, no name lookups. The counter and CRC entries of `values` are overwritten.
   */
  frameOf(message: CompiledMessage, values: Float64Array, options?: EncodeOptions): OutgoingFrame;
  /** As frameOf, into the caller's payload buffer (frameLength bytes; zeroed here), e.g. one reused per message. */
  fill(message: CompiledMessage, values: Float64Array, data: Uint8Array, options?: EncodeOptions): void;
  /** The counter value the next frame of `name` will carry. */
  nextCounter(name: string): number;
}

/** Per message: its counter and a reused value array (index = signal index), so a frame allocates only its payload. */
interface TxState {
  readonly message: CompiledMessage;
  readonly values: Float64Array;
  counter: number;
  /** The counter's physical value per count (factor, offset) and the CRC signal's placeholder, from the DBC once. */
  readonly counterFactor: number;
  readonly counterOffset: number;
  readonly crcPlaceholder: number;
}

export function createTransmitter(codec: Codec): Transmitter {
  const byName = new Map<string, TxState>();
  // Names of one message share its state (messageByName resolves each name to one message).
  const byMessage = new Map<CompiledMessage, TxState>();
  // Hot path: a standard-id message's state by id, checked against the message (an array index
  // instead of a Map lookup per frame); extended ids, and a second message on one id, use the Map.
  const byStandardId: (TxState | undefined)[] = new Array<TxState | undefined>(STANDARD_ID_MAX + 1).fill(undefined);
  const stateOf = (m: CompiledMessage): TxState => {
    const byId = m.extended ? undefined : byStandardId[m.id];
    if (byId !== undefined && byId.message === m) return byId;
    let st = byMessage.get(m);
    if (st === undefined) {
      const counter = m.counterIndex >= 0 ? m.signals[m.counterIndex]! : undefined;
      st = {
        message: m, values: new Float64Array(m.signals.length), counter: 0, counterFactor: counter?.factor ?? 1, counterOffset: counter?.offset ?? 0,
        crcPlaceholder: m.crcIndex >= 0 ? m.plans[m.crcIndex]!.signal.offset : 0,
      };
      byMessage.set(m, st);
      if (!m.extended && byStandardId[m.id] === undefined) byStandardId[m.id] = st;
    }
    return st;
  };
  const lookup = (name: string): TxState => {
    let st = byName.get(name);
    if (st === undefined) {
      const m = codec.messageByName(name);
      if (!m) throw new Error(`transmitter: no message ${name} in the DBC`);
      st = stateOf(m);
      byName.set(name, st);
    }
    return st;
  };
  /** Counter, CRC and encoding of `values` into `data` (zeroed, frameLength bytes); throws the codec's EncodeError. */
  const encode = (st: TxState, values: Float64Array, data: Uint8Array, options: EncodeOptions | undefined): void => {
    const m = st.message;
    if (m.counterIndex >= 0) values[m.counterIndex] = st.counter * st.counterFactor + st.counterOffset;
    if (m.crcByte >= 0 && m.crcIndex >= 0) values[m.crcIndex] = st.crcPlaceholder;
    const flags = options === undefined ? 0 : (options.saturate ? ENCODE_SATURATE : 0) | (options.allowMissing ? ENCODE_ALLOW_MISSING : 0);
    const code = m.encodeInto(values, data, flags);
    if (code !== 0) throw encodeError(m, code, values);
    if (m.crcByte >= 0) data[m.crcByte] = crc8J1850(data, data.length, m.crcByte);
    if (m.counterIndex >= 0) st.counter = (st.counter + 1) % m.counterModulo;
  };
  const newFrame = (st: TxState, values: Float64Array, options: EncodeOptions | undefined): OutgoingFrame => {
    const m = st.message;
    const data = new Uint8Array(m.frameLength);
    encode(st, values, data, options);
    return { id: m.id, extended: m.extended, fd: m.fd, data };
  };
  return {
    frame(name, given, options) {
      const st = lookup(name);
      const m = st.message;
      const values = st.values;
      values.fill(NaN);
      for (const key in given) {
        const i = m.signalIndex.get(key);
        // The checked encode names the stray signal (a programming error).
        if (i === undefined) m.encode(given, options);
        else values[i] = given[key]!;
      }
      return newFrame(st, values, options);
    },
    frameOf(message, values, options) {
      return newFrame(stateOf(message), values, options);
    },
    fill(message, values, data, options) {
      if (data.length !== message.frameLength) throw new Error(`transmitter: ${message.name} needs ${message.frameLength} bytes, got ${data.length}`);
      for (let i = 0; i < data.length; i++) data[i] = 0; // ≤ 8 bytes as a rule: a plain loop beats the fill() call
      encode(stateOf(message), values, data, options);
    },
    nextCounter(name) {
      return lookup(name).counter;
    },
  };
}
