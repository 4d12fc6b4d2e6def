// Feedback supervision of one contactor: its auxiliary contact must follow the command within the
// feedback timeout. A command change restarts the clock (travel time). Judged against the command
// that was in force while the feedback was produced, i.e. the previous tick's.
import type { Feedback } from './io.ts';

export type Verdict = 'ok' | 'pending' | 'welded' | 'stuckOpen' | 'unknown';

export interface FeedbackWatch {
  readonly commandClosed: boolean;
  /** Since when feedback and command disagree (or the command changed); NaN when they agree. */
  readonly mismatchSinceMs: number;
}

export const OPEN_WATCH: FeedbackWatch = { commandClosed: false, mismatchSinceMs: NaN };

export function judge(w: FeedbackWatch, fb: Feedback, nowMs: number, timeoutMs: number): { watch: FeedbackWatch; verdict: Verdict } {
  if (fb === (w.commandClosed ? 'closed' : 'open')) {
    return { watch: Number.isNaN(w.mismatchSinceMs) ? w : { commandClosed: w.commandClosed, mismatchSinceMs: NaN }, verdict: 'ok' };
  }
  const since = Number.isNaN(w.mismatchSinceMs) ? nowMs : w.mismatchSinceMs;
  const watch = since === w.mismatchSinceMs ? w : { commandClosed: w.commandClosed, mismatchSinceMs: since };
  if (nowMs - since < timeoutMs) return { watch, verdict: 'pending' };
  if (fb === 'unknown') return { watch, verdict: 'unknown' };
  return { watch, verdict: w.commandClosed ? 'stuckOpen' : 'welded' };
}

/** After the machines decide: a new command restarts the travel clock. */
export function commit(w: FeedbackWatch, closed: boolean, nowMs: number): FeedbackWatch {
  return closed === w.commandClosed ? w : { commandClosed: closed, mismatchSinceMs: nowMs };
}
