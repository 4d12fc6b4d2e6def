// The power limit in force (DESIGN.md §6): min(inverter rating, adapter rating,
// BMS discharge limit × pack voltage × efficiency), with the inverter's thermal derate. This is
// what the inverter is commanded and what overload is judged against.
// Near the SOC floor the power *shown as available* narrows smoothly (issue #6 item 3), telling
// the user to shed load before the stop. It is advice, not a command: an inverter holds its limit
// by letting the voltage sag (sim/plant/inverter.ts does), and a brown-out in the last 1 % would
// stall the fridge and furnace motors and trip them, instead of a clean stop at the floor.
import type { V2lConfig } from './config.ts';
import type { EffectiveOutput } from './output-select.ts';
import { floorTaperFraction } from './soc-floor.ts';
import { thermalDerateFraction } from './thermal.ts';
import type { BmsData, LimitReason } from './types.ts';

export interface PowerLimit {
  /** The continuous limit: commanded to the inverter and the reference of the overload curve. */
  powerLimitW: number;
  reason: LimitReason;
  /** What the HMI shows as available: the limit, narrowing to half over the last 1 % above the floor. */
  availablePowerW: number;
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
  let [reason, limitW] = terms[0]!;
  for (const [r, w] of terms) {
    if (w < limitW) [reason, limitW] = [r, w];
  }
  const taper = floorTaperFraction(bms.socPct, floorPct, cfg.floor);
  return { powerLimitW: limitW, reason, availablePowerW: limitW * taper };
}
