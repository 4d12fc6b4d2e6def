import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseScenario, ScenarioError } from '../../../sim/scenario/load.ts';

const t = suite('scenario files');

const minimal = () => ({
  name: 'dc 10 to 80',
  vehicle: 'car-800v',
  initial: { socPct: 10 },
  charger: 'hpc-350',
  events: [{ atS: 1, do: 'plug' }],
  stop: { socPct: 80 },
});

function problemsOf(json: unknown): string[] {
  try {
    parseScenario(json, 'x.json');
  } catch (err) {
    assert.instance(err, ScenarioError);
    return (err as ScenarioError).problems;
  }
  throw new Error('expected the scenario to be refused');
}

t('a minimal scenario gets its defaults filled in', () => {
  const s = parseScenario(minimal(), 'x.json');
  assert.equal(s.vehicle, { preset: 'car-800v' });
  assert.equal(s.charger, { preset: 'hpc-350' });
  assert.equal(s.initial, { socPct: 10, cellTempC: 25, ambientC: 25, gear: 'P' });
  assert.is(s.seed, 1);
  assert.is(s.tickMs, 10);
  assert.is(s.stop.timeS, 24 * 3600);
});

t('events are put in time order', () => {
  const s = parseScenario({ ...minimal(), events: [{ atS: 5, do: 'unplug' }, { atS: 1, do: 'plug' }] });
  assert.equal(s.events.map((e) => e.atS), [1, 5]);
});

t('an unknown preset names the field and what is allowed', () => {
  const [problem] = problemsOf({ ...minimal(), vehicle: 'car-600v' });
  assert.match(problem!, /^vehicle: /);
});

t('a bad fault name names the event index and the allowed values', () => {
  const problems = problemsOf({ ...minimal(), events: [{ atS: 3, do: 'fault', fault: 'sensor-open' }] });
  assert.ok(problems.some((p) => p.startsWith('events[0].fault: must be one of') && p.includes('"cell-sensor-open"') && p.includes('got "sensor-open"')), problems.join('\n'));
});

t('can-silence needs a node', () => {
  const problems = problemsOf({ ...minimal(), events: [{ atS: 3, do: 'fault', fault: 'can-silence' }] });
  assert.ok(problems.some((p) => p === 'events[0].node: is required'), problems.join('\n'));
});

t('an unknown field in an event is refused by name', () => {
  const problems = problemsOf({ ...minimal(), events: [{ atS: 3, do: 'gear', gear: 'D', speed: 5 }] });
  assert.ok(problems.includes('events[0].speed: is not a known field here'), problems.join('\n'));
});

t('a V2L floor must be a 10 % step between 20 and 80', () => {
  const problems = problemsOf({ ...minimal(), events: [{ atS: 3, do: 'hmi', v2lFloorPct: 25 }] });
  assert.ok(problems.some((p) => p.startsWith('events[0].v2lFloorPct: must be one of 20, 30')), problems.join('\n'));
});

t('a missing required field is named', () => {
  const { initial: _drop, ...rest } = minimal();
  assert.equal(problemsOf(rest), ['initial: is required']);
});

t('quirks are checked by name and shape', () => {
  const problems = problemsOf({ ...minimal(), charger: { preset: 'hpc-350', quirks: { maxCurrentDrop: { atS: 100 } } } });
  assert.ok(problems.includes('charger.quirks.maxCurrentDrop.toA: is required'), problems.join('\n'));
});

t('an event after the stop time is refused', () => {
  const problems = problemsOf({ ...minimal(), stop: { timeS: 10 }, events: [{ atS: 20, do: 'unplug' }] });
  assert.equal(problems, ['events[0].atS: 20 s is after stop.timeS (10 s)']);
});

t('a quirk without a charger is refused', () => {
  const problems = problemsOf({ ...minimal(), charger: null, events: [{ atS: 2, do: 'quirk', quirk: 'commLossAtS', value: 5 }] });
  assert.equal(problems, ['events[0]: a quirk needs a charger (charger is null)']);
});

t.run();
