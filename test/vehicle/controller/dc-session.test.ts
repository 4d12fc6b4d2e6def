// Whole-stack DC sessions: the controller on the tick loop against the simulated car and charger.
// Short in simulated time: the early milestones, with DESIGN.md §7 checked on every tick.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { aStack, dcFlowing } from './stack.ts';

const t = suite('vehicle/controller: DC sessions through the whole stack');

t('800 V car on a 350 kW charger: direct plan, current flows within 40 s of plug, never above the BMS or EVSE limit', () => {
  const s = aStack({ vehicle: 'car-800v', charger: 'hpc-350', initial: { socPct: 30, cellTempC: 30 } });
  s.run(1000);
  s.car.plug();
  const ms = s.runUntil(dcFlowing(100), 40_000);
  assert.ok(ms < 40_000, `no DC current 40 s after plug (phase ${s.view().dc.phase})`);
  assert.is(s.view().dc.plan?.path, 'direct');
  s.run(5_000);
  const v = s.view();
  assert.is(v.dc.phase, 'currentDemand');
  assert.ok(s.truth().packCurrentA > 250, `${s.truth().packCurrentA.toFixed(0)} A at 30 % and 30 °C (cells.md §6: ~2.6–3C of 111 Ah)`);
  assert.is(v.bms.imdStandDown, false, 'the vehicle IMD stands down only during the cable check');
  assert.equal(v.bms.faults.map((f) => f.id), []);
  assert.equal(s.violations, []);
});

t('the latch pressed while charging: current to zero, contactors open, unlock only once the inlet is dead', () => {
  const s = aStack({ vehicle: 'car-800v', charger: 'hpc-350', initial: { socPct: 30, cellTempC: 30 } });
  s.car.plug();
  s.runUntil(dcFlowing(100), 40_000);
  s.car.pressLatch(true);
  assert.not.ok(s.car.unplug(), 'the lock holds the plug while current flows');
  const zeroMs = s.runUntil((x) => Math.abs(x.truth().inletCurrentA) < 1, 3_000);
  assert.ok(zeroMs < 3_000, 'current gone');
  const unlockMs = s.runUntil((x) => x.truth().lock === 'unlocked', 10_000);
  assert.ok(unlockMs < 10_000, `not unlocked (phase ${s.view().dc.phase})`);
  assert.not.ok(s.truth().dcClosed);
  assert.ok(s.truth().inletVoltageV < 60);
  assert.is(s.view().dc.stopReason, 'latchPressed');
  assert.is(s.view().dc.stopKind, 'normal', 'the user about to unplug, not an emergency');
  assert.ok(s.car.unplug());
  assert.equal(s.violations, []);
});

t('800 V car on a 500 V Supercharger: boost plan, charging at the converter\'s limit (≈125 kW), no hard close', () => {
  const s = aStack({ vehicle: 'car-800v', charger: 'supercharger-v3', initial: { socPct: 30, cellTempC: 30 } });
  s.car.plug();
  const ms = s.runUntil(dcFlowing(50), 40_000);
  assert.ok(ms < 40_000, `no current through the converter (phase ${s.view().dc.phase})`);
  assert.is(s.view().dc.plan?.path, 'boost');
  s.run(8_000);
  const t1 = s.truth();
  assert.is(t1.path, 'boost');
  assert.is(s.view().dc.limitingReason, 'boost');
  const chargerKw = (t1.chargerOutputVoltageV * t1.chargerOutputCurrentA) / 1000;
  assert.ok(chargerKw > 115 && chargerKw <= 126, `${chargerKw.toFixed(0)} kW from the charger (curves.md §4: Ioniq 9 on V3 ≈ 125 kW)`);
  assert.equal(s.violations, []);
});

t('400 V car through the NACS↔CCS1 adapter on a 150 kW charger: the TMS and 12 V draw is not "current before it was asked"', () => {
  const s = aStack({ vehicle: 'car-400v', charger: 'dcfc-150', adapter: 'nacs-to-ccs1-dc', initial: { socPct: 20, cellTempC: 25 } });
  s.car.plug();
  const ms = s.runUntil(dcFlowing(100), 40_000);
  assert.ok(ms < 40_000, `no DC current (phase ${s.view().dc.phase}, stop ${s.view().dc.stopReason ?? '-'})`);
  assert.equal(s.violations, []);
});

t('the charger\'s EmergencyShutdown while current flows: stopped, opened, unlocked once dead', () => {
  const s = aStack({ vehicle: 'car-800v', charger: 'hpc-350', initial: { socPct: 30, cellTempC: 30 } });
  s.car.plug();
  s.runUntil(dcFlowing(100), 40_000);
  s.car.quirk('emergencyShutdownAtS', 0);
  const openMs = s.runUntil((x) => !x.truth().dcClosed, 1_000);
  assert.ok(openMs <= 600, `DC contactors open ${openMs} ms after the shutdown (inlet/dc presets: ≤ 500 ms decay)`);
  assert.is(s.view().dc.stopReason, 'evseEmergencyShutdown');
  assert.ok(s.runUntil((x) => x.truth().lock === 'unlocked', 10_000) < 10_000);
  assert.equal(s.violations, []);
});

t.run();
