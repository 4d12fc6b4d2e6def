// Reading the signal store the way the domains want it: a value with validity and age, numbers
// in physical units and enums as their DBC labels (the contract names them once, in the DBC).
import type { Codec, SignalStore } from '../can/index.ts';

export interface Reading<T> {
  value: T;
  valid: boolean;
  ageMs: number;
}

export class Signals {
  private readonly labels = new Map<string, Map<number, string>>();
  private readonly values = new Map<string, Map<string, number>>();

  constructor(
    readonly store: SignalStore,
    codec: Codec,
  ) {
    for (const m of codec.messages) {
      for (const s of m.signals) {
        if (!s.choices) continue;
        this.labels.set(s.name, s.choices);
        this.values.set(s.name, new Map([...s.choices].map(([v, l]) => [l, v])));
      }
    }
  }

  num(name: string, nowMs: number): Reading<number> {
    const r = this.store.read(name, nowMs);
    return { value: r.value, valid: r.valid, ageMs: r.ageMs };
  }

  /** The label of an enum signal; an unlabelled raw value reads as invalid. */
  label(name: string, nowMs: number): Reading<string> {
    const r = this.store.read(name, nowMs);
    const label = this.labels.get(name)?.get(r.value);
    return { value: label ?? '', valid: r.valid && label !== undefined, ageMs: r.ageMs };
  }

  flag(name: string, nowMs: number): Reading<boolean> {
    const r = this.store.read(name, nowMs);
    return { value: r.value === 1, valid: r.valid, ageMs: r.ageMs };
  }

  /** Raw value for an enum label of an outgoing signal; throws on a typo (programming error). */
  valueOf(name: string, label: string): number {
    const v = this.values.get(name)?.get(label);
    if (v === undefined) throw new Error(`${name} has no label ${label} in the DBC`);
    return v;
  }
}

/** Maps a reading's value; validity and age carry over. */
export function mapReading<A, B>(r: Reading<A>, f: (a: A) => B): Reading<B> {
  return { value: f(r.value), valid: r.valid, ageMs: r.ageMs };
}

/** Several readings as one: valid only when all are, as old as the oldest. */
export function combine<T>(value: T, ...parts: Reading<unknown>[]): Reading<T> {
  let valid = true;
  let ageMs = 0;
  for (const p of parts) {
    valid &&= p.valid;
    if (p.ageMs > ageMs) ageMs = p.ageMs;
  }
  return { value, valid, ageMs };
}
