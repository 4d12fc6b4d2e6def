// The DC session state: the step's per-tick copy carries every field, in the same order.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { copyDcState, initialDcSessionState, type DcSessionState } from '../../../inlet/dc/state.ts';

const t = suite('dc state');

t('copyDcState is a new object with every field of the state, in the same order', () => {
  const keys = Object.keys(initialDcSessionState(0));
  // A distinct value in every field, so a field copied from the wrong source would show.
  const s = Object.fromEntries(keys.map((k, n) => [k, { field: k, n }])) as unknown as DcSessionState;
  const c = copyDcState(s);
  assert.is.not(c, s);
  assert.equal(Object.keys(c), keys);
  for (const k of keys) assert.is((c as unknown as Record<string, unknown>)[k], (s as unknown as Record<string, unknown>)[k], k);
});

t.run();
