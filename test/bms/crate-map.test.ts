import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { bestTempBand, crateAt, mapFromBands } from '../../bms/crate-map.ts';
import { NMC_CHARGE_MAP, DISCHARGE_MAP } from '../../bms/chemistries.ts';

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

t.run();
