import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createInletPort, NACS_INLET } from '../../inlet/index.ts';
import { anAcStationInput } from './builders.ts';

const t = suite('inlet/index');

t('createInletPort binds a config: step(state, input, nowMs) → { state, outputs, events }', () => {
  const port = createInletPort(NACS_INLET);
  const r = port.step(port.initialState(), anAcStationInput(), 0);
  assert.is(r.outputs.driveInhibit, true);
  assert.ok(Array.isArray(r.events));
  assert.is(port.step(r.state, anAcStationInput(), 200).outputs.connector.kind, 'nacs');
});

t('the step is pure: the same state and input give the same result', () => {
  const port = createInletPort(NACS_INLET);
  const s = port.initialState();
  assert.equal(port.step(s, anAcStationInput(), 100), port.step(s, anAcStationInput(), 100));
  assert.equal(s, port.initialState(), 'the input state is not mutated');
});

t.run();
