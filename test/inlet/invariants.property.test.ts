// Property test: invariants 1, 2 and 9 (DESIGN.md §7) hold for random sequences of PP, CP, lock
// feedback, manual release, inlet voltage and current, relay and contactor feedback, BMS/OBC/HMI
// data and AC, DC and V2L requests. Feedback either follows the commands (a plant) or is forced.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { createInletPort, initialInletState, NACS_INLET, type InletInput, type InletOutputs } from '../../inlet/index.ts';
import { inletPortStep } from '../../inlet/port-step.ts';
import type { CpLevel, LockFeedback, Reading } from '../../inlet/types.ts';
import { anInletInput, PP } from './builders.ts';

const t = suite('inlet/invariants (property)');
const cfg = NACS_INLET;

const anyReading = <T>(value: fc.Arbitrary<T>): fc.Arbitrary<Reading<T>> =>
  fc.record({ value, valid: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    ageMs: fc.oneof({ weight: 9, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 2000 }) }) });
const okReading = <T>(value: fc.Arbitrary<T>): fc.Arbitrary<Reading<T>> => value.map((v) => ({ value: v, valid: true, ageMs: 0 }));
/** Mostly a plausible value (so sessions get far: locked, relay closed, DC granted), sometimes anything. */
const mostly = <T>(good: fc.Arbitrary<T>, any: fc.Arbitrary<T>): fc.Arbitrary<T> =>
  fc.oneof({ weight: 4, arbitrary: good }, { weight: 1, arbitrary: any });
const reading = <T>(good: fc.Arbitrary<T>, any: fc.Arbitrary<T> = good) => mostly(okReading(good), anyReading(any));

const ppGood = fc.constantFrom<number>(PP.nacsLatched, PP.nacsLatched, PP.dcAdapterLatched, PP.acAdapterLatched, PP.v2l, PP.nothing);
const ppAny = fc.oneof(fc.constantFrom(...Object.values(PP)), fc.double({ min: 0, max: 20_000, noNaN: true }));
const cpGood = fc.constantFrom(
  { state: 'B' as CpLevel, dutyPct: 5, pwmPresent: true }, { state: 'C' as CpLevel, dutyPct: 5, pwmPresent: true },
  { state: 'B' as CpLevel, dutyPct: 53.3, pwmPresent: true }, { state: 'C' as CpLevel, dutyPct: 53.3, pwmPresent: true },
  { state: 'E' as CpLevel, dutyPct: 0, pwmPresent: false },
);
const cpAny = fc.record({
  state: fc.constantFrom<CpLevel>('A', 'B', 'C', 'D', 'E', 'F'),
  dutyPct: fc.oneof(fc.constantFrom(0, 5, 7.5, 8, 10, 53.3, 80, 96, 98, 100), fc.double({ min: 0, max: 100, noNaN: true })),
  pwmPresent: fc.boolean(),
});
const volts = fc.oneof(fc.constantFrom(0, 30, 59.9, 60, 61, 400, 800, -100), fc.double({ min: -100, max: 1000, noNaN: true }));
const amps = fc.oneof(fc.constantFrom(0, 0.5, 0.99, 1, 5, 100, -5), fc.double({ min: -500, max: 500, noNaN: true }));
const temps = fc.double({ min: -60, max: 120, noNaN: true });
const forced = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<Reading<T> | null> => mostly(fc.constant(null), anyReading(arb)); // null = follow the plant
const request = fc.record({ active: fc.boolean(), wantLock: fc.boolean(), wantDcPath: fc.boolean() });
const v2lRequest = fc.record({ active: fc.boolean(), wantLock: fc.boolean(), wantAcPath: fc.boolean() });
const off = { active: false, wantLock: false, wantDcPath: false };
const noV2l = { active: false, wantLock: false, wantAcPath: false };

const timing = { ticks: fc.integer({ min: 1, max: 30 }), stepMs: fc.constantFrom(10, 50, 100, 300) };
const fields = {
  ppOhm: reading(ppGood, ppAny),
  cp: reading(cpGood, cpAny),
  lock: forced(fc.constantFrom<LockFeedback>('unlocked', 'locked', 'moving', 'fault')),
  relay: forced(fc.constantFrom('open' as const, 'closed' as const)),
  dcPos: forced(fc.constantFrom('open' as const, 'closed' as const)),
  dcNeg: forced(fc.constantFrom('open' as const, 'closed' as const)),
  manualRelease: reading(fc.constant(false), fc.boolean()),
  pinTempsC: fc.tuple(reading(fc.constant(25), temps), reading(fc.constant(25), temps)),
  inletVoltageV: reading(fc.constantFrom(0, 0, 400), volts),
  inletCurrentA: reading(fc.constantFrom(0, 0.5, 30), amps),
  obcAcV: fc.constantFrom(0, 20, 120, 240),
  bmsAllowed: mostly(fc.constant(true), fc.boolean()),
  socPct: mostly(fc.constant(50), fc.constantFrom(20, 89, 90, 95)),
  gear: mostly(fc.constant('P' as const), fc.constantFrom('P' as const, 'D' as const)),
  speedKph: mostly(fc.constant(0), fc.constantFrom(0, 0.5, 30)),
  dcRequest: mostly(fc.constantFrom(off, off, { active: true, wantLock: true, wantDcPath: true }), request),
  v2lRequest: mostly(fc.constantFrom(noV2l, noV2l, noV2l, { active: true, wantLock: true, wantAcPath: true }), v2lRequest),
  unlockRequest: mostly(fc.constant(false), fc.boolean()),
};
const segment = fc.record({ ...timing, ...fields });
type Segment = typeof segment extends fc.Arbitrary<infer S> ? S : never;

/** One to three fields changed, the rest held: sessions get the time to go far. */
const change: fc.Arbitrary<Partial<Segment>> = fc.record({
  ...timing,
  patch: fc.array(fc.oneof(...Object.entries(fields).map(([k, arb]) => (arb as fc.Arbitrary<unknown>).map((v) => ({ [k]: v })))), { minLength: 1, maxLength: 3 }),
}).map(({ ticks, stepMs, patch }) => Object.assign({ ticks, stepMs }, ...patch) as Partial<Segment>);
const scenario = fc.tuple(segment, fc.array(change, { maxLength: 20 }))
  .map(([first, changes]) => changes.reduce<Segment[]>((acc, c) => [...acc, { ...acc[acc.length - 1]!, ...c }], [first]));

interface Plant { lock: LockFeedback; relay: 'open' | 'closed'; dc: 'open' | 'closed' }

function inputFor(s: Segment, p: Plant): InletInput {
  const ok = <T>(value: T): Reading<T> => ({ value, valid: true, ageMs: 0 });
  return anInletInput({
    ppOhm: s.ppOhm, cp: s.cp, manualRelease: s.manualRelease, pinTempsC: s.pinTempsC,
    lockFeedback: s.lock ?? ok(p.lock), obcRelay: s.relay ?? ok(p.relay),
    dcContactorPositive: s.dcPos ?? ok(p.dc), dcContactorNegative: s.dcNeg ?? ok(p.dc),
    inletVoltageV: s.inletVoltageV, inletCurrentA: s.inletCurrentA,
    obc: ok({ ready: true, fault: false, acVoltageV: s.obcAcV }),
    bms: ok({ chargeCurrentLimitA: 100, chargePowerLimitW: 50_000, packVoltageV: 380, socPct: s.socPct, chargeAllowed: s.bmsAllowed }),
    hmi: ok({ maxAcCurrentA: null, chargeLimitSocPct: 90, schedule: { mode: 'now' }, unlockRequest: s.unlockRequest }),
    vehicle: ok({ gear: s.gear, speedKph: s.speedKph }),
    dcRequest: s.dcRequest, v2lRequest: s.v2lRequest,
  });
}

const usable = <T>(r: Reading<T>, maxAgeMs: number) => r.valid && r.ageMs <= maxAgeMs;

/** Returns a description of the first broken invariant, or null. */
function violation(i: InletInput, o: InletOutputs, events: { type: string }[]): string | null {
  const age = cfg.staleAfterMs;
  // Invariant 1: never both; each only with the other path's feedback proven open this tick.
  if (o.path.obcRelayCommand === 'closed' && o.path.dcContactorsAllowed) return 'inv 1: relay and DC contactors together';
  const dcOpen = usable(i.dcContactorPositive, age.pduMs) && usable(i.dcContactorNegative, age.pduMs)
    && i.dcContactorPositive.value === 'open' && i.dcContactorNegative.value === 'open';
  if (o.path.obcRelayCommand === 'closed' && !dcOpen) return 'inv 1: relay closed without DC contactors proven open';
  const relayOpen = usable(i.obcRelay, age.pduMs) && i.obcRelay.value === 'open';
  if (o.path.dcContactorsAllowed && !relayOpen) return 'inv 1: DC allowed without the relay proven open';
  if (o.acSession.s2Closed && o.path.obcRelayCommand !== 'closed') return 'S2 closed without the AC path';
  // Invariant 2: unlock only with the inlet proven dead by the car's own sensors.
  if (o.lock.command === 'unlock') {
    const vOk = usable(i.inletVoltageV, age.shuntMs) && Math.abs(i.inletVoltageV.value) < 60;
    const aOk = usable(i.inletCurrentA, age.shuntMs) && Math.abs(i.inletCurrentA.value) < 1;
    if (!vOk || !aOk) return `inv 2: unlock at ${i.inletVoltageV.value} V / ${i.inletCurrentA.value} A`;
  }
  // Invariant 9: anything but a valid, fresh "nothing" on PP inhibits drive.
  const ppNothing = usable(i.ppOhm, age.inletNodeMs) && i.ppOhm.value >= cfg.proximity.nothingAboveOhm;
  if (!ppNothing && !o.driveInhibit) return `inv 9: PP ${i.ppOhm.value} Ω without drive inhibit`;
  if (events.some((e) => e.type === 'guard')) return 'a last-line guard fired: the logic itself let an invariant slip';
  return null;
}

/** A new grant never goes to a path the plug or pilot forbids (wrong adapters never close anything). */
function badGrant(before: string, o: InletOutputs): string | null {
  if (before !== 'dc' && o.path.granted === 'dc' && !(o.connector.dcAllowed && o.cp.digital)) return `DC granted to ${o.connector.kind} / ${o.cp.pilotClass}`;
  if (before !== 'ac' && o.path.granted === 'ac' && !o.connector.acAllowed && !o.connector.v2lAdapter) return `AC granted to ${o.connector.kind}`;
  return null;
}

t('invariants 1, 2, 9 and the wrong-adapter rule hold for random input sequences', () => {
  fc.assert(
    fc.property(scenario, (segments) => {
      let state = initialInletState();
      let plant: Plant = { lock: 'unlocked', relay: 'open', dc: 'open' };
      let now = 0;
      let granted = 'none';
      for (const s of segments) {
        for (let k = 0; k < s.ticks; k++, now += s.stepMs) {
          const input = inputFor(s, plant);
          const r = inletPortStep(cfg, state, input, now);
          const broken = violation(input, r.outputs, r.events) ?? badGrant(granted, r.outputs);
          if (broken !== null) throw new Error(`${broken} at ${now} ms`);
          state = r.state;
          granted = r.outputs.path.granted;
          const lockCmd = r.outputs.lock.command;
          plant = {
            lock: lockCmd === 'lock' ? 'locked' : lockCmd === 'unlock' ? 'unlocked' : plant.lock,
            relay: r.outputs.path.obcRelayCommand,
            dc: r.outputs.path.dcContactorsAllowed && s.dcRequest.wantDcPath ? 'closed' : 'open',
          };
        }
      }
    }),
    { seed: 42, numRuns: 200 },
  );
});

t('a port with its view memo (createInletPort) steps exactly as the step computing every view afresh', () => {
  fc.assert(
    fc.property(scenario, (segments) => {
      const port = createInletPort(cfg);
      let state = initialInletState();
      let plant: Plant = { lock: 'unlocked', relay: 'open', dc: 'open' };
      let now = 0;
      for (const s of segments) {
        for (let k = 0; k < s.ticks; k++, now += s.stepMs) {
          const input = inputFor(s, plant);
          const fresh = inletPortStep(cfg, state, input, now);
          const kept = port.step(state, input, now);
          assert.equal(kept, fresh, `at ${now} ms`);
          state = kept.state;
          const lockCmd = kept.outputs.lock.command;
          plant = {
            lock: lockCmd === 'lock' ? 'locked' : lockCmd === 'unlock' ? 'unlocked' : plant.lock,
            relay: kept.outputs.path.obcRelayCommand,
            dc: kept.outputs.path.dcContactorsAllowed && s.dcRequest.wantDcPath ? 'closed' : 'open',
          };
        }
      }
    }),
    { seed: 7, numRuns: 150 },
  );
});

t.run();
