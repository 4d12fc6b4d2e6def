// The power limit in force (DESIGN.md §6): min(inverter rating, adapter rating,
// BMS discharge limit × pack voltage × efficiency), with the inverter's thermal derate, and
// narrowing just above the SOC floor. Overload is judged against the limit without that
// narrowing, so the taper never trips the fridge a few minutes before a clean stop at the floor.
import type { V2lConfig } from './config.ts';
import type { EffectiveOutput } from './output-select.ts';
import { floorTaperFraction } from './soc-floor.ts';
import { thermalDerateFraction } from './thermal.ts';
import type { BmsData, LimitReason } from './types.ts';

export interface PowerLimit {
  /** The continuous limit shown and sent to the inverter. */
  powerLimitW: number;
  /** The continuous limit overload is judged against (no floor taper). */
  overloadReferenceW: number;
  reason: LimitReason;
}

/** AC power the battery can give within the BMS's discharge limit, after the car's own draw. */
export function batteryPowerW(bms: BmsData, cfg: V2lConfig): number {
  const dcW = Math.max(0, bms.dischargeCurrentLimitA) * Math.max(0, bms.packVoltageV) - cfg.estimator.auxPowerW;
  return Math.max(0, dcW * cfg.efficiency);
}

export function computePowerLimit(
  out: EffectiveOutput,
  bms: BmsData,
  /** null when unknown: no derate is applied (an enabled inverter without feedback trips anyway). */
  inverterTemperatureC: number | null,
  floorPct: number,
  cfg: V2lConfig,
): PowerLimit {
  const derate = inverterTemperatureC === null ? 1 : thermalDerateFraction(inverterTemperatureC, cfg.thermal);
  const terms: [LimitReason, number][] = [
    [derate < 1 ? 'inverter-temperature' : 'inverter', out.inverterPowerW * derate],
    ['adapter', out.adapterPowerW],
    ['battery', batteryPowerW(bms, cfg)],
  ];
  let [reason, referenceW] = terms[0]!;
  for (const [r, w] of terms) {
    if (w < referenceW) [reason, referenceW] = [r, w];
  }
  const taper = floorTaperFraction(bms.socPct, floorPct, cfg.floor);
  if (taper < 1) reason = 'soc-floor';
  return { powerLimitW: referenceW * taper, overloadReferenceW: referenceW, reason };
}
