// Outgoing values made safe to encode: numbers clamped into their DBC range (a limit computed
// a hair above the range must not drop the frame), unknown values sent as the signal's "SNA"
// code, and enum labels turned into their raw numbers — all from the DBC, nothing by hand.
import type { Codec, DbcSignal } from '../can/index.ts';

export type TxRecord = Record<string, number>;

export class TxValues {
  private readonly signals = new Map<string, DbcSignal>();
  private readonly labelValue = new Map<string, Map<string, number>>();

  constructor(codec: Codec) {
    for (const m of codec.messages) {
      for (const s of m.signals) {
        this.signals.set(s.name, s);
        if (s.choices) this.labelValue.set(s.name, new Map([...s.choices].map(([raw, label]) => [label, raw * s.factor + s.offset])));
      }
    }
  }

  /** A physical value clamped into range; NaN, ±Infinity and null become SNA (or the minimum). */
  num(name: string, value: number | null | undefined): number {
    const s = this.sig(name);
    if (value === null || value === undefined || !Number.isFinite(value)) return this.labelValue.get(name)?.get('SNA') ?? s.min;
    return Math.min(s.max, Math.max(s.min, value));
  }

  /** The physical value of an enum label; a label the DBC lacks is a programming error. */
  label(name: string, label: string): number {
    const v = this.labelValue.get(name)?.get(label);
    if (v === undefined) throw new Error(`${name} has no label "${label}" in the DBC`);
    return v;
  }

  flag(name: string, on: boolean): number {
    this.sig(name);
    return on ? 1 : 0;
  }

  private sig(name: string): DbcSignal {
    const s = this.signals.get(name);
    if (!s) throw new Error(`no signal ${name} in the DBC`);
    return s;
  }
}
