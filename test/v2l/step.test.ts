// Every transition of the V2L FSM through v2lStep, as a table: (state, input, now) → expected.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_V2L_CONFIG } from '../../v2l/presets.ts';
import { initialV2lState } from '../../v2l/state.ts';
import { v2lStep, type V2lStepResult } from '../../v2l/step.ts';
import type { RefusalCode, StopReason, TripReason, V2lStateName } from '../../v2l/types.ts';
import { anIdleState, aV2lInput, RUNNING, runFor, startingAt0, supplyingAt2s, type InputOptions } from './builders.ts';

const t = suite('v2l step: transitions');

interface Given {
  result: V2lStepResult;
  atMs: number;
}
const off = (): Given => ({ result: { state: anIdleState(), outputs: null as never, events: [] }, atMs: 0 });
const offSinceBoot = (): Given => ({
  result: { state: initialV2lState(DEFAULT_V2L_CONFIG), outputs: null as never, events: [] },
  atMs: 0,
});
const checking = (): Given => ({ result: v2lStep(anIdleState(), aV2lInput({ contactorsClosed: false }), 0), atMs: 0 });
const starting = (): Given => ({ result: startingAt0(), atMs: 0 });
const supplying = (): Given => ({ result: supplyingAt2s(), atMs: 2000 });
const stopping = (): Given => {
  const s = supplying();
  return { result: v2lStep(s.result.state, aV2lInput({ ...RUNNING, v2l: false }), 2010), atMs: 2010 };
};
const fault = (): Given => {
  const s = supplying();
  return { result: v2lStep(s.result.state, aV2lInput({ ...RUNNING, leakageMa: 8 }), 2010), atMs: 2010 };
};
/** Tripped, and the user has since switched the V2L request off. */
const faultReleased = (): Given => {
  const f = fault();
  return { result: v2lStep(f.result.state, aV2lInput({ v2l: false }), 2020), atMs: 2020 };
};

interface Row {
  name: string;
  given: () => Given;
  afterMs?: number;
  input: InputOptions;
  state: V2lStateName;
  enable: boolean;
  refusal?: RefusalCode;
  trip?: TripReason;
  stop?: StopReason;
}

const ROWS: Row[] = [
  // off
  { name: 'off + request, all well → checking → starting in one tick', given: off, input: {}, state: 'starting', enable: true },
  { name: 'off + request held since boot → no start (a level is not a press)', given: offSinceBoot, input: {}, state: 'off', enable: false },
  { name: 'off + request, contactors still open → checking', given: off, input: { contactorsClosed: false }, state: 'checking', enable: false },
  { name: 'off + request, charging → off with reason', given: off, input: { chargingActive: true }, state: 'off', enable: false, refusal: 'charging-active' },
  { name: 'off + request, HMI stale → off', given: off, input: { hmiAgeMs: 400 }, state: 'off', enable: false },
  { name: 'off + reset → ignored', given: off, input: { v2l: false, reset: true }, state: 'off', enable: false },
  // checking
  { name: 'checking + contactors closed → starting', given: checking, afterMs: 100, input: {}, state: 'starting', enable: true },
  { name: 'checking + request off → off', given: checking, afterMs: 100, input: { v2l: false, contactorsClosed: false }, state: 'off', enable: false },
  { name: 'checking + gear R → off, not-in-park', given: checking, afterMs: 100, input: { gear: 'R', contactorsClosed: false }, state: 'off', enable: false, refusal: 'not-in-park' },
  { name: 'checking + no contactors by deadline → off, battery-disconnected', given: checking, afterMs: 5000, input: { contactorsClosed: false }, state: 'off', enable: false, refusal: 'battery-disconnected' },
  { name: 'checking + no inverter data by deadline → off, inverter-unavailable', given: checking, afterMs: 5000, input: { inverterValid: false }, state: 'off', enable: false, refusal: 'inverter-unavailable' },
  // starting
  { name: 'starting + running before the ramp ends → starting', given: starting, afterMs: 990, input: RUNNING, state: 'starting', enable: true },
  { name: 'starting + running after the ramp → supplying', given: starting, afterMs: 1000, input: RUNNING, state: 'supplying', enable: true },
  { name: 'starting + not running by deadline → fault start-timeout', given: starting, afterMs: 5000, input: { inverterState: 'starting' }, state: 'fault', enable: false, trip: 'start-timeout' },
  { name: 'starting + gear D → stopping', given: starting, afterMs: 100, input: { gear: 'D' }, state: 'stopping', enable: false, stop: 'not-in-park' },
  { name: 'starting + request off → stopping (user)', given: starting, afterMs: 100, input: { v2l: false }, state: 'stopping', enable: false, stop: 'user' },
  { name: 'starting + ground fault → fault', given: starting, afterMs: 100, input: { leakageMa: 5 }, state: 'fault', enable: false, trip: 'ground-fault' },
  // supplying
  { name: 'supplying + request held → supplying', given: supplying, afterMs: 10, input: RUNNING, state: 'supplying', enable: true },
  { name: 'supplying + request off → stopping (user)', given: supplying, afterMs: 10, input: { ...RUNNING, v2l: false }, state: 'stopping', enable: false, stop: 'user' },
  { name: 'supplying + HMI lost → stopping (hmi-lost)', given: supplying, afterMs: 10, input: { ...RUNNING, hmiValid: false }, state: 'stopping', enable: false, stop: 'hmi-lost' },
  { name: 'supplying + charging → stopping', given: supplying, afterMs: 10, input: { ...RUNNING, chargingActive: true }, state: 'stopping', enable: false, stop: 'charging-active' },
  { name: 'supplying + gear N → stopping', given: supplying, afterMs: 10, input: { ...RUNNING, gear: 'N' }, state: 'stopping', enable: false, stop: 'not-in-park' },
  { name: 'supplying + gear data stale → stopping', given: supplying, afterMs: 10, input: { ...RUNNING, vehicleAgeMs: 600 }, state: 'stopping', enable: false, stop: 'vehicle-data-invalid' },
  { name: 'supplying + moving in P → stopping', given: supplying, afterMs: 10, input: { ...RUNNING, speedKph: 3 }, state: 'stopping', enable: false, stop: 'vehicle-moving' },
  { name: 'supplying + speed unknown → stopping', given: supplying, afterMs: 10, input: { ...RUNNING, speedKph: NaN }, state: 'stopping', enable: false, stop: 'vehicle-moving' },
  { name: 'supplying + SOC at floor → stopping', given: supplying, afterMs: 10, input: { ...RUNNING, socPct: 20 }, state: 'stopping', enable: false, stop: 'soc-at-floor' },
  { name: 'supplying + SOC just above floor → supplying', given: supplying, afterMs: 10, input: { ...RUNNING, socPct: 20.01 }, state: 'supplying', enable: true },
  { name: 'supplying + floor raised above SOC → stopping in the same tick', given: supplying, afterMs: 10, input: { ...RUNNING, floorPct: 70 }, state: 'stopping', enable: false, stop: 'soc-at-floor' },
  { name: 'supplying + adapter pulled → stopping', given: supplying, afterMs: 10, input: { ...RUNNING, adapter: { kind: 'none', ratedCurrentA: 0, ratedVoltageV: 0, splitPhase: false } }, state: 'stopping', enable: false, stop: 'no-adapter' },
  { name: 'supplying + contactors opened → stopping', given: supplying, afterMs: 10, input: { ...RUNNING, contactorsClosed: false }, state: 'stopping', enable: false, stop: 'battery-disconnected' },
  { name: 'supplying + blocking fault → stopping', given: supplying, afterMs: 10, input: { ...RUNNING, blockingFault: 'ISO-LOW' }, state: 'stopping', enable: false, stop: 'blocking-fault' },
  { name: 'supplying + BMS data stale → stopping', given: supplying, afterMs: 10, input: { ...RUNNING, bmsAgeMs: 600 }, state: 'stopping', enable: false, stop: 'battery-data-invalid' },
  { name: 'supplying + BMS limit zero → stopping', given: supplying, afterMs: 10, input: { ...RUNNING, dischargeCurrentLimitA: 0 }, state: 'stopping', enable: false, stop: 'battery-limit-low' },
  { name: 'supplying + leakage 4.9 mA → supplying', given: supplying, afterMs: 10, input: { ...RUNNING, leakageMa: 4.9 }, state: 'supplying', enable: true },
  { name: 'supplying + leakage 5 mA → fault at once', given: supplying, afterMs: 10, input: { ...RUNNING, leakageMa: 5 }, state: 'fault', enable: false, trip: 'ground-fault' },
  { name: 'supplying + leakage SNA → fault', given: supplying, afterMs: 10, input: { ...RUNNING, leakageMa: NaN }, state: 'fault', enable: false, trip: 'inverter-comms' },
  { name: 'supplying + temperature SNA → fault', given: supplying, afterMs: 10, input: { ...RUNNING, temperatureC: NaN }, state: 'fault', enable: false, trip: 'inverter-comms' },
  { name: 'supplying + inverter silent → fault', given: supplying, afterMs: 10, input: { ...RUNNING, inverterAgeMs: 400 }, state: 'fault', enable: false, trip: 'inverter-comms' },
  { name: 'supplying + 95 °C → fault', given: supplying, afterMs: 10, input: { ...RUNNING, temperatureC: 95 }, state: 'fault', enable: false, trip: 'over-temperature' },
  { name: 'supplying + inverter hardware fault → fault', given: supplying, afterMs: 10, input: { inverterState: 'fault', tripReason: 'hardware-fault' }, state: 'fault', enable: false, trip: 'inverter-fault' },
  { name: 'supplying + inverter tripped, short circuit → fault', given: supplying, afterMs: 10, input: { inverterState: 'tripped', tripReason: 'short-circuit' }, state: 'fault', enable: false, trip: 'short-circuit' },
  { name: 'supplying + inverter tripped, undervoltage out → fault', given: supplying, afterMs: 10, input: { inverterState: 'tripped', tripReason: 'output-undervoltage' }, state: 'fault', enable: false, trip: 'output-out-of-range' },
  { name: 'supplying + inverter lost our commands → fault', given: supplying, afterMs: 10, input: { inverterState: 'tripped', tripReason: 'command-timeout' }, state: 'fault', enable: false, trip: 'inverter-comms' },
  { name: 'supplying + inverter reports off → fault', given: supplying, afterMs: 10, input: { inverterState: 'off' }, state: 'fault', enable: false, trip: 'inverter-fault' },
  { name: 'supplying + 3.5× overload → fault at once', given: supplying, afterMs: 10, input: { ...RUNNING, legLoadW: [17_000, 17_000] }, state: 'fault', enable: false, trip: 'overload' },
  // stopping
  { name: 'stopping + inverter off → off', given: stopping, afterMs: 50, input: { v2l: false }, state: 'off', enable: false },
  { name: 'stopping + inverter still stopping → stopping', given: stopping, afterMs: 50, input: { v2l: false, inverterState: 'stopping' }, state: 'stopping', enable: false },
  { name: 'stopping + request on again → ignored', given: stopping, afterMs: 50, input: { ...RUNNING, v2l: true }, state: 'stopping', enable: false },
  { name: 'stopping + still running at deadline → fault stop-timeout', given: stopping, afterMs: 2000, input: { ...RUNNING, v2l: false }, state: 'fault', enable: false, trip: 'stop-timeout' },
  { name: 'stopping + ground fault → fault', given: stopping, afterMs: 50, input: { ...RUNNING, v2l: false, leakageMa: 30 }, state: 'fault', enable: false, trip: 'ground-fault' },
  // fault
  { name: 'fault + request on again → stays, trip-latched', given: faultReleased, afterMs: 50, input: {}, state: 'fault', enable: false, refusal: 'trip-latched' },
  { name: 'fault + all clear, no user action → stays', given: fault, afterMs: 60_000, input: {}, state: 'fault', enable: false, trip: 'ground-fault' },
  { name: 'fault + reset, request off, cause cleared → off', given: faultReleased, afterMs: 50, input: { v2l: false, reset: true }, state: 'off', enable: false },
  { name: 'fault + reset with the request held on → off → checking', given: fault, afterMs: 50, input: { reset: true }, state: 'checking', enable: false },
];

for (const row of ROWS) {
  t(row.name, () => {
    const g = row.given();
    const r = v2lStep(g.result.state, aV2lInput(row.input), g.atMs + (row.afterMs ?? 0));
    assert.is(r.outputs.state, row.state);
    assert.is(r.outputs.inverterCommand.enable, row.enable);
    if (row.refusal) assert.is(r.outputs.refusal?.code, row.refusal);
    if (row.trip) {
      assert.is(r.outputs.trip?.reason, row.trip);
      assert.ok(r.outputs.trip?.latched);
    }
    if (row.stop) assert.is(r.outputs.stopReason, row.stop);
  });
}

t('every state change is one event with its cause', () => {
  const r = startingAt0();
  const changes = r.events.filter((e) => e.kind === 'state-changed');
  assert.equal(
    changes.map((e) => (e.kind === 'state-changed' ? `${e.from}>${e.to}:${e.cause}` : '')),
    ['off>checking:on-requested', 'checking>starting:ready'],
  );
});

t('a reset whose cause remains is refused after its window, with the cause', () => {
  const g = fault();
  let r = v2lStep(g.result.state, aV2lInput({ leakageMa: 7, reset: true }), 2100);
  assert.is(r.outputs.state, 'fault');
  assert.ok(r.outputs.inverterCommand.resetTrip, 'the reset is passed to the inverter');
  r = runFor(r.state, { leakageMa: 7, reset: true }, 2100, 4100);
  assert.is(r.outputs.state, 'fault');
  assert.ok(r.events.some((e) => e.kind === 'reset-refused'));
  assert.is(r.outputs.refusal?.code, 'trip-latched');
  assert.not.ok(r.outputs.inverterCommand.resetTrip);
});

t('a reset waits for the inverter to clear its own latch', () => {
  const s = supplyingAt2s();
  let r = v2lStep(s.state, aV2lInput({ inverterState: 'tripped', tripReason: 'overload' }), 2010);
  assert.is(r.outputs.trip?.reason, 'overload');
  r = v2lStep(r.state, aV2lInput({ inverterState: 'tripped', tripReason: 'overload', reset: true }), 3000);
  assert.is(r.outputs.state, 'fault');
  assert.ok(r.outputs.inverterCommand.resetTrip);
  r = v2lStep(r.state, aV2lInput({ inverterState: 'off', reset: true }), 3100);
  assert.is(r.outputs.state, 'checking', 'reset with the request held on starts again');
});

t('an over-temperature trip resets only once the stage has cooled', () => {
  const s = supplyingAt2s();
  let r = v2lStep(s.state, aV2lInput({ ...RUNNING, temperatureC: 96 }), 2010);
  assert.is(r.outputs.trip?.reason, 'over-temperature');
  r = runFor(r.state, { v2l: false, temperatureC: 80, reset: true }, 2010, 4100);
  assert.is(r.outputs.state, 'fault');
  assert.is(r.outputs.refusal?.code, 'inverter-hot');
  r = runFor(r.state, { v2l: false, temperatureC: 70, reset: false }, 4100, 4110);
  r = runFor(r.state, { v2l: false, temperatureC: 70, reset: true }, 4110, 4120);
  assert.is(r.outputs.state, 'off');
});

t('after a floor stop, a new start needs the user and SOC above floor + restart margin', () => {
  const s = supplyingAt2s({ socPct: 25 });
  let r = runFor(s.state, { ...RUNNING, socPct: 20 }, 2000, 2010);
  assert.is(r.outputs.stopReason, 'soc-at-floor');
  r = runFor(r.state, { socPct: 22 }, 2010, 3000);
  assert.is(r.outputs.state, 'off', 'no restart by itself when SOC rebounds, request still on');
  r = v2lStep(r.state, aV2lInput({ socPct: 20.5, v2l: false }), 3010);
  r = v2lStep(r.state, aV2lInput({ socPct: 20.5 }), 3020);
  assert.is(r.outputs.refusal?.code, 'soc-at-floor');
  r = v2lStep(r.state, aV2lInput({ socPct: 21.5, v2l: false }), 3030);
  r = v2lStep(r.state, aV2lInput({ socPct: 21.5 }), 3040);
  assert.is(r.outputs.state, 'starting');
});

t('state is not mutated by a step', () => {
  const s = supplyingAt2s();
  const frozen = JSON.stringify(s.state);
  v2lStep(s.state, aV2lInput({ ...RUNNING, leakageMa: 9 }), 2010);
  assert.is(JSON.stringify(s.state), frozen);
});

t.run();
