// Outgoing values made safe to encode: numbers clamped into their DBC range (a limit computed
// a hair above the range must not drop the frame), unknown values sent as the signal's "SNA"
// code, and enum labels turned into their raw numbers — all from the DBC, nothing by hand.
// A composer writes one message through a TxWriter straight into the values by signal index
// that the codec encodes (no record per frame).
import type { Codec, CompiledMessage } from '../can/index.ts';

export type TxRecord = Record<string, number>;

/** One signal as the composers need it, resolved once. */
interface TxSignal {
  min: number;
  max: number;
  /** The physical value sent for an unknown number: the "SNA" label's, else the minimum. */
  unknown: number;
  /** Physical value of each enum label; undefined for a plain number. */
  labels: ReadonlyMap<string, number> | undefined;
}

/** A TxSignal at its index in one message. */
interface TxField extends TxSignal {
  index: number;
}

/** The DBC's outgoing-value rules, by signal name (a later signal of the same name wins). */
export class TxValues {
  private readonly signals = new Map<string, TxSignal>();

  constructor(codec: Codec) {
    for (const m of codec.messages) {
      for (const s of m.signals) {
        // A later signal of the same name wins; its labels only when it has some (as before).
        const labels = s.choices ? new Map([...s.choices].map(([raw, label]) => [label, raw * s.factor + s.offset])) : this.signals.get(s.name)?.labels;
        this.signals.set(s.name, { min: s.min, max: s.max, unknown: labels?.get('SNA') ?? s.min, labels });
      }
    }
  }

  /** A writer for one message, into `values` (index = signal index in the message). */
  writer(message: CompiledMessage, values: Float64Array): TxWriter {
    const fields = new Map<string, TxField>();
    message.signals.forEach((s, index) => {
      const rule = this.signals.get(s.name)!;
      if (!fields.has(s.name)) fields.set(s.name, { ...rule, index });
    });
    return new TxWriter(message.name, fields, values);
  }
}

/**
 * Writes one message's values by signal index. A composer writes the same signals in the same
 * order every time, so the k-th write remembers the name and field it had last time: a pointer
 * compare of the literal instead of a name lookup per signal (a different name, e.g. a composer
 * with a branch, just looks it up). Labels likewise remember the last label and its value.
 */
export class TxWriter {
  private cursor = 0;
  private readonly names: string[] = [];
  private readonly fieldAt: TxField[] = [];
  private readonly lastLabel: (string | undefined)[] = [];
  private readonly lastLabelValue: number[] = [];

  constructor(
    private readonly message: string,
    private readonly fields: ReadonlyMap<string, TxField>,
    readonly values: Float64Array,
  ) {}

  /** Starts a message: the writes that follow are counted from the first again. */
  begin(): void {
    this.cursor = 0;
  }

  /** A physical value clamped into range; NaN, ±Infinity and null become SNA (or the minimum). */
  num(name: string, value: number | null | undefined): void {
    const f = this.field(name);
    this.values[f.index] = value === null || value === undefined || !Number.isFinite(value) ? f.unknown : Math.min(f.max, Math.max(f.min, value));
  }

  /** The physical value of an enum label; a label the DBC lacks is a programming error. */
  label(name: string, label: string): void {
    const k = this.cursor;
    const f = this.field(name);
    if (this.lastLabel[k] === label) {
      this.values[f.index] = this.lastLabelValue[k]!;
      return;
    }
    const v = f.labels?.get(label);
    if (v === undefined) throw new Error(`${name} has no label "${label}" in the DBC`);
    this.lastLabel[k] = label;
    this.lastLabelValue[k] = v;
    this.values[f.index] = v;
  }

  flag(name: string, on: boolean): void {
    this.values[this.field(name).index] = on ? 1 : 0;
  }

  private field(name: string): TxField {
    const k = this.cursor++;
    if (this.names[k] === name) return this.fieldAt[k]!;
    const f = this.fields.get(name);
    if (!f) throw new Error(`no signal ${name} in ${this.message} in the DBC`);
    this.names[k] = name;
    this.fieldAt[k] = f;
    this.lastLabel[k] = undefined;
    return f;
  }
}
