// AC/DC path arbitration (invariant 1). NACS carries AC and DC on the same two pins: the OBC
// relay and the DC-charge contactors are never closed together, and a switch between paths
// passes through "both open" with feedback confirmed. A grant needs the other path's feedback
// to say open now; holding a grant re-checks it every tick.
import type { PortMemo } from './port-memo.ts';
import type { PathConfig } from './config.ts';
import type { ContactFeedback } from './types.ts';

export type PathName = 'none' | 'ac' | 'dc' | 'fault';
export type PathFault = 'obc-relay-stuck-closed' | 'obc-relay-did-not-close' | 'dc-closed-while-ac' | 'obc-relay-closed-while-dc';
export type PathRefusal = 'obc-relay-closed' | 'dc-contactors-closed' | 'feedback-unknown' | 'other-path-active' | 'both-requested' | 'not-allowed' | 'path-fault';

export interface PathState {
  granted: PathName;
  /** When the present grant began; null until the first step (start-up gets the full deadline). */
  sinceMs: number | null;
  fault: PathFault | null;
  refused: { path: 'ac' | 'dc'; reason: PathRefusal } | null;
}

export interface PathInput {
  wantAc: boolean;
  wantDc: boolean;
  /** Connector and refusals permit a new AC / DC grant. */
  acAllowed: boolean;
  dcAllowed: boolean;
  /** Feedback, or 'unknown' when the reading is unusable. */
  obcRelay: ContactFeedback | 'unknown';
  dcPositive: ContactFeedback | 'unknown';
  dcNegative: ContactFeedback | 'unknown';
  plugPresent: boolean;
}

export interface PathView {
  granted: PathName;
  obcRelayCommand: ContactFeedback;
  dcContactorsAllowed: boolean;
  fault: PathFault | null;
  refused: PathState['refused'];
}

export function initialPathState(): PathState {
  return { granted: 'none', sinceMs: null, fault: null, refused: null };
}

function dcOpen(i: PathInput): boolean {
  return i.dcPositive === 'open' && i.dcNegative === 'open';
}

function refusalOf(path: 'ac' | 'dc', i: PathInput): PathRefusal | null {
  if (i.wantAc && i.wantDc) return 'both-requested';
  if (path === 'ac') {
    if (!i.acAllowed) return 'not-allowed';
    if (i.dcPositive === 'closed' || i.dcNegative === 'closed') return 'dc-contactors-closed';
    return dcOpen(i) ? null : 'feedback-unknown';
  }
  if (!i.dcAllowed) return 'not-allowed';
  if (i.obcRelay === 'closed') return 'obc-relay-closed';
  return i.obcRelay === 'open' ? null : 'feedback-unknown';
}

/** s with `refused` set (path null: cleared, reason unused): the same object when it already says so (held grants step every tick). */
function withRefused(s: PathState, path: 'ac' | 'dc' | null, reason: PathRefusal): PathState {
  if (path === null) return s.refused === null ? s : { ...s, refused: null };
  if (s.refused !== null && s.refused.path === path && s.refused.reason === reason) return s;
  return { ...s, refused: { path, reason } };
}

function fromNone(c: PathConfig, s: PathState, i: PathInput, nowMs: number): PathState {
  if (s.sinceMs === null) s = { ...s, sinceMs: nowMs };
  if (i.obcRelay === 'closed' && nowMs - (s.sinceMs ?? nowMs) >= c.relayOpenDeadlineMs) {
    return { granted: 'fault', sinceMs: nowMs, fault: 'obc-relay-stuck-closed', refused: null };
  }
  const path = i.wantAc ? 'ac' : i.wantDc ? 'dc' : null;
  if (path === null) return withRefused(s, null, 'not-allowed');
  const reason = refusalOf(path, i);
  if (reason !== null) return withRefused(s, path, reason);
  return { granted: path, sinceMs: nowMs, fault: null, refused: null };
}

/** The grant ends: released, or a fault. */
const ended = (nowMs: number, fault: PathFault | null = null): PathState =>
  ({ granted: fault === null ? 'none' : 'fault', sinceMs: nowMs, fault, refused: null });

function holdAc(c: PathConfig, s: PathState, i: PathInput, nowMs: number): PathState {
  if (i.dcPositive === 'closed' || i.dcNegative === 'closed') return ended(nowMs, 'dc-closed-while-ac');
  if (!i.wantAc || !dcOpen(i)) return ended(nowMs);
  if (i.obcRelay !== 'closed' && nowMs - (s.sinceMs ?? nowMs) >= c.relayCloseDeadlineMs) return ended(nowMs, 'obc-relay-did-not-close');
  return withRefused(s, i.wantDc ? 'dc' : null, 'other-path-active');
}

function holdDc(s: PathState, i: PathInput, nowMs: number): PathState {
  if (i.obcRelay === 'closed') return ended(nowMs, 'obc-relay-closed-while-dc');
  if (!i.wantDc || i.obcRelay !== 'open') return ended(nowMs);
  return withRefused(s, i.wantAc ? 'ac' : null, 'other-path-active');
}

function fromFault(s: PathState, i: PathInput, nowMs: number): PathState {
  // A fault holds for the plug-in; it clears once the plug is gone and every feedback says open.
  if (!i.plugPresent && i.obcRelay === 'open' && dcOpen(i)) return { granted: 'none', sinceMs: nowMs, fault: null, refused: null };
  const wanted = i.wantAc ? 'ac' : i.wantDc ? 'dc' : null;
  return withRefused(s, wanted, 'path-fault');
}

/** `memo`: the port's own; with one, the last view again while made from the same state object and commands. */
export function pathStep(config: PathConfig, state: PathState, input: PathInput, nowMs: number, memo?: PortMemo): { state: PathState; view: PathView } {
  let next: PathState;
  switch (state.granted) {
    case 'none': next = fromNone(config, state, input, nowMs); break;
    case 'ac': next = holdAc(config, state, input, nowMs); break;
    case 'dc': next = holdDc(state, input, nowMs); break;
    case 'fault': next = fromFault(state, input, nowMs); break;
  }
  return { state: next, view: memo === undefined ? pathView(next, input) : keptPathView(memo, next, input) };
}

function keptPathView(memo: PortMemo, s: PathState, i: PathInput): PathView {
  const last = memo.pathView;
  if (last !== undefined && memo.pathFrom === s) {
    const acClose = s.granted === 'ac' && dcOpen(i);
    const dcAllow = s.granted === 'dc' && i.obcRelay === 'open' && !acClose;
    if (last.obcRelayCommand === (acClose ? 'closed' : 'open') && last.dcContactorsAllowed === dcAllow) return last;
  }
  const view = pathView(s, i);
  memo.pathView = view;
  memo.pathFrom = s;
  return view;
}

/** Commands from the state, with invariant 1 re-checked against this tick's feedback. */
export function pathView(s: PathState, i: PathInput): PathView {
  const acClose = s.granted === 'ac' && dcOpen(i);
  const dcAllow = s.granted === 'dc' && i.obcRelay === 'open' && !acClose;
  return { granted: s.granted, obcRelayCommand: acClose ? 'closed' : 'open', dcContactorsAllowed: dcAllow, fault: s.fault, refused: s.refused };
}
