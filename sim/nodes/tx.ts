// One message a simulated node sends, encoded on the codec's hot path: a preallocated value array
// (index = signal index in the message), one reused payload buffer and frame object (the bus
// copies the bytes on send), the alive counter and CRC-8 filled here exactly as the
// Transmitter does (CONTRACT.md §1). Nothing is allocated per frame.
import type { CanBus, CompiledMessage, Codec, OutgoingFrame } from '../../vehicle/can/index.ts';
import { crc8J1850 } from '../../vehicle/can/index.ts';
import { ENCODE_SATURATE } from '../../vehicle/can/codec-gen.ts';

/** Out-of-range values clamp to the signal's range (a local copy: imported bindings may be getters). */
const SATURATE = ENCODE_SATURATE;

export class TxMessage {
  readonly message: CompiledMessage;
  /** Physical values by signal index; a field keeps its value until it is set again. */
  readonly values: Float64Array;
  /** Physical value of each signal's "SNA" raw value, or NaN when it has none. */
  private readonly snaValue: Float64Array;
  private readonly lo: Float64Array;
  private readonly hi: Float64Array;
  private readonly data: Uint8Array;
  private readonly frame: OutgoingFrame;
  /** The 8 payload bytes as two words, to zero them in two stores. */
  private readonly words: Uint32Array | undefined;
  private readonly encode: CompiledMessage['encodeInto'];
  private readonly counterIndex: number;
  private readonly counterModulo: number;
  private readonly counterFactor: number;
  private readonly counterOffset: number;
  private readonly crcByte: number;
  private counter = 0;
  /** Frames sent so far. */
  sent = 0;

  /** `message`: a name in the DBC, or an already compiled message (e.g. a mux page, mux-page.ts). */
  constructor(codec: Codec, message: string | CompiledMessage) {
    const m = typeof message === 'string' ? codec.messageByName(message) : message;
    if (!m) throw new Error(`sim node: no message ${String(message)} in the DBC`);
    this.message = m;
    const n = m.signals.length;
    this.values = new Float64Array(n);
    this.snaValue = new Float64Array(n).fill(NaN);
    this.lo = new Float64Array(n);
    this.hi = new Float64Array(n);
    m.plans.forEach((p, i) => {
      const s = p.signal;
      this.lo[i] = Math.min(s.min, s.max);
      this.hi[i] = Math.max(s.min, s.max);
      const raw = p.snaRaw[0];
      if (raw !== undefined) this.snaValue[i] = raw * s.factor + s.offset;
      this.values[i] = s.min <= 0 && s.max >= 0 ? 0 : this.lo[i]!; // a valid start value for every field
    });
    this.data = new Uint8Array(m.frameLength);
    this.words = m.frameLength === 8 ? new Uint32Array(this.data.buffer) : undefined;
    this.frame = { id: m.id, extended: m.extended, fd: m.fd, data: this.data };
    this.encode = m.encodeInto;
    this.counterIndex = m.counterIndex;
    this.counterModulo = m.counterModulo;
    const counter = m.counterIndex >= 0 ? m.signals[m.counterIndex]! : undefined;
    this.counterFactor = counter?.factor ?? 1;
    this.counterOffset = counter?.offset ?? 0;
    this.crcByte = m.crcByte;
  }

  /** Index of a signal of this message (construction time only; throws for a wrong name). */
  index(signal: string): number {
    const i = this.message.signalIndex.get(signal);
    if (i === undefined) throw new Error(`sim node: no signal ${signal} in ${this.message.name}`);
    return i;
  }

  /** The signal's value, or its SNA value when v is NaN or outside the signal's [min|max]. */
  setOrSna(i: number, v: number): void {
    const sna = this.snaValue[i]!;
    if (v >= this.lo[i]! && v <= this.hi[i]!) this.values[i] = v;
    else if (sna === sna) this.values[i] = sna;
    else this.values[i] = v !== v ? this.lo[i]! : v; // no SNA: the encoder saturates to the range
  }

  hasSna(i: number): boolean {
    return this.snaValue[i] === this.snaValue[i];
  }

  /** Encodes the values, counter and CRC, and sends the frame. */
  send(bus: CanBus): void {
    const values = this.values;
    if (this.counterIndex >= 0) values[this.counterIndex] = this.counter * this.counterFactor + this.counterOffset;
    const data = this.data;
    if (this.words !== undefined) {
      this.words[0] = 0;
      this.words[1] = 0;
    } else data.fill(0);
    const code = this.encode(values, data, SATURATE);
    if (code !== 0) this.fail(code);
    if (this.crcByte >= 0) data[this.crcByte] = crc8J1850(data, data.length, this.crcByte);
    if (this.counterIndex >= 0) this.counter = (this.counter + 1) % this.counterModulo;
    this.sent++;
    bus.send(this.frame);
  }

  private fail(code: number): never {
    const i = Math.abs(code) - 1;
    throw new Error(`sim node: cannot encode ${this.message.name}.${this.message.signals[i]!.name} = ${this.values[i]}`);
  }
}
