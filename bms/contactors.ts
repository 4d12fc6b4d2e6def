// The three switched paths together: main (with precharge), DC charge and OBC relay. Phase 1 judges
// every feedback against the commands in force (for diagnosis); phase 2 runs the machines with the
// diagnosis result and applies the interlocks. Invariant 1: the OBC relay and the DC-charge
// contactors never close together, and a switch-over passes through both open with feedback confirmed.
// The DC path sits behind the main contactors, so it closes only with main closed.
import type { BmsConfig } from './config.ts';
import type { BmsEvent, ContactorName } from './io.ts';
import { CONTACTOR_NAMES } from './io.ts';
import type { PackSnapshot } from './monitoring.ts';
import { commit, judge, OPEN_WATCH, type FeedbackWatch, type Verdict } from './contactor-feedback.ts';
import { INITIAL_MAIN, mainCommands, mainStep, type MainPath } from './main-path.ts';
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

export function checkFeedback(s: ContactorsState, snap: PackSnapshot, cfg: BmsConfig, nowMs: number): FeedbackCheck {
  const timeout = cfg.contactors.feedbackTimeoutMs;
  const verdicts: Verdict[] = [];
  const watches: FeedbackWatch[] = [];
  let allOpenConfirmed = true;
  for (let i = 0; i < CONTACTOR_NAMES.length; i++) {
    const w = s.watches[i]!;
    const fb = snap.feedback[CONTACTOR_NAMES[i]!];
    const j = judge(w, fb, nowMs, timeout);
    verdicts.push(j.verdict);
    watches.push(j.watch);
    if (w.commandClosed || fb !== 'open') allOpenConfirmed = false;
  }
  // No current can pass open contacts: current with everything open proves a weld the aux contacts hide.
  const flowing = allOpenConfirmed && Math.abs(snap.currentA) > cfg.contactors.weldCurrentA;
  const weldCurrentSinceMs = flowing ? (Number.isNaN(s.weldCurrentSinceMs) ? nowMs : s.weldCurrentSinceMs) : NaN;
  return { verdicts, watches, allOpenConfirmed, weldByCurrent: flowing && nowMs - weldCurrentSinceMs >= timeout, weldCurrentSinceMs };
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
): { state: ContactorsState; commands: Commands } {
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
    verdicts: [v[1]!, v[2]!, v[0]!],
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
    feedback: [fb.dcPos, fb.dcNeg],
    verdicts: [v[3]!, v[4]!],
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
    feedback: [fb.obcRelay],
    verdicts: [v[5]!],
    currentA,
    reset: d.reset,
    serviceClear: d.serviceClear,
  });
  if (obc.event) events.push({ kind: 'contactor', path: 'obc', from: s.obc.state, to: obc.path.state, event: obc.event });

  const mc = mainCommands(m.path);
  const dcClosed = SWITCH_CLOSED[dc.path.state];
  let obcClosed = SWITCH_CLOSED[obc.path.state];
  if (obcClosed && dcClosed) obcClosed = false; // unreachable by the interlocks above; invariant 1 holds regardless
  const commands: Commands = { mainPos: mc.pos, mainNeg: mc.neg, precharge: mc.pre, dcPos: dcClosed, dcNeg: dcClosed, obcRelay: obcClosed };
  const w = check.watches;
  const watches = [
    commit(w[0]!, commands.mainPos, nowMs),
    commit(w[1]!, commands.mainNeg, nowMs),
    commit(w[2]!, commands.precharge, nowMs),
    commit(w[3]!, commands.dcPos, nowMs),
    commit(w[4]!, commands.dcNeg, nowMs),
    commit(w[5]!, commands.obcRelay, nowMs),
  ];
  return {
    state: { main: m.path, dc: dc.path, obc: obc.path, watches, weldCurrentSinceMs: check.weldCurrentSinceMs },
    commands,
  };
}
