// A switched path without its own precharge: the DC-charge contactors (the charger precharges the
// cable) and the OBC relay. Open → Closing (feedback) → Closed → Opening (below the break current,
// bounded) → OpeningConfirm (feedback) → Open; Fault and Welded latch. Drawn in bms/README.md.
import type { ContactorConfig } from './config.ts';
import type { Feedback, SwitchPathState } from './io.ts';
import { UNKNOWN, STUCK_OPEN, verdictFlags, WELDED, type Verdict } from './contactor-feedback.ts';
import { compile, fire, type Table } from './fsm.ts';

export type SwitchEvent =
  | 'weld'
  | 'feedbackFault'
  | 'emergency'
  | 'abort'
  | 'openBelowBreak'
  | 'openRequested'
  | 'closeResumed'
  | 'currentBelowBreak'
  | 'breakWaitExpired'
  | 'allOpenConfirmed'
  | 'confirmed'
  | 'closeRequested'
  | 'reset'
  | 'serviceClear';

export const SWITCH_PRIORITY: readonly SwitchEvent[] = [
  'weld', 'feedbackFault', 'emergency', 'abort', 'openBelowBreak', 'openRequested', 'closeResumed', 'currentBelowBreak', 'breakWaitExpired',
  'allOpenConfirmed', 'confirmed', 'closeRequested', 'reset', 'serviceClear',
];

const FAULTS = { weld: 'welded', feedbackFault: 'fault' } as const;

export const SWITCH_TRANSITIONS: Table<SwitchPathState, SwitchEvent> = {
  open: { ...FAULTS, closeRequested: 'closing' },
  closing: { ...FAULTS, emergency: 'openingConfirm', abort: 'openingConfirm', confirmed: 'closed' },
  closed: { ...FAULTS, emergency: 'openingConfirm', openBelowBreak: 'openingConfirm', openRequested: 'opening' },
  opening: { ...FAULTS, emergency: 'openingConfirm', closeResumed: 'closed', currentBelowBreak: 'openingConfirm', breakWaitExpired: 'openingConfirm' },
  openingConfirm: { ...FAULTS, allOpenConfirmed: 'open' },
  fault: { weld: 'welded', reset: 'open' },
  welded: { serviceClear: 'open' },
};

const SWITCH_MACHINE = compile(SWITCH_TRANSITIONS, SWITCH_PRIORITY);

export const SWITCH_CLOSED: Readonly<Record<SwitchPathState, boolean>> = {
  open: false,
  closing: true,
  closed: true,
  opening: true,
  openingConfirm: false,
  fault: false,
  welded: false,
};

const MOVING: ReadonlySet<SwitchPathState> = new Set(['closing', 'openingConfirm']);

export interface SwitchPath {
  readonly state: SwitchPathState;
  readonly enteredMs: number;
  readonly faultCause: 'none' | 'stuck' | 'feedback';
}

export const INITIAL_SWITCH: SwitchPath = { state: 'open', enteredMs: 0, faultCause: 'none' };

export interface SwitchContext {
  readonly nowMs: number;
  readonly cfg: ContactorConfig;
  /** Requested and every interlock allows it (keeps a closing or closed path). */
  readonly wantClose: boolean;
  /** Extra conditions to start closing from open (voltage match, the other path confirmed open). */
  readonly readyToClose: boolean;
  readonly wantOpen: boolean;
  readonly emergency: boolean;
  readonly feedback: readonly Feedback[];
  readonly verdicts: readonly Verdict[];
  readonly currentA: number;
  readonly reset: boolean;
  readonly serviceClear: boolean;
}

function all(fb: readonly Feedback[], want: Feedback): boolean {
  for (let i = 0; i < fb.length; i++) if (fb[i] !== want) return false;
  return true;
}

/** Whether event e holds this tick; `verdicts` are verdictFlags(x.verdicts), found once per tick. */
function switchHolds(e: SwitchEvent, p: SwitchPath, x: SwitchContext, verdicts: number): boolean {
  switch (e) {
    case 'weld': return (verdicts & WELDED) !== 0;
    case 'feedbackFault': return (verdicts & STUCK_OPEN) !== 0 || ((verdicts & UNKNOWN) !== 0 && MOVING.has(p.state));
    case 'emergency': return x.emergency;
    case 'abort': return !x.wantClose;
    case 'openBelowBreak': return x.wantOpen && Math.abs(x.currentA) < x.cfg.breakCurrentA;
    case 'openRequested': return x.wantOpen;
    case 'closeResumed': return x.wantClose && !x.wantOpen;
    case 'currentBelowBreak': return Math.abs(x.currentA) < x.cfg.breakCurrentA; // NaN → false: wait for the deadline
    case 'breakWaitExpired': return x.nowMs - p.enteredMs >= x.cfg.openMaxWaitMs;
    case 'allOpenConfirmed': return all(x.feedback, 'open');
    case 'confirmed': return all(x.feedback, 'closed');
    case 'closeRequested': return x.wantClose && x.readyToClose && all(x.feedback, 'open');
    case 'reset': return x.reset && all(x.feedback, 'open');
    case 'serviceClear': return x.serviceClear && all(x.feedback, 'open');
  }
}

export function switchStep(p: SwitchPath, x: SwitchContext): { path: SwitchPath; event?: SwitchEvent } {
  const fired = fire(SWITCH_MACHINE, p.state, switchHolds, p, x, verdictFlags(x.verdicts));
  if (fired === undefined) return { path: p };
  let faultCause = p.faultCause;
  if (fired.to === 'fault') faultCause = x.verdicts.includes('stuckOpen') ? 'stuck' : 'feedback';
  else if (fired.to === 'open') faultCause = 'none';
  return { path: { state: fired.to, enteredMs: x.nowMs, faultCause }, event: fired.event };
}
