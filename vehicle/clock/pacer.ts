// Drives a SimClock from real time: `speed` × wall time, or as fast as the CPU goes ('max').
// This file and the clocks are the only ones that use real timers (DESIGN.md §11): between
// steps the event loop runs, so the API, the dashboard and the terminal stay responsive.
import { performance } from 'node:perf_hooks';
import type { SimClock } from './sim-clock.ts';

export type Speed = number | 'max';

export interface PacerOptions {
  /** Wall time between steps at a finite speed (ms). */
  stepMs?: number;
  /** Most simulated time one step may advance (ms); behind real time, the pacer catches up in such chunks. */
  maxChunkMs?: number;
  /** Told the wall time (ms since the pacer started) at each step, e.g. to count stalls. */
  onStep?: (wallMs: number) => void;
}

export interface Pacer {
  readonly speed: Speed;
  /** Simulated ms per wall ms actually achieved since the start. */
  achievedSpeed(): number;
  stop(): void;
}

export function startPacer(clock: SimClock, speed: Speed, options: PacerOptions = {}): Pacer {
  if (speed !== 'max' && !(speed > 0)) throw new RangeError(`speed must be > 0 or "max", got ${speed}`);
  const stepMs = options.stepMs ?? 10;
  const maxChunkMs = options.maxChunkMs ?? (speed === 'max' ? 200 : Math.max(100, speed * stepMs * 5));
  const wallStart = performance.now();
  const simStart = clock.nowMs();
  let stopped = false;
  let handle: NodeJS.Timeout | NodeJS.Immediate | undefined;

  const step = (): void => {
    if (stopped) return;
    const now = clock.nowMs();
    const wallMs = performance.now() - wallStart;
    options.onStep?.(wallMs);
    const target = speed === 'max' ? now + maxChunkMs : simStart + wallMs * speed;
    const reached = Math.min(Math.max(target, now), now + maxChunkMs);
    clock.advanceTo(reached);
    if (stopped) return;
    // At 'max', yield to I/O after every chunk. Behind real time (the process stalled), catch up
    // chunk by chunk with I/O in between, so frames that waited in a socket are taken in at the
    // simulated time they belong to, not after a jump past them. Otherwise wait for the next step.
    handle = speed === 'max' || reached < target ? setImmediate(step) : setTimeout(step, stepMs);
  };
  handle = setImmediate(step);

  return {
    speed,
    achievedSpeed: () => (clock.nowMs() - simStart) / Math.max(1, performance.now() - wallStart),
    stop() {
      stopped = true;
      if (handle !== undefined) {
        clearTimeout(handle as NodeJS.Timeout);
        clearImmediate(handle as NodeJS.Immediate);
      }
    },
  };
}
