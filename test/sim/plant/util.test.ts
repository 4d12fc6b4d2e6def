import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { Decay, lag } from '../../../sim/plant/util.ts';

const t = suite('sim/plant/util');

t('Decay.lag gives lag()\'s bits, and follows a change of dt (its kept factor is recomputed)', () => {
  fc.assert(
    fc.property(fc.double({ min: 0.001, max: 100, noNaN: true }), fc.array(fc.tuple(fc.double({ min: -1e3, max: 1e3, noNaN: true }),
      fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.constantFrom(0.001, 0.01, 0.1, 1)), { minLength: 1, maxLength: 20 }), (tau, steps) => {
      const d = new Decay(tau);
      for (const [x, target, dt] of steps) assert.ok(Object.is(d.lag(x, target, dt), lag(x, target, dt, tau)));
    }),
    { seed: 42, numRuns: 300 },
  );
  const d = new Decay(1);
  assert.is(d.factor(1), Math.exp(-1));
  assert.is(d.factor(2), Math.exp(-2));
  assert.is(d.factor(1), Math.exp(-1));
});

t.run();
