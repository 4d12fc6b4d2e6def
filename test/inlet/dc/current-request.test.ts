// The current request: lowest limit with its reason, ramp up, drop at once; boost conversion.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { BOOST_125KW, NO_BOOST, chargeLimits, lowestLimit, rampRequest, type LimitInputs } from '../../../inlet/dc/index.ts';
import { inletPerPackAmp, inletSideVoltage, limitsInForce, lowestLimitA } from '../../../inlet/dc/current-request.ts';

const t = suite('dc current request');

function someLimits(p: Partial<LimitInputs> = {}): LimitInputs {
  return {
    path: 'direct', busVoltageV: null, inletVoltageV: 350, packVoltageV: 350,
    bmsValid: true, bmsCurrentA: 500, bmsPowerW: 1e9, evseValid: true, evseMaxCurrentA: 500, evseMaxPowerW: 1e9,
    pinLimitA: 1_000, ratingA: 1_000, userLimitA: undefined, boostSpec: NO_BOOST, boostValid: true, boostTempLimitFactor: 1,
    minDivisionVoltageV: 50, ...p,
  };
}
const lowest = (p: Partial<LimitInputs>) => lowestLimit(chargeLimits(someLimits(p)));

const CASES: Array<[string, Partial<LimitInputs>, string, number]> = [
  ['battery current', { bmsCurrentA: 200 }, 'battery', 200],
  ['battery power ÷ voltage', { bmsPowerW: 70_000 }, 'battery', 200],
  ['charger max current', { evseMaxCurrentA: 125 }, 'charger', 125],
  ['charger max power ÷ voltage (80 kW into 400 V: ABB Terra 184 class)', { evseMaxPowerW: 80_000, inletVoltageV: 400 }, 'charger', 200],
  ['pin temperature', { pinLimitA: 150 }, 'inletHot', 150],
  ['cable or adapter rating', { ratingA: 250 }, 'adapter', 250],
  ['user limit', { userLimitA: 100 }, 'user', 100],
];
for (const [name, p, reason, limitA] of CASES) {
  t(`limited by ${name}`, () => {
    const l = lowest(p);
    assert.is(l.reason, reason);
    assert.ok(Math.abs(l.limitA - limitA) < 1e-9, `${l.limitA} vs ${limitA}`);
  });
}

t('P ÷ V uses the higher of pack and inlet voltage (the lower current)', () => {
  assert.is(lowest({ evseMaxPowerW: 70_000, inletVoltageV: 360, packVoltageV: 350 }).limitA, 70_000 / 360);
});

t('unusable data limits to 0: invalid BMS, stale charger data, NaN or negative limits, no voltage', () => {
  assert.is(lowest({ bmsValid: false }).limitA, 0);
  assert.is(lowest({ evseValid: false }).limitA, 0);
  assert.is(lowest({ pinLimitA: Number.NaN }).limitA, 0);
  assert.is(lowest({ ratingA: -5 }).limitA, 0);
  assert.is(lowest({ inletVoltageV: undefined, packVoltageV: Number.NaN }).limitA, 0);
});

t('ties are reported in the order battery, charger, adapter, inlet hot, boost, user', () => {
  assert.is(lowest({ bmsCurrentA: 200, evseMaxCurrentA: 200 }).reason, 'battery');
  // Cool pins report the rating as their limit: that is the rating limiting, not a hot inlet.
  assert.is(lowest({ pinLimitA: 200, ratingA: 200 }).reason, 'adapter');
  assert.is(lowest({ pinLimitA: 199, ratingA: 200 }).reason, 'inletHot');
});

t('boost: pack-side limits are converted to the inlet bus through the efficiency (P_in = P_out / eff)', () => {
  const boost = { path: 'boost' as const, busVoltageV: 490, inletVoltageV: 490, packVoltageV: 700, boostSpec: BOOST_125KW };
  // Battery 100 A at 700 V = 70 kW out → 72.16 kW in → 147.3 A at 490 V.
  const l = lowest({ ...boost, bmsCurrentA: 100 });
  assert.is(l.reason, 'battery');
  assert.ok(Math.abs(l.limitA - (100 * 700) / (0.97 * 490)) < 1e-9);
});

t('boost: the converter power limit, thermally derated, is a limit of its own', () => {
  const boost = { path: 'boost' as const, busVoltageV: 490, inletVoltageV: 490, packVoltageV: 700, boostSpec: BOOST_125KW };
  const full = lowest(boost);
  assert.is(full.reason, 'boost');
  assert.ok(Math.abs(full.limitA - 125_000 / 0.97 / 490) < 1e-9);
  const hot = lowest({ ...boost, boostTempLimitFactor: 0.5 });
  assert.ok(Math.abs(hot.limitA - 62_500 / 0.97 / 490) < 1e-9);
  assert.is(lowest({ ...boost, boostValid: false }).limitA, 0);
});

t('boost: converter input and output current ratings', () => {
  const at = { path: 'boost' as const, busVoltageV: 490, inletVoltageV: 490, packVoltageV: 700 };
  const inputBound = lowest({ ...at, boostSpec: { ...BOOST_125KW, maxPowerW: 1e9, maxInputCurrentA: 300 } });
  assert.equal([inputBound.reason, inputBound.limitA], ['boost', 300]);
  const outputBound = lowest({ ...at, boostSpec: { ...BOOST_125KW, maxPowerW: 1e9, maxInputCurrentA: 1_000 } });
  assert.ok(Math.abs(outputBound.limitA - (250 * 700) / (0.97 * 490)) < 1e-9);
});

t('ramp: up at most rampAPerS, down at once, no rise when time does not advance', () => {
  assert.is(rampRequest(100, 300, 1_000, 50), 150);
  assert.is(rampRequest(100, 120, 1_000, 50), 120);
  assert.is(rampRequest(300, 100, 10, 50), 100);
  assert.is(rampRequest(100, 300, 0, 50), 100);
  assert.is(rampRequest(100, 300, -500, 50), 100);
  assert.is(rampRequest(100, Number.NaN, 10, 50), 0);
});

// The estimate's list-free lowest limit is the list's lowest limit, for any inputs (also unusable ones).
const anyAmps = fc.oneof(fc.double({ min: -10, max: 2_000, noNaN: true }), fc.constantFrom(0, Number.NaN, Infinity));
const anyVolts = fc.oneof(fc.double({ min: 0, max: 1_000, noNaN: true }), fc.constantFrom(0, 20, Number.NaN));
const anyLimitInputs: fc.Arbitrary<LimitInputs> = fc.record({
  path: fc.constantFrom('direct' as const, 'boost' as const), busVoltageV: fc.option(anyVolts), inletVoltageV: fc.option(anyVolts, { nil: undefined }),
  packVoltageV: anyVolts, bmsValid: fc.boolean(), bmsCurrentA: anyAmps, bmsPowerW: fc.double({ min: 0, max: 400_000, noNaN: true }),
  evseValid: fc.boolean(), evseMaxCurrentA: anyAmps, evseMaxPowerW: fc.double({ min: 0, max: 400_000, noNaN: true }),
  pinLimitA: anyAmps, ratingA: anyAmps, userLimitA: fc.option(anyAmps, { nil: undefined }),
  boostSpec: fc.constantFrom(NO_BOOST, BOOST_125KW), boostValid: fc.boolean(), boostTempLimitFactor: fc.double({ min: 0, max: 1, noNaN: true }),
  minDivisionVoltageV: fc.constant(50),
});

t('lowestLimitA equals the lowest of chargeLimits (plus a delivery cap), without the list', () => {
  fc.assert(fc.property(anyLimitInputs, fc.option(anyAmps, { nil: undefined }), (i, capA) => {
    const all = chargeLimits(i);
    if (capA !== undefined) all.push({ reason: 'charger', limitA: capA });
    assert.is(lowestLimitA(i, capA), lowestLimit(all).limitA);
  }), { seed: 42, numRuns: 300 });
});

t('lowestLimit leaving one reason out equals it on the filtered list', () => {
  fc.assert(fc.property(anyLimitInputs, (i) => {
    const all = chargeLimits(i);
    assert.equal(lowestLimit(all, 'charger'), lowestLimit(all.filter((l) => l.reason !== 'charger')));
  }), { seed: 42, numRuns: 300 });
});

/** limitsInForce must agree with the list-based definition, ties included (few values: many ties). */
const sameAsTheList = (i: LimitInputs) => {
  const all = chargeLimits(i);
  const got = limitsInForce(i);
  const low = lowestLimit(all);
  assert.equal([got.reason, got.limitA], [low.reason, low.limitA]);
  assert.is(got.carSideA, lowestLimit(all, 'charger').limitA);
  assert.is(got.inletV, inletSideVoltage(i));
  assert.is(got.perPackAmp, inletPerPackAmp(i));
};

t('limitsInForce equals lowestLimit over chargeLimits (with and without the charger), without the list', () => {
  fc.assert(fc.property(anyLimitInputs, sameAsTheList), { seed: 42, numRuns: 300 });
});

t('limitsInForce breaks ties in LIMIT_ORDER, as lowestLimit does', () => {
  const tieAmps = fc.constantFrom(0, 100, 200);
  fc.assert(fc.property(anyLimitInputs, tieAmps, tieAmps, tieAmps, tieAmps, fc.option(tieAmps, { nil: undefined }), (i, b, e, p, r, u) =>
    sameAsTheList({ ...i, bmsCurrentA: b, bmsPowerW: 1e9, evseMaxCurrentA: e, evseMaxPowerW: 1e9, pinLimitA: p, ratingA: r, userLimitA: u })),
  { seed: 42, numRuns: 300 });
  sameAsTheList(someLimits({ bmsCurrentA: 100, evseMaxCurrentA: 100, pinLimitA: 100, ratingA: 100, userLimitA: 100 }));
});

t.run();
