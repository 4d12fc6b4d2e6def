// SOC tables: the resuming reader an integration uses gives exactly what interpolateSoc gives,
// for rising and falling queries, ties, ends, NaN, and tables in or out of order.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { interpolateSoc, socTableReader } from '../../../inlet/dc/soc-table.ts';

const t = suite('dc soc-table');

const point = fc.tuple(fc.oneof(fc.integer({ min: -10, max: 110 }), fc.double({ min: -10, max: 110, noNaN: true })), fc.double({ min: -1000, max: 1000, noNaN: true }));
const rising = fc.array(point, { maxLength: 12 }).map((ps) => [...ps].sort((a, b) => a[0] - b[0]) as [number, number][]);
const anyOrder = fc.array(point, { maxLength: 12 });
const query = fc.oneof(
  { weight: 8, arbitrary: fc.double({ min: -20, max: 120, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(Number.NaN, -0, 0, 100, Infinity, -Infinity) },
);
/** Mostly rising, as an integration asks, with some jumps back. */
const queries = fc.array(query, { maxLength: 40 }).chain((qs) => fc.boolean().map((sorted) => (sorted ? [...qs].sort((a, b) => a - b) : qs)));

t('the reader equals interpolateSoc for every query in turn', () => {
  fc.assert(fc.property(fc.oneof(rising, anyOrder), queries, (table, qs) => {
    const read = socTableReader(table);
    for (const q of qs) {
      const want = interpolateSoc(table, q);
      const got = read(q);
      assert.ok(Object.is(got, want), `table ${JSON.stringify(table)} at ${q}: ${got} vs ${want}`);
    }
  }), { seed: 42, numRuns: 400 });
});

t('an integration from 12.3 % in 1 % steps over a rising table with a tie', () => {
  const table = [[0, 300], [10, 320], [10, 330], [50, 360], [100, 403]] as const;
  const read = socTableReader(table);
  for (let soc = 12.3; soc < 101; soc += 1) assert.ok(Object.is(read(soc + 0.5), interpolateSoc(table, soc + 0.5)));
  assert.is(read(5), interpolateSoc(table, 5));
  assert.is(read(10), 320);
});

t.run();
