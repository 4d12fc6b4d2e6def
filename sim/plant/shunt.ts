// Current shunt with voltage channels (an IVT-class sensor): pack current with gain error, offset
// and noise; pack, link and inlet-bus voltages; Ah and Wh counters from the measured values.
// Positive current = into the pack (charging), as everywhere in sim/plant.
import type { Random } from '../random.ts';

export interface ShuntParams {
  /** Gain error of the current channel (PD 0.3 %: a calibrated automotive shunt, ±0.5 % class). */
  currentGainErrorPct: number;
  /** Zero offset (PD 0.2 A). */
  currentOffsetA: number;
  /** Triangular noise half-width (PD 0.3 A). */
  currentNoiseA: number;
  voltageGainErrorPct: number;
  voltageNoiseV: number;
}

export interface ShuntEnv {
  packCurrentInA: number;
  packVoltageV: number;
  linkVoltageV: number;
  inletVoltageV: number;
}

export interface ShuntFaults {
  /** Added offset (scenario fault "shunt-offset", valueA). */
  extraOffsetA: number;
  /** The current reading freezes. */
  currentStuck: boolean;
}

export class Shunt {
  readonly faults: ShuntFaults = { extraOffsetA: 0, currentStuck: false };
  currentA = 0;
  packVoltageV = 0;
  linkVoltageV = 0;
  inletVoltageV = 0;
  /** Charge counted from the measured current (positive = in). */
  chargeAh = 0;
  energyWh = 0;

  constructor(
    readonly params: ShuntParams,
    private readonly random: Random,
  ) {}

  step(dtMs: number, env: ShuntEnv): void {
    const p = this.params;
    const r = this.random;
    if (!this.faults.currentStuck) {
      const noise = (r.next() + r.next() - 1) * p.currentNoiseA;
      this.currentA =
        env.packCurrentInA * (1 + p.currentGainErrorPct / 100) + p.currentOffsetA + this.faults.extraOffsetA + noise;
    }
    const gain = 1 + p.voltageGainErrorPct / 100;
    this.packVoltageV = env.packVoltageV * gain + (r.next() + r.next() - 1) * p.voltageNoiseV;
    this.linkVoltageV = env.linkVoltageV * gain + (r.next() + r.next() - 1) * p.voltageNoiseV;
    this.inletVoltageV = env.inletVoltageV * gain + (r.next() + r.next() - 1) * p.voltageNoiseV;
    const hours = dtMs / 3_600_000;
    this.chargeAh += this.currentA * hours;
    this.energyWh += this.currentA * this.packVoltageV * hours;
  }
}

export function createShunt(params: ShuntParams, random: Random): Shunt {
  return new Shunt(params, random.fork('shunt'));
}
