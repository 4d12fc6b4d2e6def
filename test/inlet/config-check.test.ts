import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { inletConfigProblems } from '../../inlet/config-check.ts';
import { CCS1_INLET, NACS_INLET, withWindow } from '../../inlet/presets.ts';
import type { InletConfig } from '../../inlet/config.ts';

const t = suite('inlet/config-check');

t('the presets are valid', () => {
  assert.equal(inletConfigProblems(NACS_INLET), []);
  assert.equal(inletConfigProblems(CCS1_INLET), []);
});

const broken: [string, (c: InletConfig) => InletConfig, RegExp][] = [
  ['overlapping PP bands (MG-style 470 Ω V2L against the pressed band)', (c) => ({ ...c, proximity: { ...c.proximity, bands: [...c.proximity.bands,
    withWindow({ name: 'mg-v2l', kind: 'v2l-adapter', latch: 'fixed', nominalOhm: 470, ratingA: 16, acAllowed: false, dcAllowed: false, v2l: true, why: 'test' })] } }), /mg-v2l|nacs-pressed.*overlaps|overlaps/],
  ['a band reaching the "nothing" threshold', (c) => ({ ...c, proximity: { ...c.proximity, nothingAboveOhm: 3000 } }), /nothingAboveOhm/],
  ['an unlock threshold above 60 V', (c) => ({ ...c, safety: { ...c.safety, unlockBelowV: 100 } }), /safety\.unlockBelowV/],
  ['an adapter band starting later than the native one', (c) => ({ ...c, pin: { ...c.pin, fullBelowLimitAdapterK: 5 } }), /pin\.fullBelowLimitAdapterK/],
  ['an OBC efficiency above 1', (c) => ({ ...c, obc: { ...c.obc, efficiency: 1.2 } }), /obc\.efficiency/],
  ['zero lock attempts', (c) => ({ ...c, lock: { ...c.lock, maxAttempts: 0 } }), /lock\.maxAttempts/],
  ['a duty table not reaching Infinity', (c) => ({ ...c, controlPilot: { ...c.controlPilot, duty: c.controlPilot.duty.slice(0, -1) } }), /controlPilot\.duty/],
  ['a prepare deadline shorter than the lock attempts', (c) => ({ ...c, ac: { ...c.ac, prepareDeadlineMs: 1000 } }), /ac\.prepareDeadlineMs/],
];
for (const [what, mutate, expected] of broken) {
  t(`reports ${what}, naming the key`, () => {
    const problems = inletConfigProblems(mutate(NACS_INLET));
    assert.ok(problems.some((p) => expected.test(p)), problems.join('; '));
  });
}

t.run();
