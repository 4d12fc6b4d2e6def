// Outgoing values made safe to encode: numbers clamped into their DBC range (a limit computed
// a hair above the range must not drop the frame), unknown values sent as the signal's "SNA"
// code, and enum labels turned into their raw numbers — all from the DBC, nothing by hand.
import type { Codec } from '../can/index.ts';

export type TxRecord = Record<string, number>;

/** One signal as the composers need it, resolved once (one lookup per value on the hot path). */
interface TxSignal {
  min: number;
  max: number;
  /** The physical value sent for an unknown number: the "SNA" label's, else the minimum. */
  unknown: number;
  /** Physical value of each enum label; undefined for a plain number. */
  labels: ReadonlyMap<string, number> | undefined;
}

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

  /** A physical value clamped into range; NaN, ±Infinity and null become SNA (or the minimum). */
  num(name: string, value: number | null | undefined): number {
    const s = this.sig(name);
    if (value === null || value === undefined || !Number.isFinite(value)) return s.unknown;
    return Math.min(s.max, Math.max(s.min, value));
  }

  /** The physical value of an enum label; a label the DBC lacks is a programming error. */
  label(name: string, label: string): number {
    const v = this.signals.get(name)?.labels?.get(label);
    if (v === undefined) throw new Error(`${name} has no label "${label}" in the DBC`);
    return v;
  }

  flag(name: string, on: boolean): number {
    this.sig(name);
    return on ? 1 : 0;
  }

  private sig(name: string): TxSignal {
    const s = this.signals.get(name);
    if (!s) throw new Error(`no signal ${name} in the DBC`);
    return s;
  }
}
