// The remaining-time estimate: each SOC point is evaluated once for both targets and the limits are
// taken without building lists; the result must be what integrating each target on its own gives.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { BOOST_125KW, chargeLimits, lowestLimit, remainingTimeS, type DcInput, type LimitInputs } from '../../../inlet/dc/index.ts';
import { inletPerPackAmp } from '../../../inlet/dc/current-request.ts';
import { estimateRemaining } from '../../../inlet/dc/estimates.ts';
import { interpolateSoc, packVoltageAt } from '../../../inlet/dc/soc-table.ts';
import { aDcInput } from './builders.ts';

const t = suite('dc estimates');

function someLimits(p: Partial<LimitInputs> = {}): LimitInputs {
  return {
    path: 'direct', busVoltageV: null, inletVoltageV: 350, packVoltageV: 350,
    bmsValid: true, bmsCurrentA: 500, bmsPowerW: 250_000, evseValid: true, evseMaxCurrentA: 500, evseMaxPowerW: 350_000,
    pinLimitA: 400, ratingA: 400, userLimitA: undefined, boostSpec: BOOST_125KW, boostValid: true, boostTempLimitFactor: 1,
    minDivisionVoltageV: 50, ...p,
  };
}

/** The specification: each target integrated on its own, all limits listed at every SOC point. */
function reference(input: DcInput, limits: LimitInputs, socPct: number, chargeLimitPct: number, capA: number | undefined) {
  const { bms, config } = input;
  const packCurrentAtA = (soc: number): number => {
    const at: LimitInputs = {
      ...limits, packVoltageV: packVoltageAt(soc, bms), inletVoltageV: undefined,
      bmsCurrentA: (bms.chargeCurrentCurve ? interpolateSoc(bms.chargeCurrentCurve, soc) : undefined) ?? bms.chargeCurrentLimitA,
    };
    const all = chargeLimits(at);
    if (capA !== undefined) all.push({ reason: 'charger', limitA: capA });
    const k = inletPerPackAmp(at);
    return k > 0 ? lowestLimit(all).limitA / k : 0;
  };
  const base = { socPct, usableCapacityAh: bms.usableCapacityAh, packCurrentAtA };
  return {
    toFullS: remainingTimeS({ ...base, targetSocPct: chargeLimitPct }, config.estimate),
    toBulkS: remainingTimeS({ ...base, targetSocPct: Math.min(config.estimate.bulkSocPct, chargeLimitPct) }, config.estimate),
  };
}

const CURVE = [[0, 400], [10, 480], [50, 300], [70, 200], [80, 120], [90, 60], [100, 30]] as const;
const VOLTS = [[0, 300], [50, 360], [100, 403]] as const;

t('both targets equal integrating each on its own (curves, boost path, delivery cap, fractional SOC)', () => {
  fc.assert(fc.property(
    fc.double({ min: 0, max: 100, noNaN: true }), fc.integer({ min: 50, max: 100 }), fc.option(fc.double({ min: 1, max: 400, noNaN: true }), { nil: undefined }),
    fc.boolean(), fc.boolean(), fc.constantFrom('direct' as const, 'boost' as const),
    (socPct, limitPct, capA, withCurve, withVolts, path) => {
      const input = aDcInput({ bms: { socPct, ...(withCurve ? { chargeCurrentCurve: CURVE } : {}), ...(withVolts ? { packVoltageCurve: VOLTS } : {}) } });
      const limits = someLimits({ path, busVoltageV: path === 'boost' ? 450 : null });
      assert.equal(estimateRemaining(input, limits, socPct, limitPct, capA), reference(input, limits, socPct, limitPct, capA));
    }), { seed: 42, numRuns: 200 });
});

t('a delivery cap below the limits lengthens the estimate; the limits passed in are not changed', () => {
  const input = aDcInput({ bms: { socPct: 40, chargeCurrentCurve: CURVE } });
  const limits = someLimits();
  const before = JSON.stringify(limits);
  const free = estimateRemaining(input, limits, 40, 90, undefined);
  const capped = estimateRemaining(input, limits, 40, 90, 50);
  assert.ok(capped.toBulkS! > free.toBulkS! && capped.toFullS! > free.toFullS!);
  assert.is(JSON.stringify(limits), before);
});

t('a limit at or below the bulk SOC is one integration: both estimates are what integrating each gives', () => {
  for (const limitPct of [50, 79.5, 80]) {
    for (const socPct of [0, 12.345, 79.9, 80]) {
      const input = aDcInput({ bms: { socPct, chargeCurrentCurve: CURVE, packVoltageCurve: VOLTS } });
      const limits = someLimits();
      const got = estimateRemaining(input, limits, socPct, limitPct, 200);
      assert.equal(got, reference(input, limits, socPct, limitPct, 200));
      assert.is(got.toBulkS, got.toFullS);
    }
  }
});

t('no SOC or an invalid BMS: unknown', () => {
  assert.equal(estimateRemaining(aDcInput(), someLimits(), undefined, 90, undefined), { toFullS: null, toBulkS: null });
  assert.equal(estimateRemaining(aDcInput({ bms: { valid: false } }), someLimits(), 50, 90, undefined), { toFullS: null, toBulkS: null });
});

t.run();
