import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { bandFinder, bestTempBand, cellNear, cellOf, crateAt, crateFinder, mapFromBands, type BestBand } from '../../bms/crate-map.ts';
import type { CrateMap } from '../../bms/config.ts';
import { NMC_CHARGE_MAP, NMC_TAPERED_CHARGE_MAP, DISCHARGE_MAP, LFP_CHARGE_MAP } from '../../bms/chemistries.ts';

const t = suite('bms/crate-map');
const close = (a: number, b: number, eps = 1e-9) => assert.ok(Math.abs(a - b) <= eps, `${a} ≉ ${b}`);

t('reproduces the cells.md §6 band values at the band centres', () => {
  close(crateAt(NMC_CHARGE_MAP, 20, 30), 3.0); // 10–30 % × 25–35 °C
  close(crateAt(NMC_CHARGE_MAP, 40, 20), 2.2); // 30–50 % × 15–25 °C
  close(crateAt(NMC_CHARGE_MAP, 85, 12.5), 0.4); // 80–90 % × 10–15 °C
  close(crateAt(NMC_CHARGE_MAP, 95, 42.5), 0.1);
});

t('holds each band value over its range and blends only within 2.5 of an edge', () => {
  for (const soc of [12.5, 20, 27.5]) for (const tempC of [27.5, 30, 32.5]) close(crateAt(NMC_CHARGE_MAP, soc, tempC), 3.0);
  close(crateAt(NMC_CHARGE_MAP, 10, 30), (2.5 + 3.0) / 2); // the 10 % edge, halfway
  close(crateAt(NMC_CHARGE_MAP, 20, 35), (3.0 + 2.5) / 2); // the 35 °C edge, halfway
  close(crateAt(NMC_CHARGE_MAP, 20, 36.25), 2.5 + 0.5 * 0.25); // 1.25 K into the 35–40 °C band
});

t('builds a grid from a band table: two points per wide band, one per narrow band, zero rows outside', () => {
  const m = mapFromBands({ socEdgesPct: [0, 50, 100], tempEdgesC: [0, 4, 20], cRate: [[0.1, 0.2], [1, 2]], blendSocPct: 5, blendTempK: 2.5 });
  assert.equal(m.socPct, [5, 45, 55, 95]);
  assert.equal(m.tempC, [0, 2, 6.5, 17.5, 20]);
  assert.equal(m.cRate, [[0, 0, 0, 0], [0.1, 0.1, 0.2, 0.2], [1, 1, 2, 2], [1, 1, 2, 2], [0, 0, 0, 0]]);
});

t('interpolates bilinearly between grid points', () => {
  // SOC 30 between 20 (3.0) and 40 (2.6) at 30 °C
  close(crateAt(NMC_CHARGE_MAP, 30, 30), 2.8);
  // and at 25 °C between rows 20 °C and 30 °C
  const at20 = (2.5 + 2.2) / 2;
  const at30 = (3.0 + 2.6) / 2;
  close(crateAt(NMC_CHARGE_MAP, 30, 25), (at20 + at30) / 2);
});

t('is zero at and below 0 °C and at and above 45 °C (plating, heat)', () => {
  for (const soc of [0, 10, 50, 90, 100]) {
    assert.is(crateAt(NMC_CHARGE_MAP, soc, 0), 0);
    assert.is(crateAt(NMC_CHARGE_MAP, soc, -15), 0);
    assert.is(crateAt(NMC_CHARGE_MAP, soc, 45), 0);
    assert.is(crateAt(NMC_CHARGE_MAP, soc, 60), 0);
  }
});

t('clamps SOC outside the grid and gives 0 for unknown inputs', () => {
  close(crateAt(NMC_CHARGE_MAP, 0, 30), 2.5);
  close(crateAt(NMC_CHARGE_MAP, 100, 30), 0.3);
  assert.is(crateAt(NMC_CHARGE_MAP, NaN, 30), 0);
  assert.is(crateAt(NMC_CHARGE_MAP, 50, NaN), 0);
});

t('the discharge map falls with cold and near empty', () => {
  assert.ok(crateAt(DISCHARGE_MAP, 50, -10) < crateAt(DISCHARGE_MAP, 50, 25));
  assert.ok(crateAt(DISCHARGE_MAP, 3, 25) < crateAt(DISCHARGE_MAP, 50, 25));
  assert.is(crateAt(DISCHARGE_MAP, 50, -30), 0);
});

t('finds the best temperature band at a SOC', () => {
  const band = bestTempBand(NMC_CHARGE_MAP, 20, 0.9);
  close(band.bestC, 3.0);
  close(band.lowC, 22.5 + 5 * (0.2 / 0.5)); // 22.5 °C 2.5C → 27.5 °C 3.0C crosses 2.7C at 24.5 °C
  close(band.highC, 32.5 + 5 * (0.3 / 0.5)); // 32.5 °C 3.0C → 37.5 °C 2.5C crosses 2.7C at 35.5 °C
  assert.ok(crateAt(NMC_CHARGE_MAP, 20, band.lowC) >= 2.7 - 1e-9);
});

/** The definition: the best grid temperature by crateAt, the edges where the segments cross the level. */
function bandByDefinition(map: CrateMap, socPct: number, fraction: number): BestBand {
  const temps = map.tempC;
  const c = temps.map((tempC) => crateAt(map, socPct, tempC));
  const bestC = Math.max(...c);
  const bestI = c.indexOf(bestC);
  const level = bestC * fraction;
  let lowC = temps[0]!;
  for (let i = bestI; i > 0; i--) {
    if (c[i - 1]! < level) {
      lowC = temps[i - 1]! + ((temps[i]! - temps[i - 1]!) * (level - c[i - 1]!)) / (c[i]! - c[i - 1]!);
      break;
    }
  }
  let highC = temps[temps.length - 1]!;
  for (let i = bestI; i < temps.length - 1; i++) {
    if (c[i + 1]! < level) {
      highC = temps[i]! + ((temps[i + 1]! - temps[i]!) * (c[i]! - level)) / (c[i]! - c[i + 1]!);
      break;
    }
  }
  return { bestC, lowC, highC };
}

t('the band is the definition, bit for bit, on every map', () => {
  const soc = fc.oneof(fc.double({ min: -10, max: 110, noNaN: true }), fc.constantFrom(0, 10, 12.5, 100, Number.NaN));
  fc.assert(
    fc.property(fc.constantFrom(NMC_CHARGE_MAP, LFP_CHARGE_MAP, DISCHARGE_MAP), soc, fc.constantFrom(0.8, 0.9, 0.95), (map, socPct, fraction) => {
      assert.equal(bestTempBand(map, socPct, fraction), bandByDefinition(map, socPct, fraction));
    }),
    { seed: 42, numRuns: 300 },
  );
});

t('the memoized finder gives bestTempBand; a new SOC or fraction is computed afresh', () => {
  const find = bandFinder(NMC_CHARGE_MAP);
  const first = find(20, 0.9);
  assert.equal(first, bestTempBand(NMC_CHARGE_MAP, 20, 0.9));
  assert.is(find(20, 0.9), first, 'the same SOC and fraction: the memo');
  assert.equal(find(20, 0.95), bestTempBand(NMC_CHARGE_MAP, 20, 0.95));
  assert.is(find(20, 0.9), first, 'two fractions are kept at one SOC');
  assert.equal(find(75, 0.9), bestTempBand(NMC_CHARGE_MAP, 75, 0.9), 'a new SOC invalidates the memo');
  assert.is.not(find(75, 0.9).lowC, first.lowC);
  assert.equal(find(Number.NaN, 0.9), bestTempBand(NMC_CHARGE_MAP, Number.NaN, 0.9));
  assert.equal(find(20, 0.9), first);
});

t('the finder agrees with bestTempBand along any sequence of SOCs and fractions', () => {
  const step = fc.record({ socPct: fc.constantFrom(5, 20, 20, 55.5, 80, Number.NaN), fraction: fc.constantFrom(0.9, 0.95, 0.8) });
  fc.assert(
    fc.property(fc.array(step, { maxLength: 20 }), (steps) => {
      const find = bandFinder(NMC_CHARGE_MAP);
      for (const s of steps) assert.equal(find(s.socPct, s.fraction), bestTempBand(NMC_CHARGE_MAP, s.socPct, s.fraction));
    }),
    { seed: 42, numRuns: 200 },
  );
});

t('a band found in a flat SOC cell is kept across that cell, and found afresh outside it', () => {
  const find = bandFinder(NMC_CHARGE_MAP);
  const at15 = find(15, 0.9); // 12.5–27.5 %: every row is flat there
  assert.is(find(22.25, 0.9), at15);
  assert.equal(at15, bestTempBand(NMC_CHARGE_MAP, 22.25, 0.9));
  const blend = find(29, 0.9); // 27.5–32.5 %: the blend into the next band
  assert.equal(blend, bestTempBand(NMC_CHARGE_MAP, 29, 0.9));
  assert.is.not(find(29.5, 0.9), blend);
  assert.equal(find(29.5, 0.9), bestTempBand(NMC_CHARGE_MAP, 29.5, 0.9));
});

t('the worst-of-two-sensors finder is crateAt, memoized on SOC cell and both temperatures', () => {
  const step = fc.record({
    socPct: fc.constantFrom(5, 15, 15, 22, 29, 29.5, 100, Number.NaN),
    aC: fc.constantFrom(20, 20, 31.7, 44, Number.NaN),
    bC: fc.constantFrom(30, 30, 36, -2),
  });
  for (const map of [NMC_CHARGE_MAP, DISCHARGE_MAP, LFP_CHARGE_MAP]) {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 25 }), (steps) => {
        const find = crateFinder(map);
        for (const s of steps) assert.is(find(s.socPct, s.aC, s.bC), Math.min(crateAt(map, s.socPct, s.aC), crateAt(map, s.socPct, s.bC)));
      }),
      { seed: 42, numRuns: 100 },
    );
  }
  const find = crateFinder(NMC_CHARGE_MAP);
  assert.is(find(15, 20, 30), crateAt(NMC_CHARGE_MAP, 15, 20));
  assert.is(find(15, 20, 44), crateAt(NMC_CHARGE_MAP, 15, 44), 'a new temperature is seen');
  assert.is(find(50, 20, 44), Math.min(crateAt(NMC_CHARGE_MAP, 50, 20), crateAt(NMC_CHARGE_MAP, 50, 44)), 'a new SOC cell is seen');
});

t('a cell hint is only a shortcut: any hint gives the cell the scan finds, on every axis', () => {
  const axes = [NMC_CHARGE_MAP.socPct, NMC_CHARGE_MAP.tempC, DISCHARGE_MAP.socPct, LFP_CHARGE_MAP.socPct, [0, 10, 10, 20]];
  const x = fc.oneof(fc.double({ min: -20, max: 120, noNaN: true }), fc.constantFrom(-0, 0, 2.5, 7.5, 10, 12.5, 97.5, 100, 45));
  fc.assert(
    fc.property(fc.constantFrom(...axes), x, fc.integer({ min: -2, max: 20 }), (axis, xv, hint) => {
      assert.is(cellNear(axis, xv, hint), cellOf(axis, xv));
    }),
    { seed: 42, numRuns: 300 },
  );
  // A creeping SOC: the hint from the last tick, through every cell edge.
  let hint = -1;
  for (let soc = 0; soc <= 100; soc += 0.01) {
    hint = cellNear(NMC_CHARGE_MAP.socPct, soc, hint);
    assert.is(hint, cellOf(NMC_CHARGE_MAP.socPct, soc));
  }
});

t('the finder follows a creeping SOC through every cell, sloped ones included, bit for bit', () => {
  // Sloped cells refill the column from operands read once per cell: the bands must stay the definition's.
  const same = (a: BestBand, b: BestBand) => Object.is(a.bestC, b.bestC) && Object.is(a.lowC, b.lowC) && Object.is(a.highC, b.highC);
  for (const map of [NMC_CHARGE_MAP, NMC_TAPERED_CHARGE_MAP, LFP_CHARGE_MAP]) {
    const find = bandFinder(map);
    for (let soc = -1; soc <= 101; soc += 0.37) {
      const s = soc > 50 && soc < 50.4 ? Number.NaN : soc; // one unknown SOC on the way
      for (const fraction of [0.9, 1]) assert.ok(same(find(s, fraction), bestTempBand(map, s, fraction)), `${s} ${fraction}`);
    }
  }
});

t('the worst-of-two finder follows a creeping SOC and sensors that move now and then, bit for bit', () => {
  // It keeps where each temperature sits on the axis while that temperature stays; a new one is located afresh.
  for (const map of [NMC_CHARGE_MAP, NMC_TAPERED_CHARGE_MAP, DISCHARGE_MAP]) {
    const find = crateFinder(map);
    let k = 0;
    for (let soc = -1; soc <= 101; soc += 0.29, k++) {
      const aC = k % 40 < 20 ? 31.25 + (k % 7) * 0.5 : k % 40 === 25 ? Number.NaN : 24;
      const bC = k % 90 < 45 ? 36 : 2.5 + (k % 3);
      assert.ok(Object.is(find(soc, aC, bC), Math.min(crateAt(map, soc, aC), crateAt(map, soc, bC))), `${soc} ${aC} ${bC}`);
    }
  }
});

t.run();
