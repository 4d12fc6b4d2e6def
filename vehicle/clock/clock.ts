/**
 * Time is an input. Only the clock and loop files read real time or set real timers;
 * everything else gets `nowMs` passed in.
 */
export interface TimerHandle {
  cancel(): void;
}

export interface Clock {
  /** Milliseconds since an arbitrary epoch fixed for the clock's life. */
  nowMs(): number;
  /** Calls fn once when the clock reaches atMs (at once if already past). */
  at(atMs: number, fn: () => void): TimerHandle;
  /**
   * nowMs read at most once per event-loop turn, for stamping a burst of received frames with one
   * reading (each reading of real time is a system call; in a user-mode-Linux guest a costly one).
   * Absent: use nowMs.
   */
  turnMs?(): number;
  /**
   * `at(atMs, fn)` for a periodic timer re-armed from its callback (or later): `previous`, a
   * handle of this clock, is given up (never cancel it again) and, when it has fired, its object
   * is reused for the new timer (no allocation per period). Same order and effect as `at`.
   * Absent: use at (`reschedule` below chooses).
   */
  reschedule?(previous: TimerHandle, atMs: number, fn: () => void): TimerHandle;
}

/** `clock.at(atMs, fn)`, reusing the fired `previous` timer's object when the clock can (SimClock). */
export function reschedule(clock: Clock, previous: TimerHandle | undefined, atMs: number, fn: () => void): TimerHandle {
  return previous !== undefined && clock.reschedule !== undefined ? clock.reschedule(previous, atMs, fn) : clock.at(atMs, fn);
}
