// Checks a scenario's `expect` section against its results by metric path.
import type { Bound } from '../scenario/types.ts';

export interface ExpectationResult {
  metric: string;
  ok: boolean;
  value: unknown;
  bound: Bound;
}

/** Looks a dotted path up in the results; keys may themselves contain '-' (e.g. "timeBetweenSocS.10-80"). */
export function metricAt(results: unknown, path: string): unknown {
  let v: unknown = results;
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object' || !(key in (v as object))) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

export function checkExpectations(results: unknown, expect: Record<string, Bound>): ExpectationResult[] {
  return Object.entries(expect).map(([metric, bound]) => {
    const value = metricAt(results, metric);
    return { metric, ok: satisfies(value, bound), value: value === undefined ? null : value, bound };
  });
}

function satisfies(value: unknown, bound: Bound): boolean {
  if (value === undefined) return false;
  if ('equals' in bound && bound.equals !== undefined && value !== bound.equals) return false;
  if (bound.min !== undefined && !(typeof value === 'number' && value >= bound.min)) return false;
  if (bound.max !== undefined && !(typeof value === 'number' && value <= bound.max)) return false;
  return true;
}
