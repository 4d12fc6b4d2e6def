import { suite } from 'uvu';
import fc from 'fast-check';
import * as assert from 'uvu/assert';
import { refusalFor, REFUSAL_TEXT, type RefusalCode, type RefusalContext } from '../../inlet/wrong-adapter.ts';
import { initialInletState, NACS_INLET, type InletInput } from '../../inlet/index.ts';
import { cpAc, cpDigital, cpSteady, ok, invalid, PP } from './builders.ts';
import { aPlant, simulate, type Plant } from './plant.ts';

const t = suite('inlet/wrong-adapter');

const aContext = (o: Partial<RefusalContext> = {}): RefusalContext => ({
  ppInvalid: false, kind: 'nacs', latchPressed: false, pilotClass: 'ac', evsePresent: true,
  lockFault: null, pathFault: null, parked: true, ...o,
});

const ROWS: [string, Partial<RefusalContext>, string | null][] = [
  ['native NACS on an AC station', {}, null],
  ['native NACS on a DC charger', { pilotClass: 'digital' }, null],
  ['AC-only adapter facing a digital 5 % pilot', { kind: 'j1772-ac-adapter', pilotClass: 'digital' }, 'ac-adapter-digital-pilot'],
  ['AC-only adapter facing an AC offer', { kind: 'j1772-ac-adapter', pilotClass: 'ac' }, null],
  ['DC-only adapter facing an AC offer', { kind: 'ccs1-dc-adapter', pilotClass: 'ac' }, 'dc-adapter-ac-offer'],
  ['DC-only adapter facing a digital pilot', { kind: 'ccs1-dc-adapter', pilotClass: 'digital' }, null],
  ['V2L adapter facing a charger pilot', { kind: 'v2l-adapter', pilotClass: 'none', evsePresent: true }, 'v2l-adapter-on-charger'],
  ['V2L adapter with no pilot', { kind: 'v2l-adapter', pilotClass: 'none', evsePresent: false }, null],
  ['unknown resistance', { kind: 'unknown' }, 'pp-unknown'],
  ['PP reading invalid', { ppInvalid: true, kind: 'unknown' }, 'pp-invalid'],
  ['V2H device', { kind: 'v2h-device' }, 'v2h-unsupported'],
  ['pilot duty in the error band', { pilotClass: 'error' }, 'pilot-invalid-duty'],
  ['pilot duty above 97 %', { pilotClass: 'not-allowed' }, 'pilot-invalid-duty'],
  ['latch pressed (broken handle switch)', { latchPressed: true }, 'latch-pressed'],
  ['lock fault', { lockFault: 'lock-timeout' }, 'lock-fault'],
  ['AC/DC path fault', { pathFault: 'obc-relay-stuck-closed' }, 'path-fault'],
  ['not in Park', { parked: false }, 'not-parked'],
  ['nothing plugged, not in Park', { kind: 'none', parked: false, pilotClass: 'none', evsePresent: false }, null],
];
for (const [what, ctx, code] of ROWS) {
  t(`${what} → ${code ?? 'accepted'}`, () => {
    const r = refusalFor(aContext(ctx));
    assert.is(r?.code ?? null, code);
    if (r !== null) assert.is(r.text, REFUSAL_TEXT[r.code]);
  });
}

t('every refusal has a text the HMI can show', () => {
  for (const [code, text] of Object.entries(REFUSAL_TEXT)) assert.ok(text.length > 10, code);
});

// Port level: with a wrong adapter, nothing closes, whatever the sessions ask.
const greedy = { dcRequest: { active: true, wantLock: true, wantDcPath: true }, v2lRequest: { active: false, wantLock: false, wantAcPath: false } };
const CASES: [string, number, (p: Plant) => Partial<InletInput>, string][] = [
  ['AC adapter on a DC charger (5 %)', PP.acAdapterLatched, () => ({ cp: ok(cpDigital()), ...greedy }), 'ac-adapter-digital-pilot'],
  ['DC adapter on an AC station', PP.dcAdapterLatched, (p) => ({ cp: ok(cpAc(53.3, p.acOn ? 'C' : 'B')) }), 'dc-adapter-ac-offer'],
  ['DC adapter on an AC station with a DC request', PP.dcAdapterLatched, () => ({ cp: ok(cpAc(53.3)), ...greedy }), 'dc-adapter-ac-offer'],
  ['V2L adapter on a charger', PP.v2l, () => ({ cp: ok(cpAc(53.3)), v2lRequest: { active: true, wantLock: true, wantAcPath: true } }), 'v2l-adapter-on-charger'],
  ['V2L adapter on a DC charger', PP.v2l, () => ({ cp: ok(cpDigital()), ...greedy }), 'v2l-adapter-on-charger'],
  ['unknown plug', PP.unknown, () => ({ cp: ok(cpAc(53.3)), ...greedy }), 'pp-unknown'],
];
for (const [what, ohm, station, code] of CASES) {
  t(`port: ${what} → refused (${code}), no relay or contactor ever closes`, () => {
    const tr = simulate(NACS_INLET, { state: initialInletState(), plant: aPlant() }, (_n, p) => ({ ppOhm: ok(ohm), ...station(p) }), 0, 5000);
    assert.is(tr.last.refusal?.code, code);
    assert.ok(tr.outputs.every((o) => o.path.obcRelayCommand === 'open' && !o.path.dcContactorsAllowed && !o.acSession.s2Closed));
    assert.is(tr.last.connector.acAllowed, false);
    assert.is(tr.last.connector.dcAllowed, false);
    assert.is(tr.last.connector.v2lAdapter, false);
  });
}

t('port: a V2L adapter with no pilot may get the AC path for V2L', () => {
  const tr = simulate(NACS_INLET, { state: initialInletState(), plant: aPlant() },
    () => ({ ppOhm: ok<number>(PP.v2l), cp: ok(cpSteady('E')), v2lRequest: { active: true, wantLock: true, wantAcPath: true } }), 0, 2000);
  assert.is(tr.last.refusal, null);
  assert.is(tr.last.connector.v2lAdapter, true);
  assert.is(tr.last.path.granted, 'ac');
  assert.is(tr.last.stopNow, null, 'pilot rules do not apply to V2L');
});

t('port: an AC adapter on an AC station charges, capped at its 48 A rating', () => {
  const tr = simulate(NACS_INLET, { state: initialInletState(), plant: aPlant() },
    (_n, p) => ({ ppOhm: ok<number>(PP.acAdapterLatched), cp: ok(cpAc(96, p.acOn ? 'C' : 'B')) }), 0, 3000);
  assert.is(tr.last.refusal, null);
  assert.is(tr.last.acSession.state, 'charging');
  assert.is(tr.last.acSession.obcCurrentSetpointA, 48);
});

t('port: an invalid PP reading refuses with its own reason', () => {
  const tr = simulate(NACS_INLET, { state: initialInletState(), plant: aPlant() }, () => ({ ppOhm: invalid<number>(150), cp: ok(cpAc(53.3)) }), 0, 1000);
  assert.is(tr.last.refusal?.code, 'pp-invalid');
});

/** The specification: ordered rules, the first that holds is shown (refusalFor tests them as plain code). */
const SPEC: readonly [RefusalCode, (c: RefusalContext) => boolean][] = [
  ['pp-invalid', (c) => c.ppInvalid],
  ['pp-unknown', (c) => c.kind === 'unknown'],
  ['v2h-unsupported', (c) => c.kind === 'v2h-device'],
  ['v2l-adapter-on-charger', (c) => c.kind === 'v2l-adapter' && c.evsePresent],
  ['ac-adapter-digital-pilot', (c) => c.kind === 'j1772-ac-adapter' && c.pilotClass === 'digital'],
  ['dc-adapter-ac-offer', (c) => c.kind === 'ccs1-dc-adapter' && c.pilotClass === 'ac'],
  ['pilot-invalid-duty', (c) => c.kind !== 'none' && (c.pilotClass === 'error' || c.pilotClass === 'not-allowed')],
  ['latch-pressed', (c) => c.kind !== 'none' && c.latchPressed],
  ['lock-fault', (c) => c.kind !== 'none' && c.lockFault !== null],
  ['path-fault', (c) => c.kind !== 'none' && c.pathFault !== null],
  ['not-parked', (c) => c.kind !== 'none' && !c.parked],
];

t('refusalFor gives the first rule of the ordered list that holds, as one frozen refusal with its text', () => {
  const rarely = fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) });
  const context: fc.Arbitrary<RefusalContext> = fc.record({
    ppInvalid: rarely,
    kind: fc.constantFrom('none', 'nacs', 'j1772', 'ccs1-dc-adapter', 'j1772-ac-adapter', 'v2l-adapter', 'v2h-device', 'unknown'),
    latchPressed: rarely,
    pilotClass: fc.constantFrom('none', 'ac', 'digital', 'error', 'not-allowed'),
    evsePresent: fc.boolean(),
    lockFault: fc.constantFrom(null, null, null, 'jammed' as never),
    pathFault: fc.constantFrom(null, null, null, 'welded' as never),
    parked: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  }) as fc.Arbitrary<RefusalContext>;
  fc.assert(fc.property(context, (c) => {
    const want = SPEC.find(([, holds]) => holds(c))?.[0] ?? null;
    const got = refusalFor(c);
    assert.is(got?.code ?? null, want);
    if (got !== null) {
      assert.is(got.text, REFUSAL_TEXT[got.code]);
      assert.ok(Object.isFrozen(got));
    }
  }), { seed: 42, numRuns: 400 });
});

t.run();
