import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { initialPinState, pinDeratingStep, pinLimitFor, pinViews, type PinState } from '../../inlet/pin-derating.ts';
import { createPortMemo } from '../../inlet/port-memo.ts';
import { NACS_INLET } from '../../inlet/presets.ts';

const t = suite('inlet/pin-derating');
const cfg = NACS_INLET.pin; // limit 70 °C, full until 60 (50 with adapter), 16 A at 70, stop at 80

const at = (tempsC: (number | null)[], adapter = false, ratingA = 400, state: PinState = initialPinState()) =>
  pinDeratingStep(cfg, state, { tempsC, adapter, ratingA });

const NATIVE: [number, number, string][] = [
  [25, 400, 'none'], [60, 400, 'none'], [65, 208, 'pin-hot'], [70, 16, 'pin-hot'], [75, 16, 'pin-hot'], [79.9, 16, 'pin-hot'], [80, 0, 'pin-overtemp-stop'],
];
for (const [tempC, limitA, reason] of NATIVE) {
  t(`native connector at ${tempC} °C → ${limitA} A (${reason})`, () => {
    const v = at([tempC, 25]).view;
    assert.ok(Math.abs(v.limitA - limitA) < 1e-9, `${v.limitA}`);
    assert.is(v.reason, reason);
  });
}

const ADAPTER: [number, number, string][] = [[50, 400, 'none'], [55, 304, 'pin-hot-adapter'], [60, 208, 'pin-hot-adapter'], [70, 16, 'pin-hot-adapter']];
for (const [tempC, limitA, reason] of ADAPTER) {
  t(`with an adapter the ramp starts 20 K below the limit: ${tempC} °C → ${limitA} A`, () => {
    const v = at([25, tempC], true).view;
    assert.ok(Math.abs(v.limitA - limitA) < 1e-9, `${v.limitA}`);
    assert.is(v.reason, reason);
  });
}

t('the hotter of the two pins rules', () => {
  assert.is(at([30, 65]).view.maxTempC, 65);
});

t('after a stop, current returns only below the limit', () => {
  let s = at([80, 25]).state;
  assert.is(s.stopped, true);
  assert.is(at([75, 25], false, 400, s).view.limitA, 0);
  assert.is(at([70, 25], false, 400, s).view.limitA, 0);
  const back = at([69.9, 25], false, 400, s);
  assert.is(back.state.stopped, false);
  assert.ok(back.view.limitA > 16);
});

t('one invalid sensor: the other rules, capped at half the rating', () => {
  const v = at([null, 30]).view;
  assert.is(v.limitA, 200);
  assert.is(v.reason, 'pin-sensor-invalid');
  assert.is(v.validSensors, 1);
  assert.is(at([null, 69]).view.reason, 'pin-hot', 'a hot valid pin limits harder than the cap');
});

t('an implausible value counts as invalid', () => {
  assert.is(at([200, 30]).view.reason, 'pin-sensor-invalid');
  assert.is(at([-60, 30]).view.reason, 'pin-sensor-invalid');
});

t('no valid sensor: a small fixed cap', () => {
  const v = at([null, null]).view;
  assert.is(v.limitA, 16);
  assert.is(v.reason, 'pin-sensors-invalid');
});

t('the ramp is scaled to the rating (AC adapter, 48 A)', () => {
  assert.is(at([25, 25], true, 48).view.limitA, 48);
  assert.is(at([70, 25], true, 48).view.limitA, 16);
  assert.ok(Math.abs(at([60, 25], true, 48).view.limitA - 32) < 1e-9);
});

t('pinViews with a port memo: the last views again while state, temperatures, adapter and ratings are the same; else a fresh, equal result', () => {
  const memo = createPortMemo();
  // [tempsC, adapter, ratingA, acRatingA]: each key changed once, -0 against 0 included, a stop and its release.
  const ticks: [(number | null)[], boolean, number, number][] = [
    [[25, 25], false, 400, 48], [[25, 25], false, 400, 48], [[65, 25], false, 400, 48], [[65, 25], false, 400, 48],
    [[65, null], false, 400, 48], [[65, null], true, 400, 48], [[65, null], true, 300, 48], [[65, null], true, 300, 32],
    [[0, 25], false, 400, 48], [[-0, 25], false, 400, 48], [[85, 25], false, 400, 48], [[85, 25], false, 400, 48],
    [[50, 25], false, 400, 48], [[50, 25], false, 400, 48],
  ];
  let state = initialPinState();
  let last: ReturnType<typeof pinViews> | undefined;
  let lastInputState: PinState | undefined;
  for (const [n, [tempsC, adapter, ratingA, acRatingA]] of ticks.entries()) {
    const pin = pinDeratingStep(cfg, state, { tempsC: [...tempsC], adapter, ratingA });
    const acPin = pinLimitFor(cfg, pin.state.stopped, { tempsC: [...tempsC], adapter, ratingA: acRatingA });
    const kept = pinViews(cfg, state, [...tempsC], adapter, ratingA, acRatingA, memo);
    assert.equal(kept, { pin, acPin }, `tick ${n}`);
    assert.ok(Object.is(kept.pin.view.maxTempC, pin.view.maxTempC), `tick ${n}: -0 kept apart from 0`);
    const prev = ticks[n - 1];
    const same = prev !== undefined && last !== undefined && lastInputState === state && prev[1] === adapter && prev[2] === ratingA
      && prev[3] === acRatingA && Object.is(prev[0][0], tempsC[0]) && Object.is(prev[0][1], tempsC[1]);
    assert.is(kept === last, same, `tick ${n}: kept iff made from the same`);
    last = kept;
    lastInputState = state;
    state = kept.pin.state;
  }
  assert.ok(ticks.length > 0);
});

t.run();
