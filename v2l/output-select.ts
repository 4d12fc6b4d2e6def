// Which output the inverter gives through the adapter that is plugged in. A split-phase
// inverter feeds a 120 V outlet adapter from L1 only; a device is never given more voltage
// line-to-neutral than it is built for.
import type { OutputMode, OutputSpec } from './config.ts';
import type { AdapterInfo } from './types.ts';

export interface EffectiveOutput {
  /** The setting sent to the inverter (INV_VoltageSetting). */
  mode: OutputMode;
  legs: 1 | 2;
  lineVoltageV: number;
  frequencyHz: number;
  /** The inverter's continuous power in this arrangement. */
  inverterPowerW: number;
  /** The adapter's continuous power at this voltage. */
  adapterPowerW: number;
  /** Continuous power of one leg: the smaller of the inverter's and the adapter's current. */
  legLimitW: number;
}

/** The adapter's line-to-neutral rating: half the leg-to-leg voltage of a split-phase device. */
export function adapterLineVoltageV(adapter: AdapterInfo): number {
  return adapter.splitPhase ? adapter.ratedVoltageV / 2 : adapter.ratedVoltageV;
}

/** The output for this adapter, or null when the adapter cannot take the inverter's voltage. */
export function selectOutput(spec: OutputSpec, adapter: AdapterInfo): EffectiveOutput | null {
  if (!(spec.lineVoltageV <= adapterLineVoltageV(adapter))) return null;
  if (!(adapter.ratedCurrentA > 0)) return null;
  const legs: 1 | 2 = spec.legs === 2 && adapter.splitPhase ? 2 : 1;
  const v = spec.lineVoltageV;
  // One leg of a split-phase inverter is a 120 V output.
  const mode: OutputMode = spec.mode === '240-split' && legs === 1 ? '120' : spec.mode;
  return {
    mode,
    legs,
    lineVoltageV: v,
    frequencyHz: spec.frequencyHz,
    inverterPowerW: Math.min(spec.ratedPowerW, legs * v * spec.ratedCurrentPerLegA),
    adapterPowerW: legs * v * adapter.ratedCurrentA,
    legLimitW: v * Math.min(spec.ratedCurrentPerLegA, adapter.ratedCurrentA),
  };
}
