// verdictFlags: the machines test the flags once a tick where they used to search the verdict list
// for each event; the flags must say exactly what the searches said.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { STUCK_OPEN, UNKNOWN, verdictFlags, WELDED, type Verdict } from '../../bms/contactor-feedback.ts';

const t = suite('bms/contactor-feedback');
const VERDICTS: readonly Verdict[] = ['ok', 'pending', 'welded', 'stuckOpen', 'unknown'];

t('no flag for ok and pending verdicts', () => {
  assert.is(verdictFlags([]), 0);
  assert.is(verdictFlags(['ok', 'pending', 'ok']), 0);
});

t('each flag is set exactly when the list holds its verdict', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...VERDICTS), { maxLength: 6 }), (list) => {
      const flags = verdictFlags(list);
      assert.is((flags & WELDED) !== 0, list.includes('welded'));
      assert.is((flags & STUCK_OPEN) !== 0, list.includes('stuckOpen'));
      assert.is((flags & UNKNOWN) !== 0, list.includes('unknown'));
    }),
    { seed: 42, numRuns: 300 },
  );
});

t.run();
