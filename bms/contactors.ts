// The three switched paths together: main (with precharge), DC charge and OBC relay. Phase 1 judges
// every feedback against the commands in force (for diagnosis); phase 2 runs the machines with the
// diagnosis result and applies the interlocks. Invariant 1: the OBC relay and the DC-charge
// contactors never close together, and a switch-over passes through both open with feedback confirmed.
// The DC path sits behind the main contactors, so it closes only with main closed.
import type { BmsConfig } from './config.ts';
import type { BmsEvent, ContactorName, Feedback } from './io.ts';
import { CONTACTOR_NAMES, feedbackAt } from './io.ts';
import type { PackSnapshot } from './monitoring.ts';
import { commit, OPEN_WATCH, verdictOf, watchAfter, type FeedbackWatch, type Verdict } from './contactor-feedback.ts';
import { INITIAL_MAIN, mainCommands, mainStep, type MainCommands, type MainPath } from './main-path.ts';
import { INITIAL_SWITCH, SWITCH_CLOSED, switchStep, type SwitchPath } from './switch-path.ts';

export interface ContactorsState {
  readonly main: MainPath;
  readonly dc: SwitchPath;
  readonly obc: SwitchPath;
  /** One per contactor, in CONTACTOR_NAMES order. */
  readonly watches: readonly FeedbackWatch[];
  /** Since when current has flowed with every path open and confirmed; NaN when not. */
  readonly weldCurrentSinceMs: number;
}

export const INITIAL_CONTACTORS: ContactorsState = {
  main: INITIAL_MAIN,
  dc: INITIAL_SWITCH,
  obc: INITIAL_SWITCH,
  watches: CONTACTOR_NAMES.map(() => OPEN_WATCH),
  weldCurrentSinceMs: NaN,
};

export interface FeedbackCheck {
  /** In CONTACTOR_NAMES order. */
  readonly verdicts: readonly Verdict[];
  readonly watches: readonly FeedbackWatch[];
  /** Every contactor commanded open and reported open. */
  readonly allOpenConfirmed: boolean;
  readonly weldByCurrent: boolean;
  readonly weldCurrentSinceMs: number;
}

/** Every feedback as commanded: shared, so a quiet tick builds no verdict arrays. */
const ALL_OK: readonly Verdict[] = Object.freeze(CONTACTOR_NAMES.map((): Verdict => 'ok'));
const MAIN_OK: readonly Verdict[] = Object.freeze(['ok', 'ok', 'ok'] as Verdict[]);
const DC_OK: readonly Verdict[] = Object.freeze(['ok', 'ok'] as Verdict[]);
const OBC_OK: readonly Verdict[] = Object.freeze(['ok'] as Verdict[]);

export function checkFeedback(s: ContactorsState, snap: PackSnapshot, cfg: BmsConfig, nowMs: number): FeedbackCheck {
  const timeout = cfg.contactors.feedbackTimeoutMs;
  // Arrays are made only on the first verdict that is not ok or watch that changes.
  let verdicts: Verdict[] | undefined;
  let watches: FeedbackWatch[] | undefined;
  let allOpenConfirmed = true;
  for (let i = 0; i < CONTACTOR_NAMES.length; i++) {
    const w = s.watches[i]!;
    const fb = feedbackAt(snap.feedback, i);
    const verdict = verdictOf(w, fb, nowMs, timeout);
    const watch = watchAfter(w, fb, nowMs);
    if (verdict !== 'ok' && verdicts === undefined) verdicts = ALL_OK.slice(0, i);
    if (verdicts !== undefined) verdicts.push(verdict);
    if (watch !== w && watches === undefined) watches = s.watches.slice(0, i);
    if (watches !== undefined) watches.push(watch);
    if (w.commandClosed || fb !== 'open') allOpenConfirmed = false;
  }
  // No current can pass open contacts: current with everything open proves a weld the aux contacts hide.
  const flowing = allOpenConfirmed && Math.abs(snap.currentA) > cfg.contactors.weldCurrentA;
  const weldCurrentSinceMs = flowing ? (Number.isNaN(s.weldCurrentSinceMs) ? nowMs : s.weldCurrentSinceMs) : NaN;
  return {
    verdicts: verdicts ?? ALL_OK,
    watches: watches ?? s.watches,
    allOpenConfirmed,
    weldByCurrent: flowing && nowMs - weldCurrentSinceMs >= timeout,
    weldCurrentSinceMs,
  };
}

export interface ContactorDemands {
  readonly mainClose: boolean;
  readonly dcClose: boolean;
  /** The DC path ends at the boost converter: no inlet-to-link voltage match applies. */
  readonly dcViaConverter: boolean;
  readonly obcClose: boolean;
  readonly emergency: boolean;
  /** A critical fault: every path opens (below the break current or after the bounded wait). */
  readonly forcedOpen: boolean;
  /** No path may close. */
  readonly closeBlocked: boolean;
  /** A fault forbids charging: the DC path opens and may not close. */
  readonly chargeBlocked: boolean;
  readonly reset: boolean;
  readonly serviceClear: boolean;
}

export type Commands = Record<ContactorName, boolean>;

export function contactorsStep(
  s: ContactorsState,
  check: FeedbackCheck,
  snap: PackSnapshot,
  d: ContactorDemands,
  cfg: BmsConfig,
  nowMs: number,
  events: BmsEvent[],
): { state: ContactorsState; commands: Readonly<Commands> } {
  const cc = cfg.contactors;
  const fb = snap.feedback;
  const v = check.verdicts;
  const currentA = snap.currentA;

  const m = mainStep(s.main, {
    nowMs,
    cfg: cc,
    wantClose: d.mainClose && !d.closeBlocked && !d.forcedOpen && !d.emergency,
    wantOpen: !d.mainClose || d.forcedOpen,
    emergency: d.emergency,
    neg: fb.mainNeg,
    pre: fb.precharge,
    pos: fb.mainPos,
    verdicts: v === ALL_OK ? MAIN_OK : [v[1]!, v[2]!, v[0]!],
    weldByCurrent: check.weldByCurrent,
    packV: snap.packVoltageBestV,
    linkV: snap.linkVoltageV,
    currentA,
    reset: d.reset,
    serviceClear: d.serviceClear,
  });
  if (m.event) events.push({ kind: 'contactor', path: 'main', from: s.main.state, to: m.path.state, event: m.event });

  // Invariant 1: the DC path starts closing only with the OBC relay open, commanded and confirmed.
  const obcOpen = s.obc.state === 'open' && !s.watches[5]!.commandClosed && fb.obcRelay === 'open';
  const dc = switchStep(s.dc, {
    nowMs,
    cfg: cc,
    wantClose: d.dcClose && !d.obcClose && m.path.state === 'closed' && !d.closeBlocked && !d.chargeBlocked && !d.forcedOpen && !d.emergency,
    readyToClose: obcOpen && (d.dcViaConverter || Math.abs(snap.inletVoltageV - snap.linkVoltageV) <= cc.dcMatchV),
    wantOpen: !d.dcClose || d.forcedOpen || d.chargeBlocked || m.path.state !== 'closed',
    emergency: d.emergency,
    feedback: feedbackPair(fb.dcPos, fb.dcNeg),
    verdicts: v === ALL_OK ? DC_OK : [v[3]!, v[4]!],
    // The DC path carries only charge current into the pack (export is a later step, DESIGN.md §6);
    // the link loads' draw (TMS, 12 V) shows on the shunt but never flows through these contacts.
    currentA: Math.max(0, currentA),
    reset: d.reset,
    serviceClear: d.serviceClear,
  });
  if (dc.event) events.push({ kind: 'contactor', path: 'dc', from: s.dc.state, to: dc.path.state, event: dc.event });

  // … and the OBC relay only with the DC path open this tick, commanded and confirmed.
  const dcOpen = dc.path.state === 'open' && !s.watches[3]!.commandClosed && !s.watches[4]!.commandClosed && fb.dcPos === 'open' && fb.dcNeg === 'open';
  const obc = switchStep(s.obc, {
    nowMs,
    cfg: cc,
    wantClose: d.obcClose && !d.dcClose && !d.closeBlocked && !d.forcedOpen && !d.emergency,
    readyToClose: dcOpen,
    wantOpen: !d.obcClose || d.forcedOpen,
    emergency: d.emergency,
    feedback: feedbackOne(fb.obcRelay),
    verdicts: v === ALL_OK ? OBC_OK : [v[5]!],
    currentA,
    reset: d.reset,
    serviceClear: d.serviceClear,
  });
  if (obc.event) events.push({ kind: 'contactor', path: 'obc', from: s.obc.state, to: obc.path.state, event: obc.event });

  const dcClosed = SWITCH_CLOSED[dc.path.state];
  let obcClosed = SWITCH_CLOSED[obc.path.state];
  if (obcClosed && dcClosed) obcClosed = false; // unreachable by the interlocks above; invariant 1 holds regardless
  const commands = commandSet(mainCommands(m.path), dcClosed, obcClosed);
  const w = check.watches;
  const w0 = commit(w[0]!, commands.mainPos, nowMs);
  const w1 = commit(w[1]!, commands.mainNeg, nowMs);
  const w2 = commit(w[2]!, commands.precharge, nowMs);
  const w3 = commit(w[3]!, commands.dcPos, nowMs);
  const w4 = commit(w[4]!, commands.dcNeg, nowMs);
  const w5 = commit(w[5]!, commands.obcRelay, nowMs);
  const same = w0 === w[0] && w1 === w[1] && w2 === w[2] && w3 === w[3] && w4 === w[4] && w5 === w[5];
  const watches = same ? w : [w0, w1, w2, w3, w4, w5];
  // A quiet tick (nothing moved, nothing timed) keeps the state object itself.
  const quiet = m.path === s.main && dc.path === s.dc && obc.path === s.obc && watches === s.watches && Object.is(check.weldCurrentSinceMs, s.weldCurrentSinceMs);
  return {
    state: quiet ? s : { main: m.path, dc: dc.path, obc: obc.path, watches, weldCurrentSinceMs: check.weldCurrentSinceMs },
    commands,
  };
}

/** The usual feedback lists, shared (the switch machines only read them); others are made. */
const BOTH_OPEN: readonly Feedback[] = Object.freeze(['open', 'open'] as Feedback[]);
const BOTH_CLOSED: readonly Feedback[] = Object.freeze(['closed', 'closed'] as Feedback[]);
const ONE: Readonly<Record<Feedback, readonly Feedback[]>> = {
  open: Object.freeze(['open'] as Feedback[]),
  closed: Object.freeze(['closed'] as Feedback[]),
  unknown: Object.freeze(['unknown'] as Feedback[]),
};

function feedbackPair(a: Feedback, b: Feedback): readonly Feedback[] {
  if (a === b && a === 'open') return BOTH_OPEN;
  if (a === b && a === 'closed') return BOTH_CLOSED;
  return [a, b];
}

function feedbackOne(a: Feedback): readonly Feedback[] {
  return a === 'open' ? ONE.open : a === 'closed' ? ONE.closed : ONE.unknown;
}

/** The 32 possible command sets, made once and frozen: a tick only picks one. */
const COMMAND_SETS: readonly Readonly<Commands>[] = Array.from({ length: 32 }, (_, k) =>
  Object.freeze({ mainPos: (k & 4) !== 0, mainNeg: (k & 1) !== 0, precharge: (k & 2) !== 0, dcPos: (k & 8) !== 0, dcNeg: (k & 8) !== 0, obcRelay: (k & 16) !== 0 }),
);

function commandSet(mc: MainCommands, dcClosed: boolean, obcClosed: boolean): Readonly<Commands> {
  return COMMAND_SETS[(mc.neg ? 1 : 0) | (mc.pre ? 2 : 0) | (mc.pos ? 4 : 0) | (dcClosed ? 8 : 0) | (obcClosed ? 16 : 0)]!;
}
