// Inlet lock FSM as a transition table: unlocked → locking → locked → unlocking, and fault.
// Deadlines per attempt, bounded retries; never commands unlock unless the inlet is proven dead
// (invariant 2); the manual release is the user's emergency stop; a lock found closed with no
// session (start-up, power loss) is unlocked once the inlet is dead, so a dead car never holds a cable.
import type { LockConfig } from './config.ts';
import type { LockFeedback } from './types.ts';

export type LockStateName = 'unlocked' | 'locking' | 'locked' | 'unlocking' | 'fault';
export type LockFault = 'actuator-fault' | 'lock-timeout' | 'unlock-timeout' | 'position-lost';
export type LockCommand = 'none' | 'lock' | 'unlock';

export interface LockState {
  name: LockStateName;
  /** Deadline of the present attempt (locking/unlocking) or of a lost position (locked). */
  deadlineMs: number | null;
  attempt: number;
  fault: LockFault | null;
  /** The user pulled the manual release; no re-lock until the sessions let go or the plug leaves. */
  manualRelease: boolean;
  /** Previous value of the user's unlock request, for edge detection. */
  userRequestBefore: boolean;
}

export interface LockInput {
  /** Feedback, or 'unknown' when the reading is unusable. */
  feedback: LockFeedback | 'unknown';
  manualReleaseActive: boolean;
  /** A session wants the inlet locked. */
  want: boolean;
  /** A latched plug is present: locking may start. */
  mayLock: boolean;
  /** Inlet voltage and current proven below the unlock thresholds. */
  inletDead: boolean;
  plugPresent: boolean;
  /** Latch pressed or an HMI unlock request: the user asks to free the cable. */
  userUnlockRequest: boolean;
}

export type LockEvent =
  | 'feedback-fault' | 'manual-release' | 'at-unlocked' | 'live' | 'at-locked' | 'position-regained' | 'position-lost'
  | 'deadline' | 'want-lock' | 'want-unlock' | 'user-unlock' | 'unplugged-at-rest';

/** Evaluation order when several events hold in the same tick. */
export const LOCK_EVENT_PRIORITY: readonly LockEvent[] = [
  'feedback-fault', 'manual-release', 'at-unlocked', 'live', 'at-locked', 'position-regained',
  'deadline', 'want-lock', 'want-unlock', 'user-unlock', 'unplugged-at-rest', 'position-lost',
];

type Ctx = { config: LockConfig; nowMs: number };
type Handler = (s: LockState, c: Ctx) => LockState;

const to = (name: LockStateName, patch: Partial<LockState> = {}): Handler => (s) =>
  ({ ...s, name, deadlineMs: null, attempt: 0, fault: null, ...patch });
const attempt = (name: 'locking' | 'unlocking', n: (s: LockState) => number): Handler => (s, c) =>
  ({ ...s, name, attempt: n(s), deadlineMs: c.nowMs + c.config.travelDeadlineMs, fault: null });
const retryOr = (name: 'locking' | 'unlocking', fault: LockFault): Handler => (s, c) =>
  s.attempt < c.config.maxAttempts ? attempt(name, (x) => x.attempt + 1)(s, c) : to('fault', { fault })(s, c);
const fault = (f: LockFault): Handler => to('fault', { fault: f });

/** The transition table. Events not listed for a state are ignored on purpose. */
export const LOCK_TABLE: Record<LockStateName, Partial<Record<LockEvent, Handler>>> = {
  unlocked: {
    'feedback-fault': fault('actuator-fault'),
    'at-locked': to('locked'), // found closed (start-up, power loss): adopt, then unlock once dead
    'want-lock': attempt('locking', () => 1),
  },
  locking: {
    'feedback-fault': fault('actuator-fault'),
    'manual-release': to('unlocked', { manualRelease: true }),
    'at-locked': to('locked'),
    deadline: retryOr('locking', 'lock-timeout'),
    'want-unlock': attempt('unlocking', () => 1),
    // at-unlocked: not yet moved; position-lost: travelling.
  },
  locked: {
    'feedback-fault': fault('actuator-fault'),
    'manual-release': to('unlocked', { manualRelease: true }),
    'position-regained': to('locked'), // clears the position-lost deadline
    'position-lost': (s, c) => ({ ...s, deadlineMs: s.deadlineMs ?? c.nowMs + c.config.positionLostDeadlineMs }),
    deadline: fault('position-lost'),
    'want-unlock': attempt('unlocking', () => 1),
  },
  unlocking: {
    'feedback-fault': fault('actuator-fault'),
    'at-unlocked': to('unlocked'),
    live: attempt('locking', () => 1), // voltage or current came back: never leave the pin half-way
    'want-lock': attempt('locking', () => 1),
    deadline: retryOr('unlocking', 'unlock-timeout'),
    // manual-release: the feedback will say unlocked; position-lost: travelling.
  },
  fault: {
    'unplugged-at-rest': to('unlocked'),
    'user-unlock': attempt('unlocking', () => 1), // a trapped cable: the user may ask again
  },
};

export function initialLockState(): LockState {
  return { name: 'unlocked', deadlineMs: null, attempt: 0, fault: null, manualRelease: false, userRequestBefore: false };
}

/** Whether one event holds this tick. */
function holds(e: LockEvent, s: LockState, i: LockInput, nowMs: number): boolean {
  switch (e) {
    case 'feedback-fault': return i.feedback === 'fault';
    // The switch alone while the feedback still says locked is a stuck mechanism, not a release.
    case 'manual-release': return (i.manualReleaseActive && i.feedback !== 'locked') || (s.name === 'locked' && i.feedback === 'unlocked');
    case 'at-unlocked': return i.feedback === 'unlocked';
    case 'live': return !i.inletDead;
    case 'at-locked': return i.feedback === 'locked';
    case 'position-regained': return i.feedback === 'locked' && s.deadlineMs !== null;
    case 'position-lost': return i.feedback === 'moving' || i.feedback === 'unknown';
    case 'deadline': return s.deadlineMs !== null && nowMs >= s.deadlineMs;
    case 'want-lock': return i.want && i.mayLock && !i.manualReleaseActive && !s.manualRelease;
    case 'want-unlock': return !i.want && i.inletDead;
    case 'user-unlock': return i.userUnlockRequest && !s.userRequestBefore && i.inletDead && i.feedback !== 'fault';
    case 'unplugged-at-rest': return !i.plugPresent && i.feedback === 'unlocked';
  }
}

const EVENT_ORDER: readonly LockEvent[] = [
  'feedback-fault', 'manual-release', 'at-unlocked', 'live', 'at-locked', 'position-regained', 'position-lost',
  'deadline', 'want-lock', 'want-unlock', 'user-unlock', 'unplugged-at-rest',
];

/** Which events hold this tick, before the table is consulted. */
export function lockEvents(s: LockState, i: LockInput, nowMs: number): Set<LockEvent> {
  const e = new Set<LockEvent>();
  for (const ev of EVENT_ORDER) if (holds(ev, s, i, nowMs)) e.add(ev);
  return e;
}

/** Per state, the events its row lists, in priority order (built once from the table). Only
 *  these are evaluated, first match wins: the same choice as testing all of them. */
const rowEvents = (name: LockStateName): readonly LockEvent[] => LOCK_EVENT_PRIORITY.filter((e) => LOCK_TABLE[name][e] !== undefined);
const ROW_EVENTS: Record<LockStateName, readonly LockEvent[]> = {
  unlocked: rowEvents('unlocked'), locking: rowEvents('locking'), locked: rowEvents('locked'), unlocking: rowEvents('unlocking'), fault: rowEvents('fault'),
};

export function lockStep(config: LockConfig, state: LockState, input: LockInput, nowMs: number): { state: LockState; cause: LockEvent | null } {
  const events = ROW_EVENTS[state.name];
  let cause: LockEvent | null = null;
  for (let k = 0; k < events.length; k++) {
    if (holds(events[k]!, state, input, nowMs)) { cause = events[k]!; break; }
  }
  const moved = cause === null ? state : LOCK_TABLE[state.name][cause]!(state, { config, nowMs });
  // The manual-release latch lasts until the sessions let go of the lock or the plug leaves.
  const manualRelease = moved.manualRelease && input.want && input.plugPresent;
  // Nothing moved (every tick of a held lock): the same state object.
  if (moved === state && manualRelease === state.manualRelease && input.userUnlockRequest === state.userRequestBefore) return { state, cause };
  return { state: { ...moved, manualRelease, userRequestBefore: input.userUnlockRequest }, cause };
}

export function lockCommand(s: LockState): LockCommand {
  if (s.name === 'locking') return 'lock';
  if (s.name === 'unlocking') return 'unlock';
  return 'none';
}
