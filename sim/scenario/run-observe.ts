// What the runner watches on every control tick: the invariants, the metrics, a short ring of the
// last ticks (printed with a violation), V2L runtime, and whether the scenario's stop condition is
// met. Everything per tick reuses preallocated objects: this runs 100 000+ times per session.
import type { Controller } from '../../vehicle/controller/controller.ts';
import type { ControllerView } from '../../vehicle/controller/view.ts';
import type { SimCar } from '../car.ts';
import type { InvariantChecker, Requests } from '../invariants.ts';
import { fillRequests, newRequests } from './requests.ts';
import type { MetricsRecorder, TickSample } from '../report/metrics.ts';
import type { Truth } from '../truth.ts';
import type { Scenario } from './types.ts';

/** Ticks kept for a failure report (PD: 0.3 s at 10 ms shows the lead-up without flooding). */
const RING_TICKS = 30;
/** The V2L runtime estimate is reported as made one hour into the supply (issue #7 item 4). */
const V2L_ESTIMATE_AT_S = 3600;
/** AC session states that count as a session (plain compares: read every tick). */
function acActive(state: string): boolean {
  return state === 'preparing' || state === 'charging' || state === 'stopping';
}
/** DC phases with no session running. */
function dcDone(phase: string): boolean {
  return phase === 'idle' || phase === 'ended';
}

interface RingEntry {
  tMs: number; socPct: number; packV: number; packA: number; inletV: number; inletA: number; reqA: number;
  targetV: number; maxV: number; dcPhase: string; ac: string; v2l: string; lock: string; contactors: string; critical: boolean;
}

export interface V2lTrack {
  used: boolean;
  supplyingS: number;
  firstSupplyMs: number;
  estimatedRuntimeS: number | null;
  estimateAtS: number | null;
  energyWh: number;
}

export class TickObserver {
  readonly requests: Requests;
  readonly sample: TickSample = {
    tS: 0, socPct: 0, packVoltageV: 0, packCurrentA: 0, maxCellTempC: 0, minCellTempC: 0, maxPinTempC: 0, limitingReason: null, path: null,
  };
  readonly v2l: V2lTrack = { used: false, supplyingS: 0, firstSupplyMs: NaN, estimatedRuntimeS: null, estimateAtS: null, energyWh: 0 };
  /** Why the run stops (null: keep going). */
  stopWhy: string | null = null;
  /** When the stop condition was met (the run may settle a little longer). */
  stopMetMs = NaN;
  /** The stop came from `stop.when` (the runner lets the aftermath settle), not from time or SOC. */
  stopByWhen = false;
  /** The ring at the first violation, oldest first. */
  firstFailureTicks: string[] | null = null;
  private readonly ring: RingEntry[] = [];
  private ringNext = 0;
  private readonly dtS: number;
  private seenSession = false;
  private seenSupply = false;
  private seenAcCharging = false;
  private seenPlug = false;
  private readonly stopSocUp: boolean;

  constructor(
    private readonly scenario: Scenario,
    private readonly car: SimCar,
    private readonly controller: Controller,
    private readonly checker: InvariantChecker,
    private readonly recorder: MetricsRecorder,
  ) {
    this.dtS = scenario.tickMs / 1000;
    this.stopSocUp = scenario.stop.socPct !== undefined && scenario.stop.socPct >= scenario.initial.socPct;
    this.requests = newRequests(car.plant.pdu.cmd);
    for (let i = 0; i < RING_TICKS; i++) {
      this.ring.push({ tMs: NaN, socPct: 0, packV: 0, packA: 0, inletV: 0, inletA: 0, reqA: 0, targetV: 0, maxV: 0, dcPhase: '', ac: '', v2l: '', lock: '', contactors: '', critical: false });
    }
  }

  afterTick(nowMs: number): void {
    const t = this.car.truth();
    const v = this.controller.view();
    const r = v === undefined ? null : fillRequests(this.requests, v);
    this.remember(t, v);
    if (this.checker.check(t, r) && this.firstFailureTicks === null) this.firstFailureTicks = this.lastTicks();
    this.feedMetrics(t, v, nowMs);
    if (v !== undefined) this.trackV2l(t, v, nowMs);
    if (this.stopWhy === null) {
      this.stopWhy = this.stopReason(t, v, nowMs);
      if (this.stopWhy !== null) {
        this.stopMetMs = nowMs;
        this.stopByWhen = !this.stopWhy.startsWith('time ') && !this.stopWhy.startsWith('SOC ');
      }
    }
  }

  private feedMetrics(t: Truth, v: ControllerView | undefined, nowMs: number): void {
    const s = this.sample;
    s.tS = nowMs / 1000;
    s.socPct = t.socPct;
    s.packVoltageV = t.packVoltageV;
    s.packCurrentA = t.packCurrentA;
    s.maxCellTempC = t.cellTempMaxC;
    s.minCellTempC = t.cellTempMinC;
    s.maxPinTempC = t.maxPinTempC;
    s.path = t.path;
    s.limitingReason = v === undefined ? null : limitingReason(v);
    this.recorder.add(s, this.dtS);
  }

  private trackV2l(t: Truth, v: ControllerView, nowMs: number): void {
    const track = this.v2l;
    if (v.v2l.state !== 'off') track.used = true;
    if (t.v2lOutputW > 0) {
      track.used = true;
      track.energyWh += (t.v2lOutputW * this.dtS) / 3600;
    }
    if (v.v2l.state !== 'supplying') return;
    track.supplyingS += this.dtS;
    if (Number.isNaN(track.firstSupplyMs)) track.firstSupplyMs = nowMs;
    const sinceS = (nowMs - track.firstSupplyMs) / 1000;
    // Until the hour is reached the latest estimate stands in (a shorter run reports it with its time).
    if (v.v2l.runtime !== null && (track.estimateAtS === null || track.estimateAtS < V2L_ESTIMATE_AT_S)) {
      track.estimatedRuntimeS = v.v2l.runtime.estimatedS;
      track.estimateAtS = sinceS;
    }
  }

  private stopReason(t: Truth, v: ControllerView | undefined, nowMs: number): string | null {
    const stop = this.scenario.stop;
    if (nowMs >= stop.timeS * 1000) return `time ${stop.timeS} s`;
    if (stop.socPct !== undefined && (this.stopSocUp ? t.socPct >= stop.socPct : t.socPct <= stop.socPct)) return `SOC ${stop.socPct} %`;
    if (t.plugged) this.seenPlug = true;
    if (v === undefined || stop.when === undefined) return null;
    const ac = v.inlet.acSession.state;
    const sessionNow = v.dc.sessionActive || !dcDone(v.dc.phase) || acActive(ac);
    if (sessionNow) this.seenSession = true;
    if (v.v2l.state === 'supplying') this.seenSupply = true;
    if (ac === 'charging') this.seenAcCharging = true;
    switch (stop.when) {
      case 'charge-complete':
        // AC 'complete' counts only after an AC session charged (the AC machine also idles there after DC).
        return (v.dc.stopReason === 'full' && dcDone(v.dc.phase)) || (this.seenAcCharging && ac === 'complete') ? 'charge complete' : null;
      case 'session-ended':
        return this.seenSession && !sessionNow ? 'session ended' : null;
      case 'v2l-stopped':
        return this.seenSupply && (v.v2l.state === 'off' || v.v2l.state === 'fault') ? 'V2L stopped' : null;
      case 'unplugged':
        return this.seenPlug && !t.plugged ? 'unplugged' : null;
      case 'fault':
        return hasFault(v) ? 'fault' : null;
    }
  }

  private remember(t: Truth, v: ControllerView | undefined): void {
    const e = this.ring[this.ringNext]!;
    this.ringNext = (this.ringNext + 1) % RING_TICKS;
    e.tMs = t.timeMs; e.socPct = t.socPct; e.packV = t.packVoltageV; e.packA = t.packCurrentA;
    e.inletV = t.inletVoltageV; e.inletA = t.inletCurrentA; e.lock = t.lock;
    e.contactors = contactorText(t.contactors);
    e.reqA = v?.dc.currentRequestA ?? 0;
    e.targetV = v?.dc.ccc.evTargetVoltageV ?? 0;
    e.maxV = v?.dc.ccc.evMaxVoltageV ?? 0;
    e.dcPhase = v?.dc.phase ?? '-';
    e.ac = v?.inlet.acSession.state ?? '-';
    e.v2l = v?.v2l.state ?? '-';
    e.critical = v?.bms.criticalFault ?? false;
  }

  /** The last ticks, oldest first, one line each. */
  lastTicks(): string[] {
    const out: string[] = [];
    for (let i = 0; i < RING_TICKS; i++) {
      const e = this.ring[(this.ringNext + i) % RING_TICKS]!;
      if (Number.isNaN(e.tMs)) continue;
      out.push(`t=${(e.tMs / 1000).toFixed(2)}s soc=${e.socPct.toFixed(2)} pack=${e.packV.toFixed(1)}V/${e.packA.toFixed(1)}A ` +
        `inlet=${e.inletV.toFixed(1)}V/${e.inletA.toFixed(1)}A req=${e.reqA.toFixed(1)}A target=${e.targetV.toFixed(1)}V evMax=${e.maxV.toFixed(1)}V ` +
        `dc=${e.dcPhase} ac=${e.ac} v2l=${e.v2l} lock=${e.lock} contactors=${e.contactors}${e.critical ? ' CRITICAL' : ''}`);
    }
    return out;
  }
}

/** Contactor letters, upper case = closed: M+ M- P D+ D- O. One text per combination, made once. */
const CONTACTOR_TEXT: readonly string[] = Array.from({ length: 64 }, (_, key) =>
  ['M+', 'M-', 'P', 'D+', 'D-', 'O'].map((n, i) => ((key >> i) & 1 ? n : n.toLowerCase())).join(' '));
function contactorText(c: Truth['contactors']): string {
  return CONTACTOR_TEXT[(+c.mainPos) | (+c.mainNeg << 1) | (+c.precharge << 2) | (+c.dcPos << 3) | (+c.dcNeg << 4) | (+c.obcRelay << 5)]!;
}

/** The limit in force while charging: the DC session's, refined by the BMS's reason when it is the battery. */
function limitingReason(v: ControllerView): string | null {
  if (v.dc.phase === 'currentDemand') {
    const r = v.dc.limitingReason;
    if (r === 'battery') {
      const b = v.bms.chargeLimitReason;
      if (b === 'cellTempLow' || b === 'chargeTempWindow') return 'cold';
      if (b === 'cellTempHigh') return 'hot';
    }
    return r ?? v.dc.holdReason;
  }
  const ac = v.inlet.acSession;
  return ac.state === 'charging' ? (ac.limitReason ?? 'none') : null;
}

function hasFault(v: ControllerView): boolean {
  if (v.bms.criticalFault || v.v2l.trip !== null || v.inlet.lock.fault !== null) return true;
  if (v.dc.stopKind === 'error' || v.dc.stopKind === 'emergency') return true;
  const faults = v.bms.faults;
  for (let i = 0; i < faults.length; i++) if (faults[i]!.severity === 'error' || faults[i]!.severity === 'critical') return true;
  return false;
}
