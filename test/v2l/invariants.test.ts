// Property tests (fast-check) of DESIGN.md §7 invariant 6 and §6 "no restart without user
// action", on random input sequences. The inverter and contactors mostly follow the commands
// (so sessions really start), and sometimes do anything.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { DEFAULT_V2L_CONFIG } from '../../v2l/presets.ts';
import { initialV2lState, type V2lState } from '../../v2l/state.ts';
import { v2lStep } from '../../v2l/step.ts';
import type { Gear, InverterState, V2lInput, V2lOutputs } from '../../v2l/types.ts';
import { aV2lInput, OUTLET_120, SPLIT_DEVICE } from './builders.ts';

const t = suite('v2l invariants (property)');
const cfg = DEFAULT_V2L_CONFIG;

/** The world between ticks; each tick changes a few facts (so sessions really run). */
interface Env {
  gear: Gear;
  speedKph: number;
  staleVehicle: boolean;
  chargingActive: boolean;
  blocking: boolean;
  socPct: number;
  floorPct: number | null;
  adapter: keyof typeof ADAPTERS;
  inverterOverride: InverterState | null;
  inverterStale: boolean;
  leakageMa: number;
  temperatureC: number;
  loadW: number;
  v2l: boolean;
  reset: boolean;
  hmiStale: boolean;
  bmsStale: boolean;
  contactorsStuckOpen: boolean;
}

const ADAPTERS = {
  split: SPLIT_DEVICE,
  outlet: OUTLET_120,
  none: { kind: 'none', ratedCurrentA: 0, ratedVoltageV: 0, splitPhase: false },
  other: { kind: 'other', ratedCurrentA: 48, ratedVoltageV: 240, splitPhase: false },
  unknown: { kind: 'unknown', ratedCurrentA: 0, ratedVoltageV: 0, splitPhase: false },
} as const;

const START_ENV: Env = {
  gear: 'P', speedKph: 0, staleVehicle: false, chargingActive: false, blocking: false, socPct: 24,
  floorPct: 20, adapter: 'split', inverterOverride: null, inverterStale: false, leakageMa: 0,
  temperatureC: 40, loadW: 800, v2l: false, reset: false, hmiStale: false, bmsStale: false,
  contactorsStuckOpen: false,
};

/** Mostly false: faults come and mostly go again. */
const rarely = fc.constantFrom(false, false, false, true);

/** A change of one fact, or nothing. Changes lean toward a healthy car so sessions do run. */
const changeArb: fc.Arbitrary<Partial<Env>> = fc.oneof(
  { weight: 40, arbitrary: fc.constant({}) },
  { weight: 2, arbitrary: fc.record({ gear: fc.constantFrom<Gear>('P', 'P', 'P', 'R', 'N', 'D') }) },
  { weight: 1, arbitrary: fc.record({ speedKph: fc.constantFrom(0, 0, 0.5, 3, NaN) }) },
  { weight: 1, arbitrary: fc.record({ staleVehicle: rarely }) },
  { weight: 2, arbitrary: fc.record({ chargingActive: rarely }) },
  { weight: 1, arbitrary: fc.record({ blocking: rarely }) },
  { weight: 3, arbitrary: fc.record({ socPct: fc.double({ min: 18, max: 32, noNaN: true }) }) },
  { weight: 2, arbitrary: fc.record({ floorPct: fc.constantFrom<number | null>(20, 20, 30, 25, null) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      adapter: fc.constantFrom<keyof typeof ADAPTERS>('split', 'split', 'outlet', 'outlet', 'none', 'other', 'unknown'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      inverterOverride: fc.constantFrom<InverterState | null>(null, null, null, 'off', 'starting', 'running', 'stopping', 'tripped', 'fault'),
    }),
  },
  { weight: 1, arbitrary: fc.record({ inverterStale: rarely }) },
  { weight: 2, arbitrary: fc.record({ leakageMa: fc.constantFrom(0, 0, 0, 1, 4.9, 5, 12) }) },
  { weight: 1, arbitrary: fc.record({ temperatureC: fc.constantFrom(40, 40, 85, 96) }) },
  { weight: 2, arbitrary: fc.record({ loadW: fc.integer({ min: 0, max: 12_000 }) }) },
  { weight: 4, arbitrary: fc.record({ v2l: fc.constantFrom(true, true, false) }) },
  { weight: 2, arbitrary: fc.record({ reset: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ hmiStale: rarely }) },
  { weight: 1, arbitrary: fc.record({ bmsStale: rarely }) },
  { weight: 1, arbitrary: fc.record({ contactorsStuckOpen: rarely }) },
);

/** Now and then every transient fault clears (a healthy car for a while, so sessions run). */
const HEALED: Partial<Env> = {
  gear: 'P', speedKph: 0, staleVehicle: false, chargingActive: false, blocking: false, adapter: 'split',
  inverterOverride: null, inverterStale: false, leakageMa: 0, temperatureC: 40, hmiStale: false,
  bmsStale: false, contactorsStuckOpen: false,
};

const tickArb = fc.record({
  dtMs: fc.integer({ min: 1, max: 400 }),
  change: changeArb,
  heal: fc.integer({ min: 0, max: 15 }).map((n) => n === 0),
});
type Tick = { dtMs: number; change: Partial<Env>; heal: boolean };

function inputFor(e: Env, prev: V2lOutputs | null): V2lInput {
  const enabled = prev?.inverterCommand.enable ?? false;
  const inverterState: InverterState = e.inverterOverride ?? (enabled ? 'running' : 'off');
  return aV2lInput({
    gear: e.gear,
    speedKph: e.speedKph,
    vehicleAgeMs: e.staleVehicle ? 1000 : 10,
    chargingActive: e.chargingActive,
    blockingFault: e.blocking ? 'X' : null,
    socPct: e.socPct,
    floorPct: e.floorPct,
    adapter: ADAPTERS[e.adapter],
    contactorsClosed: !e.contactorsStuckOpen && (prev?.requestMainContactors ?? false),
    inverterState,
    inverterAgeMs: e.inverterStale ? 1000 : 10,
    tripReason: inverterState === 'tripped' ? 'overload' : null,
    leakageMa: e.leakageMa,
    temperatureC: e.temperatureC,
    legLoadW: enabled ? [e.loadW / 2, e.loadW / 2] : [0, 0],
    v2l: e.v2l,
    reset: e.reset,
    hmiAgeMs: e.hmiStale ? 1000 : 10,
    bmsAgeMs: e.bmsStale ? 1000 : 10,
  });
}

interface Observed {
  input: V2lInput;
  outputs: V2lOutputs;
  /** A user action (rising request, or reset while held on) happened in this tick. */
  pressed: boolean;
}

function simulate(ticks: Tick[], visit: (o: Observed, prevEnable: boolean) => void): void {
  let s: V2lState = initialV2lState(cfg);
  let now = 0;
  let prev: V2lOutputs | null = null;
  let env = START_ENV;
  let prevHmi = { v2l: true, reset: true, fresh: false };
  for (const k of ticks) {
    now += k.dtMs;
    env = { ...env, ...(k.heal ? HEALED : {}), ...k.change };
    if (prev?.inverterCommand.enable) env = { ...env, socPct: env.socPct - 0.01 }; // supplying drains
    const input = inputFor(env, prev);
    const fresh = !env.hmiStale;
    const pressed =
      fresh && prevHmi.fresh && env.v2l && (!prevHmi.v2l || (env.reset && !prevHmi.reset));
    const r = v2lStep(s, input, now);
    visit({ input, outputs: r.outputs, pressed }, prev?.inverterCommand.enable ?? false);
    s = r.state;
    prev = r.outputs;
    prevHmi = { v2l: env.v2l, reset: env.reset, fresh };
  }
}

const RUNS = { seed: 42, numRuns: 300 };
const sequences = fc.array(tickArb, { minLength: 20, maxLength: 150, size: 'max' });

t('invariant 6: never enabled while charging, out of Park or at/below the SOC floor', () => {
  fc.assert(
    fc.property(sequences, (ticks) => {
      simulate(ticks, ({ input, outputs }) => {
        if (!outputs.inverterCommand.enable) return;
        const v = input.vehicle;
        const b = input.bms;
        assert.ok(!input.chargingActive, 'enabled while charging');
        assert.ok(v.valid && v.ageMs <= cfg.freshness.vehicleMaxAgeMs && v.value.gear === 'P', 'enabled out of Park');
        assert.ok(Math.abs(v.value.speedKph) <= cfg.maxParkedSpeedKph, 'enabled while moving');
        assert.ok(b.valid && b.ageMs <= cfg.freshness.bmsMaxAgeMs, 'enabled on stale SOC');
        assert.ok(b.value.socPct > outputs.floorPct, `enabled at SOC ${b.value.socPct} ≤ floor ${outputs.floorPct}`);
        assert.ok(outputs.state === 'starting' || outputs.state === 'supplying', `enabled in ${outputs.state}`);
      });
    }),
    RUNS,
  );
});

t('no start without a user action; a trip or a ground fault disables in the same tick', () => {
  fc.assert(
    fc.property(sequences, (ticks) => {
      // A user action arms one start. Resting in Off disarms it; so does a trip (only a reset,
      // itself a user action, may start again, also later within its reset window).
      let armed = false;
      let lastState = 'off';
      simulate(ticks, ({ input, outputs, pressed }, prevEnable) => {
        if (outputs.state === 'fault' && lastState !== 'fault') armed = false;
        if (pressed) armed = true;
        const enable = outputs.inverterCommand.enable;
        if (enable && !prevEnable) {
          assert.ok(armed, 'enabled without a press since the last stop');
          armed = false;
        }
        if (outputs.state === 'off' && !pressed) armed = false;
        lastState = outputs.state;
        if (outputs.trip) assert.not.ok(enable, 'enabled with a trip shown');
        const inv = input.inverter;
        if (inv.valid && inv.ageMs <= cfg.freshness.inverterMaxAgeMs && inv.value.leakageMa >= cfg.groundFaultTripMa) {
          assert.not.ok(enable, 'enabled with leakage at the trip level');
        }
      });
    }),
    RUNS,
  );
});

t('sessions do start, and end in many ways, in these sequences (the properties are not vacuous)', () => {
  let supplyingTicks = 0;
  const endings = new Set<string>();
  fc.assert(
    fc.property(sequences, (ticks) => {
      simulate(ticks, ({ outputs }) => {
        if (outputs.state === 'supplying') supplyingTicks++;
        if (outputs.stopReason) endings.add(`stop:${outputs.stopReason}`);
        if (outputs.trip) endings.add(`trip:${outputs.trip.reason}`);
      });
    }),
    RUNS,
  );
  assert.ok(supplyingTicks > 300, `${supplyingTicks} supplying ticks`);
  for (const e of ['stop:soc-at-floor', 'stop:charging-active', 'stop:not-in-park', 'stop:user', 'trip:ground-fault', 'trip:overload']) {
    assert.ok(endings.has(e), `never saw ${e}: ${[...endings].join(' ')}`);
  }
});

t.run();
