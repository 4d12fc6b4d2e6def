import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { chargeTempBlocked, computeLimits, limitLookups, type LimitsInput } from '../../bms/limits.ts';
import { monitor } from '../../bms/monitoring.ts';
import { pack400v, pack800v } from '../../bms/presets.ts';
import type { BmsConfig } from '../../bms/config.ts';
import type { DiagSummary } from '../../bms/diagnosis.ts';
import { aBmsInput, aCells } from './builders.ts';

const t = suite('bms/limits');
const close = (a: number, b: number, eps = 1e-6) => assert.ok(Math.abs(a - b) <= eps, `${a} ≉ ${b}`);

const HEALTHY: DiagSummary = { critical: false, emergency: false, forcedOpen: false, stopDrive: false, stopCharge: false, derate: false, closeBlocked: false, anyActive: false };

interface Case {
  cfg?: BmsConfig;
  socPct?: number;
  cellV?: number;
  tempC?: number;
  cellVMax?: number;
  cellVMin?: number;
  tempMinC?: number;
  tempMaxC?: number;
  currentA?: number;
  capacityAh?: number;
  diag?: Partial<DiagSummary>;
  blocked?: boolean;
  mainOpening?: boolean;
  chargePathOpening?: boolean;
}

function limitsFor(c: Case) {
  const cfg = c.cfg ?? pack400v;
  const cells = aCells(cfg, { cellV: c.cellV ?? 3.7, tempC: c.tempC ?? 25 });
  if (c.cellVMax !== undefined) cells.voltageV[10] = c.cellVMax;
  if (c.cellVMin !== undefined) cells.voltageV[11] = c.cellVMin;
  if (c.tempMinC !== undefined) cells.tempC[2] = c.tempMinC;
  if (c.tempMaxC !== undefined) cells.tempC[3] = c.tempMaxC;
  const snap = monitor(aBmsInput({ cfg, cells, cellV: c.cellV ?? 3.7, currentA: c.currentA ?? 0 }), cfg, 0);
  const x: LimitsInput = {
    snap,
    socPct: c.socPct ?? 50,
    capacityAh: c.capacityAh ?? cfg.pack.nominalCapacityAh,
    diag: { ...HEALTHY, ...c.diag },
    chargeTempBlocked: c.blocked ?? false,
    mainOpening: c.mainOpening ?? false,
    chargePathOpening: c.chargePathOpening ?? false,
  };
  return computeLimits(x, cfg);
}

t('charge current follows the SOC × temperature map in C of the group capacity', () => {
  const l = limitsFor({ socPct: 20, tempC: 30, cellV: 3.5 });
  close(l.chargeCurrentLimitA, 3.0 * 216);
  assert.is(l.chargeLimitReason, 'rated'); // 3C is also the pack's continuous rating
  const mid = limitsFor({ socPct: 40, tempC: 30, cellV: 3.5 });
  close(mid.chargeCurrentLimitA, 2.3 * 216); // pack400v: NMC_TAPERED_CHARGE_MAP (Model 3 LR, curves.md §3)
  const midNmc = limitsFor({ cfg: pack800v, socPct: 40, tempC: 30, cellV: 3.5 });
  close(midNmc.chargeCurrentLimitA, 2.6 * 111);
  assert.is(mid.chargeLimitReason, 'socTempMap');
  const cool = limitsFor({ socPct: 40, tempC: 12.5, cellV: 3.5 });
  close(cool.chargeCurrentLimitA, 1.3 * 216);
  const big = limitsFor({ cfg: pack800v, socPct: 40, tempC: 20, cellV: 3.5 });
  close(big.chargeCurrentLimitA, 2.2 * 111);
});

t('the worst of the coldest and the hottest sensor governs', () => {
  const l = limitsFor({ socPct: 20, tempC: 30, tempMinC: 12.5, tempMaxC: 42.5, cellV: 3.5 });
  close(l.chargeCurrentLimitA, 0.5 * 216); // the hot sensor's 0.5C beats the cold one's 1.5C
});

t('an aged pack charges at the C-rate of its learned capacity', () => {
  const l = limitsFor({ socPct: 40, tempC: 20, capacityAh: 180, cellV: 3.5 });
  close(l.chargeCurrentLimitA, 2.2 * 180);
});

t('the charge current tapers as the highest cell nears its charge voltage', () => {
  const base = limitsFor({ socPct: 85, tempC: 30, cellV: 3.9 }).chargeCurrentLimitA;
  const half = limitsFor({ socPct: 85, tempC: 30, cellV: 3.9, cellVMax: 4.15 });
  close(half.chargeCurrentLimitA, base * (1 - 0.95 * 0.5));
  assert.is(half.chargeLimitReason, 'cellVoltageHigh');
  close(limitsFor({ socPct: 85, tempC: 30, cellV: 3.9, cellVMax: 4.2 }).chargeCurrentLimitA, base * 0.05);
  assert.is(limitsFor({ socPct: 85, tempC: 30, cellV: 3.9, cellVMax: 4.22 }).chargeCurrentLimitA, 0);
});

t('invariant 5: zero below the charge minimum or above the maximum temperature, with hysteresis', () => {
  const cold = limitsFor({ tempC: 20, tempMinC: -0.1, cellV: 3.5 });
  assert.is(cold.chargeCurrentLimitA, 0);
  assert.is(cold.chargeLimitReason, 'chargeTempWindow');
  assert.ok(cold.chargeTempBlocked);
  const hot = limitsFor({ tempC: 20, tempMaxC: 45.1, cellV: 3.5 });
  assert.is(hot.chargeCurrentLimitA, 0);
  // back at 1 °C: still blocked (hysteresis 2 K); at 2 °C: allowed again
  assert.ok(chargeTempBlocked(pack400v, 1, 20, true));
  assert.not.ok(chargeTempBlocked(pack400v, 2, 20, true));
  assert.not.ok(chargeTempBlocked(pack400v, 1, 20, false));
  assert.ok(chargeTempBlocked(pack400v, NaN, 20, false));
});

t('a full pack takes no charge current (regen included)', () => {
  const l = limitsFor({ socPct: 100, cellV: 4.12 });
  assert.is(l.chargeCurrentLimitA, 0);
  assert.is(l.chargeLimitReason, 'full');
  assert.ok(limitsFor({ socPct: 99.5, cellV: 4.12 }).chargeCurrentLimitA > 0);
});

t('invariant 5: zero at the safety voltage and after a deep discharge', () => {
  const ov = limitsFor({ cellV: 3.7, cellVMax: 4.25 });
  assert.is(ov.chargeCurrentLimitA, 0);
  assert.is(ov.chargeLimitReason, 'cellVoltageHigh');
  const deep = limitsFor({ cellV: 3.7, cellVMin: 2.5 });
  assert.is(deep.chargeCurrentLimitA, 0);
  assert.is(deep.chargeLimitReason, 'deepDischarge');
});

t('invariant 8: a critical fault zeroes both limits', () => {
  const l = limitsFor({ diag: { critical: true } });
  assert.is(l.chargeCurrentLimitA, 0);
  assert.is(l.dischargeCurrentLimitA, 0);
  assert.is(l.chargePowerLimitW, 0);
  assert.is(l.dischargePowerLimitW, 0);
  assert.is(l.chargeLimitReason, 'faultStop');
});

t('fault reactions: derate halves, stopCharge zeroes charge only, stopChargeAndDrive both', () => {
  const base = limitsFor({ socPct: 40, tempC: 20, cellV: 3.6 });
  const der = limitsFor({ socPct: 40, tempC: 20, cellV: 3.6, diag: { derate: true } });
  close(der.chargeCurrentLimitA, base.chargeCurrentLimitA * 0.5);
  close(der.dischargeCurrentLimitA, base.dischargeCurrentLimitA * 0.5);
  assert.is(der.dischargeLimitReason, 'faultDerate');
  const sc = limitsFor({ diag: { stopCharge: true } });
  assert.is(sc.chargeCurrentLimitA, 0);
  assert.ok(sc.dischargeCurrentLimitA > 0);
  const sd = limitsFor({ diag: { stopCharge: true, stopDrive: true } });
  assert.is(sd.dischargeCurrentLimitA, 0);
});

t('no valid cells or no valid temperatures: no current either way', () => {
  const cfg = pack400v;
  const cells = aCells(cfg);
  cells.tempValid.fill(0);
  const snap = monitor(aBmsInput({ cells }), cfg, 0);
  const l = computeLimits({ snap, socPct: 50, capacityAh: 216, diag: HEALTHY, chargeTempBlocked: false, mainOpening: false, chargePathOpening: false }, cfg);
  assert.is(l.chargeCurrentLimitA, 0);
  assert.is(l.dischargeCurrentLimitA, 0);
  assert.is(l.chargeLimitReason, 'sensorsInvalid');
});

t('a path waiting to open zeroes the limits so the current falls below the break current', () => {
  const m = limitsFor({ mainOpening: true });
  assert.is(m.chargeCurrentLimitA, 0);
  assert.is(m.dischargeCurrentLimitA, 0);
  assert.is(m.chargeLimitReason, 'contactorsOpening');
  const dc = limitsFor({ chargePathOpening: true });
  assert.is(dc.chargeCurrentLimitA, 0);
  assert.ok(dc.dischargeCurrentLimitA > 0);
});

t('discharge: the map for cold and low SOC, tiers for low cell voltage and heat', () => {
  close(limitsFor({ socPct: 50, tempC: 25 }).dischargeCurrentLimitA, 3.0 * 216);
  close(limitsFor({ socPct: 50, tempC: 0 }).dischargeCurrentLimitA, 1.8 * 216);
  assert.is(limitsFor({ socPct: 50, tempC: 0 }).dischargeLimitReason, 'socTempMap');
  close(limitsFor({ socPct: 5, tempC: 25 }).dischargeCurrentLimitA, 1.2 * 216);
  const sag = limitsFor({ socPct: 50, tempC: 25, cellV: 3.7, cellVMin: 3.15 });
  close(sag.dischargeCurrentLimitA, 3.0 * 216 * (1 - 0.9 * 0.5));
  assert.is(sag.dischargeLimitReason, 'cellVoltageLow');
  const hot = limitsFor({ socPct: 50, tempC: 25, tempMaxC: 55 });
  close(hot.dischargeCurrentLimitA, 3.0 * 216 * 0.5);
  assert.is(hot.dischargeLimitReason, 'cellTempHigh');
  assert.is(limitsFor({ socPct: 50, tempC: 25, tempMaxC: 60 }).dischargeCurrentLimitA, 0);
  const frozen = limitsFor({ socPct: 50, tempC: -20, tempMinC: -25 });
  assert.is(frozen.dischargeLimitReason, 'cellTempLow');
});

t('limits as power: current × terminal voltage at that current', () => {
  const l = limitsFor({ socPct: 20, tempC: 25, cellV: 3.5 });
  const r = 0.032; // 32 mΩ at 25 °C
  const ocv = 3.5 * 96;
  close(l.chargePowerLimitW, l.chargeCurrentLimitA * (ocv + l.chargeCurrentLimitA * r), 1e-3);
  close(l.dischargePowerLimitW, l.dischargeCurrentLimitA * (ocv - l.dischargeCurrentLimitA * r), 1e-3);
  // under a measured charge current the OCV is the terminal voltage less I·R
  const loaded = limitsFor({ socPct: 20, tempC: 25, cellV: 3.6, currentA: 100 });
  close(loaded.chargePowerLimitW, loaded.chargeCurrentLimitA * (3.6 * 96 - 100 * r + loaded.chargeCurrentLimitA * r), 1e-3);
});

t('the charge power never assumes a terminal voltage above the pack charge voltage', () => {
  const l = limitsFor({ socPct: 95, tempC: 30, cellV: 4.15 });
  assert.ok(l.chargePowerLimitW <= l.chargeCurrentLimitA * 4.2 * 96 + 1e-6);
});

t('memoized lookups (one set per BMS, kept across ticks) give what fresh lookups give', () => {
  const cfg = pack800v;
  const tick = fc.record({
    socPct: fc.constantFrom(5, 15, 15, 22, 29, 29.5, 85, 100),
    tempMinC: fc.constantFrom(-5, 10, 24, 24, 31.7),
    tempMaxC: fc.constantFrom(25, 25, 36, 44, 52),
    currentA: fc.constantFrom(0, 150, -80),
  });
  fc.assert(
    fc.property(fc.array(tick, { maxLength: 20 }), (ticks) => {
      const kept = limitLookups(cfg);
      for (const k of ticks) {
        const cells = aCells(cfg, { cellV: 3.7, tempC: 25 });
        cells.tempC[2] = k.tempMinC;
        cells.tempC[3] = k.tempMaxC;
        const snap = monitor(aBmsInput({ cfg, cells, currentA: k.currentA }), cfg, 0);
        const x: LimitsInput = { snap, socPct: k.socPct, capacityAh: cfg.pack.nominalCapacityAh, diag: HEALTHY, chargeTempBlocked: false, mainOpening: false, chargePathOpening: false };
        assert.equal(computeLimits(x, cfg, kept), computeLimits(x, cfg, limitLookups(cfg)));
      }
    }),
    { seed: 42, numRuns: 150 },
  );
});

t.run();
