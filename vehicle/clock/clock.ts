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
}
