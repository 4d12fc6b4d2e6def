// The "run the essentials" load of reference/v2l.md §3 (PD table), generated deterministically:
// fridge 150 W 40 % of 20 min (1800 W × 0.5 s start), furnace blower 700 W 50 % of 15 min
// (2000 W × 1 s start), sump 800 W 1 min in 15 (2200 W × 0.5 s start), LED lights 90 W in the
// evening (18:00–24:00), router + modem 20 W always.

export interface HousePhases {
  /** Offsets into each appliance's cycle at t = 0. */
  fridgeS: number;
  furnaceS: number;
  sumpS: number;
  /** Clock time at t = 0, hours (lights are on 18–24). */
  startHour: number;
}

interface Cycle {
  periodS: number;
  onS: number;
  runW: number;
  surgeW: number;
  surgeS: number;
}

const FRIDGE: Cycle = { periodS: 1200, onS: 480, runW: 150, surgeW: 1800, surgeS: 0.5 };
const FURNACE: Cycle = { periodS: 900, onS: 450, runW: 700, surgeW: 2000, surgeS: 1 };
const SUMP: Cycle = { periodS: 900, onS: 60, runW: 800, surgeW: 2200, surgeS: 0.5 };
const LIGHTS_W = 90;
const ROUTER_W = 20;

function cycleW(c: Cycle, tS: number): number {
  const inCycle = ((tS % c.periodS) + c.periodS) % c.periodS;
  if (inCycle >= c.onS) return 0;
  return inCycle < c.surgeS ? c.surgeW : c.runW;
}

/** Household AC load at time tS (seconds since the start). */
export function houseEssentialsW(tS: number, p: HousePhases): number {
  const hour = (p.startHour + tS / 3600) % 24;
  return (
    ROUTER_W +
    cycleW(FRIDGE, tS + p.fridgeS) +
    cycleW(FURNACE, tS + p.furnaceS) +
    cycleW(SUMP, tS + p.sumpS) +
    (hour >= 18 ? LIGHTS_W : 0)
  );
}

/** Same-seed reproducible phases (mulberry32). */
export function seededPhases(seed: number, startHour: number): HousePhases {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  return { fridgeS: next() * 1200, furnaceS: next() * 900, sumpS: next() * 900, startHour };
}
