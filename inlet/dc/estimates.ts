// Remaining time to the bulk SOC and to the charge limit (DIN/ISO RemainingTimeToBulkSoC / FullSoC),
// from the BMS's charge-current map over SOC and the other limits in force, evaluated at each SOC's
// pack voltage. A charger that keeps delivering less than asked caps the estimate with its filtered
// delivery (chargers.md #5) — the request itself never follows delivery.
import { inletPerPackAmp, lowestLimitA, type LimitInputs } from './current-request.ts';
import { remainingTimeS } from './remaining-time.ts';
import { packVoltageFrom, socTableReader } from './soc-table.ts';
import type { DcInput } from './types.ts';

export interface Remaining {
  toFullS: number | null;
  toBulkS: number | null;
}

export function estimateRemaining(input: DcInput, limits: LimitInputs, socPct: number | undefined, chargeLimitPct: number, deliveryCapA: number | undefined): Remaining {
  const { bms, config } = input;
  if (socPct === undefined || !bms.valid) return { toFullS: null, toBulkS: null };
  // One private copy of the limits, updated per SOC (the estimate's own scratch, never shared).
  const at: LimitInputs = { ...limits };
  at.inletVoltageV = undefined;
  // The SOC points rise: the table searches resume where they left off (socTableReader, same values).
  const voltsAt = bms.packVoltageCurve ? socTableReader(bms.packVoltageCurve) : undefined;
  const currentAt = bms.chargeCurrentCurve ? socTableReader(bms.chargeCurrentCurve) : undefined;
  const direct = (soc: number): number => {
    at.packVoltageV = packVoltageFrom(voltsAt === undefined ? undefined : voltsAt(soc), soc, bms);
    at.bmsCurrentA = (currentAt === undefined ? undefined : currentAt(soc)) ?? bms.chargeCurrentLimitA;
    const k = inletPerPackAmp(at);
    return k > 0 ? lowestLimitA(at, deliveryCapA) / k : 0;
  };
  const bulkTargetPct = Math.min(config.estimate.bulkSocPct, chargeLimitPct);
  // The limit at or below the bulk SOC (the usual 80 %): both targets are one integration, done once.
  if (bulkTargetPct === chargeLimitPct) {
    const toFullS = remainingTimeS({ socPct, targetSocPct: chargeLimitPct, usableCapacityAh: bms.usableCapacityAh, packCurrentAtA: direct }, config.estimate);
    return { toFullS, toBulkS: toFullS };
  }
  // Both integrations step through the same SOC points from socPct: each point is computed once.
  const seen = new Map<number, number>();
  const packCurrentAtA = (soc: number): number => {
    const known = seen.get(soc);
    if (known !== undefined) return known;
    const currentA = direct(soc);
    seen.set(soc, currentA);
    return currentA;
  };
  return {
    toFullS: remainingTimeS({ socPct, targetSocPct: chargeLimitPct, usableCapacityAh: bms.usableCapacityAh, packCurrentAtA }, config.estimate),
    toBulkS: remainingTimeS({ socPct, targetSocPct: bulkTargetPct, usableCapacityAh: bms.usableCapacityAh, packCurrentAtA }, config.estimate),
  };
}
