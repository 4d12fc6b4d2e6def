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
}
