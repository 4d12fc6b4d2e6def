import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { aCar, runUntil } from './builders.ts';

const t = suite('sim/nodes/inlet-node');

const near = (actual: number, expected: number, pct: number): boolean => Math.abs(actual - expected) <= (expected * pct) / 100;

t('reports PP as Open with nothing plugged, and the PP ohms of the handle and of each adapter', () => {
  const cases = [
    [null, 150, 480], ['nacs-to-ccs1-dc', 300, 630], ['j1772-to-nacs-ac', 830, 1160], ['v2l', 2200, 2200],
  ] as const;
  for (const [adapter, latchedOhm, pressedOhm] of cases) {
    const rig = aCar({ charger: adapter === 'v2l' ? null : 'hpc-350' });
    rig.run(100);
    assert.is(rig.pp.read('INLET_PpResistance'), 65534, 'open');
    rig.car.plug(adapter);
    rig.run(100);
    const r = rig.pp.read('INLET_PpResistance');
    assert.ok(near(r, latchedOhm, 5), `${adapter ?? 'handle'}: ${r} Ω, expected ≈ ${latchedOhm}`);
    rig.car.pressLatch(true);
    rig.run(100);
    const p = rig.pp.read('INLET_PpResistance');
    assert.ok(near(p, pressedOhm, 5), `${adapter ?? 'handle'} pressed: ${p} Ω, expected ≈ ${pressedOhm}`);
  }
});

t('the lock moves in its travel time (300-600 ms), reporting Moving on the way', () => {
  const rig = aCar();
  rig.car.plug();
  rig.pp.set('INLET_Command', { INLET_LockRequest: 1, INLET_CpStateRequest: 0, INLET_LedColour: 0, INLET_LedPattern: 0 });
  rig.run(60);
  assert.is(rig.pp.read('INLET_LockState'), 2, 'Moving');
  const lockedAfter = runUntil(rig, () => rig.pp.read('INLET_LockState') === 1, 2000) + 60;
  assert.ok(lockedAfter >= 300 && lockedAfter <= 600 + 50 + 10 + 20, `locked after ${lockedAfter} ms`);
  assert.is(rig.car.truth().lock, 'locked');
  assert.is(rig.car.unplug(), false, 'a locked plug cannot be pulled');
  rig.pp.set('INLET_Command', { INLET_LockRequest: 2 });
  const unlockedAfter = runUntil(rig, () => rig.pp.read('INLET_LockState') === 0, 2000);
  assert.ok(Math.abs(unlockedAfter - lockedAfter) <= 60, 'same travel both ways');
  assert.is(rig.car.unplug(), true);
});

t('a jammed lock stays Moving, then the stall detection reports Fault', () => {
  const rig = aCar();
  rig.car.plug();
  rig.car.fault('lock-jam');
  rig.pp.set('INLET_Command', { INLET_LockRequest: 1, INLET_CpStateRequest: 0, INLET_LedColour: 0, INLET_LedPattern: 0 });
  rig.run(700);
  assert.is(rig.pp.read('INLET_LockState'), 2);
  rig.run(400);
  assert.is(rig.pp.read('INLET_LockState'), 3);
  assert.is(rig.car.truth().lock, 'locking');
});

t('CP: B with a steady pilot after plug-in, then 5 % PWM from a DC charger; S2 makes it C', () => {
  const rig = aCar();
  rig.car.plug();
  rig.run(200);
  assert.is(rig.pp.read('INLET_CpState'), 1);
  assert.is(rig.pp.read('INLET_CpPwmPresent'), 0);
  rig.run(500);
  assert.is(rig.pp.read('INLET_CpPwmPresent'), 1);
  assert.ok(Math.abs(rig.pp.read('INLET_CpDuty') - 5) < 0.2);
  rig.pp.set('INLET_Command', { INLET_LockRequest: 0, INLET_CpStateRequest: 1, INLET_LedColour: 0, INLET_LedPattern: 0 });
  rig.run(100);
  assert.is(rig.pp.read('INLET_CpState'), 2);
  assert.is(rig.pp.read('INLET_S2Closed'), 1);
});

t('an AC EVSE offers its current in the duty cycle (48 A = 80 %)', () => {
  const rig = aCar({ charger: 'ac-l2-48' });
  rig.car.plug();
  rig.run(1000);
  assert.ok(Math.abs(rig.pp.read('INLET_CpDuty') - 80) < 0.2, `${rig.pp.read('INLET_CpDuty')} %`);
});

t('without a valid command S2 opens (state B) and the lock stays where it is', () => {
  const rig = aCar();
  rig.car.plug();
  rig.pp.set('INLET_Command', { INLET_LockRequest: 1, INLET_CpStateRequest: 1, INLET_LedColour: 0, INLET_LedPattern: 0 });
  rig.run(1000);
  assert.is(rig.pp.read('INLET_CpState'), 2);
  rig.pp.silence('INLET_Command');
  const bAfter = runUntil(rig, () => rig.pp.read('INLET_CpState') === 1, 1000);
  assert.ok(bAfter <= 50 + 150 + 10 + 20, `B after ${bAfter} ms`);
  rig.run(1000);
  assert.is(rig.pp.read('INLET_LockState'), 1, 'still locked');
});

t('pin temperatures are reported; the separate AC pin is SNA on a NACS inlet', () => {
  const rig = aCar({ initial: { socPct: 50, cellTempC: 20, ambientC: 31 } });
  rig.run(300);
  assert.ok(Math.abs(rig.pp.read('INLET_DcPosPinTemp') - 31) <= 0.5);
  assert.ok(Math.abs(rig.pp.read('INLET_DcNegPinTemp') - 31) <= 0.5);
  assert.is(rig.pp.reading('INLET_AcPinTemp').reason, 'sna');
});

t.run();
