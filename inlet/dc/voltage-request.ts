// Voltages told to the charger (invariant 4; reference/timeouts.md §3). EVMaximumVoltageLimit is
// announced with margin above the pack (a limit 5 V above a 393 V pack made Ionity/Tritium stop:
// uhi22/ccs32clara doc/bug_analysis.md); 410 V for a 403 V pack and 820 V for an 806 V pack.
// EVTargetVoltage stays ≥ 1 V below it and never above the pack's maximum voltage.
import type { VoltageConfig } from './config.ts';
import { sane } from './current-request.ts';

export interface AnnounceInput {
  path: 'direct' | 'boost';
  packVoltageV: number;
  packMaxVoltageV: number;
  announceMaxVoltageV?: number;
  busVoltageV: number | null;
  boostMaxInputVoltageV: number;
}

/** EVMaximumVoltageLimit: pack side when direct, inlet-bus side (within the converter's rating) in boost. */
export function announcedMaxVoltageV(i: AnnounceInput, config: VoltageConfig): number {
  if (i.path === 'boost' && i.busVoltageV !== null) {
    return Math.min(i.busVoltageV + config.minHeadroomV, i.boostMaxInputVoltageV);
  }
  const round = config.announceRoundToV > 0 ? config.announceRoundToV : 1;
  const fromMax = Math.ceil((sane(i.packMaxVoltageV) + config.announceMarginV) / round) * round;
  const base = i.announceMaxVoltageV !== undefined && i.announceMaxVoltageV > 0 ? i.announceMaxVoltageV : fromMax;
  return Math.max(base, sane(i.packVoltageV) + config.minHeadroomV);
}

/** The last word on EVTargetVoltage: ≤ EVMaximumVoltageLimit − margin and ≤ the pack's maximum. */
export function clampTargetVoltageV(targetV: number, evMaxVoltageV: number, packMaxVoltageV: number, config: VoltageConfig): number {
  return Math.max(0, Math.min(sane(targetV), sane(evMaxVoltageV) - config.targetBelowMaxV, sane(packMaxVoltageV)));
}

export interface TargetInput {
  path: 'direct' | 'boost';
  stage: 'precharge' | 'charge';
  packVoltageV: number;
  packMaxVoltageV: number;
  busVoltageV: number | null;
  /** Charger's maximum voltage when believed. */
  evseMaxVoltageV: number | undefined;
}

/** Precharge: the car-side voltage to match (pack, or the bus setpoint). Charge: the pack's CV
 *  voltage (the BMS tapers the current), or the bus setpoint in boost. Not yet clamped. */
export function rawTargetVoltageV(i: TargetInput): number {
  return rawTargetVoltageOf(i.path, i.stage, i.packVoltageV, i.packMaxVoltageV, i.busVoltageV, i.evseMaxVoltageV);
}

/** rawTargetVoltageV from its fields (asked every tick: no input object). */
export function rawTargetVoltageOf(path: TargetInput['path'], stage: TargetInput['stage'], packVoltageV: number, packMaxVoltageV: number,
  busVoltageV: number | null, evseMaxVoltageV: number | undefined): number {
  if (path === 'boost' && busVoltageV !== null) return busVoltageV;
  if (stage === 'precharge') return packVoltageV;
  return evseMaxVoltageV !== undefined ? Math.min(packMaxVoltageV, evseMaxVoltageV) : packMaxVoltageV;
}

/** IEC 61851-23 CC.4.1.2 cable-check voltage, as EVerest's get_cable_check_voltage codes it (pilot.md §7). */
const CABLE_CHECK = { lowClassMaxV: 500, lowClassAddV: 50, highClassFactor: 1.1 } as const;

/** Voltage a charger may apply during CableCheck for the EV maximum it was told. */
export function cableCheckVoltageV(evMaxVoltageV: number, evseMaxVoltageV: number): number {
  const evseMax = evseMaxVoltageV > 0 ? evseMaxVoltageV : Infinity;
  const c = CABLE_CHECK;
  return evMaxVoltageV <= c.lowClassMaxV
    ? Math.min(evMaxVoltageV + c.lowClassAddV, c.lowClassMaxV, evseMax)
    : Math.min(c.highClassFactor * evMaxVoltageV, evseMax);
}
