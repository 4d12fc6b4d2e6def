// Reading the signal store the way the domains want it: a value with validity and age, numbers
// in physical units and enums as their DBC labels (the contract names them once, in the DBC).
import type { Codec, SignalHandle, SignalStore } from '../can/index.ts';

export interface Reading<T> {
  value: T;
  valid: boolean;
  ageMs: number;
}

/**
 * One signal resolved once (at construction, never per tick): its store handle and, for an enum,
 * its labels by raw value (an array when the raw values are small integers, as in the DBC).
 */
export interface Sig {
  readonly name: string;
  readonly handle: SignalHandle;
  /** Labels by raw value; undefined when not an enum or (labelMap) when a raw value is not a small integer. */
  readonly labelArray: readonly (string | undefined)[] | undefined;
  readonly labelMap: ReadonlyMap<number, string> | undefined;
}

/** Names of signals a reader uses, by the reader's own key. */
export type SignalNames = Readonly<Record<string, string>>;
export type Resolved<N extends SignalNames> = { readonly [K in keyof N]: Sig };

/** Largest raw value a label table holds in an array. */
const LABEL_ARRAY_MAX = 1024;

export class Signals {
  private readonly labels = new Map<string, ReadonlyMap<number, string>>();
  private readonly values = new Map<string, Map<string, number>>();
  private readonly resolved = new Map<string, Sig>();

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

  /** The signal's handle and labels (construction time; throws for a name not in the DBC). */
  sig(name: string): Sig {
    let r = this.resolved.get(name);
    if (r === undefined) {
      const choices = this.labels.get(name);
      const labelArray = labelTable(choices);
      r = { name, handle: this.store.handle(name), labelArray, labelMap: labelArray === undefined ? choices : undefined };
      this.resolved.set(name, r);
    }
    return r;
  }

  /** Every signal of a reader's name table, resolved once. */
  resolve<N extends SignalNames>(names: N): Resolved<N> {
    const out: Record<string, Sig> = {};
    for (const key of Object.keys(names)) out[key] = this.sig(names[key]!);
    return out as Resolved<N>;
  }

  num(s: Sig, nowMs: number): Reading<number> {
    const store = this.store;
    const value = store.peek(s.handle, nowMs);
    return { value, valid: store.peekValid, ageMs: store.peekAgeMs };
  }

  /** The label of an enum signal; an unlabelled raw value reads as invalid. */
  label(s: Sig, nowMs: number): Reading<string> {
    const store = this.store;
    const label = labelOf(s, store.peek(s.handle, nowMs));
    return { value: label ?? '', valid: store.peekValid && label !== undefined, ageMs: store.peekAgeMs };
  }

  /**
   * The label alone, for a builder that needs no reading object (no allocation per tick):
   * undefined for an unlabelled raw value; validity and age in `store.peekValid`/`peekAgeMs`.
   */
  peekLabel(s: Sig, nowMs: number): string | undefined {
    return labelOf(s, this.store.peek(s.handle, nowMs));
  }

  /** The value alone (as `num` gives it); validity and age in `store.peekValid`/`peekAgeMs`. */
  peek(s: Sig, nowMs: number): number {
    return this.store.peek(s.handle, nowMs);
  }

  flag(s: Sig, nowMs: number): Reading<boolean> {
    const store = this.store;
    const value = store.peek(s.handle, nowMs);
    return { value: value === 1, valid: store.peekValid, ageMs: store.peekAgeMs };
  }

  /** Raw value for an enum label of an outgoing signal; throws on a typo (programming error). */
  valueOf(name: string, label: string): number {
    const v = this.values.get(name)?.get(label);
    if (v === undefined) throw new Error(`${name} has no label ${label} in the DBC`);
    return v;
  }
}

/** The label of a raw value, as `choices.get(raw)` gives it. */
export function labelOf(s: Sig, raw: number): string | undefined {
  const array = s.labelArray;
  if (array !== undefined) return raw >= 0 && raw < array.length ? array[raw] : undefined;
  return s.labelMap?.get(raw);
}

/** An array by raw value when every raw value is a small non-negative integer, else undefined. */
function labelTable(choices: ReadonlyMap<number, string> | undefined): (string | undefined)[] | undefined {
  if (choices === undefined) return undefined;
  let max = -1;
  for (const raw of choices.keys()) {
    if (!Number.isInteger(raw) || raw < 0 || raw > LABEL_ARRAY_MAX) return undefined;
    if (raw > max) max = raw;
  }
  const table: (string | undefined)[] = new Array<string | undefined>(max + 1).fill(undefined);
  for (const [raw, label] of choices) table[raw] = label;
  return table;
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

/** Equal numbers, NaN equal to NaN (a reused object must not be refused for an unknown value). */
export function sameNum(a: number, b: number): boolean {
  return a === b || (a !== a && b !== b);
}
