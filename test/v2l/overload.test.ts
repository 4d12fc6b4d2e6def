// The inverse-time overload curve at its boundaries (reference/v2l.md §2 PD: 200 % 0.5 s,
// 150 % 2 s, 110 % 10 s), and the loads of v2l.md §3 against it.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { COLD_OVERLOAD, legDemandW, overloadRatio, overloadTripTimeS, stepOverload, type OverloadState } from '../../v2l/overload.ts';
import { DEFAULT_V2L_CONFIG } from '../../v2l/presets.ts';

const t = suite('v2l overload');
const cfg = DEFAULT_V2L_CONFIG.overload;
const TICK_MS = 10;

/** Seconds until a trip at a constant ratio, ticking at 10 ms; Infinity if none within maxS. */
function timeToTripS(ratio: number, maxS = 3600, start: OverloadState = COLD_OVERLOAD): number {
  let s = start;
  for (let ms = TICK_MS; ms <= maxS * 1000; ms += TICK_MS) {
    const r = stepOverload(s, ratio, TICK_MS, cfg);
    if (r.tripped) return ms / 1000;
    s = r.state;
  }
  return Infinity;
}

/** Runs a load profile (ratio per 10 ms tick) and says whether it tripped. */
function trips(profile: (ms: number) => number, durationMs: number): boolean {
  let s = COLD_OVERLOAD;
  for (let ms = TICK_MS; ms <= durationMs; ms += TICK_MS) {
    const r = stepOverload(s, profile(ms), TICK_MS, cfg);
    if (r.tripped) return true;
    s = r.state;
  }
  return false;
}

for (const [ratio, tripS] of [[2.0, 0.5], [1.5, 2], [1.1, 10]] as const) {
  t(`${Math.round(ratio * 100)} % trips at ${tripS} s, not before`, () => {
    assert.ok(Math.abs(overloadTripTimeS(ratio, cfg) - tripS) < 1e-9);
    const measured = timeToTripS(ratio);
    assert.ok(measured > tripS - 0.011 && measured <= tripS + 1e-9, `tripped at ${measured} s`);
  });
}

t('between the points the time falls monotonically (log-log interpolation)', () => {
  let last = Infinity;
  for (let r = 1.06; r <= 3.0; r += 0.01) {
    const s = overloadTripTimeS(r, cfg);
    assert.ok(s < last, `not falling at ${r.toFixed(2)}`);
    last = s;
  }
  assert.ok(overloadTripTimeS(1.3, cfg) > 2 && overloadTripTimeS(1.3, cfg) < 10);
  assert.ok(overloadTripTimeS(1.75, cfg) > 0.5 && overloadTripTimeS(1.75, cfg) < 2);
});

t('at the pickup (105 %) and below, the load runs for ever', () => {
  assert.is(overloadTripTimeS(1.05, cfg), Infinity);
  assert.is(timeToTripS(1.05), Infinity);
  assert.is(timeToTripS(1.0), Infinity);
});

t('just above the pickup it trips in bounded time, slower than 110 %', () => {
  const s = overloadTripTimeS(1.051, cfg);
  assert.ok(s > 10 && s < 20, `${s} s`);
});

t('above the instant ratio (300 %) it trips in the same tick; at 300 % within 0.1 s', () => {
  assert.is(overloadTripTimeS(3.01, cfg), 0);
  assert.ok(stepOverload(COLD_OVERLOAD, 3.01, TICK_MS, cfg).tripped);
  const at3 = overloadTripTimeS(3.0, cfg);
  assert.ok(at3 > 0 && at3 < 0.1, `${at3} s`);
});

t('a fridge start surge on a running furnace passes (1.9 kW outlet, v2l.md §3)', () => {
  // 870 W running (furnace, router), fridge starts at 1800 W for 0.5 s.
  const limitW = 1900;
  const profile = (ms: number) => (870 + (ms < 500 ? 1800 : 150)) / limitW;
  assert.not.ok(trips(profile, 60_000));
});

t('a furnace blower start (2000 W × 1 s) on top of the fridge and router passes', () => {
  const profile = (ms: number) => (170 + (ms < 1000 ? 2000 : 700)) / 1900;
  assert.not.ok(trips(profile, 60_000));
});

t('a sustained 130 % overload trips within 2–10 s', () => {
  const s = timeToTripS(1.3);
  assert.ok(s > 2 && s < 10, `${s} s`);
});

t('repeated surges close together add up; spaced out they do not', () => {
  // 180 % for 0.4 s (80 % of its 0.47 s budget) every 2 s vs every 60 s.
  const surge = (periodMs: number) => (ms: number) => (ms % periodMs < 400 ? 1.8 : 0.5);
  assert.ok(trips(surge(2_000), 30_000));
  assert.not.ok(trips(surge(60_000), 600_000));
});

t('the budget cools linearly within the pickup', () => {
  const half = { heat: 0.5 };
  assert.ok(Math.abs(stepOverload(half, 0.5, 15_000, cfg).state.heat - 0.25) < 1e-12);
  assert.is(stepOverload(half, 0.5, 60_000, cfg).state.heat, 0);
});

t('ratio: the worse of the total against the limit and each leg against its own', () => {
  assert.is(overloadRatio([1000, 1000], 4000, 4800), 0.5);
  assert.is(overloadRatio([4800, 0], 9600, 4800), 1, 'a leg at its own limit');
  assert.is(overloadRatio([0, 0], 0, 0), 0, 'no load, no limit: no overload');
  assert.is(overloadRatio([10, 0], 0, 1000), Infinity, 'load with no limit: instant');
});

t('demand: measured within the ±5 % regulation band; estimated from the sag below it', () => {
  assert.equal(legDemandW([1000, 500], [115, 126], 120, 5), [1000, 500]);
  const [w] = legDemandW([1900], [100], 120, 5);
  assert.ok(Math.abs(w! - 1900 * 1.44) < 1e-9);
  assert.equal(legDemandW([50], [0], 120, 5), [Infinity], 'collapsed under load: a short');
  assert.equal(legDemandW([0], [60], 120, 5), [0], 'sag without load is not an overload');
  assert.equal(legDemandW([900], [NaN], 120, 5), [900], 'voltage SNA: measured power');
});

t.run();
