// The nine safety invariants of DESIGN.md §7, judged on every simulated tick from the physical
// truth (sim/truth.ts) and, where an invariant is about what packpilot asks for (3, 4, 5, 8), from
// the controller's outgoing requests. A violation is recorded once when it starts (an episode),
// with the time and a detail line. Per-tick cost: a few comparisons, no allocation unless violated.
import type { ContactorSet } from './plant/pdu.ts';
import type { Truth } from './truth.ts';

/** What packpilot asks for this tick (from the controller's view; the runner fills one object). */
export interface Requests {
  /** DC session phase (inlet/dc/phases.ts). */
  dcPhase: string;
  /** The DC path planned: pack-side limits compare with the inlet request only when direct. */
  dcPath: 'direct' | 'boost' | null;
  /** CurrentDemand request, inlet side (A). */
  dcCurrentRequestA: number;
  /** EVTargetVoltage and EVMaximumVoltageLimit as sent to the CCC (V); 0 when not sent. */
  evTargetVoltageV: number;
  evMaxVoltageV: number;
  /** The BMS's charge current and power limits this tick (pack side). */
  bmsChargeCurrentLimitA: number;
  bmsChargePowerLimitW: number;
  /** The inlet's pin-temperature limit this tick (A). */
  pinLimitA: number;
  /** AC: the OBC current setpoint while an AC session charges (A), else 0. */
  acSetpointA: number;
  /** A critical BMS fault is active this tick. */
  criticalFault: boolean;
  v2lFloorPct: number;
  /** The BMS's own SOC uncertainty (%): the floor is judged on the car's SOC, which can know no better. */
  socUncertaintyPct?: number;
  /** The PDU's contactor command inputs (what packpilot commands, or its safe state). */
  contactorCommands: Readonly<ContactorSet>;
}

/** The truth fields the invariants read (a hand-made sequence in tests needs only these). */
export type InvariantTruth = Pick<Truth,
  | 'timeMs' | 'socPct' | 'cellVoltageMaxV' | 'cellTempMinC' | 'cellTempMaxC' | 'contactors' | 'hardCloses' | 'plugged'
  | 'lock' | 'manualRelease' | 'inletVoltageV' | 'inletCurrentA' | 'chargerDelivering' | 'evseMaxCurrentA' | 'v2lOutputW'
  | 'gear' | 'driveInhibited' | 'v2lOn' | 'obcRelayClosed'>;

export interface InvariantLimits {
  chargeTempMinC: number;
  chargeTempMaxC: number;
  /** Cell safety voltage (charging at or above it is forbidden). */
  cellSafetyV: number;
  packMaxVoltageV: number;
  rampUpAPerS: number;
  /** Critical fault → every path commanded open within this (BMS contactors.openMaxWaitMs). */
  openMaxWaitMs: number;
}

export interface Violation {
  atS: number;
  invariant: number;
  detail: string;
}

/** DESIGN.md §7.2: the unlock thresholds. */
const UNLOCK_MAX_V = 60;
const UNLOCK_MAX_A = 1;
/** DESIGN.md §7.4: EVTargetVoltage at least this far below EVMaximumVoltageLimit. */
const TARGET_BELOW_MAX_V = 1;
/** PD: true cell temperature beyond the window by this before a request counts (CMU offset 0.3 °C
 *  1σ + noise 0.2 °C, sim/presets/vehicles.ts: the controller can only act on what it measures). */
const TEMP_TOLERANCE_K = 1.5;
/** PD: rounding slack on currents (A) and voltages (V) compared across the DBC's resolution. */
const CURRENT_TOL_A = 0.5;
/** PD: the controller divides power by its own voltage readings (shunt gain 0.2 %, noise); 2 % covers them. */
const POWER_TOL = 0.02;
const VOLTAGE_TOL_V = 1e-6;
/** PD: the charger's present maximum reaches packpilot through the CCC's status frame (100 ms cycle)
 *  and one control tick; a request above a just-lowered maximum is allowed this long. */
const EVSE_MAX_GRACE_MS = 500;
/** PD: after a critical fault's break wait, the PDU command frame (50 ms) and a tick of slack. */
const OPEN_SLACK_MS = 200;
/** PD: PP debounce, the inlet frame and the interlock frame before VEH sees "inhibit". */
const INHIBIT_GRACE_MS = 500;
/** PD: below the floor by more than the BMS's SOC uncertainty (at least 1 %) for longer than the inverter's ramp-down. */
const V2L_FLOOR_TOL_PCT = 1;
const V2L_STOP_GRACE_MS = 2000;
/** DC phases in which the request is a charge current (PreCharge's ≤ 2 A only charges the inlet).
 *  Plain compares, not a set lookup: judged every tick. */
function chargePhase(phase: string): boolean {
  return phase === 'currentDemand' || phase === 'powerDeliveryStart' || phase === 'stopRampDown';
}

export class InvariantChecker {
  readonly violations: Violation[] = [];
  /** Violation episodes seen (violations keeps at most maxKept of them). */
  count = 0;
  private readonly active = new Uint8Array(10);
  private prevLock: string | null = null;
  private prevHardCloses = 0;
  private prevGear: string | null = null;
  private prevRequestA = 0;
  private prevMs = NaN;
  private evseOverSinceMs = NaN;
  private criticalSinceMs = NaN;
  private uninhibitedSinceMs = NaN;
  private belowFloorSinceMs = NaN;

  constructor(
    private readonly limits: InvariantLimits,
    private readonly maxKept = 50,
  ) {}

  /** Checks one tick; returns true when a new violation started. */
  check(t: InvariantTruth, r: Requests | null): boolean {
    const before = this.count;
    const nowMs = t.timeMs;
    this.inv1(t);
    this.inv2(t);
    if (r !== null) {
      this.inv3(t, r, nowMs);
      this.inv4(r, nowMs);
      this.inv5(t, r);
      this.inv6(t, r, nowMs);
      this.inv8(r, nowMs);
      this.prevRequestA = r.dcCurrentRequestA;
    }
    this.inv7(t);
    this.inv9(t, nowMs);
    this.prevMs = nowMs;
    return this.count > before;
  }

  /** True when a violation episode starts now (counted); `bad` false ends one. The caller then
   *  records it with its detail line: no closure per check, this runs nine times a tick. */
  private starts(n: number, bad: boolean): boolean {
    if (!bad) {
      this.active[n] = 0;
      return false;
    }
    if (this.active[n] === 1) return false;
    this.active[n] = 1;
    this.count++;
    return this.violations.length < this.maxKept;
  }

  private record(n: number, nowMs: number, detail: string): void {
    this.violations.push({ atS: Math.round(nowMs) / 1000, invariant: n, detail });
  }

  private inv1(t: InvariantTruth): void {
    const c = t.contactors;
    if (this.starts(1, c.obcRelay && (c.dcPos || c.dcNeg))) {
      this.record(1, t.timeMs, `OBC relay and DC contactor${c.dcPos && c.dcNeg ? 's' : c.dcPos ? ' dcPos' : ' dcNeg'} closed together`);
    }
  }

  private inv2(t: InvariantTruth): void {
    const started = this.prevLock === 'locked' && (t.lock === 'unlocking' || t.lock === 'unlocked');
    // The inlet voltage in the truth is the DC side; a running inverter behind a closed OBC relay puts
    // 120/240 V AC on the pins (the AC EVSE's own contactor shows only as current: chargerDelivering).
    const acLive = (t.v2lOn && t.obcRelayClosed) || t.chargerDelivering;
    const live = t.inletVoltageV > UNLOCK_MAX_V || Math.abs(t.inletCurrentA) > UNLOCK_MAX_A || acLive;
    if (this.starts(2, started && live && !t.manualRelease)) {
      this.record(2, t.timeMs, `lock released with the inlet at ${t.inletVoltageV.toFixed(1)} V DC, ${t.inletCurrentA.toFixed(1)} A${acLive ? ', AC live' : ''}`);
    }
    this.prevLock = t.lock;
  }

  private inv3(t: InvariantTruth, r: Requests, nowMs: number): void {
    const reqA = r.dcCurrentRequestA;
    let why: string | null = null;
    if (reqA > 0) {
      if (r.dcPath === 'direct' && reqA > r.bmsChargeCurrentLimitA + CURRENT_TOL_A) why = `request ${reqA.toFixed(1)} A > BMS limit ${r.bmsChargeCurrentLimitA.toFixed(1)} A`;
      else if (r.dcPath === 'direct' && t.inletVoltageV > 0 && reqA * t.inletVoltageV > r.bmsChargePowerLimitW * (1 + POWER_TOL) + 1) {
        why = `request ${reqA.toFixed(1)} A × ${t.inletVoltageV.toFixed(0)} V > BMS power limit ${(r.bmsChargePowerLimitW / 1000).toFixed(1)} kW`;
      } else if (reqA > r.pinLimitA + CURRENT_TOL_A) why = `request ${reqA.toFixed(1)} A > pin limit ${r.pinLimitA.toFixed(1)} A`;
    }
    const overEvse = reqA > 0 && t.evseMaxCurrentA > 0 && reqA > t.evseMaxCurrentA + CURRENT_TOL_A;
    if (!overEvse) this.evseOverSinceMs = NaN;
    else if (Number.isNaN(this.evseOverSinceMs)) this.evseOverSinceMs = nowMs;
    if (why === null && overEvse && nowMs - this.evseOverSinceMs > EVSE_MAX_GRACE_MS) {
      why = `request ${reqA.toFixed(1)} A > EVSE maximum ${t.evseMaxCurrentA.toFixed(1)} A for ${(nowMs - this.evseOverSinceMs).toFixed(0)} ms`;
    }
    if (why === null && r.dcPhase === 'currentDemand' && !Number.isNaN(this.prevMs)) {
      const riseA = reqA - this.prevRequestA;
      const allowedA = (this.limits.rampUpAPerS * (nowMs - this.prevMs)) / 1000 + 1e-6;
      if (riseA > allowedA) why = `request rose ${riseA.toFixed(2)} A in ${(nowMs - this.prevMs).toFixed(0)} ms (ramp limit ${allowedA.toFixed(2)} A)`;
    }
    if (this.starts(3, why !== null)) this.record(3, nowMs, why!);
  }

  private inv4(r: Requests, nowMs: number): void {
    const v = r.evTargetVoltageV;
    const bad = v > 0 && (v > r.evMaxVoltageV - TARGET_BELOW_MAX_V + VOLTAGE_TOL_V || v > this.limits.packMaxVoltageV + VOLTAGE_TOL_V);
    if (this.starts(4, bad)) {
      this.record(4, nowMs, `EVTargetVoltage ${v.toFixed(1)} V vs EVMaximumVoltageLimit ${r.evMaxVoltageV.toFixed(1)} V and pack maximum ${this.limits.packMaxVoltageV.toFixed(1)} V`);
    }
  }

  private inv5(t: InvariantTruth, r: Requests): void {
    const requesting = (r.dcCurrentRequestA > 0 && chargePhase(r.dcPhase)) || r.acSetpointA > 0;
    const L = this.limits;
    const cold = t.cellTempMinC < L.chargeTempMinC - TEMP_TOLERANCE_K;
    const hot = t.cellTempMaxC > L.chargeTempMaxC + TEMP_TOLERANCE_K;
    const atSafety = t.cellVoltageMaxV >= L.cellSafetyV;
    if (this.starts(5, requesting && (cold || hot || atSafety))) {
      this.record(5, t.timeMs, `charge request (DC ${r.dcCurrentRequestA.toFixed(1)} A, AC ${r.acSetpointA.toFixed(1)} A) with cells at ${t.cellTempMinC.toFixed(1)}…${t.cellTempMaxC.toFixed(1)} °C, max cell ${t.cellVoltageMaxV.toFixed(3)} V`);
    }
  }

  private inv6(t: InvariantTruth, r: Requests, nowMs: number): void {
    const supplying = t.v2lOutputW > 0;
    const tolerancePct = Math.max(V2L_FLOOR_TOL_PCT, r.socUncertaintyPct ?? 0);
    const below = supplying && t.socPct < r.v2lFloorPct - tolerancePct;
    if (!below) this.belowFloorSinceMs = NaN;
    else if (Number.isNaN(this.belowFloorSinceMs)) this.belowFloorSinceMs = nowMs;
    const floorBad = below && nowMs - this.belowFloorSinceMs > V2L_STOP_GRACE_MS;
    const bad = supplying && (t.chargerDelivering || t.gear !== 'P' || floorBad);
    if (this.starts(6, bad)) {
      this.record(6, nowMs, `V2L supplies ${t.v2lOutputW.toFixed(0)} W while ${t.chargerDelivering ? 'charging' : t.gear !== 'P' ? `in gear ${t.gear}` : `at ${t.socPct.toFixed(2)} % (floor ${r.v2lFloorPct} %)`}`);
    }
  }

  private inv7(t: InvariantTruth): void {
    const hard = t.hardCloses > this.prevHardCloses;
    if (this.starts(7, hard)) this.record(7, t.timeMs, `a main or DC contactor closed across a large voltage (hard close #${t.hardCloses})`);
    this.prevHardCloses = t.hardCloses;
  }

  private inv8(r: Requests, nowMs: number): void {
    if (!r.criticalFault) {
      this.criticalSinceMs = NaN;
      this.starts(8, false);
      return;
    }
    if (Number.isNaN(this.criticalSinceMs)) this.criticalSinceMs = nowMs;
    let why: string | null = null;
    if (r.dcCurrentRequestA > 0 && r.dcPhase !== 'preCharge') why = `critical fault with a DC request of ${r.dcCurrentRequestA.toFixed(1)} A`;
    else if (r.acSetpointA > 0) why = `critical fault with an AC setpoint of ${r.acSetpointA.toFixed(1)} A`;
    else if (nowMs - this.criticalSinceMs > this.limits.openMaxWaitMs + OPEN_SLACK_MS) {
      const c = r.contactorCommands;
      const closed = (Object.keys(c) as (keyof ContactorSet)[]).filter((k) => c[k]);
      if (closed.length > 0) why = `critical fault for ${(nowMs - this.criticalSinceMs).toFixed(0)} ms and ${closed.join(', ')} still commanded closed`;
    }
    if (this.starts(8, why !== null)) this.record(8, nowMs, why!);
  }

  private inv9(t: InvariantTruth, nowMs: number): void {
    const uninhibited = t.plugged && !t.driveInhibited;
    if (!uninhibited) this.uninhibitedSinceMs = NaN;
    else if (Number.isNaN(this.uninhibitedSinceMs)) this.uninhibitedSinceMs = nowMs;
    const shifted = t.plugged && t.gear !== 'P' && this.prevGear === 'P';
    const late = uninhibited && nowMs - this.uninhibitedSinceMs > INHIBIT_GRACE_MS;
    if (this.starts(9, shifted || late)) {
      this.record(9, nowMs, shifted ? `shifted to ${t.gear} with a connector present` : `drive not inhibited ${(nowMs - this.uninhibitedSinceMs).toFixed(0)} ms after a connector was present`);
    }
    this.prevGear = t.gear;
  }
}
