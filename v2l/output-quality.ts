// Supervision of what the inverter actually delivers: each used leg's RMS voltage and the
// frequency near nominal (reference/v2l.md §2: equipment tolerates ±10 %; the inverter regulates
// to ±5 % and ±0.1 Hz, so leaving the wider band means it is failing).
import type { OutputQualityConfig } from './config.ts';
import type { EffectiveOutput } from './output-select.ts';
import type { InverterFeedback } from './types.ts';

/**
 * `atCurrentLimit`: the demand exceeds the limit, so a sag is the inverter holding its limit;
 * the overload curve judges that, not the voltage band.
 */
export function isOutputInRange(
  fb: InverterFeedback,
  out: EffectiveOutput,
  cfg: OutputQualityConfig,
  atCurrentLimit: boolean,
): boolean {
  const tolV = (out.lineVoltageV * cfg.voltageTolerancePct) / 100;
  for (let leg = 0; leg < out.legs && !atCurrentLimit; leg++) {
    const v = fb.legVoltageV[leg];
    if (v === undefined || !(Math.abs(v - out.lineVoltageV) <= tolV)) return false;
  }
  return Math.abs(fb.frequencyHz - out.frequencyHz) <= cfg.frequencyToleranceHz;
}
