import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseScenario } from '../../../sim/scenario/load.ts';
import { controllerSetup } from '../../../sim/scenario/run-config.ts';
import { matrixTable, progressBar, summaryText } from '../../../sim/scenario/run-format.ts';
import { runScenario, runScenarioTraced, type RunProgress } from '../../../sim/scenario/run.ts';

const t = suite('scenario runner');

/** A short V2L-adapter scenario: no charger, cheap to run. */
function aScenario(over: Record<string, unknown> = {}) {
  return parseScenario({
    name: 'runner test', vehicle: 'car-400v', initial: { socPct: 50 }, charger: null, adapter: 'v2l',
    events: [{ atS: 1, do: 'plug' }], stop: { timeS: 5 }, ...over,
  }, 'runner-test');
}

t('results carry every field of issue #7 item 4', () => {
  const r = runScenario(aScenario());
  for (const key of ['name', 'seed', 'ok', 'simTimeS', 'wallTimeS', 'speedX', 'soc', 'timeBetweenSocS', 'energyInWh', 'energyOutWh',
    'peakPowerW', 'meanChargePowerW', 'maxCellTempC', 'minCellTempC', 'maxPinTempC', 'path', 'limitingReasonsS', 'finalState',
    'faults', 'events', 'v2l', 'violations', 'expectations']) {
    assert.ok(key in r, key);
  }
  assert.equal(Object.keys(r.finalState).sort(), ['acSession', 'contactors', 'dcStopReason', 'lock', 'lockState', 'mode', 'plugged', 'sessionPhase', 'v2lState']);
  assert.is(r.simTimeS, 5);
  assert.is(r.stopReason, 'time 5 s');
});

t('timeline events reach the car at their time and show in the events', () => {
  const r = runScenario(aScenario({ events: [{ atS: 1, do: 'plug' }, { atS: 3, do: 'unplug' }] }));
  const car = r.events.filter((e) => e.what.startsWith('car: '));
  assert.equal(car.map((e) => [e.atS, e.what]), [[1, 'car: plug v2l'], [3, 'car: unplug']]);
  assert.is(r.finalState.plugged, false);
});

t('stop when unplugged ends the run after a short settle', () => {
  const r = runScenario(aScenario({ events: [{ atS: 1, do: 'plug' }, { atS: 2, do: 'unplug' }], stop: { timeS: 60, when: 'unplugged' } }));
  assert.is(r.stopReason, 'unplugged');
  assert.ok(r.simTimeS >= 5 && r.simTimeS < 6, String(r.simTimeS));
});

t('a scenario the car cannot carry out is an error, not a crash', () => {
  const r = runScenario(aScenario({ events: [{ atS: 1, do: 'plug' }, { atS: 2, do: 'plug' }] }));
  assert.is(r.ok, false);
  assert.match(r.error ?? '', /event at 2 s \(plug\)/);
});

t('expectations are judged on the results; a failed one makes the run not ok', () => {
  const r = runScenario(aScenario({ expect: { violationCount: { equals: 0 }, 'finalState.plugged': { equals: false } } }));
  assert.equal(r.expectations.map((e) => e.ok), [true, false]);
  assert.is(r.failedExpectations, 1);
  assert.is(r.ok, false);
  assert.match(summaryText(runScenarioTraced(aScenario({ expect: { 'finalState.plugged': { equals: false } } }))), /EXPECTATION FAILED: finalState.plugged/);
});

t('progress is reported about once per simulated second', () => {
  const seen: RunProgress[] = [];
  runScenario(aScenario(), { onProgress: (p) => seen.push(p) });
  assert.ok(seen.length >= 4 && seen.length <= 6, String(seen.length));
  assert.match(progressBar('x', seen.at(-1)!), /\[#+\.*\]/);
});

t('vehicle overrides map onto the controller configuration where they can', () => {
  const noBoost = controllerSetup({ preset: 'car-800v', boostConverter: false });
  assert.is(noBoost.config.dc.boost.fitted, false);
  assert.is(noBoost.config.shell.boostFitted, false);
  const big = controllerSetup({ preset: 'car-800v', boostMaxPowerKw: 225 });
  assert.is(big.config.dc.boost.maxPowerW, 225_000);
  const aged = controllerSetup({ preset: 'car-400v', capacityScale: 0.8, boostMaxPowerKw: 100 });
  assert.is(aged.notes.length, 2, 'capacity and a boost power without a converter are said, not applied');
  assert.is(controllerSetup({ preset: 'car-400v' }).config.name, 'car-400v');
});

t('the matrix table has a row per run and a total', () => {
  const r = runScenario(aScenario());
  const table = matrixTable([r, { ...r, name: 'second', ok: false }]);
  assert.match(table, /runner test\s+ok/);
  assert.match(table, /second\s+FAIL/);
  assert.match(table, /1 of 2 scenarios ok/);
});

t.run();
