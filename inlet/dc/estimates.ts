// Remaining time to the bulk SOC and to the charge limit (DIN/ISO RemainingTimeToBulkSoC / FullSoC),
// from the BMS's charge-current map over SOC and the other limits in force, evaluated at each SOC's
// pack voltage. A charger that keeps delivering less than asked caps the estimate with its filtered
// delivery (chargers.md #5) — the request itself never follows delivery.
import { chargeLimits, inletPerPackAmp, lowestLimit, type LimitInputs } from './current-request.ts';
import { remainingTimeS } from './remaining-time.ts';
import { interpolateSoc, packVoltageAt } from './soc-table.ts';
import type { DcInput } from './types.ts';

export interface Remaining {
  toFullS: number | null;
  toBulkS: number | null;
}

export function estimateRemaining(input: DcInput, limits: LimitInputs, socPct: number | undefined, chargeLimitPct: number, deliveryCapA: number | undefined): Remaining {
  const { bms, config } = input;
  if (socPct === undefined || !bms.valid) return { toFullS: null, toBulkS: null };
  const packCurrentAtA = (soc: number): number => {
    const packVoltageV = packVoltageAt(soc, bms);
    const bmsCurrentA = (bms.chargeCurrentCurve ? interpolateSoc(bms.chargeCurrentCurve, soc) : undefined) ?? bms.chargeCurrentLimitA;
    const at: LimitInputs = { ...limits, packVoltageV, inletVoltageV: undefined, bmsCurrentA };
    const all = chargeLimits(at);
    if (deliveryCapA !== undefined) all.push({ reason: 'charger', limitA: deliveryCapA });
    const k = inletPerPackAmp(at);
    return k > 0 ? lowestLimit(all).limitA / k : 0;
  };
  const base = { socPct, usableCapacityAh: bms.usableCapacityAh, packCurrentAtA };
  return {
    toFullS: remainingTimeS({ ...base, targetSocPct: chargeLimitPct }, config.estimate),
    toBulkS: remainingTimeS({ ...base, targetSocPct: Math.min(config.estimate.bulkSocPct, chargeLimitPct) }, config.estimate),
  };
}
