// Reading the signal store the way the domains want it: a value with validity and age, numbers
// in physical units and enums as their DBC labels (the contract names them once, in the DBC).
import type { Codec, SignalHandle, SignalStore } from '../can/index.ts';

export interface Reading<T> {
  value: T;
  valid: boolean;
  ageMs: number;
}

/** One signal resolved once: its store handle and, for an enum, its labels by raw value. */
interface Resolved {
  handle: SignalHandle;
  labels: ReadonlyMap<number, string> | undefined;
}

export class Signals {
  private readonly labels = new Map<string, Map<number, string>>();
  private readonly values = new Map<string, Map<string, number>>();
  /** Name → handle, filled on first use (a tick reads ~100 signals; one lookup each, no allocation). */
  private readonly resolved = new Map<string, Resolved>();

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
    const store = this.store;
    const value = store.peek(this.resolve(name).handle, nowMs);
    return { value, valid: store.peekValid, ageMs: store.peekAgeMs };
  }

  /** The label of an enum signal; an unlabelled raw value reads as invalid. */
  label(name: string, nowMs: number): Reading<string> {
    const store = this.store;
    const r = this.resolve(name);
    const raw = store.peek(r.handle, nowMs);
    const label = r.labels?.get(raw);
    return { value: label ?? '', valid: store.peekValid && label !== undefined, ageMs: store.peekAgeMs };
  }

  flag(name: string, nowMs: number): Reading<boolean> {
    const store = this.store;
    const value = store.peek(this.resolve(name).handle, nowMs);
    return { value: value === 1, valid: store.peekValid, ageMs: store.peekAgeMs };
  }

  /** Raw value for an enum label of an outgoing signal; throws on a typo (programming error). */
  valueOf(name: string, label: string): number {
    const v = this.values.get(name)?.get(label);
    if (v === undefined) throw new Error(`${name} has no label ${label} in the DBC`);
    return v;
  }

  private resolve(name: string): Resolved {
    let r = this.resolved.get(name);
    if (r === undefined) {
      r = { handle: this.store.handle(name), labels: this.labels.get(name) };
      this.resolved.set(name, r);
    }
    return r;
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
