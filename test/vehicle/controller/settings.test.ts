// The user's pulses: one tick each, then none again; a tick without any hands out one shared,
// frozen "no pulse" object (no allocation per tick), which a later pulse never changes.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { SettingsKeeper, type HmiReader } from '../../../vehicle/controller/settings.ts';

const t = suite('controller: settings pulses');

/** An HMI frame that never changes (the keeper then reads nothing from it). */
const quietHmi = { changed: () => false, read: () => undefined } as unknown as HmiReader;

t('a command is a pulse for one tick; quiet ticks share one frozen no-pulse object', () => {
  const keeper = new SettingsKeeper({ chargeLimitPct: 80, v2lFloorPct: 20 });
  const none = keeper.tick(quietHmi, 0);
  assert.equal(none, { chargeStart: false, chargeStop: false, v2lReset: false, v2lRetrigger: false });
  assert.ok(Object.isFrozen(none));
  assert.is(keeper.tick(quietHmi, 10), none);
  keeper.command({ cmd: 'charge-start' });
  keeper.command({ cmd: 'v2l-reset' });
  const pulse = keeper.tick(quietHmi, 20);
  assert.equal(pulse, { chargeStart: true, chargeStop: false, v2lReset: true, v2lRetrigger: false });
  assert.is(keeper.tick(quietHmi, 30), none);
  assert.equal(none, { chargeStart: false, chargeStop: false, v2lReset: false, v2lRetrigger: false });
  keeper.command({ cmd: 'charge-stop' });
  assert.equal(keeper.tick(quietHmi, 40), { chargeStart: false, chargeStop: true, v2lReset: false, v2lRetrigger: false });
});

t.run();
