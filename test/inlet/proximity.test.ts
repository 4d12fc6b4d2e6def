import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { decodePp, initialProximityState, proximityStep, type ProximityState } from '../../inlet/proximity.ts';
import { CCS1_INLET, NACS_INLET } from '../../inlet/presets.ts';
import { ok, invalid, PP } from './builders.ts';

const t = suite('inlet/proximity');
const cfg = NACS_INLET.proximity;

// Every band of the default NACS table at its nominal value and both ±10 % edges, and just outside.
const BANDS: [string, number, string, string | null][] = [
  // [band, nominal Ω, kind, latch]
  ['nacs-latched', 150, 'nacs', 'latched'],
  ['nacs-pressed', 480, 'nacs', 'pressed'],
  ['ccs1-dc-adapter-latched', 300, 'ccs1-dc-adapter', 'latched'],
  ['ccs1-dc-adapter-pressed', 630, 'ccs1-dc-adapter', 'pressed'],
  ['j1772-ac-adapter-latched', 830, 'j1772-ac-adapter', 'latched'],
  ['j1772-ac-adapter-pressed', 1160, 'j1772-ac-adapter', 'pressed'],
  ['v2l-adapter', 2200, 'v2l-adapter', 'fixed'],
  ['v2h-device', 3300, 'v2h-device', 'fixed'],
];

for (const [name, ohm, kind, latch] of BANDS) {
  for (const [label, r] of [['nominal', ohm], ['−10 %', ohm * 0.9], ['+10 %', ohm * 1.1]] as const) {
    t(`PP ${r.toFixed(1)} Ω (${label}) decodes as ${name}`, () => {
      const d = decodePp(r, true, cfg);
      assert.is(d.band?.name, name);
      assert.is(d.kind, kind);
      assert.is(d.latch, latch);
    });
  }
  t(`PP just outside ${name} (−11 %, +11 %) is unknown`, () => {
    assert.is(decodePp(ohm * 0.89, true, cfg).kind, 'unknown');
    assert.is(decodePp(ohm * 1.11, true, cfg).kind, 'unknown');
  });
}

const OTHER: [string, number, boolean, string, string][] = [
  ['open circuit', Number.POSITIVE_INFINITY, true, 'none', 'none'],
  ['at the nothing threshold', 10_000, true, 'none', 'none'],
  ['just below the nothing threshold', 9_999, true, 'unknown', 'unknown'],
  ['a short (0 Ω)', 0, true, 'unknown', 'unknown'],
  ['between bands (1.7 kΩ, MG-style V2L)', 1_700, true, 'unknown', 'unknown'],
  ['negative', -5, true, 'unknown', 'invalid'],
  ['NaN', Number.NaN, true, 'unknown', 'invalid'],
  ['an invalid reading', 150, false, 'unknown', 'invalid'],
];
for (const [label, r, usable, kind, source] of OTHER) {
  t(`PP ${label} → ${kind} (${source})`, () => {
    const d = decodePp(r, usable, cfg);
    assert.is(d.kind, kind);
    assert.is(d.source, source);
  });
}

t('CCS1 inlet: the native handle is j1772, and there is no AC adapter band', () => {
  assert.is(decodePp(150, true, CCS1_INLET.proximity).kind, 'j1772');
  assert.is(decodePp(830, true, CCS1_INLET.proximity).kind, 'unknown');
  assert.is(decodePp(300, true, CCS1_INLET.proximity).kind, 'ccs1-dc-adapter');
});

function run(samples: [number, number, boolean?][], start: ProximityState = initialProximityState()) {
  let s = start;
  let view = null as ReturnType<typeof proximityStep>['connector'] | null;
  for (const [atMs, ohm, valid = true] of samples) {
    const r = proximityStep(cfg, NACS_INLET.inletRatingA, s, valid ? ok(ohm) : invalid(ohm), valid, atMs);
    s = r.state;
    view = r.connector;
  }
  return { state: s, view: view! };
}

t('a new band is believed only after 200 ms; "present" shows at once', () => {
  const early = run([[0, PP.nacsLatched], [190, PP.nacsLatched]]);
  assert.is(early.view.kind, 'none');
  assert.is(early.view.present, true);
  assert.is(early.view.acAllowed, false);
  const late = run([[0, PP.nacsLatched], [200, PP.nacsLatched]]);
  assert.is(late.view.kind, 'nacs');
  assert.is(late.view.latched, true);
  assert.is(late.view.acAllowed, true);
  assert.is(late.view.dcAllowed, true);
  assert.is(late.view.ratingA, 700);
});

t('a flicker restarts the debounce', () => {
  const r = run([[0, PP.nacsLatched], [150, PP.unknown], [160, PP.nacsLatched], [300, PP.nacsLatched]]);
  assert.is(r.view.kind, 'none');
  assert.is(run([[0, PP.nacsLatched], [150, PP.unknown], [160, PP.nacsLatched], [360, PP.nacsLatched]]).view.kind, 'nacs');
});

t('latch pressed acts on the first sample; release needs the debounce', () => {
  const latched = run([[0, PP.nacsLatched], [200, PP.nacsLatched]]);
  const pressed = run([[210, PP.nacsPressed]], latched.state);
  assert.is(pressed.view.latchPressed, true);
  assert.is(pressed.view.latched, false);
  assert.is(pressed.view.acAllowed, false);
  const held = run([[210, PP.nacsPressed], [410, PP.nacsPressed]], latched.state);
  assert.is(held.view.bandName, 'nacs-pressed');
  const released = run([[420, PP.nacsLatched]], held.state);
  assert.is(released.view.latchPressed, true, 'still the debounced pressed band');
  assert.is(run([[420, PP.nacsLatched], [620, PP.nacsLatched]], held.state).view.latched, true);
});

t('a glitch sample keeps the debounced permission but is not settled', () => {
  const latched = run([[0, PP.nacsLatched], [200, PP.nacsLatched]]);
  const glitch = run([[210, PP.unknown]], latched.state);
  assert.is(glitch.view.acAllowed, true);
  assert.is(glitch.view.settled, false);
});

const RATINGS: [string, number, number, boolean, boolean, boolean, boolean][] = [
  // [what, Ω, ratingA, ac, dc, v2l, adapter]
  ['native NACS', PP.nacsLatched, 700, true, true, false, false],
  ['CCS1 DC adapter', PP.dcAdapterLatched, 400, false, true, false, true],
  ['J1772 AC adapter', PP.acAdapterLatched, 48, true, false, false, true],
  ['V2L adapter', PP.v2l, 16, false, false, true, true],
  ['V2H device', PP.v2h, 40, false, false, false, true],
  ['unknown', PP.unknown, 0, false, false, false, false],
];
for (const [what, ohm, ratingA, ac, dc, v2l, adapter] of RATINGS) {
  t(`${what}: rating ${ratingA} A, AC ${ac}, DC ${dc}, V2L ${v2l}`, () => {
    const v = run([[0, ohm], [200, ohm]]).view;
    assert.equal([v.ratingA, v.acAllowed, v.dcAllowed, v.v2lAdapter, v.isAdapter], [ratingA, ac, dc, v2l, adapter]);
  });
}

t('an invalid PP reading is present at once and invalid after the debounce', () => {
  const now = run([[0, 150, false]]);
  assert.is(now.view.present, true);
  assert.is(now.view.ppInvalid, false);
  assert.is(run([[0, 150, false], [200, 150, false]]).view.ppInvalid, true);
});

t.run();
