// A DC fast charger together with the car's CCC as one model: packpilot asks for a phase (CccCommand),
// the charger answers after a realistic delay (ccc-protocol.ts), reports its limits and present
// output, and its power stage sources current into the car within [Vmin, Vmax] and
// min(Pmax, Imax, request), with slew rates, plus every field quirk of chargers.md §3 as an option.
// The power stage is a CC/CV source; hv-network.ts decides whether it is loaded and by how much.
import type { Random } from '../random.ts';
import {
  ALLOWED_AFTER, DEFAULT_RESPONSE_MS, LOOP_PHASES, aCccCommand, cableCheckVoltageV, idleCccStatus,
  type CccCommand, type CccStatus, type DcChargerQuirks, type DcPhase, type ResponseCode, type ResponseTimes,
} from './ccc-protocol.ts';
import {
  CABLE_CHECK_CURRENT_A, COMM_LOSS_HOLD_MS, OSCILLATION_HZ, OVERSHOOT_MS, OVER_EV_MAX_STOP_MS, PRECHARGE_CURRENT_MAX_A,
  REPORT_NOISE_A, REPORT_NOISE_V, REQUEST_MISSING_MS, SAFE_VOLTAGE_V, TCP_GIVE_UP_MS, UNLOADED_PUSH_FAULT_MS,
  type DcChargerEnv, type DcChargerProfile,
} from './dc-charger-profile.ts';
import type { CpSource } from './inlet-hw.ts';
import { approach, clamp } from './util.ts';

export type { DcChargerEnv, DcChargerProfile } from './dc-charger-profile.ts';

export class DcCharger {
  readonly cmd: CccCommand = aCccCommand();
  readonly status: CccStatus = idleCccStatus();
  quirks: DcChargerQuirks;
  cpSource: CpSource = { kind: 'none', dutyPct: 0 };
  /** Power stage, read by the network solve. */
  sourceOn = false;
  sourceVoltageV = 0;
  sourceCurrentLimitA = 0;
  /** Output truth, written back by the network solve. */
  outputVoltageV = 0;
  outputCurrentA = 0;
  loaded = false;
  /** The voltage the output would have with nothing connected. */
  isolatedVoltageV = 0;

  private readonly times: ResponseTimes;
  private nowMs = 0;
  private connectedAtMs = NaN;
  private active: DcPhase = 'none';
  private lastDone: DcPhase = 'none';
  private dueMs = NaN;
  private pendingCode: ResponseCode = 'ok';
  private dead = false;
  private ended = false;
  private energyAllowed = false;
  private energyStartMs = NaN;
  private emergency = false;
  private cableCheckEndMs = NaN;
  private cableCheckDone = false;
  private req = { targetV: 0, targetA: 0, evMaxV: 0 };
  private iSetA = 0;
  private vRefV = 0;
  private overEvMaxMs = 0;
  private overshootArmed = false;
  private overshootUntilMs = -Infinity;
  private pushing = false;
  private unloadedPushMs = 0;
  private commLostAtMs = NaN;
  private noRequestMs = 0;
  private maxCurrentNowA: number;
  private overvoltageOn = false;
  private shutdownReported = false;

  constructor(
    readonly profile: DcChargerProfile,
    quirks: DcChargerQuirks,
    private readonly random: Random,
  ) {
    this.quirks = { ...quirks };
    this.times = { ...DEFAULT_RESPONSE_MS, ...profile.responseMs };
    this.maxCurrentNowA = profile.maxCurrentA;
  }

  step(dtMs: number, env: DcChargerEnv): void {
    this.nowMs += dtMs;
    if (!env.connected) {
      if (!Number.isNaN(this.connectedAtMs)) this.reset();
      // A new object only on the change: this runs every tick while nothing DC is plugged.
      if (this.cpSource.kind !== 'none') this.cpSource = { kind: 'none', dutyPct: 0 };
      this.powerStage(dtMs, env);
      return;
    }
    if (Number.isNaN(this.connectedAtMs)) this.connectedAtMs = this.nowMs;
    const ready = this.nowMs - this.connectedAtMs >= this.profile.cpReadyMs && !this.ended;
    if (this.cpSource.kind !== (ready ? 'pwm' : 'steady')) this.cpSource = ready ? { kind: 'pwm', dutyPct: 5 } : { kind: 'steady', dutyPct: 0 };
    this.applyTimedQuirks();
    this.protocol(dtMs);
    this.powerStage(dtMs, env);
    this.safety(dtMs);
  }

  /** The network solve reports what the output actually does. */
  applyOutput(loaded: boolean, voltageV: number, currentA: number): void {
    this.loaded = loaded;
    this.outputVoltageV = voltageV;
    this.outputCurrentA = currentA;
    if (loaded) this.isolatedVoltageV = voltageV;
  }

  /** Seconds since the first CurrentDemand response (NaN before). */
  get energySeconds(): number {
    return (this.nowMs - this.energyStartMs) / 1000;
  }

  /** Unplugged: the station forgets the session; the command and status objects stay the same. */
  private reset(): void {
    const { cmd, status, nowMs, isolatedVoltageV } = this;
    const fresh = new DcCharger(this.profile, this.quirks, this.random);
    Object.assign(this, fresh, { cmd, status, nowMs, isolatedVoltageV, outputVoltageV: isolatedVoltageV });
    Object.assign(status, idleCccStatus());
    Object.assign(cmd, aCccCommand());
  }

  private applyTimedQuirks(): void {
    const q = this.quirks;
    if (Number.isNaN(this.energyStartMs)) return;
    const s = this.energySeconds;
    if (q.shutdownAtS !== undefined && s >= q.shutdownAtS && !this.shutdownReported) {
      this.shutdownReported = true;
      this.status.evseStatus = 'shutdown';
    }
    if (q.emergencyShutdownAtS !== undefined && s >= q.emergencyShutdownAtS && !this.emergency) this.fail('emergencyShutdown');
    if (q.maxCurrentDrop !== undefined && s >= q.maxCurrentDrop.atS) this.maxCurrentNowA = Math.min(this.profile.maxCurrentA, q.maxCurrentDrop.toA);
    if (q.commLossAtS !== undefined && s >= q.commLossAtS && Number.isNaN(this.commLostAtMs)) this.commLostAtMs = this.nowMs;
    if (q.overvoltage !== undefined && s >= q.overvoltage.atS && !this.emergency) this.overvoltageOn = true;
  }

  private protocol(dtMs: number): void {
    if (!Number.isNaN(this.commLostAtMs)) {
      if (this.nowMs - this.commLostAtMs >= TCP_GIVE_UP_MS) this.status.linkUp = false;
      return;
    }
    const phase = this.cmd.phase;
    this.noRequestMs = phase === 'none' ? this.noRequestMs + dtMs : 0;
    if (phase !== this.active) this.onRequest(phase);
    if (this.active === 'sessionSetup' && Number.isNaN(this.dueMs) && this.cpSource.kind === 'pwm') this.schedule();
    if (!Number.isNaN(this.dueMs) && this.nowMs >= this.dueMs) this.respond();
  }

  private onRequest(phase: DcPhase): void {
    this.active = phase;
    this.status.phase = phase;
    this.dueMs = NaN;
    if (phase === 'none') {
      this.status.processing = 'idle';
      return;
    }
    const allowed = phase === this.lastDone || ALLOWED_AFTER[phase].includes(this.lastDone);
    this.pendingCode = this.dead && phase !== 'sessionStop' ? 'failed' : allowed ? 'ok' : 'sequenceError';
    this.status.processing = 'waiting';
    this.sampleRequest();
    if (this.pendingCode === 'ok') this.enterPhase(phase);
    if (phase !== 'sessionSetup' || this.cpSource.kind === 'pwm') this.schedule();
  }

  private schedule(): void {
    if (this.active === 'none') return;
    const [lo, hi] = this.times[this.active];
    this.dueMs = this.nowMs + this.random.uniform(lo, hi);
  }

  private sampleRequest(): void {
    this.req.targetV = this.cmd.evTargetVoltageV;
    this.req.targetA = this.cmd.evTargetCurrentA;
    if (this.cmd.evMaxVoltageV > 0) this.req.evMaxV = this.cmd.evMaxVoltageV;
  }

  private enterPhase(phase: DcPhase): void {
    const p = this.profile;
    if (phase === 'cableCheck') {
      const s = this.quirks.cableCheckS ?? this.random.uniform(p.cableCheckMinS, p.cableCheckMaxS);
      this.cableCheckEndMs = this.nowMs + s * 1000;
      this.cableCheckDone = false;
    }
    if (phase === 'preCharge') this.overshootArmed = true;
    if (phase === 'powerDeliveryStop' || phase === 'sessionStop') {
      this.energyAllowed = false;
      this.pushing = false;
    }
  }

  private respond(): void {
    const phase = this.active;
    const s = this.status;
    s.responseCount++;
    s.responseCode = this.pendingCode;
    s.presentVoltageV = Math.max(0, this.outputVoltageV + this.random.normal(0, REPORT_NOISE_V));
    s.presentCurrentA = Math.max(0, this.outputCurrentA + this.random.normal(0, REPORT_NOISE_A));
    s.processing = LOOP_PHASES.has(phase) ? 'ongoing' : 'finished';
    this.dueMs = NaN;
    if (this.pendingCode !== 'ok') {
      if (this.pendingCode === 'sequenceError') this.fail('shutdown');
      s.processing = 'finished';
      return;
    }
    this.lastDone = phase;
    this.onResponse(phase);
    if (LOOP_PHASES.has(phase) && s.processing === 'ongoing') {
      this.sampleRequest();
      this.schedule();
    }
  }

  private onResponse(phase: DcPhase): void {
    const s = this.status;
    const p = this.profile;
    if (phase === 'sessionSetup') {
      s.linkUp = true;
      s.evseStatus = 'ready';
    } else if (phase === 'chargeParameterDiscovery' || phase === 'currentDemand') {
      s.evseMaxVoltageV = p.maxVoltageV;
      s.evseMinVoltageV = p.minVoltageV;
      s.evseMaxCurrentA = this.maxCurrentNowA;
      s.evseMaxPowerW = p.maxPowerW;
      if (phase === 'currentDemand') {
        this.pushing = false;
        if (Number.isNaN(this.energyStartMs)) {
          this.energyStartMs = this.nowMs;
          this.overshootArmed = true;
        }
      }
    } else if (phase === 'cableCheck') {
      if (this.nowMs >= this.cableCheckEndMs && !this.cableCheckDone) {
        this.cableCheckDone = true;
        if (this.quirks.isolationFaultAtCableCheck === true) {
          s.isolation = 'fault';
          s.responseCode = 'failed';
          s.processing = 'finished';
          this.fail('shutdown');
          return;
        }
        s.isolation = 'valid';
      }
      if (this.cableCheckDone && this.outputVoltageV < SAFE_VOLTAGE_V) s.processing = 'finished';
    } else if (phase === 'powerDeliveryStart') {
      this.energyAllowed = !this.dead;
      this.pushing = (this.quirks.currentBeforeRequestA ?? 0) > 0;
    } else if (phase === 'sessionStop') {
      s.linkUp = false;
      this.ended = true;
    }
  }

  private fail(evseStatus: 'shutdown' | 'emergencyShutdown' | 'malfunction'): void {
    this.status.evseStatus = evseStatus;
    this.dead = true;
    this.energyAllowed = false;
    this.pushing = false;
    this.overvoltageOn = false;
    this.emergency = evseStatus !== 'shutdown';
  }

  private powerStage(dtMs: number, env: DcChargerEnv): void {
    const p = this.profile;
    const dtS = dtMs / 1000;
    const stateC = env.connected && env.cpState === 'C';
    let vTarget = 0;
    let iTarget = 0;
    let voltageMode = false;
    if (this.energyAllowed && stateC) {
      const ramping = this.active === 'currentDemand' || this.pushing;
      // A charger pushing current unasked raises its voltage as needed (up to the EV maximum).
      vTarget = clamp(this.pushing ? this.req.evMaxV : this.req.targetV, p.minVoltageV, p.maxVoltageV);
      iTarget = this.pushing ? (this.quirks.currentBeforeRequestA ?? 0) : ramping ? this.currentTargetA() : 0;
      if (this.overvoltageOn) {
        vTarget = this.req.evMaxV + (this.quirks.overvoltage?.aboveEvMaxV ?? 0);
        iTarget = this.maxCurrentNowA;
      }
      if (this.noRequestMs > REQUEST_MISSING_MS) iTarget = 0;
      if (!Number.isNaN(this.commLostAtMs) && this.nowMs - this.commLostAtMs > COMM_LOSS_HOLD_MS) iTarget = 0;
    } else if (!this.dead && stateC && this.active === 'cableCheck' && !this.cableCheckDone) {
      voltageMode = true;
      vTarget = cableCheckVoltageV(this.req.evMaxV, p.maxVoltageV);
      iTarget = CABLE_CHECK_CURRENT_A;
    } else if (!this.dead && stateC && this.active === 'preCharge') {
      voltageMode = true;
      vTarget = clamp(this.req.targetV, p.minVoltageV, p.maxVoltageV);
      iTarget = clamp(this.req.targetA, 0, PRECHARGE_CURRENT_MAX_A);
    }
    const up = p.currentRampUpAps * dtS;
    const down = (this.emergency || !stateC ? p.emergencyRampDownAps : p.currentRampDownAps) * dtS;
    this.iSetA = voltageMode ? iTarget : this.iSetA + clamp(iTarget - this.iSetA, -down, this.pushing ? Infinity : up);
    const on = voltageMode || this.iSetA > 0.01 || (this.energyAllowed && stateC);
    if (on) this.vRefV = approach(this.vRefV, vTarget, p.voltageRampVps * dtS);
    else this.vRefV = this.isolatedVoltageV;
    this.sourceOn = on;
    let overshoot = 0;
    if ((this.quirks.noLoadOvershootV ?? 0) > 0 && on && !this.loaded) {
      if (this.overshootArmed && Math.abs(this.vRefV - vTarget) < 1) {
        this.overshootArmed = false;
        this.overshootUntilMs = this.nowMs + OVERSHOOT_MS;
      }
      if (this.nowMs < this.overshootUntilMs) overshoot = this.quirks.noLoadOvershootV ?? 0;
    }
    this.sourceVoltageV = this.vRefV + overshoot;
    const osc = this.quirks.currentOscillationPct ?? 0;
    const wave = osc > 0 ? 1 + (osc / 100) * Math.sin(2 * Math.PI * OSCILLATION_HZ * (this.nowMs / 1000)) : 1;
    this.sourceCurrentLimitA = Math.max(0, this.iSetA * wave);
    if (!this.loaded) this.isolatedVoltageV = on ? this.sourceVoltageV : this.isolatedVoltageV * Math.exp(-dtMs / p.dischargeTauMs);
  }

  private currentTargetA(): number {
    const v = Math.max(this.outputVoltageV, this.profile.minVoltageV, 1);
    return Math.max(0, Math.min(this.req.targetA, this.maxCurrentNowA, this.profile.maxPowerW / v));
  }

  private safety(dtMs: number): void {
    const charging = this.active === 'preCharge' || this.active === 'powerDeliveryStart' || this.active === 'currentDemand';
    if (charging && this.req.evMaxV > 0 && this.outputVoltageV > this.req.evMaxV) this.overEvMaxMs += dtMs;
    else this.overEvMaxMs = 0;
    if (this.overEvMaxMs >= OVER_EV_MAX_STOP_MS && !this.emergency) this.fail('emergencyShutdown'); // IEC 61851-23 CC.6.2
    if (this.pushing && !this.loaded && this.iSetA > 1) this.unloadedPushMs += dtMs;
    else this.unloadedPushMs = 0;
    if (this.unloadedPushMs > UNLOADED_PUSH_FAULT_MS) this.fail('malfunction'); // chargers.md #2: Kempower faulted
  }
}

export function createDcCharger(profile: DcChargerProfile, quirks: DcChargerQuirks, random: Random): DcCharger {
  return new DcCharger(profile, quirks, random.fork(`dc-charger/${profile.name}`));
}
