// DC-DC boost between the inlet DC bus (≤ ~500 V chargers) and an 800 V pack, with a bypass relay
// (DESIGN.md §1, §4 "400 V / 800 V"). In boost mode the charger holds the bus voltage and the
// converter draws input current up to its limits: packpilot's command, rated input current, rated
// power (derated with temperature), and output current. Losses heat it; it is on the coolant loop.
// Rating PD: 125 kW reproduces the Ioniq 9 on a V3 Supercharger (curves.md §1: 126 kW).
import type { Random } from '../random.ts';
import { approach, clamp01 } from './util.ts';

export type BoostMode = 'off' | 'bypass' | 'boost';

export interface BoostParams {
  maxPowerW: number;
  maxInputCurrentA: number;
  maxOutputCurrentA: number;
  maxInputVoltageV: number;
  /** PD 0.97: SiC interleaved boost at this power. */
  efficiency: number;
  /** Input-current regulator slew (PD). */
  rampAps: number;
  /** Bypass relay / mode change time, during which no path conducts (PD). */
  switchMs: number;
  heatCapacityJPerK: number;
  toCoolantWPerK: number;
  /** Power derates linearly to zero between these (PD); above the end it trips. */
  derateStartC: number;
  derateEndC: number;
}

export interface BoostEnv {
  coolantTempC: number;
}

export type BoostStatus = 'off' | 'switching' | 'bypass' | 'boosting' | 'derating' | 'fault';

export class Boost {
  readonly cmd: { mode: BoostMode; inputCurrentLimitA: number } = { mode: 'off', inputCurrentLimitA: 0 };
  readonly faults = { failed: false };
  /** The path that conducts now (after the switch time). */
  mode: BoostMode = 'off';
  status: BoostStatus = 'off';
  temperatureC: number;
  /** Input current the converter will take this tick (read by the network solve). */
  acceptCurrentA = 0;
  deratedMaxPowerW: number;
  /** Operating point, written back by the network solve. */
  inputVoltageV = 0;
  inputCurrentA = 0;
  outputVoltageV = 0;
  outputCurrentA = 0;
  lossW = 0;
  /** Heat passed to the coolant this tick (for the TMS). */
  heatToCoolantW = 0;
  private switchingMs = 0;
  private pendingMode: BoostMode = 'off';
  private refA = 0;

  constructor(
    readonly params: BoostParams,
    initialTempC: number,
  ) {
    this.temperatureC = initialTempC;
    this.deratedMaxPowerW = params.maxPowerW;
  }

  step(dtMs: number, env: BoostEnv): void {
    const p = this.params;
    const dtS = dtMs / 1000;
    if (this.cmd.mode !== this.pendingMode) {
      this.pendingMode = this.cmd.mode;
      this.switchingMs = p.switchMs;
      this.mode = 'off';
    }
    if (this.switchingMs > 0) {
      this.switchingMs -= dtMs;
      if (this.switchingMs <= 0) this.mode = this.pendingMode;
    }
    const tripped = this.temperatureC >= p.derateEndC || this.faults.failed;
    if (tripped && this.mode === 'boost') this.mode = 'off';
    const derate = clamp01((p.derateEndC - this.temperatureC) / (p.derateEndC - p.derateStartC));
    this.deratedMaxPowerW = p.maxPowerW * derate;
    let target = 0;
    if (this.mode === 'boost' && this.inputVoltageV > 1) {
      const v = this.inputVoltageV;
      const outLimitA = this.outputVoltageV > 1 ? (p.maxOutputCurrentA * this.outputVoltageV) / (p.efficiency * v) : Infinity;
      target = Math.max(0, Math.min(this.cmd.inputCurrentLimitA, p.maxInputCurrentA, this.deratedMaxPowerW / v, outLimitA));
      if (v > p.maxInputVoltageV) target = 0;
    }
    this.refA = approach(this.refA, target, p.rampAps * dtS);
    this.acceptCurrentA = this.refA;
    this.lossW = this.inputVoltageV * this.inputCurrentA * (1 - p.efficiency);
    this.heatToCoolantW = p.toCoolantWPerK * (this.temperatureC - env.coolantTempC);
    this.temperatureC += ((this.lossW - this.heatToCoolantW) * dtS) / p.heatCapacityJPerK;
    this.status = tripped ? 'fault'
      : this.switchingMs > 0 ? 'switching'
      : this.mode === 'off' ? 'off'
      : this.mode === 'bypass' ? 'bypass'
      : derate < 1 ? 'derating' : 'boosting';
  }

  /** Network solve result for this tick. */
  applyOperatingPoint(inputV: number, inputA: number, outputV: number): void {
    this.inputVoltageV = inputV;
    this.inputCurrentA = inputA;
    this.outputVoltageV = outputV;
    this.outputCurrentA = outputV > 1 ? (inputV * inputA * this.params.efficiency) / outputV : 0;
  }
}

export function createBoost(params: BoostParams, initialTempC: number, _random?: Random): Boost {
  return new Boost(params, initialTempC);
}
