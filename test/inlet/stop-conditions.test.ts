// Stop conditions: the first that holds in priority order is reported (pilot rules only for
// charge sessions); the step tests them as plain code, checked here against the rule table.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { stopNow, type StopContext, type StopReason } from '../../inlet/stop-conditions.ts';

const t = suite('inlet: stop conditions');

/** The specification: [reason, charge sessions only, holds]. */
const RULES: readonly [StopReason, boolean, (c: StopContext) => boolean][] = [
  ['manual-release', false, (c) => c.manualRelease],
  ['unplugged', false, (c) => c.unplugged],
  ['pp-invalid', false, (c) => c.ppInvalid],
  ['cp-invalid', true, (c) => c.cpLevel === 'invalid'],
  ['cp-e', true, (c) => c.cpLevel === 'E'],
  ['cp-f', true, (c) => c.cpLevel === 'F'],
  ['cp-a', true, (c) => c.cpLevel === 'A'],
  ['cp-d', true, (c) => c.cpLevel === 'D'],
  ['pwm-lost', true, (c) => c.pwmLost],
  ['latch-pressed', false, (c) => c.latchPressed],
  ['user-unlock', false, (c) => c.userUnlock],
  ['lock-lost', false, (c) => c.lockLost],
  ['lock-fault', false, (c) => c.lockFault],
  ['path-fault', false, (c) => c.pathFault],
  ['refused', false, (c) => c.refused],
  ['pin-overtemp', false, (c) => c.pinStop],
  ['vehicle-moving', false, (c) => c.moving],
];

function reference(c: StopContext): StopReason | null {
  if (!c.sessionActive && !c.chargeSessionActive) return null;
  for (const [reason, chargeOnly, holds] of RULES) if ((!chargeOnly || c.chargeSessionActive) && holds(c)) return reason;
  return null;
}

/** Mostly false, so later rules get their turn. */
const rarely = fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) });
const context: fc.Arbitrary<StopContext> = fc.record({
  chargeSessionActive: fc.boolean(), sessionActive: fc.boolean(),
  cpLevel: fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F', 'invalid' as const),
  pwmLost: rarely, latchPressed: rarely, userUnlock: rarely, manualRelease: rarely, lockLost: rarely, lockFault: rarely,
  unplugged: rarely, ppInvalid: rarely, refused: rarely, pinStop: rarely, pathFault: rarely, moving: rarely,
});

t('the first condition that holds, in the table order, with its one frozen result', () => {
  fc.assert(fc.property(context, (c) => {
    const got = stopNow(c);
    assert.is(got?.reason ?? null, reference(c));
    if (got !== null) {
      assert.ok(Object.isFrozen(got));
      assert.is(stopNow(c), got);
      assert.type(got.text, 'string');
    }
  }), { seed: 42, numRuns: 400 });
});

t('no session: nothing stops; a V2L session ignores the pilot', () => {
  const calm: StopContext = {
    chargeSessionActive: false, sessionActive: false, cpLevel: 'E', pwmLost: true, latchPressed: false, userUnlock: false,
    manualRelease: true, lockLost: false, lockFault: false, unplugged: false, ppInvalid: false, refused: false, pinStop: false,
    pathFault: false, moving: false,
  };
  assert.is(stopNow(calm), null);
  assert.is(stopNow({ ...calm, sessionActive: true, manualRelease: false }), null);
  assert.is(stopNow({ ...calm, sessionActive: true })?.reason, 'manual-release');
  assert.is(stopNow({ ...calm, chargeSessionActive: true, manualRelease: false })?.reason, 'cp-e');
});

t.run();
