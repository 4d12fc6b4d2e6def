// The debounce engine over the fault table (fault-table.ts explains the rules). Per fault, a counter
// in ms: while inactive it rises on bad samples and falls on good ones, and the fault activates at
// confirmMs; while active it rises on good samples and falls on bad ones, and the fault is healed at
// healMs; a healed fault clears by its rule. No evidence (−1) holds the counter.
// Arrays are copied on the first change in a tick, so a quiet tick allocates nothing. Plain arrays:
// copying a small typed array costs several times more in V8.
import type { FaultDef, FaultId } from './fault-table.ts';
import { REACTION_RANK } from './fault-table.ts';
import type { ActiveFault, BmsEvent } from './io.ts';

export const BAD = 1;
export const GOOD = 0;
export const NO_EVIDENCE = -1;

/** Per table entry, in table order. */
export interface DiagState {
  readonly counterMs: readonly number[];
  /** 1 = active. */
  readonly active: readonly number[];
  /** First activation since the last service clear (NaN = never) and the last bad sample while active. */
  readonly firstMs: readonly number[];
  readonly lastMs: readonly number[];
  readonly occurrences: readonly number[];
}

interface MutableDiag {
  counterMs: number[];
  active: number[];
  firstMs: number[];
  lastMs: number[];
  occurrences: number[];
}

export function initialDiag(table: readonly FaultDef[]): DiagState {
  const n = table.length;
  return {
    counterMs: new Array<number>(n).fill(0),
    active: new Array<number>(n).fill(0),
    firstMs: new Array<number>(n).fill(NaN),
    lastMs: new Array<number>(n).fill(NaN),
    occurrences: new Array<number>(n).fill(0),
  };
}

function copy(s: DiagState): MutableDiag {
  return {
    counterMs: s.counterMs.slice(),
    active: s.active.slice(),
    firstMs: s.firstMs.slice(),
    lastMs: s.lastMs.slice(),
    occurrences: s.occurrences.slice(),
  };
}

export interface DiagRequests {
  readonly reset: boolean;
  readonly serviceClear: boolean;
}

/** The four possible requests, made once and frozen (the step asks every tick). */
const DIAG_REQUESTS: readonly DiagRequests[] = [
  Object.freeze({ reset: false, serviceClear: false }),
  Object.freeze({ reset: true, serviceClear: false }),
  Object.freeze({ reset: false, serviceClear: true }),
  Object.freeze({ reset: true, serviceClear: true }),
];

/** { reset, serviceClear } without a new object. */
export function diagRequests(reset: boolean, serviceClear: boolean): DiagRequests {
  return DIAG_REQUESTS[(reset ? 1 : 0) | (serviceClear ? 2 : 0)]!;
}

export function diagnose(
  s: DiagState,
  table: readonly FaultDef[],
  evidence: Int8Array,
  sampleMs: number,
  nowMs: number,
  req: DiagRequests,
  events: BmsEvent[],
): DiagState {
  let out: MutableDiag | undefined;
  // Most faults are inactive at zero with no bad sample: nothing can change for them (without a
  // service clear, which may erase history), so they are skipped before any arithmetic.
  const quiet = sampleMs >= 0 && !req.serviceClear;
  for (let i = 0; i < table.length; i++) {
    const ev = evidence[i]!;
    const c = s.counterMs[i]!;
    if (quiet && ev !== BAD && c === 0 && s.active[i] !== 1) continue;
    const f = table[i]!;
    const wasActive = s.active[i] === 1;
    let counter = c;
    let active = wasActive;
    let cleared = false;
    if (!wasActive) {
      if (ev === BAD) counter = Math.min(c + sampleMs, f.confirmMs);
      else if (ev === GOOD) counter = Math.max(c - sampleMs, 0);
      if (ev === BAD && counter >= f.confirmMs) {
        active = true;
        counter = 0;
      }
    } else {
      if (ev === GOOD) counter = Math.min(c + sampleMs, f.healMs);
      else if (ev === BAD) counter = Math.max(c - sampleMs, 0);
      const healed = counter >= f.healMs;
      if (healed && (f.clear === 'selfHeal' || (f.clear === 'onReset' && req.reset) || (f.clear === 'service' && req.serviceClear))) {
        active = false;
        cleared = true;
        counter = 0;
      }
    }
    const touch = active && ev === BAD;
    const erase = req.serviceClear && !active && s.occurrences[i]! > 0;
    if (counter === c && active === wasActive && !touch && !erase) continue;
    out ??= copy(s);
    out.counterMs[i] = counter;
    out.active[i] = active ? 1 : 0;
    if (active && !wasActive) {
      if (Number.isNaN(out.firstMs[i]!)) out.firstMs[i] = nowMs;
      out.occurrences[i] = out.occurrences[i]! + 1;
      events.push({ kind: 'faultActive', id: f.id, code: f.code });
    }
    if (touch) out.lastMs[i] = nowMs;
    if (cleared) events.push({ kind: 'faultCleared', id: f.id, code: f.code });
    if (erase) {
      // The workshop's clear erases the history of faults that are over.
      out.firstMs[i] = NaN;
      out.lastMs[i] = NaN;
      out.occurrences[i] = 0;
    }
  }
  return out ?? s;
}

/** What the active faults demand, strongest reaction first. */
export interface DiagSummary {
  readonly critical: boolean;
  readonly emergency: boolean;
  readonly forcedOpen: boolean;
  readonly stopDrive: boolean;
  readonly stopCharge: boolean;
  readonly derate: boolean;
  readonly closeBlocked: boolean;
  readonly anyActive: boolean;
}

export function summarize(s: DiagState, table: readonly FaultDef[]): DiagSummary {
  let rank = 0;
  let critical = false;
  let closeBlocked = false;
  let anyActive = false;
  let derate = false;
  for (let i = 0; i < table.length; i++) {
    if (s.active[i] !== 1) continue;
    const f = table[i]!;
    anyActive = true;
    const r = REACTION_RANK[f.reaction];
    if (r > rank) rank = r;
    if (f.reaction === 'derate') derate = true;
    if (f.severity === 'critical') critical = true;
    if (f.blocksClose || f.severity === 'critical') closeBlocked = true;
  }
  return {
    critical,
    emergency: rank >= REACTION_RANK.emergencyOpen,
    forcedOpen: rank >= REACTION_RANK.openContactors,
    stopDrive: rank >= REACTION_RANK.stopChargeAndDrive,
    stopCharge: rank >= REACTION_RANK.stopCharge,
    derate,
    closeBlocked,
    anyActive,
  };
}

const NO_FAULTS: readonly ActiveFault[] = Object.freeze([]);
const NO_WARNINGS: readonly FaultId[] = Object.freeze([]);

/** What the outputs show of a diagnosis state; the step keeps it until the state changes. */
export interface DiagView {
  readonly summary: DiagSummary;
  /** Active faults of every severity. */
  readonly faults: readonly ActiveFault[];
  /** Ids of the active warnings (severity warning or info). */
  readonly warnings: readonly FaultId[];
}

export function diagView(s: DiagState, table: readonly FaultDef[]): DiagView {
  const summary = summarize(s, table);
  if (!summary.anyActive) return { summary, faults: NO_FAULTS, warnings: NO_WARNINGS };
  const faults = activeFaults(s, table);
  const warnings: FaultId[] = [];
  for (const f of faults) if (f.severity === 'warning' || f.severity === 'info') warnings.push(f.id);
  return { summary, faults, warnings };
}

export function activeFaults(s: DiagState, table: readonly FaultDef[]): ActiveFault[] {
  const out: ActiveFault[] = [];
  for (let i = 0; i < table.length; i++) {
    if (s.active[i] === 1) out.push(entry(s, table, i));
  }
  return out;
}

/** Faults that were active since the last service clear and are over now. */
export function faultHistory(s: DiagState, table: readonly FaultDef[]): ActiveFault[] {
  const out: ActiveFault[] = [];
  for (let i = 0; i < table.length; i++) {
    if (s.active[i] !== 1 && s.occurrences[i]! > 0) out.push(entry(s, table, i));
  }
  return out;
}

function entry(s: DiagState, table: readonly FaultDef[], i: number): ActiveFault {
  const f = table[i]!;
  return { id: f.id, code: f.code, text: f.text, severity: f.severity, reaction: f.reaction, firstMs: s.firstMs[i]!, lastMs: s.lastMs[i]!, occurrences: s.occurrences[i]! };
}
