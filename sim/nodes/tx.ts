// One message a simulated node sends, encoded on the codec's hot path: a preallocated value array
// (index = signal index in the message), one reused payload buffer and frame object (the bus
// copies the bytes on send), the alive counter and CRC-8 filled here exactly as the
// Transmitter does (CONTRACT.md §1). Nothing is allocated per frame.
// A quarter of the simulated car's frames repeat their values (status frames): the payload of
// each counter value is kept once encoded and reused while no other value changes.
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
  /** Values of the cached payloads (the counter's own slot aside). */
  private readonly cachedValues: Float64Array;
  /** One payload per counter value, valid where its bit in cacheMask is set. */
  private readonly cache: Uint8Array;
  private cacheMask = 0;
  /** Only integer signals: equal numbers always encode to equal bytes (a float keeps −0's sign). */
  private readonly cacheable: boolean;
  /** Frames sent so far. */
  sent = 0;

  /**
   * `message`: a name in the DBC, or an already compiled message (e.g. a mux page, mux-page.ts).
   * `repeats: false` for a frame whose values never repeat back to back (a mux page changes its
   * switch every frame): it then skips the value compare and copy of the payload cache.
   */
  constructor(codec: Codec, message: string | CompiledMessage, options: { repeats?: boolean } = {}) {
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
    this.cachedValues = new Float64Array(n);
    this.cache = new Uint8Array(m.frameLength * Math.max(1, m.counterIndex >= 0 ? m.counterModulo : 1));
    this.cacheable = options.repeats !== false && m.plans.every((p) => p.kind === 'int') && (m.counterIndex < 0 || m.counterModulo <= 30);
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

  /** Encodes the values, counter and CRC (or takes the cached payload), and sends the frame. */
  send(bus: CanBus): void {
    const values = this.values;
    const ci = this.counterIndex;
    const slot = ci >= 0 ? this.counter : 0;
    if (ci >= 0) values[ci] = this.counter * this.counterFactor + this.counterOffset;
    let differs: number;
    if (!this.cacheable) this.encodePayload();
    else if ((differs = this.firstDifference()) >= 0) {
      // Kept only once the values repeat: a frame that changes every time never pays for the payload copy.
      // The fields before the first difference are equal already: copied from there on, in a plain loop.
      const c = this.cachedValues;
      for (let i = differs; i < values.length; i++) c[i] = values[i]!;
      this.cacheMask = 0;
      this.encodePayload();
    } else if ((this.cacheMask >>> slot) & 1) this.restore(slot);
    else {
      this.encodePayload();
      this.keep(slot);
    }
    if (ci >= 0) {
      // A compare, not `%` (an integer division per frame): the counter wraps at its modulo.
      const next = this.counter + 1;
      this.counter = next === this.counterModulo ? 0 : next;
    }
    this.sent++;
    bus.send(this.frame);
  }

  private encodePayload(): void {
    const data = this.data;
    if (this.words !== undefined) {
      this.words[0] = 0;
      this.words[1] = 0;
    } else data.fill(0);
    const code = this.encode(this.values, data, SATURATE);
    if (code !== 0) this.fail(code);
    if (this.crcByte >= 0) data[this.crcByte] = crc8J1850(data, data.length, this.crcByte);
  }

  /** The first field that differs from the cached payloads' values, or −1 when they are the same
   *  (NaN never equals: it re-encodes, and fails). */
  private firstDifference(): number {
    const v = this.values;
    const c = this.cachedValues;
    const ci = this.counterIndex;
    for (let i = 0; i < v.length; i++) if (v[i] !== c[i] && i !== ci) return i;
    return -1;
  }

  private keep(slot: number): void {
    const data = this.data;
    const n = data.length;
    for (let i = 0, j = slot * n; i < n; i++, j++) this.cache[j] = data[i]!;
    this.cacheMask |= 1 << slot;
  }

  private restore(slot: number): void {
    const data = this.data;
    const n = data.length;
    for (let i = 0, j = slot * n; i < n; i++, j++) data[i] = this.cache[j]!;
  }

  private fail(code: number): never {
    const i = Math.abs(code) - 1;
    throw new Error(`sim node: cannot encode ${this.message.name}.${this.message.signals[i]!.name} = ${this.values[i]}`);
  }
}
