// The main contactor path (DESIGN.md §5): main− closes, then the precharge relay charges the link
// until it is within prechargeMatchV of the pack (held prechargeHoldMs), then main+ closes and the
// precharge relay opens; each step waits for its feedback. Opening waits for the current to fall
// below the break current, bounded by openMaxWaitMs, unless in an emergency. Drawn in bms/README.md.
import type { ContactorConfig } from './config.ts';
import type { Feedback, MainPathState } from './io.ts';
import type { Verdict } from './contactor-feedback.ts';
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

/** One tick's view for the event predicates. */
interface MainTick {
  readonly p: MainPath;
  readonly x: MainContext;
  readonly matched: boolean;
  readonly matchSinceMs: number;
  readonly allOpen: boolean;
  readonly inStateMs: number;
}

function mainHolds(e: MainEvent, t: MainTick): boolean {
  const { p, x } = t;
  switch (e) {
    case 'weld': return x.weldByCurrent || x.verdicts.includes('welded');
    case 'feedbackFault': return x.verdicts.includes('stuckOpen') || (x.verdicts.includes('unknown') && MOVING.has(p.state));
    case 'emergency': return x.emergency;
    case 'prechargeFailed': return t.inStateMs >= x.cfg.prechargeTimeoutMs && p.attempts > x.cfg.prechargeRetries;
    case 'prechargeTimeout': return t.inStateMs >= x.cfg.prechargeTimeoutMs;
    case 'abort': return !x.wantClose;
    case 'openBelowBreak': return x.wantOpen && Math.abs(x.currentA) < x.cfg.breakCurrentA;
    case 'openRequested': return x.wantOpen;
    case 'closeResumed': return x.wantClose && !x.wantOpen;
    case 'currentBelowBreak': return Math.abs(x.currentA) < x.cfg.breakCurrentA; // NaN → false: wait for the deadline
    case 'breakWaitExpired': return t.inStateMs >= x.cfg.openMaxWaitMs;
    case 'allOpenConfirmed': return t.allOpen;
    case 'negConfirmed': return x.neg === 'closed';
    case 'prechargeMatched': return t.matched && x.nowMs - t.matchSinceMs >= x.cfg.prechargeHoldMs;
    case 'posConfirmed': return x.pos === 'closed';
    case 'prechargeReleased': return x.pre === 'open';
    case 'cooldownDone': return t.inStateMs >= x.cfg.prechargeCooldownMs && t.allOpen;
    case 'closeRequested': return x.wantClose && t.allOpen;
    case 'reset': return x.reset && t.allOpen;
    case 'serviceClear': return x.serviceClear && t.allOpen;
  }
}

export function mainStep(p: MainPath, x: MainContext): { path: MainPath; event?: MainEvent } {
  const now = x.nowMs;
  const matched = Math.abs(x.linkV - x.packV) <= x.cfg.prechargeMatchV; // NaN → false
  const matchSinceMs = p.state === 'precharging' && matched ? (Number.isNaN(p.matchSinceMs) ? now : p.matchSinceMs) : NaN;
  const allOpen = x.neg === 'open' && x.pre === 'open' && x.pos === 'open';
  const tick: MainTick = { p, x, matched, matchSinceMs, allOpen, inStateMs: now - p.enteredMs };
  const fired = fire(MAIN_MACHINE, p.state, mainHolds, tick);
  if (fired === undefined) return { path: Object.is(matchSinceMs, p.matchSinceMs) ? p : { ...p, matchSinceMs } };
  return { path: enter(p, fired.to, fired.event, now, x.verdicts), event: fired.event };
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
