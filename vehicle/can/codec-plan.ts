// Per-signal plans: everything the generated encode/decode functions need, computed once.
import type { DbcMessage, DbcSignal, MuxRange } from './dbc-model.ts';
import { layoutProblem, signalChunks, type BitChunk } from './dbc-layout.ts';

export type RawKind = 'int' | 'big' | 'float' | 'double';

export interface SignalPlan {
  index: number;
  signal: DbcSignal;
  /** Why the codec cannot handle this signal; undefined when it can. */
  unusable?: string;
  chunks: BitChunk[];
  kind: RawKind;
  /** Raw limits of the bit field (signed: two's complement). */
  fieldMin: number;
  fieldMax: number;
  /** Raw (or, for float/double, physical) bounds checked on decode and encode; undefined = none. */
  checkLo?: number;
  checkHi?: number;
  /** Raw values listed in VAL_ that lie outside the checked range: allowed anyway. */
  exemptRaw: number[];
  /** Raw values whose VAL_ label is "SNA". */
  snaRaw: number[];
  /** Index of the switch signal this one depends on, or -1. */
  switchIndex: number;
  muxRanges: readonly MuxRange[];
  /** Depth in the multiplexer tree (0 = not multiplexed); switches are computed first. */
  depth: number;
}

/** Largest integer signal decoded on the exact number path; longer ones use BigInt. */
export const MAX_NUMBER_BITS = 53;

function pow2(n: number): number {
  return 2 ** n;
}

function rawBounds(sig: DbcSignal, fieldMin: number, fieldMax: number): { lo?: number; hi?: number } {
  // [0|0] (and any min == max) means "not specified" in real files; min > max is warned about by the parser.
  if (!(sig.min < sig.max)) return {};
  let a = (sig.min - sig.offset) / sig.factor;
  let b = (sig.max - sig.offset) / sig.factor;
  if (a > b) [a, b] = [b, a];
  const eps = Math.max(1e-6, Math.abs(b) * 1e-12);
  const lo = Math.max(fieldMin, Math.ceil(a - eps));
  const hi = Math.min(fieldMax, Math.floor(b + eps));
  if (lo > hi) return {}; // the declared range misses the field entirely: nothing sensible to check
  if (lo === fieldMin && hi === fieldMax) return {};
  return { lo, hi };
}

function physicalBounds(sig: DbcSignal): { lo?: number; hi?: number } {
  if (!(sig.min < sig.max)) return {};
  const eps = (sig.max - sig.min) * 1e-9;
  return { lo: sig.min - eps, hi: sig.max + eps };
}

export function planSignals(msg: DbcMessage): SignalPlan[] {
  const indexByName = new Map(msg.signals.map((s, i) => [s.name, i]));
  const plans = msg.signals.map((signal, index): SignalPlan => {
    const L = signal.length;
    let unusable = layoutProblem(signal, msg.length);
    if (!unusable && !(Number.isFinite(signal.factor) && signal.factor !== 0)) unusable = `factor ${signal.factor}`;
    if (!unusable && !Number.isFinite(signal.offset)) unusable = `offset ${signal.offset}`;
    const kind: RawKind = signal.valueType !== 'integer' ? signal.valueType : L > MAX_NUMBER_BITS ? 'big' : 'int';
    const fieldMin = signal.signed && kind !== 'float' && kind !== 'double' ? -pow2(L - 1) : 0;
    const fieldMax = signal.signed && kind !== 'float' && kind !== 'double' ? pow2(L - 1) - 1 : pow2(L) - 1;
    const bounds = kind === 'float' || kind === 'double' ? physicalBounds(signal) : rawBounds(signal, fieldMin, fieldMax);
    const exemptRaw: number[] = [];
    const snaRaw: number[] = [];
    for (const [raw, label] of signal.choices ?? []) {
      if (!Number.isInteger(raw) || raw < fieldMin || raw > fieldMax) continue;
      if (/^sna$/i.test(label.trim())) snaRaw.push(raw);
      if (bounds.lo !== undefined && (raw < bounds.lo || raw > bounds.hi!)) exemptRaw.push(raw);
    }
    const switchIndex = signal.multiplexerSwitch !== undefined ? (indexByName.get(signal.multiplexerSwitch) ?? -1) : -1;
    const plan: SignalPlan = {
      index, signal, chunks: unusable ? [] : signalChunks(signal), kind, fieldMin, fieldMax, exemptRaw, snaRaw,
      switchIndex, muxRanges: switchIndex >= 0 ? (signal.multiplexerValues ?? []) : [], depth: 0,
    };
    if (unusable) plan.unusable = unusable;
    if (bounds.lo !== undefined) {
      plan.checkLo = bounds.lo;
      plan.checkHi = bounds.hi!;
    }
    return plan;
  });
  for (const p of plans) {
    let d = 0;
    for (let s = p.switchIndex; s >= 0 && d <= plans.length; s = plans[s]!.switchIndex) d++;
    p.depth = d;
  }
  // A signal whose switch cannot be decoded cannot be selected either.
  for (const p of [...plans].sort((a, b) => a.depth - b.depth)) {
    const sw = p.switchIndex >= 0 ? plans[p.switchIndex]! : undefined;
    if (sw?.unusable && !p.unusable) p.unusable = `its multiplexer ${sw.signal.name} is unusable`;
  }
  return plans;
}
