import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { MetricsRecorder, type TickSample } from '../../../sim/report/metrics.ts';
import { checkExpectations } from '../../../sim/report/expectations.ts';
import { plotRunSvg } from '../../../sim/report/plot-svg.ts';

const t = suite('run metrics');

const aSample = (o: Partial<TickSample>): TickSample => ({
  tS: 0, socPct: 10, packVoltageV: 400, packCurrentA: 0, maxCellTempC: 25, minCellTempC: 24,
  maxPinTempC: 30, limitingReason: null, path: null, ...o,
});

/** A linear charge from 5 % to 85 % at 1 % per 10 s, 100 A at 400 V. */
function linearCharge(): MetricsRecorder {
  const r = new MetricsRecorder();
  for (let i = 0; i <= 800; i++) {
    r.add(aSample({ tS: i, socPct: 5 + i / 10, packCurrentA: 100, limitingReason: i < 400 ? 'charger' : 'battery', path: 'direct' }), 1);
  }
  return r;
}

t('times between SOC marks count from when SOC first rises above the lower mark', () => {
  const m = linearCharge().result();
  assert.equal(m.timeBetweenSocS, { '10-50': 400, '10-80': 700, '20-80': 600 });
});

t('a start a hair above a mark counts from when charging starts', () => {
  const r = new MetricsRecorder();
  r.add(aSample({ tS: 0, socPct: 10.05 }), 1);
  r.add(aSample({ tS: 20, socPct: 10.05, packCurrentA: 50 }), 1);
  r.add(aSample({ tS: 120, socPct: 50.5, packCurrentA: 50 }), 1);
  assert.is(r.result().timeBetweenSocS['10-50'], 100);
});

t('a mark keeps the time it was first crossed: a dip and a second rise move nothing', () => {
  const r = new MetricsRecorder();
  r.add(aSample({ tS: 0, socPct: 9 }), 1);
  r.add(aSample({ tS: 10, socPct: 10.5, packCurrentA: 50 }), 1);
  r.add(aSample({ tS: 20, socPct: 9.5 }), 1);
  r.add(aSample({ tS: 30, socPct: 10.5, packCurrentA: 50 }), 1);
  r.add(aSample({ tS: 90, socPct: 80.5, packCurrentA: 50 }), 1);
  r.add(aSample({ tS: 95, socPct: 79 }), 1);
  r.add(aSample({ tS: 99, socPct: 81, packCurrentA: 50 }), 1);
  assert.equal(r.result().timeBetweenSocS, { '10-50': 80, '10-80': 80, '20-80': 0 });
});

t('a mark never crossed gives null', () => {
  const r = new MetricsRecorder();
  r.add(aSample({ tS: 0, socPct: 30 }), 1);
  r.add(aSample({ tS: 1, socPct: 60 }), 1);
  assert.equal(r.result().timeBetweenSocS, { '10-50': null, '10-80': null, '20-80': null });
});

t('energy, peak and mean power and time per limiting reason', () => {
  const m = linearCharge().result();
  assert.is(m.peakPowerW, 40000);
  assert.is(m.meanChargePowerW, 40000);
  assert.is(m.energyInWh, Math.round((40000 * 801) / 3600 * 10) / 10);
  assert.equal(m.limitingReasonsS, { battery: 401, charger: 400 });
  assert.is(m.path, 'direct');
});

t('discharge counts as energy out', () => {
  const r = new MetricsRecorder();
  r.add(aSample({ packCurrentA: -10, packVoltageV: 360 }), 3600);
  assert.is(r.result().energyOutWh, 3600);
  assert.is(r.result().energyInWh, 0);
});

t('expectations check bounds by metric path, and a missing metric fails', () => {
  const results = { timeBetweenSocS: { '10-80': 1100 }, path: 'boost', violations: [] };
  const checks = checkExpectations(results, {
    'timeBetweenSocS.10-80': { min: 900, max: 1200 },
    path: { equals: 'boost' },
    'soc.endPct': { min: 80 },
  });
  assert.equal(checks.map((c) => c.ok), [true, true, false]);
  assert.is(checks[2]!.value, null);
});

t('the plot is an SVG with both panels and a legend per limiting reason', () => {
  const svg = plotRunSvg('test run', linearCharge().curve);
  assert.ok(svg.startsWith('<svg'));
  assert.match(svg, /SOC \(%\)/);
  assert.match(svg, /time \(min\)/);
  assert.match(svg, /limit: charger/);
  assert.match(svg, /limit: battery/);
});

t.run();
