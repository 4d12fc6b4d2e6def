import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { createInverter, type InverterEnv } from '../../../sim/plant/inverter.ts';
import { vehiclePreset } from '../../../sim/presets/index.ts';
import { near, run, exactSnapshot as snapshot } from './builders.ts';

const t = suite('sim/plant/inverter');
const params = vehiclePreset('car-400v').inverter;
const env = (over: Partial<InverterEnv> = {}): InverterEnv => ({
  demandL1W: 1000, demandL2W: 500, loadLeakageMa: 0.5, linkVoltageV: 360, coolantTempC: 25, ...over,
});

t('ramps on over ~1 s, then supplies 120 V legs at 60 Hz and draws DC at 90 % efficiency', () => {
  const inv = createInverter(params, 25);
  inv.cmd.enable = true;
  inv.step(500, env());
  assert.is(inv.status, 'starting');
  run(1000, 10, () => inv.step(10, env()));
  assert.is(inv.status, 'running');
  assert.equal(inv.legVoltageV, [120, 120]);
  near(inv.legCurrentA[0], 1000 / 120, 1e-9, 'L1');
  near(inv.dcInputW, 1500 / 0.9, 1e-6, 'DC');
  near(inv.dcCurrentA, 1500 / 0.9 / 360, 1e-9, 'DC current');
  assert.is(inv.frequencyHz, 60);
});

t('a 120 V outlet adapter wires one leg: every load on L1', () => {
  const inv = createInverter(params, 25);
  inv.legsWired = 1;
  inv.cmd.enable = true;
  run(2000, 10, () => inv.step(10, env()));
  near(inv.legPowerW[0], 1500, 1e-9, 'L1');
  assert.is(inv.legVoltageV[1], 0);
});

t('above its commanded limit the output sags; far above its rating it trips until re-enabled', () => {
  const inv = createInverter(params, 25);
  inv.cmd.enable = true;
  inv.cmd.powerLimitW = 1000;
  run(2000, 10, () => inv.step(10, env()));
  near(inv.outputPowerW, 1000, 1e-6, 'limited');
  assert.ok(inv.legVoltageV[0] < 120);
  inv.cmd.powerLimitW = 0;
  inv.step(10, env({ demandL1W: 30_000 }));
  assert.is(inv.fault, 'overload');
  inv.step(10, env());
  assert.is(inv.status, 'fault', 'latched');
  inv.cmd.enable = false;
  inv.step(10, env());
  inv.cmd.enable = true;
  run(2000, 10, () => inv.step(10, env()));
  assert.is(inv.status, 'running');
});

t('leakage: appliances’ own plus an injected ground fault, only while energised', () => {
  const inv = createInverter(params, 25);
  inv.cmd.enable = true;
  run(2000, 10, () => inv.step(10, env()));
  near(inv.leakageMa, 0.5, 1e-9, 'normal');
  inv.faults.leakageMa = 6;
  inv.step(10, env());
  near(inv.leakageMa, 6.5, 1e-9, 'fault');
  inv.cmd.enable = false;
  inv.step(10, env());
  assert.is(inv.leakageMa, 0);
});

t('warms with its losses', () => {
  const inv = createInverter(params, 25);
  inv.cmd.enable = true;
  run(600_000, 100, () => inv.step(100, env({ demandL1W: 4000, demandL2W: 4000 })));
  assert.ok(inv.temperatureC > 30);
});


t('idle shortcut: off with no demand gives exactly the general step, and ends when an input changes', () => {
  const fast = createInverter(params, 40);
  const full = createInverter(params, 40);
  const idle = env({ demandL1W: 0, demandL2W: 0, coolantTempC: 30 });
  for (let i = 0; i < 300; i++) {
    fast.step(10, idle);
    full.step(10, idle, false);
  }
  assert.is(snapshot(fast), snapshot(full), 'idle: the temperature settles the same');
  fast.cmd.enable = full.cmd.enable = true;
  fast.step(10, idle);
  full.step(10, idle, false);
  assert.is(fast.status, 'starting', 'enabled: the shortcut is left on the same tick');
  fast.step(10, env());
  full.step(10, env(), false);
  assert.ok(fast.legPowerW[0] > 0);
  assert.is(snapshot(fast), snapshot(full));
});

t('idle shortcut: any sequence of commands, faults and loads matches the general step (property)', () => {
  const zeroOr = (w: fc.Arbitrary<number>) => fc.oneof(fc.constant(0), fc.constant(-0), w);
  const tick = fc.record({
    enable: fc.boolean(), powerLimitW: fc.constantFrom(0, 1000, 5000), failed: fc.boolean(), legs: fc.constantFrom(1, 2),
    demandL1W: zeroOr(fc.double({ min: 0, max: 20_000, noNaN: true })), demandL2W: zeroOr(fc.double({ min: 0, max: 5000, noNaN: true })),
    linkVoltageV: fc.constantFrom(0, 200, 360), coolantTempC: fc.double({ min: 10, max: 60, noNaN: true }), reps: fc.integer({ min: 1, max: 30 }),
  });
  fc.assert(fc.property(fc.array(tick, { maxLength: 20 }), (ticks) => {
    const fast = createInverter(params, 25);
    const full = createInverter(params, 25);
    for (const k of ticks) {
      for (const m of [fast, full]) {
        m.cmd.enable = k.enable; m.cmd.powerLimitW = k.powerLimitW; m.faults.failed = k.failed; m.legsWired = k.legs as 1 | 2;
      }
      const e = env({ demandL1W: k.demandL1W, demandL2W: k.demandL2W, linkVoltageV: k.linkVoltageV, coolantTempC: k.coolantTempC });
      for (let i = 0; i < k.reps; i++) {
        fast.step(10, e);
        full.step(10, e, false);
        if (snapshot(fast) !== snapshot(full)) return false;
      }
    }
    return true;
  }), { seed: 42, numRuns: 300 });
});

t.run();
