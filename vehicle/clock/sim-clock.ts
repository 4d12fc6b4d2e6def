import type { Clock, TimerHandle } from './clock.ts';

/**
 * The simulator's clock (DESIGN.md §8, §11.2): time moves only when told to.
 *
 * Exact: time is kept as an integer count of microseconds, so advancing by 0.1 ms ten
 * thousand times lands exactly on 1000 ms (no float drift). Deadlines are rounded to the
 * nearest microsecond; `nowMs()` returns µs / 1000.
 *
 * Order: due timers fire in deadline order; equal deadlines in the order `at` was called.
 * A timer scheduled from inside a timer (also at the current time) joins the same advance.
 * A deadline already in the past is clamped to now: it fires during the advance in progress,
 * or at the next `advanceTo` / `advanceBy` / `runDue` / `runUntilIdle` — never inside `at`.
 *
 * Fast: a binary heap of timer objects (the handle is the heap entry, one allocation per
 * timer, none for a periodic timer re-armed with `reschedule`); cancel is lazy and the heap is
 * compacted when cancelled entries dominate.
 */
export class SimClock implements Clock {
  private nowUs: number;
  private nowMsCached: number;
  private heap: SimTimer[] = [];
  private seq = 0;
  private cancelledInHeap = 0;
  private firing = false;

  constructor(startMs = 0) {
    this.nowUs = toMicros(startMs, 'startMs');
    this.nowMsCached = this.nowUs / 1000;
  }

  nowMs(): number {
    return this.nowMsCached;
  }

  at(atMs: number, fn: () => void): TimerHandle {
    const atUs = Math.max(toMicros(atMs, 'atMs'), this.nowUs);
    const timer = new SimTimer(this, atUs, this.seq++, fn);
    this.push(timer);
    return timer;
  }

  /**
   * As `at`; a `previous` handle that has fired (it is out of the heap) becomes the new timer,
   * with a fresh sequence number, so the order is exactly `at`'s. A pending or cancelled one is
   * left as it is (a cancelled one may still sit in the heap) and a new timer made.
   */
  reschedule(previous: TimerHandle, atMs: number, fn: () => void): TimerHandle {
    if (!(previous instanceof SimTimer) || previous.state !== FIRED || previous.clock !== this) return this.at(atMs, fn);
    previous.atUs = Math.max(toMicros(atMs, 'atMs'), this.nowUs);
    previous.seq = this.seq++;
    previous.fn = fn;
    previous.state = PENDING;
    this.push(previous);
    return previous;
  }

  /** Convenience: `at(nowMs() + delayMs, fn)`, computed in exact microseconds. */
  after(delayMs: number, fn: () => void): TimerHandle {
    return this.at((this.nowUs + toMicros(delayMs, 'delayMs')) / 1000, fn);
  }

  /** Fires every timer due at or before `targetMs` (in order), then sets the time to `targetMs`. */
  advanceTo(targetMs: number): number {
    const targetUs = toMicros(targetMs, 'targetMs');
    if (targetUs < this.nowUs) throw new RangeError(`SimClock cannot go back: now ${this.nowMsCached} ms, asked ${targetMs} ms`);
    const fired = this.fireThrough(targetUs, Number.POSITIVE_INFINITY);
    this.setNow(targetUs);
    return fired;
  }

  /** `advanceTo(now + deltaMs)`; returns how many timers fired. */
  advanceBy(deltaMs: number): number {
    const deltaUs = toMicros(deltaMs, 'deltaMs');
    if (deltaUs < 0) throw new RangeError(`SimClock cannot go back: advanceBy(${deltaMs})`);
    return this.advanceTo((this.nowUs + deltaUs) / 1000);
  }

  /** Fires the timers due now (e.g. ones scheduled with a past deadline) without moving time. */
  runDue(): number {
    return this.fireThrough(this.nowUs, Number.POSITIVE_INFINITY);
  }

  /**
   * Fires timers until none is left, moving time to each deadline. A periodic timer never
   * lets the clock go idle: past `maxTimers` firings this throws rather than loop forever.
   */
  runUntilIdle(maxTimers = 1_000_000): number {
    const fired = this.fireThrough(Number.POSITIVE_INFINITY, maxTimers);
    if (this.pendingCount() > 0) {
      throw new Error(`SimClock still busy after ${maxTimers} timers (a periodic timer?); use advanceTo(ms) instead`);
    }
    return fired;
  }

  /** Deadline of the earliest live timer, or undefined when idle. */
  nextDeadlineMs(): number | undefined {
    this.dropCancelledTop();
    const top = this.heap[0];
    return top === undefined ? undefined : top.atUs / 1000;
  }

  /** Live (not cancelled, not yet fired) timers. */
  pendingCount(): number {
    return this.heap.length - this.cancelledInHeap;
  }

  /** @internal called by SimTimer.cancel */
  noteCancelled(): void {
    this.cancelledInHeap++;
    // Lazy deletion keeps cancel O(1); compact when garbage is most of the heap.
    if (this.cancelledInHeap > 64 && this.cancelledInHeap * 2 > this.heap.length) this.compact();
  }

  private fireThrough(limitUs: number, maxTimers: number): number {
    if (this.firing) throw new Error('SimClock: advance called from inside a timer');
    this.firing = true;
    let fired = 0;
    try {
      while (fired < maxTimers) {
        const top = this.heap[0];
        if (top === undefined || top.atUs > limitUs) break;
        this.pop();
        if (top.fn === undefined) {
          this.cancelledInHeap--;
          continue;
        }
        const fn = top.fn;
        top.fn = undefined;
        top.state = FIRED; // a later cancel() is a no-op
        if (top.atUs > this.nowUs) this.setNow(top.atUs);
        fired++;
        fn();
      }
    } finally {
      this.firing = false;
    }
    return fired;
  }

  private setNow(us: number): void {
    this.nowUs = us;
    this.nowMsCached = us / 1000;
  }

  private dropCancelledTop(): void {
    while (this.heap.length > 0 && this.heap[0]!.fn === undefined) {
      this.pop();
      this.cancelledInHeap--;
    }
  }

  private compact(): void {
    const live = this.heap.filter((t) => t.fn !== undefined);
    this.heap = live;
    this.cancelledInHeap = 0;
    for (let i = (live.length >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  private push(timer: SimTimer): void {
    const heap = this.heap;
    heap.push(timer);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      if (!before(timer, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = timer;
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop()!;
    if (heap.length === 0) return;
    heap[0] = last;
    this.siftDown(0);
  }

  private siftDown(start: number): void {
    const heap = this.heap;
    const n = heap.length;
    const item = heap[start]!;
    let i = start;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && before(heap[right]!, heap[child]!)) child = right;
      const c = heap[child]!;
      if (!before(c, item)) break;
      heap[i] = c;
      i = child;
    }
    heap[i] = item;
  }
}

const PENDING = 0;
const FIRED = 1;
const CANCELLED = 2;

class SimTimer implements TimerHandle {
  /** PENDING (in the heap, fn set), FIRED (out of the heap) or CANCELLED (maybe still in the heap, fn undefined). */
  state = PENDING;
  constructor(
    readonly clock: SimClock,
    /** Set again only by reschedule, while out of the heap. */
    public atUs: number,
    public seq: number,
    public fn: (() => void) | undefined,
  ) {}

  cancel(): void {
    if (this.state !== PENDING) return;
    this.state = CANCELLED;
    this.fn = undefined;
    this.clock.noteCancelled();
  }
}

function before(a: SimTimer, b: SimTimer): boolean {
  return a.atUs < b.atUs || (a.atUs === b.atUs && a.seq < b.seq);
}

function toMicros(ms: number, what: string): number {
  if (!Number.isFinite(ms)) throw new RangeError(`SimClock: ${what} must be a finite number of ms, got ${ms}`);
  return Math.round(ms * 1000);
}
