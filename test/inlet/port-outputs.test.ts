// Output composition with a port memo: the connector and lock outputs are the last objects again
// while made from the same parts, and always equal what composing afresh gives.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { composeOutputs, type OutputParts } from '../../inlet/port-outputs.ts';
import { createPortMemo } from '../../inlet/port-memo.ts';
import { REFUSAL_TEXT } from '../../inlet/wrong-adapter.ts';

const t = suite('inlet: composeOutputs with a port memo');

const connector = {
  kind: 'nacs', bandName: 'nacs-latched', latched: true, latchPressed: false, ratingA: 400, acAllowed: true, dcAllowed: true,
  v2lAdapter: false, isAdapter: false, present: true, ppInvalid: false, settled: true,
  raw: { source: 'band', kind: 'nacs', latch: 'latched', band: { name: 'nacs-latched' } },
};
const locked = { name: 'locked', deadlineMs: null, attempt: 0, fault: null, manualRelease: false, userRequestBefore: false };
const unlocking = { ...locked, name: 'unlocking', deadlineMs: 1_000 };

function parts(o: Record<string, unknown> = {}): OutputParts {
  return {
    c: connector, cp: { evsePresent: true }, pin: { limitA: 400, reason: 'none', maxTempC: 25, validSensors: 2 },
    acPin: { limitA: 48, reason: 'none', maxTempC: 25, validSensors: 2 },
    ac: { state: 'idle', s2Closed: false, obcCurrentSetpointA: 0 }, lock: locked,
    path: { granted: 'dc', obcRelayCommand: 'open', dcContactorsAllowed: true }, refusal: null, stop: null, dead: false,
    lockFeedbackLocked: true, relayClosed: false, relayOpen: true, sessionActive: true, ...o,
  } as unknown as OutputParts;
}

t('the same parts: the same connector and lock objects; any part that matters changed: new ones, equal to a fresh compose', () => {
  const memo = createPortMemo();
  const refused = { code: 'not-parked', text: REFUSAL_TEXT['not-parked'] };
  const steps = [parts(), parts(), parts({ refusal: refused }), parts({ refusal: refused }), parts(), parts({ lockFeedbackLocked: false }),
    parts({ lock: unlocking, dead: true }), parts({ lock: unlocking, dead: false }), parts({ lock: unlocking, dead: true }), parts({ c: { ...connector } })];
  let last: ReturnType<typeof composeOutputs> | undefined;
  for (const [n, p] of steps.entries()) {
    const fresh = composeOutputs(p, []);
    const kept = composeOutputs(p, [], memo);
    assert.equal(kept, fresh, `step ${n}`);
    if (last !== undefined) {
      const prev = steps[n - 1]!;
      const sameConnector = prev.c === p.c && (prev.refusal === null) === (p.refusal === null);
      assert.is(kept.connector === last.connector, sameConnector, `step ${n}: connector kept iff made from the same`);
      const sameLock = prev.lock === p.lock && prev.dead === p.dead && prev.lockFeedbackLocked === p.lockFeedbackLocked;
      assert.is(kept.lock === last.lock, sameLock, `step ${n}: lock kept iff made from the same`);
    }
    last = kept;
  }
});

t.run();
