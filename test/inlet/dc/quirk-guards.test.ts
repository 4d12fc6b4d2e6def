// The charger quirk guards: a condition's start time kept while it holds (the same state object
// while nothing starts or clears), and the trip once it held long enough, most serious first.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DC_CONFIG_DEFAULT } from '../../../inlet/dc/index.ts';
import { checkGuards, guardTrip, NO_GUARD_STATE, type GuardSample } from '../../../inlet/dc/quirk-guards.ts';

const t = suite('dc quirk guards');
const cfg = DC_CONFIG_DEFAULT.guards;

function aSample(p: Partial<GuardSample> = {}): GuardSample {
  return {
    overVoltageOn: true, unaskedCurrentOn: false, overCurrentOn: true, voltageCeilingV: 410,
    inletV: 400, evsePresentV: 400, ownCurrentA: 100, evseCurrentA: 100, requestA: 100, ...p,
  };
}

t('a calm sample keeps the very same state object and trips nothing', () => {
  const g = checkGuards(NO_GUARD_STATE, aSample(), cfg, 1_000);
  assert.is(g, NO_GUARD_STATE);
  assert.is(guardTrip(g, cfg, 1_000), null);
});

t('over-voltage trips only after its hold time, then wins over over-current', () => {
  const hot = aSample({ inletV: 410 + cfg.overVoltageMarginV + 5, ownCurrentA: 100 + cfg.overCurrentTolA + 500 });
  const g = checkGuards(NO_GUARD_STATE, hot, cfg, 0);
  assert.is.not(g, NO_GUARD_STATE);
  assert.is(g.overVoltageSinceMs, 0);
  assert.is(checkGuards(g, hot, cfg, 10), g); // still holding: same object, start kept
  const later = Math.max(cfg.overVoltageHoldMs, cfg.overCurrentHoldMs);
  assert.is(guardTrip(g, cfg, later), 'overVoltage');
  assert.is(guardTrip({ ...g, overVoltageSinceMs: null }, cfg, later), 'overCurrent');
});

t('a condition that stops clears its start time', () => {
  const g = checkGuards(NO_GUARD_STATE, aSample({ ownCurrentA: 1_000 }), cfg, 0);
  assert.is(g.overCurrentSinceMs, 0);
  assert.equal(checkGuards(g, aSample(), cfg, 10), NO_GUARD_STATE);
});

t.run();
