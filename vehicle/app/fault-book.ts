// The faults people see: active ones (BMS diagnosis, a latched V2L trip), the BMS's history of
// this run, and the history saved by earlier runs (persist/persisted-state.ts), newest first.
import type { ActiveFault } from '../../bms/index.ts';
import type { ControllerView } from '../controller/view.ts';
import type { FaultHistoryEntry } from '../persist/persisted-state.ts';
import type { FaultView } from '../status.ts';

/** BMS severities to the three the status shape knows: an error stops charging, so it is shown as critical. */
const SEVERITY: Readonly<Record<string, FaultView['severity']>> = { info: 'info', warning: 'warning', error: 'critical', critical: 'critical' };

export class FaultBook {
  constructor(
    /** The BMS's history of this run (Controller.faultHistory). */
    private readonly history: () => readonly ActiveFault[],
    /** What earlier runs saved. */
    private readonly saved: readonly FaultHistoryEntry[] = [],
  ) {}

  list(v: ControllerView | undefined): FaultView[] {
    const active: FaultView[] = (v?.bms.faults ?? []).map((f) => view(f, true));
    if (v?.v2l.trip) {
      const t = v.v2l.trip;
      active.push({ code: `v2l-${t.reason}`, text: t.text, severity: 'critical', firstMs: t.atMs, lastMs: v.nowMs, active: true });
    }
    const shown = new Set(active.map((f) => f.code));
    const past: FaultView[] = [];
    for (const f of this.history()) {
      const fv = view(f, false);
      if (!shown.has(fv.code)) past.push(fv);
      shown.add(fv.code);
    }
    for (const s of this.saved) {
      if (shown.has(s.code)) continue;
      past.push({ code: s.code, text: s.text, severity: 'warning', firstMs: s.firstMs, lastMs: s.lastMs, active: false });
    }
    const newest = (a: FaultView, b: FaultView): number => b.lastMs - a.lastMs;
    return [...active.sort(newest), ...past.sort(newest)];
  }

  /** The history to save: earlier runs' entries with this run's counts added. */
  persistable(): FaultHistoryEntry[] {
    const byCode = new Map<string, FaultHistoryEntry>(this.saved.map((s) => [s.code, { ...s }]));
    for (const f of this.history()) {
      const code = codeOf(f);
      const old = byCode.get(code);
      byCode.set(code, old
        ? { ...old, lastMs: f.lastMs, count: old.count + f.occurrences }
        : { code, text: f.text, firstMs: f.firstMs, lastMs: f.lastMs, count: f.occurrences });
    }
    return [...byCode.values()];
  }
}

function codeOf(f: ActiveFault): string {
  return `${f.id} (0x${f.code.toString(16).padStart(4, '0')})`;
}

function view(f: ActiveFault, active: boolean): FaultView {
  return { code: codeOf(f), text: f.text, severity: SEVERITY[f.severity] ?? 'warning', firstMs: f.firstMs, lastMs: f.lastMs, active };
}
