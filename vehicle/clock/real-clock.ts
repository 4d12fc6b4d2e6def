import type { Clock, TimerHandle } from './clock.ts';

export interface RealClockOptions {
  /**
   * Unref every timer so pending timers alone never keep the process alive (for background
   * work such as watchdog kicks). Default false: the control loop's timers keep it running
   * until `close()`.
   */
  unref?: boolean;
}

// setTimeout takes at most 2^31−1 ms; longer delays would fire at once (Node docs), so re-arm.
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * The production clock: monotonic (process.hrtime, immune to wall-clock steps), ms since the
 * clock was created. Timers use setTimeout and never fire before their deadline: Node's timer
 * base is the coarser loop time, so an early wake-up is re-armed for the rest.
 * `close()` cancels every pending timer and makes later `at` calls inert, so the process can exit.
 */
export class RealClock implements Clock {
  private readonly originNs = process.hrtime.bigint();
  private readonly pending = new Set<RealTimer>();
  private closed = false;

  constructor(private readonly options: RealClockOptions = {}) {}

  nowMs(): number {
    return Number(process.hrtime.bigint() - this.originNs) / 1e6;
  }

  private turnReadingMs: number | undefined;
  private readonly forgetTurn = (): void => {
    this.turnReadingMs = undefined;
  };

  /**
   * One reading of nowMs per event-loop turn: the frames that one poll of a socket delivers
   * share it (within a turn's work, well under a millisecond apart); the next turn reads again.
   */
  turnMs(): number {
    if (this.turnReadingMs === undefined) {
      this.turnReadingMs = this.nowMs();
      setImmediate(this.forgetTurn);
    }
    return this.turnReadingMs;
  }

  at(atMs: number, fn: () => void): TimerHandle {
    if (Number.isNaN(atMs)) throw new RangeError('RealClock: atMs is NaN');
    const timer = new RealTimer(this, atMs, fn);
    if (this.closed) return timer; // inert: never fires
    this.pending.add(timer);
    timer.arm();
    return timer;
  }

  /** Cancels all pending timers; later timers never fire. */
  close(): void {
    this.closed = true;
    for (const t of [...this.pending]) t.cancel();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** @internal */
  arm(timer: RealTimer): NodeJS.Timeout {
    const delayMs = Math.min(MAX_TIMEOUT_MS, Math.max(0, Math.ceil(timer.atMs - this.nowMs())));
    const handle = setTimeout(() => timer.wake(), delayMs);
    if (this.options.unref) handle.unref();
    return handle;
  }

  /** @internal */
  forget(timer: RealTimer): void {
    this.pending.delete(timer);
  }
}

class RealTimer implements TimerHandle {
  private handle: NodeJS.Timeout | undefined;
  private done = false;

  constructor(
    private readonly clock: RealClock,
    readonly atMs: number,
    private readonly fn: () => void,
  ) {}

  arm(): void {
    this.handle = this.clock.arm(this);
  }

  wake(): void {
    if (this.done) return;
    if (this.clock.nowMs() < this.atMs) {
      this.arm(); // woke early (loop-time rounding) or a capped long delay: wait for the rest
      return;
    }
    this.finish();
    this.fn();
  }

  cancel(): void {
    if (this.done) return;
    if (this.handle !== undefined) clearTimeout(this.handle);
    this.finish();
  }

  private finish(): void {
    this.done = true;
    this.handle = undefined;
    this.clock.forget(this);
  }
}
