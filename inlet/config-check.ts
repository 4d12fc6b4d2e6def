// Validation of an inlet configuration at start: each problem names the key.
import type { InletConfig } from './config.ts';

export function inletConfigProblems(c: InletConfig): string[] {
  const out: string[] = [];
  const positive = (key: string, v: number) => { if (!(v > 0)) out.push(`${key} must be > 0 (is ${v})`); };
  const nonNegative = (key: string, v: number) => { if (!(v >= 0)) out.push(`${key} must be ≥ 0 (is ${v})`); };
  positive('inletRatingA', c.inletRatingA);
  const bands = [...c.proximity.bands].sort((a, b) => a.minOhm - b.minOhm);
  bands.forEach((b, i) => {
    const key = `proximity.bands[${b.name}]`;
    if (!(b.minOhm >= 0 && b.minOhm < b.maxOhm)) out.push(`${key}: minOhm must be ≥ 0 and < maxOhm`);
    if (!(b.nominalOhm >= b.minOhm && b.nominalOhm <= b.maxOhm)) out.push(`${key}: nominalOhm outside its window`);
    if (b.maxOhm >= c.proximity.nothingAboveOhm) out.push(`${key}: window reaches proximity.nothingAboveOhm`);
    const prev = bands[i - 1];
    if (prev !== undefined && prev.maxOhm >= b.minOhm) out.push(`${key}: window overlaps ${prev.name}`);
    if (b.ratingA !== null) positive(`${key}.ratingA`, b.ratingA);
    if (b.v2l && (b.acAllowed || b.dcAllowed)) out.push(`${key}: a V2L band cannot allow charging`);
  });
  if (new Set(c.proximity.bands.map((b) => b.name)).size !== c.proximity.bands.length) out.push('proximity.bands: names must be unique');
  nonNegative('proximity.debounceMs', c.proximity.debounceMs);
  const duty = c.controlPilot.duty;
  duty.forEach((s, i) => {
    const prev = duty[i - 1];
    if (prev !== undefined && !(s.upToPct > prev.upToPct)) out.push(`controlPilot.duty[${i}].upToPct must rise`);
    if (s.offer !== null && s.pilotClass !== 'ac') out.push(`controlPilot.duty[${i}]: only 'ac' segments offer current`);
  });
  if (duty.length === 0 || duty[duty.length - 1]!.upToPct !== Number.POSITIVE_INFINITY) out.push('controlPilot.duty: last segment must reach Infinity');
  nonNegative('controlPilot.acceptDebounceMs', c.controlPilot.acceptDebounceMs);
  nonNegative('controlPilot.pwmLossConfirmMs', c.controlPilot.pwmLossConfirmMs);
  positive('lock.travelDeadlineMs', c.lock.travelDeadlineMs);
  if (!(Number.isInteger(c.lock.maxAttempts) && c.lock.maxAttempts >= 1)) out.push('lock.maxAttempts must be an integer ≥ 1');
  positive('safety.unlockBelowV', c.safety.unlockBelowV);
  if (c.safety.unlockBelowV > 60) out.push('safety.unlockBelowV must not exceed 60 V (touch-safe limit, invariant 2)');
  if (c.safety.unlockBelowA > 1) out.push('safety.unlockBelowA must not exceed 1 A (invariant 2)');
  const pin = c.pin;
  if (!(pin.fullBelowLimitK > 0 && pin.fullBelowLimitAdapterK >= pin.fullBelowLimitK)) out.push('pin.fullBelowLimitAdapterK must be ≥ pin.fullBelowLimitK > 0');
  positive('pin.stopAboveLimitK', pin.stopAboveLimitK);
  nonNegative('pin.atLimitA', pin.atLimitA);
  if (!(pin.oneSensorInvalidFraction >= 0 && pin.oneSensorInvalidFraction <= 1)) out.push('pin.oneSensorInvalidFraction must be within 0…1');
  if (!(c.obc.efficiency > 0 && c.obc.efficiency <= 1)) out.push('obc.efficiency must be within (0, 1]');
  positive('obc.maxCurrentA', c.obc.maxCurrentA);
  positive('obc.assumedAcVoltageV', c.obc.assumedAcVoltageV);
  positive('ac.rampDownDeadlineMs', c.ac.rampDownDeadlineMs);
  positive('ac.acOffDeadlineMs', c.ac.acOffDeadlineMs);
  if (c.ac.prepareDeadlineMs < c.lock.travelDeadlineMs * c.lock.maxAttempts) out.push('ac.prepareDeadlineMs is shorter than all lock attempts');
  return out;
}
