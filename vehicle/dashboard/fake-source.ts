// A fake DashboardSource for development and tests: a deterministic DC session (plug-in,
// the DIN/ISO phases, a charge that follows the limits, stop at the charge limit), V2L when not
// charging, and a fault now and then. Time moves only when tick(dtMs) is called.
import type { ApiEvent, HmiCommand } from '../api/protocol.ts';
import type { CurvePoint, FaultView, LimitingReason, StatusSnapshot } from '../status.ts';
import { FAKE_PACK, cellOcvV, currentLimits, newPack, packVoltageV, seededRandom, stepPack, type Evse, type PackModel } from './fake-pack.ts';
import type { CommandOutcome, DashboardSource } from './source.ts';
import { snapshotOf } from './fake-snapshot.ts';

export interface FakeSourceOptions {
  seed?: number;
  cellCount?: number;
  tempSensorCount?: number;
  startSocPct?: number;
  chargeLimitPct?: number;
  evse?: Evse;
}

/** Phases before current flows, with their made-up durations (ms), in DC-session order. */
const START_PHASES: ReadonlyArray<readonly [string, number]> = [
  ['sessionSetup', 1500], ['authorization', 800], ['parameterDiscovery', 600], ['planning', 100], ['locking', 400],
  ['cableCheck', 3000], ['preCharge', 1500], ['closingContactors', 200], ['contactorSettle', 450], ['powerDeliveryStart', 300],
];
const STOP_PHASES: ReadonlyArray<readonly [string, number]> = [
  ['stopRampDown', 800], ['powerDeliveryStop', 400], ['openingContactors', 300], ['weldingDetection', 1200], ['sessionStop', 300],
];
/** A curve point every this much SOC, and whenever the limit in force changes. */
const CURVE_STEP_PCT = 0.25;
/** The fake's own rhythm of a sensor going stale: every 240 s of charging, for 20 s. */
const SENSOR_DROPOUT = { everyMs: 240_000, forMs: 20_000, sensor: 17 } as const;

export interface FakeState {
  tMs: number;
  phase: string;
  phaseEndsMs: number;
  charging: boolean;
  chargeLimitPct: number;
  stopReason: string | null;
  reason: LimitingReason;
  requestA: number;
  pack: PackModel;
  evse: Evse;
  v2l: { state: 'off' | 'supplying'; floorPct: number; loadW: number; energyWh: number; warning: string | null };
  faults: Map<string, FaultView>;
}

export class FakeSource implements DashboardSource {
  /** Every command received, accepted or not, for tests to check. */
  readonly commands: HmiCommand[] = [];
  private readonly random: () => number;
  private readonly listeners = new Set<(e: ApiEvent) => void>();
  private readonly s: FakeState;
  private points: CurvePoint[] = [];
  private sessionStartMs = 0;

  constructor(options: FakeSourceOptions = {}) {
    this.random = seededRandom(options.seed ?? 7);
    const evse = options.evse ?? { maxVoltageV: 500, minVoltageV: 150, maxCurrentA: 350, maxPowerW: 150_000 };
    this.s = {
      tMs: 0, phase: 'idle', phaseEndsMs: Infinity, charging: false,
      chargeLimitPct: options.chargeLimitPct ?? 80, stopReason: null, reason: 'none', requestA: 0,
      pack: newPack(this.random, options.cellCount ?? 96, options.tempSensorCount ?? 32, options.startSocPct ?? 12),
      evse,
      v2l: { state: 'off', floorPct: 20, loadW: 0, energyWh: 0, warning: null },
      faults: new Map(),
    };
    this.startSession();
  }

  status(): StatusSnapshot {
    return snapshotOf(this.s, this.sessionStartMs);
  }

  curve(): readonly CurvePoint[] {
    return this.points;
  }

  faults(): readonly FaultView[] {
    return [...this.s.faults.values()].sort((a, b) => Number(b.active) - Number(a.active) || b.lastMs - a.lastMs);
  }

  subscribe(listener: (e: ApiEvent) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  command(c: HmiCommand): CommandOutcome {
    this.commands.push(c);
    const outcome = this.apply(c);
    this.emit('command', { command: c, ...outcome });
    return outcome;
  }

  /** Moves the fake forward by dtMs, in steps of at most 100 ms. */
  tick(dtMs: number): void {
    for (let left = dtMs; left > 0; left -= 100) this.step(Math.min(100, left));
  }

  private apply(c: HmiCommand): CommandOutcome {
    const s = this.s;
    switch (c.cmd) {
      case 'charge-limit':
        s.chargeLimitPct = c.pct;
        return { ok: true };
      case 'charge-stop':
        if (!s.charging) return { ok: false, reason: 'no charge session is running' };
        this.stop('user stop');
        return { ok: true };
      case 'charge-start':
        if (s.charging) return { ok: false, reason: 'a session is already running' };
        if (s.v2l.state !== 'off') return { ok: false, reason: 'V2L is on; switch it off first' };
        if (s.pack.socPct >= s.chargeLimitPct) return { ok: false, reason: `SOC is already at the ${s.chargeLimitPct} % limit` };
        this.startSession();
        return { ok: true };
      case 'v2l-on':
        if (s.charging) return { ok: false, reason: 'V2L never supplies while charging; stop the charge first' };
        if (c.floorPct !== undefined) s.v2l.floorPct = c.floorPct;
        if (s.pack.socPct <= s.v2l.floorPct) return { ok: false, reason: `SOC is at or below the ${s.v2l.floorPct} % floor` };
        s.v2l.state = 'supplying';
        s.v2l.warning = null;
        return { ok: true };
      case 'v2l-off':
        s.v2l.state = 'off';
        return { ok: true };
      case 'v2l-floor':
        s.v2l.floorPct = c.pct;
        return { ok: true };
      default:
        return { ok: true };
    }
  }

  private step(dtMs: number): void {
    const s = this.s;
    s.tMs += dtMs;
    if (s.tMs >= s.phaseEndsMs) this.nextPhase();
    const demand = s.phase === 'currentDemand';
    const { targetA, reason } = currentLimits(s.pack, s.evse, null);
    s.requestA = demand ? targetA : 0;
    if (demand && reason !== s.reason) this.emit('limit', { from: s.reason, to: reason });
    s.reason = demand ? reason : s.charging ? s.reason : 'none';
    const v2lW = s.v2l.state === 'supplying' ? this.v2lLoadW() : 0;
    s.v2l.loadW = v2lW;
    stepPack(s.pack, s.requestA - v2lW / Math.max(1, packVoltageV(s.pack)), dtMs / 1000, this.random);
    if (s.v2l.state === 'supplying') this.stepV2l(dtMs);
    if (demand && s.pack.socPct >= s.chargeLimitPct) this.stop('charge limit reached');
    this.stepFaults();
    if (demand && s.pack.currentA > 1) this.addCurvePoint();
  }

  private v2lLoadW(): number {
    // A kettle now and then on top of a fridge and lights: 350 W base, 1.8 kW for 3 of every 20 min.
    const minute = Math.floor(this.s.tMs / 60_000) % 20;
    return 350 + (minute < 3 ? 1800 : 0) + 40 * Math.sin(this.s.tMs / 7000);
  }

  private stepV2l(dtMs: number): void {
    const v = this.s.v2l;
    v.energyWh += (v.loadW * dtMs) / 3_600_000;
    const socPct = this.s.pack.socPct;
    v.warning = socPct <= v.floorPct + 3 ? `SOC ${socPct.toFixed(1)} % is close to the ${v.floorPct} % floor` : null;
    if (socPct <= v.floorPct) {
      v.state = 'off';
      v.warning = `stopped at the ${v.floorPct} % floor`;
      this.emit('v2l', { state: 'off', reason: 'floor' });
    }
  }

  private startSession(): void {
    const s = this.s;
    s.charging = true;
    s.stopReason = null;
    this.points = [];
    this.sessionStartMs = s.tMs;
    this.enter(START_PHASES, 0);
  }

  private stop(reason: string): void {
    if (!START_PHASES.some(([p]) => p === this.s.phase) && this.s.phase !== 'currentDemand') return;
    this.s.stopReason = reason;
    this.enter(STOP_PHASES, 0);
  }

  private enter(phases: ReadonlyArray<readonly [string, number]>, index: number): void {
    const [phase, durationMs] = phases[index] ?? ['currentDemand', Infinity];
    this.s.phase = phase;
    this.s.phaseEndsMs = this.s.tMs + durationMs;
    this.emit('session-phase', { phase });
  }

  private nextPhase(): void {
    const s = this.s;
    const start = START_PHASES.findIndex(([p]) => p === s.phase);
    const stop = STOP_PHASES.findIndex(([p]) => p === s.phase);
    if (start >= 0) return this.enter(START_PHASES, start + 1);
    if (stop >= 0 && stop + 1 < STOP_PHASES.length) return this.enter(STOP_PHASES, stop + 1);
    s.phase = 'ended';
    s.phaseEndsMs = Infinity;
    s.charging = false;
    s.reason = 'none';
    this.emit('session-phase', { phase: 'ended', stopReason: s.stopReason });
  }

  private addCurvePoint(): void {
    const s = this.s;
    const last = this.points.at(-1);
    if (last && s.pack.socPct - last.socPct < CURVE_STEP_PCT && last.limitingReason === s.reason) return;
    this.points.push({ tMs: s.tMs, socPct: s.pack.socPct, powerW: packVoltageV(s.pack) * s.pack.currentA, limitingReason: s.reason });
  }

  private stepFaults(): void {
    const s = this.s;
    const pinHot = Math.max(...s.pack.pinTempsC) > FAKE_PACK.pinDerateStartC;
    this.setFault('INLET_PIN_WARM', pinHot, 'warning', `inlet pin above ${FAKE_PACK.pinDerateStartC} °C: current derated`);
    const sinceStart = s.tMs - this.sessionStartMs;
    const dropout = s.charging && sinceStart > 60_000 && (sinceStart % SENSOR_DROPOUT.everyMs) < SENSOR_DROPOUT.forMs;
    if (dropout) s.pack.tempsC[SENSOR_DROPOUT.sensor] = NaN;
    this.setFault('CMU_TEMP_STALE', dropout, 'info', `temperature sensor ${SENSOR_DROPOUT.sensor + 1} stale: ignored, limits use the others`);
    const lowCell = Math.min(...s.pack.cellVoltagesV) < cellOcvV(0) - 0.05;
    this.setFault('CELL_UNDERVOLTAGE', lowCell, 'critical', 'a cell is below its minimum voltage');
  }

  private setFault(code: string, active: boolean, severity: FaultView['severity'], text: string): void {
    const f = this.s.faults.get(code);
    if (active && !f?.active) {
      this.s.faults.set(code, { code, text, severity, firstMs: this.s.tMs, lastMs: this.s.tMs, active: true });
      this.emit('fault', { code, active: true });
    } else if (active && f) {
      f.lastMs = this.s.tMs;
    } else if (!active && f?.active) {
      f.active = false;
      f.lastMs = this.s.tMs;
      this.emit('fault', { code, active: false });
    }
  }

  private emit(event: string, data: unknown): void {
    const e: ApiEvent = { event, tMs: this.s.tMs, data };
    for (const l of this.listeners) l(e);
  }
}
