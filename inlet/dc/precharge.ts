// Precharge match (reference/timeouts.md §3 default): the contactors may close only when the
// inlet is within matchToleranceV of the car side (pack, or the converter's input link in boost)
// for matchReadings consecutive charger answers, by BOTH our own inlet sensor and the charger's
// EVSEPresentVoltage. Guards chargers that overshoot at no load (chargers.md #1) and chargers that
// report 0 V or echo our target instead of measuring (chargers.md #13): such reports are not believed.
import type { PrechargeConfig } from './config.ts';

export interface PrechargeTrack {
  readings: number;
  noted: PrechargeNote[];
}

export type PrechargeNote = 'overshoot' | 'zeroReport' | 'echoedTarget';

export interface PrechargeSample {
  /** A new PreCharge answer arrived this tick. */
  newReading: boolean;
  /** EVTargetVoltage we asked for. */
  targetV: number;
  /** The voltage the contactors will connect the inlet to. */
  carSideV: number | undefined;
  /** Our own inlet sensor, when valid. */
  inletV: number | undefined;
  /** The charger's EVSEPresentVoltage, when fresh. */
  evsePresentV: number | undefined;
}

export const NO_PRECHARGE_TRACK: PrechargeTrack = { readings: 0, noted: [] };

export function trackPrecharge(track: PrechargeTrack, s: PrechargeSample, config: PrechargeConfig): {
  track: PrechargeTrack; matched: boolean; notes: PrechargeNote[];
} {
  const tol = config.matchToleranceV;
  const { inletV, carSideV, evsePresentV } = s;
  const ownOk = inletV !== undefined && carSideV !== undefined && Math.abs(inletV - carSideV) <= tol;
  const seen: PrechargeNote[] = [];
  if (inletV !== undefined && carSideV !== undefined && inletV > carSideV + tol) seen.push('overshoot');
  let readings = ownOk ? track.readings : 0;
  if (s.newReading) {
    const zero = evsePresentV === undefined || evsePresentV < config.zeroReportV;
    const echo = !zero && inletV !== undefined && Math.abs(evsePresentV - s.targetV) <= config.echoToleranceV && Math.abs(inletV - evsePresentV) > tol;
    if (zero) seen.push('zeroReport');
    if (echo) seen.push('echoedTarget');
    const evseOk = !zero && !echo && carSideV !== undefined && Math.abs(evsePresentV - carSideV) <= tol;
    readings = ownOk && evseOk ? readings + 1 : 0;
  }
  const notes = seen.filter((n) => !track.noted.includes(n));
  return {
    track: { readings, noted: notes.length > 0 ? [...track.noted, ...notes] : track.noted },
    matched: readings >= config.matchReadings,
    notes,
  };
}
