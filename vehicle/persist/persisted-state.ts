// What survives a restart: SOC and its uncertainty, learned capacity, and the fault history.
// Stored as JSON with a format version; a file that cannot be trusted is reported, never used.
import { readFileIfExists, writeFileAtomic } from './atomic-file.ts';

export interface FaultHistoryEntry {
  code: string;
  text: string;
  firstMs: number;
  lastMs: number;
  count: number;
}

export interface PersistedState {
  socPct: number;
  socUncertaintyPct: number;
  capacityAh: number;
  faultHistory: FaultHistoryEntry[];
  /** Wall-clock ISO time of the save, for people reading the file. */
  savedAt: string;
}

const FORMAT = 'packpilot-state-1';

export type LoadResult =
  | { ok: true; state: PersistedState }
  | { ok: false; reason: string };

export function savePersistedState(path: string, state: PersistedState): void {
  writeFileAtomic(path, `${JSON.stringify({ format: FORMAT, ...state }, null, 2)}\n`);
}

/** Reads the saved state; a missing, unreadable or implausible file gives a reason instead. */
export function loadPersistedState(path: string): LoadResult {
  const text = readFileIfExists(path);
  if (text === undefined) return { ok: false, reason: `${path}: no saved state (first start)` };
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch (err) {
    return { ok: false, reason: `${path}: not valid JSON (${(err as Error).message})` };
  }
  if (json.format !== FORMAT) return { ok: false, reason: `${path}: format ${JSON.stringify(json.format)} is not ${FORMAT}` };
  const problems: string[] = [];
  const num = (key: string, min: number, max: number): number => {
    const v = json[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) problems.push(`${key} = ${JSON.stringify(v)} (expected ${min}…${max})`);
    return v as number;
  };
  const state: PersistedState = {
    socPct: num('socPct', 0, 100),
    socUncertaintyPct: num('socUncertaintyPct', 0, 100),
    capacityAh: num('capacityAh', 1, 10_000),
    faultHistory: Array.isArray(json.faultHistory) ? (json.faultHistory as FaultHistoryEntry[]) : [],
    savedAt: typeof json.savedAt === 'string' ? json.savedAt : '',
  };
  if (!Array.isArray(json.faultHistory)) problems.push('faultHistory is not a list');
  return problems.length > 0 ? { ok: false, reason: `${path}: ${problems.join('; ')}` } : { ok: true, state };
}
