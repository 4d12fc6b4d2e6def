// The SOC floor: the user's choice of how much charge V2L leaves in the pack
// (reference/v2l.md §1: 20–80 % in 10 % steps), the warning before it and the narrowing
// power limit just above it.
import type { FloorConfig } from './config.ts';
import type { V2lEvent } from './types.ts';

export interface FloorUpdate {
  floorPct: number;
  event: V2lEvent | null;
}

/** Applies an HMI floor choice; a value that is not one of the choices is rejected, not rounded. */
export function applyFloorRequest(currentPct: number, requestedPct: number | null, cfg: FloorConfig): FloorUpdate {
  if (requestedPct === null || requestedPct === currentPct) return { floorPct: currentPct, event: null };
  if (!cfg.choicesPct.includes(requestedPct)) {
    return { floorPct: currentPct, event: { kind: 'floor-rejected', requestedPct } };
  }
  return { floorPct: requestedPct, event: { kind: 'floor-changed', floorPct: requestedPct } };
}

/** A start needs the SOC this far above the floor. */
export function canStartAbove(socPct: number, floorPct: number, cfg: FloorConfig): boolean {
  return socPct > floorPct + cfg.restartMarginPct;
}

/** Supply stops at the floor (DESIGN.md §7 invariant 6: never at or below it). */
export function isAtFloor(socPct: number, floorPct: number): boolean {
  return !(socPct > floorPct);
}

export function isNearFloor(socPct: number, floorPct: number, cfg: FloorConfig): boolean {
  return socPct <= floorPct + cfg.warningMarginPct;
}

/** 1 above floor + taper, falling linearly to taperMinFraction at the floor. */
export function floorTaperFraction(socPct: number, floorPct: number, cfg: FloorConfig): number {
  const above = socPct - floorPct;
  if (!(above < cfg.taperPct)) return 1;
  if (!(above > 0)) return cfg.taperMinFraction;
  return cfg.taperMinFraction + ((1 - cfg.taperMinFraction) * above) / cfg.taperPct;
}

/** Energy the pack can still give before the floor. */
export function energyAboveFloorWh(socPct: number, floorPct: number, energyCapacityWh: number): number {
  return (Math.max(0, socPct - floorPct) / 100) * Math.max(0, energyCapacityWh);
}
