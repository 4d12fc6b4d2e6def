import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { interpolate, inverseWithSlope, tierFactor, tierLevel } from '../../bms/interp.ts';
import { NMC } from '../../bms/chemistries.ts';
import type { Tiers } from '../../bms/config.ts';

const t = suite('bms/interp');
const close = (a: number, b: number, eps = 1e-9) => assert.ok(Math.abs(a - b) <= eps, `${a} ≉ ${b}`);

t('interpolates linearly inside and holds the end values outside', () => {
  const c = { xs: [0, 10, 20], ys: [1, 3, 2] };
  close(interpolate(c, 5), 2);
  close(interpolate(c, 15), 2.5);
  close(interpolate(c, -5), 1);
  close(interpolate(c, 99), 2);
  assert.ok(Number.isNaN(interpolate(c, NaN)));
});

t('inverts the NMC OCV table with its local slope', () => {
  const { x, slope } = inverseWithSlope(NMC.ocvVBySocPct, 3.636);
  close(x, 50, 1e-9);
  close(slope, (3.636 - 3.599) / 5, 1e-12); // V per % on the segment ending at the point (45 → 50)
  const mid = inverseWithSlope(NMC.ocvVBySocPct, (3.599 + 3.636) / 2);
  close(mid.x, 47.5, 1e-9);
  assert.is(inverseWithSlope(NMC.ocvVBySocPct, 5).x, 100);
  assert.is(inverseWithSlope(NMC.ocvVBySocPct, 1).x, 0);
});

const HIGH: Tiers = { direction: 'high', derateStart: 4.1, operating: 4.2, operatingFraction: 0.05, recommended: 4.22, recommendedFraction: 0, safety: 4.25 };
const LOW: Tiers = { direction: 'low', derateStart: 3.3, operating: 3.0, operatingFraction: 0.1, recommended: 2.9, recommendedFraction: 0, safety: 2.8 };

t('a high tier derates from its start to the operating fraction, then to the recommended, 0 at safety', () => {
  close(tierFactor(HIGH, 4.0), 1);
  close(tierFactor(HIGH, 4.1), 1);
  close(tierFactor(HIGH, 4.15), 1 + (0.05 - 1) * 0.5);
  close(tierFactor(HIGH, 4.2), 0.05);
  close(tierFactor(HIGH, 4.21), 0.025);
  close(tierFactor(HIGH, 4.23), 0);
  close(tierFactor(HIGH, 4.3), 0);
  close(tierFactor(HIGH, NaN), 0);
});

t('a low tier reads the same way downward', () => {
  close(tierFactor(LOW, 3.5), 1);
  close(tierFactor(LOW, 3.15), 1 + (0.1 - 1) * 0.5);
  close(tierFactor(LOW, 3.0), 0.1);
  close(tierFactor(LOW, 2.95), 0.05);
  close(tierFactor(LOW, 2.85), 0);
  close(tierFactor(LOW, 2.7), 0);
});

t('tier levels name where a value stands', () => {
  assert.is(tierLevel(HIGH, 4.1), 0);
  assert.is(tierLevel(HIGH, 4.2), 1);
  assert.is(tierLevel(HIGH, 4.22), 2);
  assert.is(tierLevel(HIGH, 4.25), 3);
  assert.is(tierLevel(LOW, 2.95), 1);
  assert.is(tierLevel(LOW, 2.8), 3);
});

t.run();
