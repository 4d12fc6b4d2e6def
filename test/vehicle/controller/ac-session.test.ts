// Whole-stack AC sessions: plug to unplug on a 48 A wall unit, natively and through the J1772
// adapter, with DESIGN.md §7 checked on every tick.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { aStack, type Stack } from './stack.ts';

const t = suite('vehicle/controller: AC sessions through the whole stack');

/** OBC 11.5 kW class behind a 48 A offer at 240 V (sim presets, chargers.md §2). */
const acCharging = (s: Stack): boolean => s.truth().obcRunning && s.truth().obcAcCurrentA > 40;

for (const adapter of [null, 'j1772-to-nacs-ac'] as const) {
  t(`${adapter ?? 'native handle'}: AC charging at ~11 kW within 15 s of plug; the latch stops it and the lock lets go`, () => {
    const s = aStack({ vehicle: 'car-400v', charger: 'ac-l2-48', adapter, initial: { socPct: 50, cellTempC: 25 } });
    s.car.plug();
    const ms = s.runUntil(acCharging, 15_000);
    assert.ok(ms < 15_000, `no AC charging (AC session ${s.view().inlet.acSession.state})`);
    s.run(3_000);
    const t1 = s.truth();
    assert.ok(t1.packPowerW > 9_000 && t1.packPowerW < 11_500, `${(t1.packPowerW / 1000).toFixed(1)} kW into the pack`);
    assert.is(t1.lock, 'locked');
    assert.not.ok(s.car.unplug(), 'locked while charging');
    s.car.pressLatch(true);
    assert.ok(s.runUntil((x) => x.truth().lock === 'unlocked', 5_000) < 5_000, 'the lock lets go once AC is off');
    assert.not.ok(s.truth().obcRelayClosed);
    assert.ok(s.car.unplug());
    s.run(500);
    assert.is(s.view().inlet.acSession.state, 'idle');
    assert.equal(s.violations, []);
  });
}

t('the driver\'s Stop on the HMI stops AC and frees the cable; Start charges again', () => {
  const s = aStack({ vehicle: 'car-400v', charger: 'ac-l2-48', initial: { socPct: 50, cellTempC: 25 } });
  s.car.plug();
  assert.ok(s.runUntil(acCharging, 15_000) < 15_000);
  s.car.hmi({ stop: true });
  assert.ok(s.runUntil((x) => !x.truth().obcRunning && x.truth().lock === 'unlocked', 5_000) < 5_000, `AC ${s.view().inlet.acSession.state}`);
  s.run(3_000);
  assert.not.ok(s.truth().obcRunning, 'stays stopped');
  s.car.hmi({ start: true });
  assert.ok(s.runUntil(acCharging, 15_000) < 15_000, 'charging again after Start');
  assert.equal(s.violations, []);
});

t('stops at the charge limit and releases the lock', () => {
  const s = aStack({ vehicle: 'car-400v', charger: 'ac-l2-48', initial: { socPct: 79.9, cellTempC: 25 } });
  s.car.hmi({ chargeLimitPct: 80 });
  s.car.plug();
  assert.ok(s.runUntil(acCharging, 15_000) < 15_000);
  const doneMs = s.runUntil((x) => x.view().inlet.acSession.state === 'complete', 120_000);
  assert.ok(doneMs < 120_000, `still ${s.view().inlet.acSession.state} at ${s.view().bms.socPct.toFixed(1)} %`);
  assert.ok(s.runUntil((x) => x.truth().lock === 'unlocked', 3_000) < 3_000);
  assert.not.ok(s.truth().obcRunning);
  assert.equal(s.violations, []);
});

t.run();
