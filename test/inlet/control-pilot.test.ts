import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { classifyDuty, controlPilotStep, initialControlPilotState, type ControlPilotState, type CpSample } from '../../inlet/control-pilot.ts';
import { DEFAULT_CONTROL_PILOT, J1772_DUTY_TABLE } from '../../inlet/presets.ts';
import { createPortMemo } from '../../inlet/port-memo.ts';
import { cpAc, cpDigital, cpSteady, invalid, ok } from './builders.ts';

const t = suite('inlet/control-pilot');

// Duty boundaries of reference/pilot.md §2; offers rounded down to 0.1 A.
const DUTY: [number, string, number][] = [
  [0, 'none', 0], [2.9, 'none', 0],
  [3, 'digital', 0], [5, 'digital', 0], [7, 'digital', 0],
  [7.01, 'error', 0], [7.99, 'error', 0],
  [8, 'ac', 6], [9.99, 'ac', 6], [10, 'ac', 6],
  [20, 'ac', 12], [26.7, 'ac', 16], [53.3, 'ac', 31.9], [66.7, 'ac', 40], [80, 'ac', 48], [85, 'ac', 51],
  [85.01, 'ac', 52.5], [90, 'ac', 65], [96, 'ac', 80],
  [96.01, 'ac', 80], [97, 'ac', 80],
  [97.01, 'not-allowed', 0], [100, 'not-allowed', 0],
  [-1, 'none', 0], [Number.NaN, 'none', 0],
];
for (const [duty, cls, offerA] of DUTY) {
  t(`duty ${duty} % → ${cls}, ${offerA} A`, () => {
    assert.equal(classifyDuty(duty, J1772_DUTY_TABLE), { pilotClass: cls, offerA });
  });
}

function step(s: ControlPilotState, sample: CpSample, atMs: number, session = false, usable = true) {
  return controlPilotStep(DEFAULT_CONTROL_PILOT, s, usable ? ok(sample) : invalid(sample), usable, session, atMs);
}
function run(samples: [number, CpSample][], session = false, s0 = initialControlPilotState()) {
  let s = s0;
  let view = step(s, samples[0]![1], samples[0]![0], session).view;
  for (const [atMs, sample] of samples) ({ state: s, view } = step(s, sample, atMs, session));
  return { state: s, view };
}

// Every CP level: evsePresent, and E/F carry no usable PWM even if the node reports a duty.
const LEVELS: [CpSample['state'], boolean, boolean][] = [
  // [level, evsePresent without PWM, offer with 53.3 % PWM]
  ['A', false, true], ['B', true, true], ['C', true, true], ['D', true, true], ['E', false, false], ['F', true, false],
];
for (const [level, present, offers] of LEVELS) {
  t(`state ${level}: EVSE present ${present}; a 53.3 % PWM ${offers ? 'offers' : 'offers nothing'}`, () => {
    assert.is(run([[0, cpSteady(level)]]).view.evsePresent, present);
    const v = run([[0, cpAc(53.3, level)], [500, cpAc(53.3, level)]]).view;
    assert.is(v.state, level);
    assert.is(v.acOfferA > 0, offers);
  });
}

t('AC offer believed after 500 ms (5 × 100 ms), not before', () => {
  assert.is(run([[0, cpAc(53.3)], [490, cpAc(53.3)]]).view.acOfferA, 0);
  const v = run([[0, cpAc(53.3)], [500, cpAc(53.3)]]).view;
  assert.is(v.acOfferA, 31.9);
  assert.is(v.pilotClass, 'ac');
});

t('a lower offer acts at once; a higher one after the debounce', () => {
  const at32 = run([[0, cpAc(53.3)], [500, cpAc(53.3)]]);
  assert.is(run([[600, cpAc(26.7)]], false, at32.state).view.acOfferA, 16);
  const at16 = run([[600, cpAc(26.7)], [1100, cpAc(26.7)]], false, at32.state);
  assert.is(run([[1200, cpAc(80)]], false, at16.state).view.acOfferA, 16);
  assert.is(run([[1200, cpAc(80)], [1700, cpAc(80)]], false, at16.state).view.acOfferA, 48);
});

t('duty jitter within the tolerance does not restart the debounce', () => {
  assert.is(run([[0, cpAc(53.3)], [250, cpAc(53.5)], [500, cpAc(53.3)]]).view.acOfferA, 31.9);
});

t('5 % is digital after 500 ms and offers no AC current', () => {
  const v = run([[0, cpDigital()], [500, cpDigital()]]).view;
  assert.is(v.digital, true);
  assert.is(v.acOfferA, 0);
  assert.is(run([[0, cpDigital()], [499, cpDigital()]]).view.digital, false);
});

t('PWM gone during a session: pwmLost at once and no offer', () => {
  const on = run([[0, cpAc(53.3, 'C')], [500, cpAc(53.3, 'C')]], true);
  const off = run([[510, cpSteady('C')]], true, on.state).view;
  assert.is(off.pwmLost, true);
  assert.is(off.acOfferA, 0);
});

t('PWM gone with no session is not a loss', () => {
  const on = run([[0, cpAc(53.3)], [500, cpAc(53.3)]]);
  assert.is(run([[510, cpSteady('B')]], false, on.state).view.pwmLost, false);
});

t('a configured confirmation time delays pwmLost', () => {
  const cfg = { ...DEFAULT_CONTROL_PILOT, pwmLossConfirmMs: 90 };
  let s = initialControlPilotState();
  for (const at of [0, 500]) s = controlPilotStep(cfg, s, ok(cpDigital('C')), true, true, at).state;
  const at560 = controlPilotStep(cfg, s, ok(cpSteady('C')), true, true, 510);
  assert.is(at560.view.pwmLost, false);
  assert.is(controlPilotStep(cfg, at560.state, ok(cpSteady('C')), true, true, 600).view.pwmLost, true);
});

t('an invalid reading reports state "invalid" and offers nothing', () => {
  const on = run([[0, cpAc(53.3)], [500, cpAc(53.3)]]);
  const v = step(on.state, cpAc(53.3), 510, false, false).view;
  assert.is(v.state, 'invalid');
  assert.is(v.acOfferA, 0);
  assert.is(v.evsePresent, false);
});

t('with a port memo: the same sample object keeps its reading and view, and each equals the fresh step as usability, debounce and PWM loss move', () => {
  const memo = createPortMemo();
  const digital = cpDigital('C');
  const steady = cpSteady('C');
  // [sample, usable, at]: the same objects again and again, as the controller hands in an unchanged sample.
  const ticks: [CpSample, boolean, number][] = [
    [digital, true, 0], [digital, true, 10], [digital, true, 600], [digital, true, 610], [digital, false, 620], [digital, true, 630],
    [steady, true, 640], [steady, true, 650], [steady, true, 5_000], [steady, false, 5_010], [digital, true, 5_020], [digital, true, 5_030],
  ];
  let kept: ControlPilotState = initialControlPilotState();
  let lastView: unknown;
  for (const [sample, usable, at] of ticks) {
    const reading = usable ? ok(sample) : invalid(sample);
    const fresh = controlPilotStep(DEFAULT_CONTROL_PILOT, kept, reading, usable, true, at);
    const r = controlPilotStep(DEFAULT_CONTROL_PILOT, kept, reading, usable, true, at, memo);
    assert.equal(r, fresh, `at ${at} ms`);
    if (at === 10 || at === 650) assert.is(r.view, lastView, `at ${at} ms: nothing moved, the same view`);
    lastView = r.view;
    kept = r.state;
  }
});

t.run();
