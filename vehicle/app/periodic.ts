// A chore every periodMs on a clock (the clock holds the timer; this file only re-arms it).
import type { Clock, TimerHandle } from '../clock/clock.ts';

export interface Periodic {
  cancel(): void;
}

export function every(clock: Clock, periodMs: number, fn: () => void): Periodic {
  let timer: TimerHandle | undefined;
  let cancelled = false;
  let dueMs = clock.nowMs() + periodMs;
  const run = (): void => {
    if (cancelled) return;
    fn();
    dueMs = Math.max(dueMs + periodMs, clock.nowMs());
    timer = clock.at(dueMs, run);
  };
  timer = clock.at(dueMs, run);
  return {
    cancel() {
      cancelled = true;
      timer?.cancel();
    },
  };
}
