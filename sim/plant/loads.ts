// Household and jobsite loads behind the V2L inverter: each load runs on a leg with a pattern
// (always, periodic duty cycle, or a time-of-day window) and a start surge. Demand is a pure function
// of time, so a profile is exactly reproducible and its mean is what its table says.
import type { Random } from '../random.ts';

export type Leg = 'L1' | 'L2';

export type LoadPattern =
  | { kind: 'always' }
  /** On for onS at the start of every periodS; phaseS fixes the offset (else drawn from the seed). */
  | { kind: 'cycle'; periodS: number; onS: number; phaseS?: number }
  /** On between two hours of the simulated day (wraps past midnight). */
  | { kind: 'window'; fromHour: number; toHour: number };

export interface LoadDef {
  name: string;
  leg: Leg;
  runW: number;
  /** Motor start: this power for surgeS at every switch-on (0 = none). */
  surgeW: number;
  surgeS: number;
  pattern: LoadPattern;
  /** Protective-earth leakage while running (PD ~0.2–0.5 mA per appliance; GFCI trips at 4–6 mA). */
  leakageMa: number;
}

export interface LoadProfile {
  name: string;
  description: string;
  loads: readonly LoadDef[];
}

export interface LoadOptions {
  /** Time of day at t = 0 (hours), for window patterns. PD 12:00. */
  startHour?: number;
  /** Multiplies every power. */
  scale?: number;
}

const DAY_S = 24 * 3600;

/** A running set of loads; `step` advances time and refreshes the demand fields. */
export class LoadSet {
  /** Demand per leg now. */
  l1W = 0;
  l2W = 0;
  leakageMa = 0;
  timeMs = 0;
  private readonly phasesS: Float64Array;
  private readonly startS: number;
  private readonly scale: number;

  constructor(
    readonly profile: LoadProfile,
    options: LoadOptions,
    random: Random,
  ) {
    this.startS = (options.startHour ?? 12) * 3600;
    this.scale = options.scale ?? 1;
    const groupOffsetS = random.uniform(0, DAY_S); // one time shift for all fixed-phase loads
    this.phasesS = new Float64Array(profile.loads.length);
    profile.loads.forEach((load, i) => {
      const p = load.pattern;
      if (p.kind !== 'cycle') return;
      // Loads with a fixed phase keep their relative timing (e.g. a saw and a compressor that must
      // not overlap) and share one seeded offset; the others get their own.
      this.phasesS[i] = p.phaseS !== undefined ? p.phaseS + groupOffsetS : random.uniform(0, p.periodS);
    });
    this.evaluate();
  }

  get totalW(): number {
    return this.l1W + this.l2W;
  }

  step(dtMs: number): void {
    this.timeMs += dtMs;
    this.evaluate();
  }

  private evaluate(): void {
    const tS = this.timeMs / 1000;
    let l1 = 0;
    let l2 = 0;
    let leak = 0;
    const loads = this.profile.loads;
    for (let i = 0; i < loads.length; i++) {
      const load = loads[i]!;
      const sinceOnS = this.sinceSwitchOnS(load.pattern, tS, this.phasesS[i]!);
      if (sinceOnS < 0) continue;
      const w = (sinceOnS < load.surgeS ? load.surgeW : load.runW) * this.scale;
      if (load.leg === 'L1') l1 += w;
      else l2 += w;
      leak += load.leakageMa;
    }
    this.l1W = l1;
    this.l2W = l2;
    this.leakageMa = leak;
  }

  /** Seconds since the load last switched on, or −1 when it is off. */
  private sinceSwitchOnS(p: LoadPattern, tS: number, phaseS: number): number {
    if (p.kind === 'always') return tS + 1e9; // long running: no surge
    if (p.kind === 'cycle') {
      const pos = (((tS + phaseS) % p.periodS) + p.periodS) % p.periodS;
      return pos < p.onS ? pos : -1;
    }
    const hour = (((this.startS + tS) % DAY_S) + DAY_S) % DAY_S / 3600;
    const from = p.fromHour;
    const to = p.toHour;
    const on = from <= to ? hour >= from && hour < to : hour >= from || hour < to;
    if (!on) return -1;
    return ((hour - from + 24) % 24) * 3600;
  }
}

export function createLoads(profile: LoadProfile, options: LoadOptions, random: Random): LoadSet {
  return new LoadSet(profile, options, random.fork(`loads/${profile.name}`));
}

/** A single resistive load (scenario `constantW`). */
export function constantLoadProfile(watts: number): LoadProfile {
  return {
    name: `constant-${watts}W`,
    description: `${watts} W resistive, always on`,
    loads: [{ name: 'constant', leg: 'L1', runW: watts, surgeW: 0, surgeS: 0, pattern: { kind: 'always' }, leakageMa: 0.2 }],
  };
}
