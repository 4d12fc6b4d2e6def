import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createAcEvse, dutyForCurrentPct } from '../../../sim/plant/ac-evse.ts';
import { AC_EVSES } from '../../../sim/presets/index.ts';
import { near, run } from './builders.ts';

const t = suite('sim/plant/ac-evse');

t('profiles offer their current through the pilot.md §2 duty (80 / 53.3 / 26.7 / 20 %)', () => {
  const expected = { 'ac-l2-48': [80, 240], 'ac-l2-32': [53.33, 240], 'ac-l2-16': [26.67, 240], 'ac-l1-12': [20, 120] } as const;
  for (const [name, [duty, volts]] of Object.entries(expected)) {
    const evse = createAcEvse(AC_EVSES[name as keyof typeof expected]);
    run(1000, 10, () => evse.step(10, { connected: true, cpState: 'B' }));
    assert.is(evse.cpSource.kind, 'pwm', name);
    near(evse.cpSource.dutyPct, duty, 0.01, name);
    assert.is(evse.profile.voltageV, volts);
  }
  near(dutyForCurrentPct(65), 90, 1e-9, '65 A → 90 %');
  near(dutyForCurrentPct(80), 96, 1e-9, '80 A → 96 %');
});

t('unplugged: CP source none, one object kept tick after tick; plugged it drives the pilot, unplugged none again', () => {
  const evse = createAcEvse(AC_EVSES['ac-l2-48']);
  evse.step(10, { connected: false, cpState: 'A' });
  const idle = evse.cpSource;
  run(100, 10, () => evse.step(10, { connected: false, cpState: 'A' }));
  assert.is(evse.cpSource, idle);
  assert.equal(idle, { kind: 'none', dutyPct: 0 });
  run(1000, 10, () => evse.step(10, { connected: true, cpState: 'B' }));
  assert.is(evse.cpSource.kind, 'pwm');
  evse.step(10, { connected: false, cpState: 'A' });
  assert.equal(evse.cpSource, { kind: 'none', dutyPct: 0 });
});

t('state C closes the EVSE contactor after its delay; B opens it', () => {
  const evse = createAcEvse(AC_EVSES['ac-l2-48']);
  run(600, 10, () => evse.step(10, { connected: true, cpState: 'B' }));
  assert.is(evse.acVoltageV, 0);
  run(900, 10, () => evse.step(10, { connected: true, cpState: 'C' }));
  assert.is(evse.acVoltageV, 0, 'not yet');
  run(200, 10, () => evse.step(10, { connected: true, cpState: 'C' }));
  assert.is(evse.acVoltageV, 240);
  run(100, 10, () => evse.step(10, { connected: true, cpState: 'B' }));
  assert.is(evse.acVoltageV, 0);
});

t('PWM off (C1) removes the offer and opens the contactor; the offer can change', () => {
  const evse = createAcEvse(AC_EVSES['ac-l2-48']);
  run(2000, 10, () => evse.step(10, { connected: true, cpState: 'C' }));
  assert.is(evse.acVoltageV, 240);
  evse.setOfferA(16);
  evse.step(10, { connected: true, cpState: 'C' });
  near(evse.cpSource.dutyPct, 26.67, 0.01, 'reduced offer');
  evse.setPwm(false);
  run(200, 10, () => evse.step(10, { connected: true, cpState: 'C' }));
  assert.is(evse.cpSource.kind, 'steady');
  assert.is(evse.acVoltageV, 0);
});

t('unplugged: no CP source; a power cut shows as state E (0 V)', () => {
  const evse = createAcEvse(AC_EVSES['ac-l1-12']);
  evse.step(10, { connected: false, cpState: 'A' });
  assert.is(evse.cpSource.kind, 'none');
  evse.powered = false;
  evse.step(10, { connected: true, cpState: 'B' });
  assert.is(evse.cpSource.kind, 'off');
});

t.run();
