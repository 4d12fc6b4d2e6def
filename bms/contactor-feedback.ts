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

/** Bits of verdictFlags: which verdicts a list holds ('ok' and 'pending' set none). */
export const WELDED = 1;
export const STUCK_OPEN = 2;
export const UNKNOWN = 4;

/** The verdicts a path's machine reacts to, as bits: one pass, where the events would search the list each. */
export function verdictFlags(verdicts: readonly Verdict[]): number {
  let flags = 0;
  for (let i = 0; i < verdicts.length; i++) {
    const v = verdicts[i];
    if (v === 'welded') flags |= WELDED;
    else if (v === 'stuckOpen') flags |= STUCK_OPEN;
    else if (v === 'unknown') flags |= UNKNOWN;
  }
  return flags;
}

export const OPEN_WATCH: FeedbackWatch = { commandClosed: false, mismatchSinceMs: NaN };

export function judge(w: FeedbackWatch, fb: Feedback, nowMs: number, timeoutMs: number): { watch: FeedbackWatch; verdict: Verdict } {
  return { watch: watchAfter(w, fb, nowMs), verdict: verdictOf(w, fb, nowMs, timeoutMs) };
}

/** judge's watch alone (the step calls the two halves: no pair object per contactor and tick). */
export function watchAfter(w: FeedbackWatch, fb: Feedback, nowMs: number): FeedbackWatch {
  if (fb === (w.commandClosed ? 'closed' : 'open')) {
    return Number.isNaN(w.mismatchSinceMs) ? w : { commandClosed: w.commandClosed, mismatchSinceMs: NaN };
  }
  return Number.isNaN(w.mismatchSinceMs) ? { commandClosed: w.commandClosed, mismatchSinceMs: nowMs } : w;
}

/** judge's verdict alone. */
export function verdictOf(w: FeedbackWatch, fb: Feedback, nowMs: number, timeoutMs: number): Verdict {
  if (fb === (w.commandClosed ? 'closed' : 'open')) return 'ok';
  const since = Number.isNaN(w.mismatchSinceMs) ? nowMs : w.mismatchSinceMs;
  if (nowMs - since < timeoutMs) return 'pending';
  if (fb === 'unknown') return 'unknown';
  return w.commandClosed ? 'stuckOpen' : 'welded';
}

/** After the machines decide: a new command restarts the travel clock. */
export function commit(w: FeedbackWatch, closed: boolean, nowMs: number): FeedbackWatch {
  return closed === w.commandClosed ? w : { commandClosed: closed, mismatchSinceMs: nowMs };
}
