import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createRandom } from '../../sim/random.ts';

const t = suite('sim/random');

const draw = (seed: number, n: number): number[] => {
  const r = createRandom(seed);
  return Array.from({ length: n }, () => r.next());
};

t('the same seed gives the same numbers; another seed other numbers', () => {
  assert.equal(draw(42, 50), draw(42, 50));
  assert.not.equal(draw(42, 50), draw(43, 50));
});

t('next() stays in [0, 1) and covers it evenly', () => {
  const r = createRandom(7);
  const bins = new Array(10).fill(0);
  for (let i = 0; i < 20_000; i++) {
    const x = r.next();
    assert.ok(x >= 0 && x < 1);
    bins[Math.floor(x * 10)]++;
  }
  for (const b of bins) assert.ok(b > 1800 && b < 2200, `bin ${b}`);
});

t('a fork depends on its label and the parent identity, not on what the parent drew', () => {
  const a = createRandom(1);
  const b = createRandom(1);
  for (let i = 0; i < 100; i++) b.next();
  assert.equal(a.fork('pack').next(), b.fork('pack').next());
  assert.not.equal(a.fork('pack').next(), a.fork('pdu').next());
  assert.is(a.fork('pack').fork('cells').label, 'root/pack/cells');
});

t('uniform, int and normal have the asked range and moments', () => {
  const r = createRandom(3);
  let sum = 0;
  let sq = 0;
  const n = 20_000;
  for (let i = 0; i < n; i++) {
    const u = r.uniform(30, 50);
    assert.ok(u >= 30 && u < 50);
    const k = r.int(1, 6);
    assert.ok(Number.isInteger(k) && k >= 1 && k <= 6);
    const z = r.normal(10, 2);
    sum += z;
    sq += z * z;
  }
  const mean = sum / n;
  const sd = Math.sqrt(sq / n - mean * mean);
  assert.ok(Math.abs(mean - 10) < 0.1, `mean ${mean}`);
  assert.ok(Math.abs(sd - 2) < 0.1, `sd ${sd}`);
});

t.run();
