// Builds outgoing frames: encodes the values, fills the alive counter (incremented on every
// transmission of the message id, across all multiplexer values) and the CRC-8 byte.
import type { OutgoingFrame } from './frame.ts';
import type { Codec, CompiledMessage, EncodeOptions } from './codec.ts';

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

export function createTransmitter(codec: Codec): Transmitter {
  const counters = new Map<CompiledMessage, number>();
  const lookup = (name: string): CompiledMessage => {
    const m = codec.messageByName(name);
    if (!m) throw new Error(`transmitter: no message ${name} in the DBC`);
    return m;
  };
  return {
    frame(name, values, options) {
      const m = lookup(name);
      let given = values;
      const counter = counters.get(m) ?? 0;
      if (m.counterIndex >= 0) {
        const sig = m.signals[m.counterIndex]!;
        given = { ...values, [sig.name]: counter * sig.factor + sig.offset };
      }
      const data = m.encode(given, options);
      if (m.counterIndex >= 0) counters.set(m, (counter + 1) % m.counterModulo);
      return { id: m.id, extended: m.extended, fd: m.fd, data };
    },
    nextCounter(name) {
      return counters.get(lookup(name)) ?? 0;
    },
  };
}
