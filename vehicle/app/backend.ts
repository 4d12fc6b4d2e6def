// One object behind both the local API (ApiBackend) and the dashboard (DashboardSource): status
// snapshots built on demand (cached per tick), the charge curve, faults, user commands to the
// controller, and an event stream of decisions, command outcomes and periodic status.
import type { ApiEvent, HmiCommand } from '../api/protocol.ts';
import type { ApiBackend } from '../api/server.ts';
import type { SignalStore } from '../can/index.ts';
import type { Controller } from '../controller/controller.ts';
import type { Decision } from '../controller/decisions.ts';
import type { CommandOutcome, DashboardSource } from '../dashboard/source.ts';
import type { CurvePoint, FaultView, StatusSnapshot } from '../status.ts';
import { ChargeCurve } from './charge-curve.ts';
import { FaultBook } from './fault-book.ts';
import { buildStatus, storeReader } from './status-builder.ts';

export class NotReadyError extends Error {
  constructor() {
    super('packpilot is starting: no control tick has run yet');
  }
}

export class ServiceBackend implements ApiBackend, DashboardSource {
  readonly curveKeeper = new ChargeCurve();
  private store: SignalStore | undefined;
  private cached: StatusSnapshot | undefined;
  private readonly listeners = new Set<(e: ApiEvent) => void>();
  private readonly stopDecisions: () => void;

  constructor(
    private readonly controller: Controller,
    readonly faultBook: FaultBook,
  ) {
    this.stopDecisions = controller.onDecision((d) => this.emit('decision', d.tMs, { source: d.source, what: d.what, detail: d.detail }));
  }

  /** The loop's signal store (cells, contactor feedback, EVSE values); set once the loop runs. */
  attachStore(store: SignalStore): void {
    this.store = store;
  }

  /** After every tick: keeps the charge curve. */
  afterTick(): void {
    const v = this.controller.view();
    if (v) this.curveKeeper.observe(v, v.bms.packVoltageV, v.packCurrentA);
  }

  status(): StatusSnapshot {
    const v = this.controller.view();
    if (v === undefined) throw new NotReadyError();
    if (this.cached?.tMs !== v.nowMs) {
      this.cached = buildStatus(v, this.controller.config, storeReader(this.store, v.nowMs), this.faultBook);
    }
    return this.cached;
  }

  curve(): readonly CurvePoint[] {
    return this.curveKeeper.get();
  }

  faults(): readonly FaultView[] {
    return this.faultBook.list(this.controller.view());
  }

  command(c: HmiCommand): CommandOutcome {
    const outcome = this.controller.command(c);
    this.emit('command', this.controller.view()?.nowMs ?? 0, { command: c, ...outcome });
    return outcome;
  }

  subscribe(listener: (e: ApiEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Pushes a status event to subscribers (the service calls this on a period); nothing without any. */
  publishStatus(): void {
    if (this.listeners.size === 0 || this.controller.view() === undefined) return;
    const s = this.status();
    this.emit('status', s.tMs, s);
  }

  /** The dashboard's view: decisions and commands for its log, without the periodic status (it polls). */
  dashboardSource(): DashboardSource {
    return {
      status: () => this.status(),
      curve: () => this.curve(),
      faults: () => this.faults(),
      command: (c) => this.command(c),
      subscribe: (listener) => this.subscribe((e) => {
        if (e.event === 'status') return;
        if (e.event === 'decision') {
          const d = e.data as Pick<Decision, 'source' | 'what'>;
          listener({ event: d.source, tMs: e.tMs, data: d.what });
        } else listener(e);
      }),
    };
  }

  close(): void {
    this.stopDecisions();
    this.listeners.clear();
  }

  private emit(event: string, tMs: number, data: unknown): void {
    for (const l of this.listeners) {
      try {
        l({ event, tMs, data });
      } catch {
        // A broken listener (a closed socket) must not stop the control loop.
      }
    }
  }
}
