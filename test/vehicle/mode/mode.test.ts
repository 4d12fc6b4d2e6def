import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { modeStep, initialModeState, permissionsFor, type Mode, type ModeInput, type Gear } from '../../../vehicle/mode/mode.ts';

const t = suite('mode arbitration');

const anInput = (o: Partial<ModeInput> = {}): ModeInput => ({
  gear: 'P', speedKph: 0, plugged: false, acSessionActive: false, dcSessionActive: false, v2lActive: false, criticalFault: false, ...o,
});
const from = (mode: Mode, input: ModeInput) => modeStep({ mode, sinceMs: 0 }, input, 100);

const table: [Mode, Partial<ModeInput>, Mode][] = [
  ['park', { gear: 'D' }, 'drive'],
  ['park', { gear: 'D', plugged: true }, 'park'],
  ['park', { gear: undefined }, 'park'],
  ['drive', { gear: 'P' }, 'park'],
  ['drive', { gear: 'P', speedKph: 20 }, 'drive'],
  ['drive', { gear: 'D', criticalFault: true }, 'fault'],
  ['park', { plugged: true, dcSessionActive: true }, 'dc-charge'],
  ['park', { plugged: true, acSessionActive: true }, 'ac-charge'],
  ['park', { plugged: true, v2lActive: true }, 'v2l'],
  ['park', { plugged: true, v2lActive: true, acSessionActive: true }, 'ac-charge'],
  ['dc-charge', { plugged: true, dcSessionActive: false }, 'park'],
  ['dc-charge', { plugged: false, dcSessionActive: true }, 'park'],
  ['dc-charge', { plugged: true, dcSessionActive: true, gear: 'N' }, 'park'],
  ['ac-charge', { plugged: true, acSessionActive: false }, 'park'],
  ['v2l', { plugged: true, v2lActive: true, dcSessionActive: true }, 'park'],
  ['v2l', { plugged: true, v2lActive: false }, 'park'],
  ['fault', { criticalFault: true }, 'fault'],
  ['fault', { criticalFault: false, gear: 'D' }, 'fault'],
  ['fault', { criticalFault: false }, 'park'],
];

for (const [start, input, expected] of table) {
  t(`${start} + ${JSON.stringify(input)} → ${expected}`, () => {
    const step = from(start, anInput(input));
    assert.is(step.state.mode, expected);
    if (expected !== start) assert.equal(step.event?.to, expected);
    else assert.is(step.event, undefined);
  });
}

t('the start mode is park', () => assert.is(initialModeState(0).mode, 'park'));

const anyInput = fc.record({
  gear: fc.constantFrom<Gear | undefined>('P', 'R', 'N', 'D', undefined),
  speedKph: fc.constantFrom(0, 0.5, 5, 80),
  plugged: fc.boolean(),
  acSessionActive: fc.boolean(),
  dcSessionActive: fc.boolean(),
  v2lActive: fc.boolean(),
  criticalFault: fc.boolean(),
});

t('invariants 6 and 9 hold for random input sequences', () => {
  fc.assert(
    fc.property(fc.array(anyInput, { minLength: 1, maxLength: 60 }), (inputs) => {
      let state = initialModeState(0);
      inputs.forEach((input, k) => {
        const step = modeStep(state, input, k * 10);
        state = step.state;
        const p = step.permissions;
        if (input.plugged) assert.is(p.driveAllowed, false, 'drive with something plugged');
        if (p.v2lAllowed) {
          assert.is(input.gear, 'P');
          assert.ok(!input.acSessionActive && !input.dcSessionActive, 'V2L while charging');
        }
        if (p.acChargeAllowed || p.dcChargeAllowed) assert.is(input.gear, 'P');
        if (input.criticalFault) assert.is(state.mode, 'fault');
      });
    }),
    { seed: 7, numRuns: 300 },
  );
});

t('a tick where no row fires keeps the very same state object', () => {
  const state = initialModeState(0);
  const step = modeStep(state, anInput(), 10);
  assert.is(step.state, state);
  assert.is(step.event, undefined);
});

t('permissions are shared frozen sets, equal to the rules written out', () => {
  const modes: Mode[] = ['park', 'drive', 'ac-charge', 'dc-charge', 'v2l', 'fault'];
  fc.assert(
    fc.property(fc.constantFrom(...modes), anyInput, (mode, i) => {
      const p = permissionsFor(mode, i);
      const standing = i.gear === 'P' && i.speedKph < 1;
      assert.equal({ ...p }, {
        driveAllowed: mode === 'drive' && !i.plugged,
        acChargeAllowed: (mode === 'park' || mode === 'ac-charge') && standing,
        dcChargeAllowed: (mode === 'park' || mode === 'dc-charge') && standing,
        v2lAllowed: (mode === 'park' || mode === 'v2l') && standing && !i.acSessionActive && !i.dcSessionActive,
        mainContactorsWanted: mode !== 'park' && mode !== 'fault',
      });
      assert.ok(Object.isFrozen(p));
      assert.is(permissionsFor(mode, { ...i }), p, 'the same inputs give the same object');
    }),
    { seed: 11, numRuns: 300 },
  );
});

t.run();
