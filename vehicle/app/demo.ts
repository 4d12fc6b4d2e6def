// The desktop demo's script, on simulated time, through the simulated car's own hands (plug,
// unplug, HMI): plug into a DC charger at 10 %, charge to the limit, unplug, plug the V2L
// adapter and power the house for a while, switch it off, unplug. Each step waits for what the
// controller does (with a timeout), so the demo shows whatever the stack does and never hangs.
// Also keeps the summary: times, energy, peak power, and the safety invariants (sim/invariants.ts).
import type { Controller } from '../controller/controller.ts';
import type { SimCar } from '../../sim/car.ts';
import { InvariantChecker, type Requests, type Violation } from '../../sim/invariants.ts';
import { invariantLimits } from '../../sim/scenario/run-config.ts';
import { fillRequests, newRequests } from '../../sim/scenario/requests.ts';

export type DemoStage = 'starting' | 'dc-charging' | 'unplugging' | 'v2l-plugged' | 'v2l' | 'v2l-stopping' | 'finishing' | 'done';

export interface DemoPlan {
  /** Charge limit set on the HMI before plugging in (%). */
  chargeLimitPct: number;
  /** Before plugging in (ms, simulated): the car wakes up and settles. */
  plugAtMs: number;
  /** Longest DC session before the demo moves on (ms). */
  chargeTimeoutMs: number;
  /** How long the house runs on V2L (ms). */
  v2lForMs: number;
  /** Longest wait for the lock to let go, or V2L to switch off (ms). */
  waitMs: number;
}

export const DEMO_PLAN: DemoPlan = { chargeLimitPct: 80, plugAtMs: 2000, chargeTimeoutMs: 45 * 60_000, v2lForMs: 15 * 60_000, waitMs: 60_000 };

export interface StageTimes {
  startS: number;
  endS: number;
}

export interface DemoSummary {
  dc: StageTimes & { socFromPct: number; socToPct: number; energyInWh: number; peakPowerW: number; outcome: string };
  v2l: StageTimes & { energyOutWh: number; peakLoadW: number; supplyingS: number; outcome: string };
  totalS: number;
  violations: Violation[];
  violationCount: number;
  notes: string[];
}

const DC_ENDED = new Set(['ended']);

export class Demo {
  stage: DemoStage = 'starting';
  private stageSinceMs = 0;
  private nextTryMs = 0;
  private lastMs = NaN;
  private controller: Controller | undefined;
  private checker: InvariantChecker | undefined;
  private readonly requests: Requests;
  private readonly listeners = new Set<(stage: DemoStage) => void>();
  readonly summary: DemoSummary = {
    dc: { startS: NaN, endS: NaN, socFromPct: NaN, socToPct: NaN, energyInWh: 0, peakPowerW: 0, outcome: 'not run' },
    v2l: { startS: NaN, endS: NaN, energyOutWh: 0, peakLoadW: 0, supplyingS: 0, outcome: 'not run' },
    totalS: 0, violations: [], violationCount: 0, notes: [],
  };

  constructor(
    private readonly car: SimCar,
    private readonly plan: DemoPlan = DEMO_PLAN,
  ) {
    this.requests = newRequests(car.plant.pdu.cmd);
  }

  /** The controller the service built; the script runs from the next tick on. */
  bind(controller: Controller): void {
    this.controller = controller;
    this.checker = new InvariantChecker(invariantLimits(controller.config));
  }

  onStage(listener: (stage: DemoStage) => void): void {
    this.listeners.add(listener);
  }

  /** After every control tick: the invariants, energy and peaks; the script's next step when due. */
  afterTick(nowMs: number): void {
    if (this.controller === undefined || this.checker === undefined) return;
    const t = this.car.truth();
    const v = this.controller.view();
    const dtH = Number.isNaN(this.lastMs) ? 0 : (nowMs - this.lastMs) / 3_600_000;
    this.lastMs = nowMs;
    if (v !== undefined) fillRequests(this.requests, v);
    this.checker.check(t, v === undefined ? null : this.requests);
    const s = this.summary;
    if (this.stage === 'dc-charging' && t.packPowerW > 0) {
      s.dc.energyInWh += t.packPowerW * dtH;
      s.dc.peakPowerW = Math.max(s.dc.peakPowerW, t.packPowerW);
    }
    if (this.stage === 'v2l' || this.stage === 'v2l-stopping') {
      s.v2l.energyOutWh += t.v2lOutputW * dtH;
      s.v2l.peakLoadW = Math.max(s.v2l.peakLoadW, t.v2lOutputW);
      if (v?.v2l.state === 'supplying') s.v2l.supplyingS += dtH * 3600;
    }
    s.totalS = nowMs / 1000;
    s.violationCount = this.checker.count;
    s.violations = this.checker.violations;
    this.step(nowMs, t.socPct);
  }

  private step(nowMs: number, socPct: number): void {
    const v = this.controller?.view();
    const inStage = nowMs - this.stageSinceMs;
    const s = this.summary;
    switch (this.stage) {
      case 'starting':
        if (nowMs < this.plan.plugAtMs) return;
        // The driver sets the charge limit on the HMI, then plugs in.
        this.car.hmi({ chargeLimitPct: this.plan.chargeLimitPct });
        this.car.plug();
        s.dc.startS = nowMs / 1000;
        s.dc.socFromPct = socPct;
        return this.enter('dc-charging', nowMs);
      case 'dc-charging': {
        const ended = v !== undefined && DC_ENDED.has(v.dc.phase);
        if (!ended && inStage < this.plan.chargeTimeoutMs) return;
        s.dc.endS = nowMs / 1000;
        s.dc.socToPct = socPct;
        s.dc.outcome = ended ? `${v!.dc.stopKind ?? 'ended'}: ${v!.dc.stopReason ?? 'done'}` : `still ${v?.dc.phase ?? 'idle'} after ${this.plan.chargeTimeoutMs / 60_000} min: moving on`;
        if (!ended) this.car.hmi({ stop: true });
        return this.enter('unplugging', nowMs);
      }
      case 'unplugging':
      case 'finishing': {
        if (nowMs >= this.nextTryMs) {
          this.nextTryMs = nowMs + 1000;
          // Try once a second: the lock holds the plug until the inlet is dead.
          if (this.car.unplug()) {
            if (this.stage === 'finishing') return this.enter('done', nowMs);
            this.car.plug('v2l');
            return this.enter('v2l-plugged', nowMs);
          }
        }
        if (inStage >= this.plan.waitMs) {
          s.notes.push(`the plug stayed locked ${this.plan.waitMs / 1000} s after the session: demo ends here`);
          return this.enter('done', nowMs);
        }
        return;
      }
      case 'v2l-plugged': {
        // Switch on once the inlet has recognised the adapter (PP debounce), as a person would.
        const seen = v !== undefined && v.inlet.connector.v2lAdapter;
        if (!seen && inStage < this.plan.waitMs) return;
        if (!seen) s.notes.push(`the V2L adapter was not recognised within ${this.plan.waitMs / 1000} s`);
        this.car.hmi({ v2l: 'on' });
        s.v2l.startS = nowMs / 1000;
        return this.enter('v2l', nowMs);
      }
      case 'v2l': {
        const stopped = v !== undefined && (v.v2l.state === 'fault' || (v.v2l.state === 'off' && inStage > 10_000));
        if (!stopped && inStage < this.plan.v2lForMs) return;
        s.v2l.outcome = stopped
          ? `V2L ${v!.v2l.state}${v!.v2l.trip ? `: ${v!.v2l.trip.text}` : v!.v2l.refusal ? `: ${v!.v2l.refusal.text}` : ''}`
          : s.v2l.supplyingS > 0 ? 'switched off by the user' : `never supplied (still ${v?.v2l.state ?? 'unknown'}); switched off by the user`;
        this.car.hmi({ v2l: 'off' });
        return this.enter('v2l-stopping', nowMs);
      }
      case 'v2l-stopping':
        if (v !== undefined && v.v2l.state !== 'off' && v.v2l.state !== 'fault' && inStage < this.plan.waitMs) return;
        s.v2l.endS = nowMs / 1000;
        return this.enter('finishing', nowMs);
      case 'done':
        return;
    }
  }

  private enter(stage: DemoStage, nowMs: number): void {
    this.stage = stage;
    this.stageSinceMs = nowMs;
    for (const l of this.listeners) l(stage);
  }
}
