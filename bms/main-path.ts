// The main contactor path (DESIGN.md §5): main− closes, then the precharge relay charges the link
// until it is within prechargeMatchV of the pack (held prechargeHoldMs), then main+ closes and the
// precharge relay opens; each step waits for its feedback. Opening waits for the current to fall
// below the break current, bounded by openMaxWaitMs, unless in an emergency. Drawn in bms/README.md.
import type { ContactorConfig } from './config.ts';
import type { Feedback, MainPathState } from './io.ts';
import { UNKNOWN, STUCK_OPEN, verdictFlags, WELDED, type Verdict } from './contactor-feedback.ts';
import { compile, fire, type Table } from './fsm.ts';

export type MainEvent =
  | 'weld'
  | 'feedbackFault'
  | 'emergency'
  | 'prechargeFailed'
  | 'prechargeTimeout'
  | 'abort'
  | 'openBelowBreak'
  | 'openRequested'
  | 'closeResumed'
  | 'currentBelowBreak'
  | 'breakWaitExpired'
  | 'allOpenConfirmed'
  | 'negConfirmed'
  | 'prechargeMatched'
  | 'posConfirmed'
  | 'prechargeReleased'
  | 'cooldownDone'
  | 'closeRequested'
  | 'reset'
  | 'serviceClear';

/** Faults first, then aborts, then progress; a precharge that matched wins over its own timeout. */
export const MAIN_PRIORITY: readonly MainEvent[] = [
  'weld', 'feedbackFault', 'emergency', 'openBelowBreak', 'abort', 'prechargeMatched', 'prechargeFailed', 'prechargeTimeout',
  'openRequested', 'closeResumed', 'currentBelowBreak', 'breakWaitExpired', 'allOpenConfirmed', 'negConfirmed', 'posConfirmed',
  'prechargeReleased', 'cooldownDone', 'closeRequested', 'reset', 'serviceClear',
];

const FAULTS = { weld: 'welded', feedbackFault: 'fault' } as const;

export const MAIN_TRANSITIONS: Table<MainPathState, MainEvent> = {
  open: { ...FAULTS, closeRequested: 'closingNeg' },
  closingNeg: { ...FAULTS, emergency: 'openingConfirm', abort: 'openingConfirm', negConfirmed: 'precharging' },
  precharging: { ...FAULTS, emergency: 'openingConfirm', prechargeFailed: 'fault', prechargeTimeout: 'prechargeCooldown', abort: 'openingConfirm', prechargeMatched: 'closingPos' },
  prechargeCooldown: { ...FAULTS, abort: 'openingConfirm', cooldownDone: 'closingNeg' },
  closingPos: { ...FAULTS, emergency: 'openingConfirm', abort: 'openingConfirm', posConfirmed: 'releasingPrecharge' },
  releasingPrecharge: { ...FAULTS, emergency: 'openingConfirm', openBelowBreak: 'openingConfirm', abort: 'opening', prechargeReleased: 'closed' },
  closed: { ...FAULTS, emergency: 'openingConfirm', openBelowBreak: 'openingConfirm', openRequested: 'opening' },
  opening: { ...FAULTS, emergency: 'openingConfirm', closeResumed: 'closed', currentBelowBreak: 'openingConfirm', breakWaitExpired: 'openingConfirm' },
  openingConfirm: { ...FAULTS, allOpenConfirmed: 'open' },
  fault: { weld: 'welded', reset: 'open' },
  welded: { serviceClear: 'open' },
};

const MAIN_MACHINE = compile(MAIN_TRANSITIONS, MAIN_PRIORITY);

export interface MainCommands {
  readonly neg: boolean;
  readonly pre: boolean;
  readonly pos: boolean;
}

const C = (neg: boolean, pre: boolean, pos: boolean): MainCommands => ({ neg, pre, pos });
const ALL_OPEN = C(false, false, false);

export const MAIN_COMMANDS: Readonly<Record<MainPathState, MainCommands>> = {
  open: ALL_OPEN,
  closingNeg: C(true, false, false),
  precharging: C(true, true, false),
  prechargeCooldown: ALL_OPEN,
  closingPos: C(true, true, true),
  releasingPrecharge: C(true, false, true),
  closed: C(true, false, true),
  opening: C(true, false, true),
  openingConfirm: ALL_OPEN,
  fault: ALL_OPEN,
  welded: ALL_OPEN,
};

/** States that wait for a contactor to move: unknown feedback there cannot be waited out. */
const MOVING: ReadonlySet<MainPathState> = new Set(['closingNeg', 'precharging', 'prechargeCooldown', 'closingPos', 'releasingPrecharge', 'openingConfirm']);

export type MainFaultCause = 'none' | 'stuck' | 'feedback' | 'precharge';

export interface MainPath {
  readonly state: MainPathState;
  readonly enteredMs: number;
  /** Precharge attempts in this close cycle (1 = first). */
  readonly attempts: number;
  /** Since when the link has matched the pack during precharge; NaN when not. */
  readonly matchSinceMs: number;
  readonly faultCause: MainFaultCause;
  /** Precharge succeeded in this close cycle: the witness for invariant 7. */
  readonly prechargeDone: boolean;
}

export const INITIAL_MAIN: MainPath = { state: 'open', enteredMs: 0, attempts: 0, matchSinceMs: NaN, faultCause: 'none', prechargeDone: false };

export interface MainContext {
  readonly nowMs: number;
  readonly cfg: ContactorConfig;
  readonly wantClose: boolean;
  readonly wantOpen: boolean;
  readonly emergency: boolean;
  readonly neg: Feedback;
  readonly pre: Feedback;
  readonly pos: Feedback;
  readonly verdicts: readonly Verdict[];
  readonly weldByCurrent: boolean;
  readonly packV: number;
  readonly linkV: number;
  readonly currentA: number;
  readonly reset: boolean;
  readonly serviceClear: boolean;
}

/** The link has come within prechargeMatchV of the pack (NaN → false). */
function matched(x: MainContext): boolean {
  return Math.abs(x.linkV - x.packV) <= x.cfg.prechargeMatchV;
}

/** Since when the link has matched during precharge; NaN when not precharging or not matched. */
function matchSince(p: MainPath, x: MainContext): number {
  return p.state === 'precharging' && matched(x) ? (Number.isNaN(p.matchSinceMs) ? x.nowMs : p.matchSinceMs) : NaN;
}

const allOpen = (x: MainContext): boolean => x.neg === 'open' && x.pre === 'open' && x.pos === 'open';

/** Whether event e holds this tick; `verdicts` are verdictFlags(x.verdicts), found once per tick. */
function mainHolds(e: MainEvent, p: MainPath, x: MainContext, verdicts: number): boolean {
  switch (e) {
    case 'weld': return x.weldByCurrent || (verdicts & WELDED) !== 0;
    case 'feedbackFault': return (verdicts & STUCK_OPEN) !== 0 || ((verdicts & UNKNOWN) !== 0 && MOVING.has(p.state));
    case 'emergency': return x.emergency;
    case 'prechargeFailed': return x.nowMs - p.enteredMs >= x.cfg.prechargeTimeoutMs && p.attempts > x.cfg.prechargeRetries;
    case 'prechargeTimeout': return x.nowMs - p.enteredMs >= x.cfg.prechargeTimeoutMs;
    case 'abort': return !x.wantClose;
    case 'openBelowBreak': return x.wantOpen && Math.abs(x.currentA) < x.cfg.breakCurrentA;
    case 'openRequested': return x.wantOpen;
    case 'closeResumed': return x.wantClose && !x.wantOpen;
    case 'currentBelowBreak': return Math.abs(x.currentA) < x.cfg.breakCurrentA; // NaN → false: wait for the deadline
    case 'breakWaitExpired': return x.nowMs - p.enteredMs >= x.cfg.openMaxWaitMs;
    case 'allOpenConfirmed': return allOpen(x);
    case 'negConfirmed': return x.neg === 'closed';
    case 'prechargeMatched': return matched(x) && x.nowMs - matchSince(p, x) >= x.cfg.prechargeHoldMs;
    case 'posConfirmed': return x.pos === 'closed';
    case 'prechargeReleased': return x.pre === 'open';
    case 'cooldownDone': return x.nowMs - p.enteredMs >= x.cfg.prechargeCooldownMs && allOpen(x);
    case 'closeRequested': return x.wantClose && allOpen(x);
    case 'reset': return x.reset && allOpen(x);
    case 'serviceClear': return x.serviceClear && allOpen(x);
  }
}

export function mainStep(p: MainPath, x: MainContext): { path: MainPath; event?: MainEvent } {
  const fired = fire(MAIN_MACHINE, p.state, mainHolds, p, x, verdictFlags(x.verdicts));
  if (fired === undefined) {
    const matchSinceMs = matchSince(p, x);
    return { path: Object.is(matchSinceMs, p.matchSinceMs) ? p : { ...p, matchSinceMs } };
  }
  return { path: enter(p, fired.to, fired.event, x.nowMs, x.verdicts), event: fired.event };
}

function enter(p: MainPath, to: MainPathState, event: MainEvent, nowMs: number, verdicts: readonly Verdict[]): MainPath {
  const attempts = to === 'closingNeg' ? (p.state === 'prechargeCooldown' ? p.attempts + 1 : 1) : p.attempts;
  const keepsPrecharge = to === 'closingPos' || to === 'releasingPrecharge' || to === 'closed' || to === 'opening';
  let faultCause: MainFaultCause = p.faultCause;
  if (to === 'fault') faultCause = event === 'prechargeFailed' ? 'precharge' : verdicts.includes('stuckOpen') ? 'stuck' : 'feedback';
  else if (to === 'open') faultCause = 'none';
  return { state: to, enteredMs: nowMs, attempts, matchSinceMs: NaN, faultCause, prechargeDone: keepsPrecharge && (p.prechargeDone || event === 'prechargeMatched') };
}

/** Commands of a path; main+ only with the precharge witness (invariant 7, guaranteed here). */
export function mainCommands(p: MainPath): MainCommands {
  const c = MAIN_COMMANDS[p.state];
  return c.pos && !p.prechargeDone ? ALL_OPEN : c;
}
