import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createInletHw, type CpSource, type InletEnv, type InletHw } from '../../../sim/plant/inlet-hw.ts';
import { adapterPreset, vehiclePreset } from '../../../sim/presets/index.ts';
import { createRandom } from '../../../sim/random.ts';
import { near, run } from './builders.ts';

const t = suite('sim/plant/inlet-hw');
const params = { ...vehiclePreset('car-400v').inlet, ppToleranceSigmaPct: 0 };
const anInlet = (): InletHw => createInletHw(params, 25, createRandom(1));
const pwm = (dutyPct: number): CpSource => ({ kind: 'pwm', dutyPct });
const env = (over: Partial<InletEnv> = {}): InletEnv => ({ cp: pwm(5), pinCurrentA: 0, inletVoltageV: 0, ambientC: 25, ...over });

t('PP: nothing plugged is open (4.46 V); a handle 150 Ω latched (1.50 V) and 480 Ω pressed (2.76 V)', () => {
  const inlet = anInlet();
  assert.is(inlet.ppResistanceOhm, Infinity);
  near(inlet.ppVoltageV, 4.46, 0.01, 'open');
  inlet.connect({ source: 'dc', adapter: null });
  assert.is(inlet.ppResistanceOhm, 150);
  near(inlet.ppVoltageV, 1.5, 0.02, 'latched');
  inlet.pressLatch(true);
  assert.is(inlet.ppResistanceOhm, 480);
  near(inlet.ppVoltageV, 2.76, 0.02, 'pressed');
});

t('PP with adapters (pilot.md §6): series resistor for handle adapters, fixed for outlet adapters', () => {
  const cases: [Parameters<typeof adapterPreset>[0], number, number, number][] = [
    ['nacs-to-ccs1-dc', 300, 630, 2.25],
    ['j1772-to-nacs-ac', 830, 1160, 3.29],
    ['v2l', 2200, 2200, 3.93],
  ];
  for (const [name, latched, pressed, volts] of cases) {
    const inlet = anInlet();
    inlet.connect({ source: 'dc', adapter: adapterPreset(name) });
    assert.is(inlet.ppResistanceOhm, latched, name);
    near(inlet.ppVoltageV, volts, 0.02, name);
    inlet.pressLatch(true);
    assert.is(inlet.ppResistanceOhm, pressed, `${name} pressed`);
  }
});

t('CP: A unplugged, B plugged, C with S2, E shorted or EVSE off, F at −12 V; duty measured', () => {
  const inlet = anInlet();
  inlet.step(10, env());
  assert.is(inlet.cpState, 'A');
  inlet.connect({ source: 'ac', adapter: null });
  run(200, 10, () => inlet.step(10, env({ cp: pwm(80) })));
  assert.is(inlet.cpState, 'B');
  near(inlet.cpDutyPct, 80, 0.01, 'duty');
  inlet.cmd.s2Closed = true;
  inlet.step(10, env({ cp: pwm(80) }));
  assert.is(inlet.cpState, 'C');
  inlet.step(10, env({ cp: { kind: 'off', dutyPct: 0 } }));
  assert.is(inlet.cpState, 'E');
  assert.is(inlet.cpDutyPct, 0);
  inlet.step(10, env({ cp: { kind: 'negative', dutyPct: 0 } }));
  assert.is(inlet.cpState, 'F');
  inlet.faults.cpShortedToPe = true;
  inlet.step(10, env({ cp: pwm(80) }));
  assert.is(inlet.cpState, 'E');
});

t('lock travels in 300–600 ms each way; a jammed lock stays between', () => {
  const inlet = anInlet();
  inlet.cmd.lock = true;
  let lockedAt = -1;
  run(1000, 10, (tMs) => {
    inlet.step(10, env());
    if (lockedAt < 0 && inlet.lockFeedback === 'locked') lockedAt = tMs;
  });
  assert.ok(lockedAt >= 300 && lockedAt <= 610, `locked after ${lockedAt} ms`);
  inlet.faults.lockJammed = true;
  inlet.cmd.lock = false;
  run(2000, 10, () => inlet.step(10, env()));
  assert.is(inlet.lockFeedback, 'between');
});

t('manual release unlocks without a command and the lock stays open until a new lock command', () => {
  const inlet = anInlet();
  inlet.connect({ source: 'dc', adapter: null });
  inlet.cmd.lock = true;
  run(1000, 10, () => inlet.step(10, env()));
  assert.not.ok(inlet.tryUnplug(), 'a locked plug cannot be pulled');
  inlet.manualRelease();
  run(1000, 10, () => inlet.step(10, env()));
  assert.is(inlet.lockFeedback, 'unlocked');
  assert.ok(inlet.manuallyReleased);
  assert.ok(inlet.tryUnplug());
});

t('DC pins: 500 A heats toward but not beyond 60–70 °C; with an adapter they run hotter', () => {
  const bare = anInlet();
  bare.connect({ source: 'dc', adapter: null });
  const adapted = anInlet();
  adapted.connect({ source: 'dc', adapter: adapterPreset('nacs-to-ccs1-dc') });
  run(10 * 60_000, 100, () => {
    bare.step(100, env({ pinCurrentA: 500 }));
    adapted.step(100, env({ pinCurrentA: 500 }));
  });
  const after10 = Math.max(...bare.pinTempC);
  assert.ok(after10 > 45 && after10 < 65, `10 min: ${after10}`);
  run(50 * 60_000, 1000, () => bare.step(1000, env({ pinCurrentA: 500 })));
  const steady = Math.max(...bare.pinTempC);
  assert.ok(steady > 55 && steady <= 72, `steady: ${steady}`);
  assert.ok(Math.max(...adapted.pinTempC) > after10 + 5, 'adapter adds resistance');
});

t('a worn contact heats its pin more; pins cool to ambient without current', () => {
  const inlet = anInlet();
  inlet.connect({ source: 'dc', adapter: null });
  inlet.faults.pinResistanceFactor = [3, 1];
  run(10 * 60_000, 100, () => inlet.step(100, env({ pinCurrentA: 300 })));
  assert.ok(inlet.pinTempC[0] > inlet.pinTempC[1] + 10);
  run(60 * 60_000, 1000, () => inlet.step(1000, env()));
  near(inlet.pinTempC[0], 25, 0.5, 'cooled');
});

t('inlet bus voltage is measured with a short filter', () => {
  const inlet = anInlet();
  run(200, 10, () => inlet.step(10, env({ inletVoltageV: 400 })));
  near(inlet.inletVoltageV, 400, 0.1, 'follows');
});

t.run();
