// Round-trip helper for the codec tests: for every multiplexer selection of a message, picks
// values inside each signal's range on its resolution grid, encodes, decodes, and reports any
// signal that does not come back. Deterministic (seeded PRNG).
import type { CompiledMessage } from '../../../vehicle/can/codec.ts';
import type { SignalPlan } from '../../../vehicle/can/codec-plan.ts';
import { signalBitPositions } from '../../../vehicle/can/dbc-layout.ts';
import { SIGNAL_OK, SIGNAL_SNA } from '../../../vehicle/can/codec-status.ts';

export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Selection = Map<number, number>; // switch index → raw value

function rawLimits(p: SignalPlan): [number, number] {
  // Above 2^53 the field maximum 2^L - 1 is no double: the largest double below 2^L is.
  const L = p.signal.length;
  const fieldMax = p.kind === 'big' ? p.fieldMax - 2 ** (L - 53 - (p.signal.signed ? 1 : 0)) : p.fieldMax;
  return [p.checkLo ?? p.fieldMin, Math.min(p.checkHi ?? fieldMax, fieldMax)];
}

function allowedRaw(p: SignalPlan, raw: number): boolean {
  const [lo, hi] = rawLimits(p);
  return (raw >= lo && raw <= hi) || p.exemptRaw.includes(raw);
}

function isActive(plans: readonly SignalPlan[], p: SignalPlan, sel: Selection): boolean {
  if (p.switchIndex < 0) return true;
  const v = sel.get(p.switchIndex);
  if (v === undefined || !isActive(plans, plans[p.switchIndex]!, sel)) return false;
  return p.muxRanges.some(([lo, hi]) => v >= lo && v <= hi);
}

/** Every combination of switch values that selects some signal (capped), switches by depth. */
export function muxSelections(plans: readonly SignalPlan[], cap = 64): Selection[] {
  const switches = plans.filter((p) => p.signal.isMultiplexer && !p.unusable).sort((a, b) => a.depth - b.depth);
  let out: Selection[] = [new Map()];
  for (const sw of switches) {
    const candidates = new Set<number>();
    for (const p of plans) {
      if (p.switchIndex !== sw.index) continue;
      for (const [lo, hi] of p.muxRanges) for (const v of [lo, hi]) if (allowedRaw(sw, v)) candidates.add(v);
    }
    if (candidates.size === 0) candidates.add(rawLimits(sw)[0]);
    const next: Selection[] = [];
    for (const sel of out) {
      if (!isActive(plans, sw, sel)) {
        next.push(sel);
        continue;
      }
      for (const v of candidates) next.push(new Map(sel).set(sw.index, v));
    }
    out = next.slice(0, cap);
  }
  return out;
}

function pickRaw(p: SignalPlan, round: number, rand: () => number): number {
  const [lo, hi] = rawLimits(p);
  if (round === 0) return lo;
  if (round === 1) return hi;
  if (hi - lo < 2 ** 52) return lo + Math.floor(rand() * (hi - lo + 1));
  return Math.floor(lo + rand() * (hi - lo)); // beyond 2^53 every double is an integer
}

function pickValue(p: SignalPlan, round: number, rand: () => number): number {
  const { factor, offset } = p.signal;
  if (p.kind === 'float' || p.kind === 'double') {
    const lo = p.checkLo ?? -1e6;
    const hi = p.checkHi ?? 1e6;
    const raw = round === 0 ? (lo - offset) / factor : round === 1 ? (hi - offset) / factor : (lo + rand() * (hi - lo) - offset) / factor;
    const r = p.kind === 'float' ? Math.fround(raw) : raw;
    const v = r * factor + offset;
    return v >= lo && v <= hi ? v : offset;
  }
  return pickRaw(p, round, rand) * factor + offset;
}

export interface RoundTripFailure {
  message: string;
  signal: string;
  sent: number;
  got: number | undefined;
  detail: string;
}

/** Round-trips one message; returns the failures (empty when every signal came back). */
export function roundTripMessage(m: CompiledMessage, seed = 1): RoundTripFailure[] {
  const rand = prng(seed);
  const failures: RoundTripFailure[] = [];
  const usable = m.plans.filter((p) => !p.unusable);
  const tested = new Set<number>();
  for (const sel of muxSelections(m.plans)) {
    const active = usable.filter((p) => isActive(m.plans, p, sel));
    for (let round = 0; round < 3 || active.some((p) => !tested.has(p.index)); round++) {
      if (round > 3 + active.length) break;
      // Overlapping signals (real files have them) cannot all be sent at once: choose a
      // non-overlapping set, switches first, then untested signals first.
      const order = [...active].sort((a, b) =>
        Number(!a.signal.isMultiplexer) - Number(!b.signal.isMultiplexer) || Number(tested.has(a.index)) - Number(tested.has(b.index)));
      const used = new Set<number>();
      const values: Record<string, number> = {};
      const chosen: SignalPlan[] = [];
      for (const p of order) {
        const bits = signalBitPositions(p.signal);
        if (bits.some((b) => used.has(b))) continue;
        if (p.index === m.crcIndex) continue;
        bits.forEach((b) => used.add(b));
        const v = sel.has(p.index) ? sel.get(p.index)! * p.signal.factor + p.signal.offset : pickValue(p, round, rand);
        values[p.signal.name] = v;
        chosen.push(p);
        tested.add(p.index);
      }
      const data = m.encode(values, { allowMissing: true });
      const out = new Float64Array(m.signals.length);
      const status = new Uint8Array(m.signals.length);
      m.decodeInto(data, out, status);
      for (const p of chosen) {
        const sent = values[p.signal.name]!;
        const got = out[p.index]!;
        const same = p.kind === 'big' ? Math.abs(got - sent) <= Math.abs(sent) * 1e-15 : Object.is(got, sent) || got === sent;
        const st = status[p.index]!;
        if (!same || (st !== SIGNAL_OK && st !== SIGNAL_SNA)) {
          failures.push({ message: m.name, signal: p.signal.name, sent, got, detail: `status ${st}, data ${Buffer.from(data).toString('hex')}` });
        }
      }
    }
  }
  return failures;
}
