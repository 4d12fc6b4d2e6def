// The vehicle-side PP circuit of reference/pilot.md §3: 330 Ω pull-up to 5 V, 2.7 kΩ to PE,
// the handle's resistance R in parallel with the 2.7 kΩ. For configs written in volts.
export interface PpCircuit {
  supplyV: number;
  pullUpOhm: number;
  pullDownOhm: number;
}

export const J1772_PP_CIRCUIT: PpCircuit = { supplyV: 5, pullUpOhm: 330, pullDownOhm: 2700 };

/** V = supply × Rp / (Rp + pull-up), Rp = R ∥ pull-down; an open circuit (Infinity) gives the idle level. */
export function ppOhmsToVolts(ohms: number, c: PpCircuit = J1772_PP_CIRCUIT): number {
  const rp = ohms === Number.POSITIVE_INFINITY ? c.pullDownOhm : (ohms * c.pullDownOhm) / (ohms + c.pullDownOhm);
  return (c.supplyV * rp) / (rp + c.pullUpOhm);
}

/** The inverse: the handle resistance that gives this PP voltage (Infinity at or above the idle level). */
export function ppVoltsToOhms(volts: number, c: PpCircuit = J1772_PP_CIRCUIT): number {
  if (volts <= 0) return 0;
  if (volts >= c.supplyV) return Number.POSITIVE_INFINITY;
  const rp = (c.pullUpOhm * volts) / (c.supplyV - volts);
  if (rp >= c.pullDownOhm) return Number.POSITIVE_INFINITY;
  return (rp * c.pullDownOhm) / (c.pullDownOhm - rp);
}
