// The V2L inverter's hardware: DC from the HV link to 120 V legs (split phase 120/240 V when
// configured) at 60 Hz, soft start, a power limit commanded by packpilot (beyond it the output
// sags), a hardware instantaneous trip far above the software overload curve, residual (leakage)
// current measurement with fault injection, and temperature. Trips of the v2l domain are
// packpilot's; this model only has the last-resort ones.
import type { Random } from '../random.ts';
import { clamp01 } from './util.ts';

export interface InverterParams {
  /** v2l.md §2 PD: 120 V outlet 16 A (1.9 kW); 240 V split phase 40 A (9.6 kW). */
  ratedW: number;
  splitPhase: boolean;
  legVoltageV: number;
  frequencyHz: number;
  /** v2l.md PD 90 %. */
  efficiency: number;
  /** v2l.md §2 PD: ramp output on over ~1 s. */
  rampOnMs: number;
  /** Instant hardware trip above this share of rating (PD 250 %: above the 200 % / 0.5 s surge). */
  hardTripPct: number;
  heatCapacityJPerK: number;
  toCoolantWPerK: number;
  overTempC: number;
  /** Below this link voltage it cannot regulate (PD). */
  minLinkV: number;
}

export interface InverterEnv {
  demandL1W: number;
  demandL2W: number;
  /** Leakage of the connected appliances. */
  loadLeakageMa: number;
  linkVoltageV: number;
  coolantTempC: number;
}

export type InverterStatus = 'off' | 'starting' | 'running' | 'fault';
export type InverterFault = 'none' | 'overload' | 'overtemp' | 'undervoltage' | 'failed';

export class Inverter {
  readonly cmd = { enable: false, powerLimitW: 0 };
  /** Added residual current (insulation fault in a cord or appliance), mA. */
  readonly faults = { leakageMa: 0, failed: false };
  status: InverterStatus = 'off';
  fault: InverterFault = 'none';
  readonly legVoltageV: [number, number] = [0, 0];
  readonly legCurrentA: [number, number] = [0, 0];
  readonly legPowerW: [number, number] = [0, 0];
  outputPowerW = 0;
  dcInputW = 0;
  /** Out of the HV link. */
  dcCurrentA = 0;
  frequencyHz = 0;
  leakageMa = 0;
  temperatureC: number;
  heatToCoolantW = 0;
  /** Legs wired to the outlet: 2 for a split-phase (V2H) device, 1 for a 120 V outlet adapter. */
  legsWired: 1 | 2;
  private rampMs = 0;
  /** Output ramp level of the last step (0…1). */
  private level = 0;
  private lastEnable = false;

  constructor(
    readonly params: InverterParams,
    initialTempC: number,
  ) {
    this.temperatureC = initialTempC;
    this.legsWired = params.splitPhase ? 2 : 1;
  }

  /** INV_TripReset: clears a latched trip; a cause that persists (hardware failure, heat) trips again. */
  resetTrip(): void {
    if (!this.faults.failed) this.fault = 'none';
  }

  /** `restShortcut` false forces the general path (the shortcut's equivalence test). */
  step(dtMs: number, env: InverterEnv, restShortcut = true): void {
    const p = this.params;
    const enable = this.cmd.enable;
    if (enable && !this.lastEnable) this.fault = 'none'; // a trip clears only with a fresh enable
    this.lastEnable = enable;
    if (this.faults.failed) this.fault = 'failed';
    if (this.temperatureC >= p.overTempC) this.fault = 'overtemp';
    if (enable && this.fault === 'none' && env.linkVoltageV < p.minLinkV) this.fault = 'undervoltage';
    const on = enable && this.fault === 'none';
    // Idle shortcut (every tick of a DC session): off and nothing drawn gives the full path's
    // results without its ramp/sag arithmetic (test/sim/plant/inverter.test.ts compares the two).
    if (restShortcut && !on && env.demandL1W === 0 && env.demandL2W === 0) this.stepAtRest(dtMs, env);
    else this.stepFull(dtMs, env, on);
    this.status = this.fault !== 'none' ? 'fault' : !enable ? 'off' : this.level < 1 ? 'starting' : 'running';
  }

  /** The general step after the fault checks. */
  private stepFull(dtMs: number, env: InverterEnv, on: boolean): void {
    const p = this.params;
    this.rampMs = on ? Math.min(p.rampOnMs, this.rampMs + dtMs) : 0;
    const level = p.rampOnMs > 0 ? this.rampMs / p.rampOnMs : 1;
    this.level = level;
    const split = this.legsWired === 2;
    const demand1 = split ? env.demandL1W : env.demandL1W + env.demandL2W;
    const demand2 = split ? env.demandL2W : 0;
    const demand = demand1 + demand2;
    if (on && demand * level * level > (p.hardTripPct / 100) * p.ratedW) this.fault = 'overload';
    const running = on && this.fault === 'none';
    // Resistive-load approximation: power ∝ V². A demand above the limit sags the voltage.
    const limitW = Math.min(this.cmd.powerLimitW > 0 ? this.cmd.powerLimitW : p.ratedW * (p.hardTripPct / 100), p.ratedW * (p.hardTripPct / 100));
    const sag = demand * level * level > limitW && demand > 0 ? Math.sqrt(limitW / (demand * level * level)) : 1;
    const v = running ? p.legVoltageV * level * sag : 0;
    const share = running ? clamp01((v / p.legVoltageV) ** 2) : 0;
    this.setLeg(0, v, demand1 * share);
    this.setLeg(1, split ? v : 0, demand2 * share);
    this.settle(dtMs, env, running);
  }

  /** Off with no demand: ramp reset, legs dead; only the heat exchange with the coolant moves. */
  private stepAtRest(dtMs: number, env: InverterEnv): void {
    this.rampMs = 0;
    this.level = this.params.rampOnMs > 0 ? 0 : 1;
    const split = this.legsWired === 2;
    // `demand × 0` as in the full path (keeps the sign of a -0 demand bit for bit).
    this.setLeg(0, 0, (split ? env.demandL1W : env.demandL1W + env.demandL2W) * 0);
    this.setLeg(1, 0, (split ? env.demandL2W : 0) * 0);
    this.settle(dtMs, env, false);
  }

  private settle(dtMs: number, env: InverterEnv, running: boolean): void {
    const p = this.params;
    this.outputPowerW = this.legPowerW[0] + this.legPowerW[1];
    this.dcInputW = this.outputPowerW / p.efficiency;
    this.dcCurrentA = env.linkVoltageV > 1 ? this.dcInputW / env.linkVoltageV : 0;
    this.frequencyHz = running ? p.frequencyHz : 0;
    this.leakageMa = running ? env.loadLeakageMa + this.faults.leakageMa : 0;
    const lossW = this.dcInputW - this.outputPowerW;
    this.heatToCoolantW = p.toCoolantWPerK * (this.temperatureC - env.coolantTempC);
    this.temperatureC += ((lossW - this.heatToCoolantW) * dtMs) / 1000 / p.heatCapacityJPerK;
  }

  private setLeg(i: 0 | 1, voltageV: number, powerW: number): void {
    this.legVoltageV[i] = voltageV;
    this.legPowerW[i] = powerW;
    this.legCurrentA[i] = voltageV > 1 ? powerW / voltageV : 0;
  }
}

export function createInverter(params: InverterParams, initialTempC: number, _random?: Random): Inverter {
  return new Inverter(params, initialTempC);
}
