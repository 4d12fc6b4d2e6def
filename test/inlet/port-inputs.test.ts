// Input preparation: the HMI's object is used as it is when every field is given (no copy per
// tick); a missing field, a silent or a stale HMI gets the defaults, as a fresh copy would.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { NACS_INLET } from '../../inlet/index.ts';
import { prepareInputs } from '../../inlet/port-inputs.ts';
import type { HmiInput } from '../../inlet/port-types.ts';
import { anInletInput, invalid, ok } from './builders.ts';

const t = suite('inlet: prepareInputs');

const complete: HmiInput = { maxAcCurrentA: null, chargeLimitSocPct: 80, schedule: { mode: 'now' }, stopRequested: false, unlockRequest: false };

/** What the preparation gave before the pass-through: always a copy with the defaults filled in. */
function copied(h: HmiInput | null) {
  return {
    maxAcCurrentA: h?.maxAcCurrentA ?? null,
    chargeLimitSocPct: h?.chargeLimitSocPct ?? NACS_INLET.ac.defaultChargeLimitSocPct,
    schedule: h?.schedule ?? { mode: 'now' },
    stopRequested: h?.stopRequested ?? false,
    unlockRequest: h?.unlockRequest ?? false,
  };
}

t('a complete HMI is passed through as the very same object, equal to the copy', () => {
  for (const h of [complete, { ...complete, maxAcCurrentA: 16, stopRequested: true, unlockRequest: true }]) {
    const p = prepareInputs(NACS_INLET, anInletInput({ hmi: ok(h) }));
    assert.is(p.hmi, h);
    assert.equal({ ...p.hmi }, copied(h));
  }
});

t('a missing field, a silent or a stale HMI: the defaults, in a new object', () => {
  const partial = { maxAcCurrentA: 16, chargeLimitSocPct: 70, schedule: { mode: 'now' }, unlockRequest: false } as HmiInput;
  const p = prepareInputs(NACS_INLET, anInletInput({ hmi: ok(partial) }));
  assert.is.not(p.hmi, partial);
  assert.equal(p.hmi, copied(partial));
  assert.equal(prepareInputs(NACS_INLET, anInletInput({ hmi: invalid(complete) })).hmi, copied(null));
  assert.equal(prepareInputs(NACS_INLET, anInletInput({ hmi: ok(complete, 1e9) })).hmi, copied(null));
});

t.run();
