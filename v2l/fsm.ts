// The V2L state machine as data (DESIGN.md §6, §11.5). An event a state does not list is
// ignored on purpose: e.g. 'on-requested' while supplying, or 'reset' while off.
import type { TimingConfig } from './config.ts';
import type { V2lStateName } from './types.ts';

export type FsmEvent =
  /** The user pressed V2L on. */
  | 'on-requested'
  /** The user pressed V2L off. */
  | 'off-requested'
  /** A precondition does not hold (the refusal says which). */
  | 'precondition-failed'
  /** Checking: main contactors closed and the inverter reports off and healthy. */
  | 'ready'
  /** Starting: the soft start is over and the inverter reports running. */
  | 'inverter-running'
  /** Stopping: the inverter reports off. */
  | 'inverter-off'
  /** A protection tripped (the trip says which). */
  | 'tripped'
  /** The state's deadline passed. */
  | 'timeout'
  /** The user reset the trip and its cause has cleared. */
  | 'reset';

export type TransitionTable = Readonly<Record<V2lStateName, Readonly<Partial<Record<FsmEvent, V2lStateName>>>>>;

export const V2L_TRANSITIONS: TransitionTable = {
  off: { 'on-requested': 'checking' },
  checking: { 'precondition-failed': 'off', 'off-requested': 'off', timeout: 'off', ready: 'starting' },
  starting: {
    tripped: 'fault',
    'precondition-failed': 'stopping',
    'off-requested': 'stopping',
    timeout: 'fault',
    'inverter-running': 'supplying',
  },
  supplying: { tripped: 'fault', 'precondition-failed': 'stopping', 'off-requested': 'stopping' },
  stopping: { tripped: 'fault', timeout: 'fault', 'inverter-off': 'off' },
  fault: { reset: 'off' },
};

/** When several events are present in one tick, the first one the state accepts wins. */
export const EVENT_PRIORITY: readonly FsmEvent[] = [
  'tripped',
  'precondition-failed',
  'off-requested',
  'timeout',
  'inverter-off',
  'inverter-running',
  'ready',
  'reset',
  'on-requested',
];

/** Which deadline each waiting state has; the others have none. */
export const STATE_DEADLINES: Readonly<Partial<Record<V2lStateName, keyof TimingConfig>>> = {
  checking: 'checkDeadlineMs',
  starting: 'startDeadlineMs',
  stopping: 'stopDeadlineMs',
};

/** States in which the inverter is enabled. */
export const ENABLED_STATES: ReadonlySet<V2lStateName> = new Set(['starting', 'supplying']);

/** States in which V2L holds the main contactors. */
export const CONTACTOR_STATES: ReadonlySet<V2lStateName> = new Set(['checking', 'starting', 'supplying', 'stopping']);

export interface Transition {
  event: FsmEvent;
  to: V2lStateName;
}

/** The transition taken from `state` given the events present, or null to stay. */
export function selectTransition(
  state: V2lStateName,
  present: ReadonlySet<FsmEvent>,
  table: TransitionTable = V2L_TRANSITIONS,
): Transition | null {
  const row = table[state];
  for (const event of EVENT_PRIORITY) {
    const to = row[event];
    if (to !== undefined && present.has(event)) return { event, to };
  }
  return null;
}
