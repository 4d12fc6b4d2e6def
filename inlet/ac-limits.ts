// AC setpoint: the smallest of the EVSE offer, cable/adapter rating, OBC rating, the BMS limit
// converted to the AC side, the user's maximum and the pin-temperature limit (DESIGN.md §4).
import type { ObcConfig } from './config.ts';

export type AcLimitReason = 'offer' | 'cable' | 'obc' | 'battery' | 'user' | 'pin-temp';

export interface AcLimitInput {
  offerA: number;
  ratingA: number;
  pinLimitA: number;
  /** The user's maximum AC current, or null for none. */
  userMaxA: number | null;
  /** OBC-reported AC voltage, or null when unusable. */
  acVoltageV: number | null;
  /** DC-side BMS limits, or null when unusable (then 0 A). */
  bms: { chargeCurrentLimitA: number; chargePowerLimitW: number; packVoltageV: number } | null;
}

export interface AcLimit {
  setpointA: number;
  reason: AcLimitReason;
}

/** The AC voltage used for conversions: measured when AC is present, else the conservative assumption. */
export function conversionVoltageV(c: ObcConfig, acVoltageV: number | null): number {
  return acVoltageV !== null && acVoltageV >= c.acPresentFromV ? acVoltageV : c.assumedAcVoltageV;
}

/** BMS DC-side limit → AC current: P_dc = min(I·V_pack, P_max); I_ac = P_dc / (V_ac · η). */
export function bmsLimitAsAcA(c: ObcConfig, bms: AcLimitInput['bms'], acV: number): number {
  if (bms === null) return 0;
  const dcW = Math.min(Math.max(0, bms.chargeCurrentLimitA) * Math.max(0, bms.packVoltageV), Math.max(0, bms.chargePowerLimitW));
  return dcW / (acV * c.efficiency);
}

export function acSetpoint(c: ObcConfig, i: AcLimitInput): AcLimit {
  const acV = conversionVoltageV(c, i.acVoltageV);
  const candidates: [number, AcLimitReason][] = [
    [i.offerA, 'offer'],
    [i.ratingA, 'cable'],
    [Math.min(c.maxCurrentA, c.maxPowerW / acV), 'obc'],
    [bmsLimitAsAcA(c, i.bms, acV), 'battery'],
    [i.userMaxA ?? Number.POSITIVE_INFINITY, 'user'],
    [i.pinLimitA, 'pin-temp'],
  ];
  let [limitA, reason] = candidates[0]!;
  for (const [a, r] of candidates) if (a < limitA) [limitA, reason] = [a, r];
  // Round down to 0.1 A; below the OBC's regulating minimum ask nothing.
  const rounded = Math.floor(Math.max(0, limitA) * 10 + 1e-9) / 10;
  return { setpointA: rounded < c.minCurrentA ? 0 : rounded, reason };
}
