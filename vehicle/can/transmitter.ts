// Builds outgoing frames: encodes the values, fills the alive counter (incremented on every
// transmission of the message id, across all multiplexer values) and the CRC-8 byte.
import type { OutgoingFrame } from './frame.ts';
import type { Codec, CompiledMessage, EncodeOptions } from './codec.ts';
import { ENCODE_ALLOW_MISSING, ENCODE_SATURATE } from './codec-gen.ts';
import { crc8J1850 } from './crc8.ts';

export interface Transmitter {
  /**
   * The next frame of message `name`. Throws EncodeError (naming message and signal) for a
   * missing or out-of-range value and Error for an unknown message: both are programming errors.
   * A value given for the counter or CRC signal is ignored (the transmitter owns them).
   */
  frame(name: string, values: Readonly<Record<string, number>>, options?: EncodeOptions): OutgoingFrame;
  /** The counter value the next frame of `name` will carry. */
  nextCounter(name: string): number;
}

/** Per message: its counter and a reused value array (index = signal index), so a frame allocates only its payload. */
interface TxState {
  readonly message: CompiledMessage;
  readonly values: Float64Array;
  counter: number;
}

export function createTransmitter(codec: Codec): Transmitter {
  const states = new Map<string, TxState>();
  const lookup = (name: string): TxState => {
    let st = states.get(name);
    if (st === undefined) {
      const m = codec.messageByName(name);
      if (!m) throw new Error(`transmitter: no message ${name} in the DBC`);
      // Names of one message share its state (messageByName resolves each name to one message).
      st = [...states.values()].find((s) => s.message === m) ?? { message: m, values: new Float64Array(m.signals.length), counter: 0 };
      states.set(name, st);
    }
    return st;
  };
  return {
    frame(name, given, options) {
      const st = lookup(name);
      const m = st.message;
      const values = st.values;
      values.fill(NaN);
      let unknown = false;
      for (const key in given) {
        const i = m.signalIndex.get(key);
        if (i === undefined) unknown = true;
        else values[i] = given[key]!;
      }
      if (m.counterIndex >= 0) {
        const sig = m.signals[m.counterIndex]!;
        values[m.counterIndex] = st.counter * sig.factor + sig.offset;
      }
      if (m.crcByte >= 0 && m.crcIndex >= 0) values[m.crcIndex] = m.plans[m.crcIndex]!.signal.offset;
      const data = new Uint8Array(m.frameLength);
      const flags = (options?.saturate ? ENCODE_SATURATE : 0) | (options?.allowMissing ? ENCODE_ALLOW_MISSING : 0);
      if (unknown || m.encodeInto(values, data, flags) !== 0) {
        // The rare error path: the codec's checked encode throws the EncodeError naming the signal.
        const sig = m.counterIndex >= 0 ? m.signals[m.counterIndex]! : undefined;
        m.encode(sig ? { ...given, [sig.name]: st.counter * sig.factor + sig.offset } : given, options);
        throw new Error(`transmitter: ${name} failed to encode`); // not reached: encode throws
      }
      if (m.crcByte >= 0) data[m.crcByte] = crc8J1850(data, data.length, m.crcByte);
      if (m.counterIndex >= 0) st.counter = (st.counter + 1) % m.counterModulo;
      return { id: m.id, extended: m.extended, fd: m.fd, data };
    },
    nextCounter(name) {
      return lookup(name).counter;
    },
  };
}
