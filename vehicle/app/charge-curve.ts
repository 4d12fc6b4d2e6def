// The charge curve kept for the dashboard: power against SOC while charging, one point per
// ~1 % SOC or 10 s (and whenever the limit in force changes, so the colours are right).
// A new session starts a new curve; the last one stays until then.
import type { ControllerView } from '../controller/view.ts';
import { limitingReason } from '../controller/session-view.ts';
import type { CurvePoint } from '../status.ts';

export interface CurveOptions {
  /** A point at least every this much SOC (%) … */
  stepPct: number;
  /** … or this much time (ms) while charging (PD: ~100 points for a 20-minute charge). */
  stepMs: number;
  /** At most this many points per session (the oldest are thinned past it). */
  maxPoints: number;
}

export const CURVE_DEFAULTS: CurveOptions = { stepPct: 1, stepMs: 10_000, maxPoints: 2000 };

const AC_SESSION = new Set(['preparing', 'charging', 'stopping']);

export class ChargeCurve {
  private points: CurvePoint[] = [];
  private inSession = false;
  private readonly o: CurveOptions;

  constructor(options: Partial<CurveOptions> = {}) {
    this.o = { ...CURVE_DEFAULTS, ...options };
  }

  /** Oldest first; the present (or last) session's. */
  get(): readonly CurvePoint[] {
    return this.points;
  }

  /** Call after every tick (cheap when nothing changes). */
  observe(v: ControllerView, packVoltageV: number, packCurrentA: number): void {
    const session = v.dc.sessionActive || AC_SESSION.has(v.inlet.acSession.state);
    if (session && !this.inSession) this.points = [];
    this.inSession = session;
    const charging = v.dc.phase === 'currentDemand' || v.inlet.acSession.state === 'charging';
    if (!charging || !Number.isFinite(v.bms.socPct)) return;
    const powerW = packVoltageV * packCurrentA;
    if (!Number.isFinite(powerW)) return;
    const reason = limitingReason(v);
    const last = this.points[this.points.length - 1];
    const due = last === undefined
      || Math.abs(v.bms.socPct - last.socPct) >= this.o.stepPct
      || v.nowMs - last.tMs >= this.o.stepMs
      || reason !== last.limitingReason;
    if (!due) return;
    this.points.push({ tMs: v.nowMs, socPct: v.bms.socPct, powerW, limitingReason: reason });
    if (this.points.length > this.o.maxPoints) this.points = this.points.filter((_, i) => i % 2 === 0);
  }
}
