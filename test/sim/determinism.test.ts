// The same scenario and seed give byte-identical results JSON, apart from wallTimeS and speedX
// (issue #7 "Done when"); another seed gives a different run.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseScenario } from '../../sim/scenario/load.ts';
import { runScenario, type Results } from '../../sim/scenario/run.ts';

const t = suite('determinism');

/** A short DC session on a noisy charger: setup, precharge, the first seconds of CurrentDemand. */
const scenario = parseScenario({
  name: 'determinism: car-800v on an oscillating supercharger-v4',
  seed: 7,
  vehicle: 'car-800v',
  initial: { socPct: 30, cellTempC: 25 },
  charger: { preset: 'supercharger-v4', quirks: { currentOscillationPct: 10 } },
  events: [{ atS: 2, do: 'plug' }],
  stop: { timeS: 40 },
}, 'determinism');

function comparable(r: Results): string {
  return JSON.stringify({ ...r, wallTimeS: 0, speedX: 0 });
}

t('the same seed twice gives byte-identical JSON apart from wall time and speed', () => {
  const a = comparable(runScenario(scenario));
  const b = comparable(runScenario(scenario));
  assert.is(a, b);
});

t('--seed overrides the file and changes the run', () => {
  const a = runScenario(scenario);
  const b = runScenario(scenario, { seed: 8 });
  assert.is(b.seed, 8);
  assert.is.not(comparable(a), comparable(b));
});

t.run();
