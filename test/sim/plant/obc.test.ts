import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { createObc } from '../../../sim/plant/obc.ts';
import { vehiclePreset } from '../../../sim/presets/index.ts';
import { near, run, exactSnapshot as snapshot } from './builders.ts';

const t = suite('sim/plant/obc');
const env = { acVoltageV: 240, linkVoltageV: 360 };

t('ramps to the setpoint at 10 A/s, capped at 48 A / 11.5 kW, 93 % efficient', () => {
  const obc = createObc(vehiclePreset('car-400v').obc);
  obc.cmd.enable = true;
  obc.cmd.acCurrentSetpointA = 80;
  run(1000, 10, () => obc.step(10, env));
  near(obc.acCurrentA, 10, 0.01, 'after 1 s');
  run(10_000, 10, () => obc.step(10, env));
  near(obc.acCurrentA, 11_500 / 240, 0.01, 'power cap');
  near(obc.dcPowerW, 11_500 * 0.93, 1, 'DC out');
  near(obc.dcCurrentA, (11_500 * 0.93) / 360, 0.01, 'DC current');
  assert.is(obc.status, 'running');
});

t('losing AC stops the draw at once; disabled it is off', () => {
  const obc = createObc(vehiclePreset('car-400v').obc);
  obc.cmd.enable = true;
  obc.cmd.acCurrentSetpointA = 16;
  run(3000, 10, () => obc.step(10, env));
  obc.step(10, { ...env, acVoltageV: 0 });
  assert.is(obc.acCurrentA, 0);
  assert.is(obc.status, 'waitingAc');
  obc.cmd.enable = false;
  obc.step(10, env);
  assert.is(obc.status, 'off');
});


t('off shortcut: disabled gives exactly the general step, and ends when enabled', () => {
  const fast = createObc(vehiclePreset('car-400v').obc);
  const full = createObc(vehiclePreset('car-400v').obc);
  for (const e of [env, { acVoltageV: 0, linkVoltageV: 0 }, { acVoltageV: 120, linkVoltageV: 900 }]) {
    fast.step(10, e);
    full.step(10, e, false);
    assert.is(snapshot(fast), snapshot(full));
  }
  fast.cmd.enable = full.cmd.enable = true;
  fast.cmd.acCurrentSetpointA = full.cmd.acCurrentSetpointA = 16;
  fast.step(10, env);
  full.step(10, env, false);
  assert.is(fast.status, 'running');
  assert.ok(fast.acCurrentA > 0);
  assert.is(snapshot(fast), snapshot(full));
});

t('off shortcut: any sequence of commands, faults and voltages matches the general step (property)', () => {
  const tick = fc.record({
    enable: fc.boolean(), setpointA: fc.constantFrom(0, 6, 32, 80), failed: fc.boolean(),
    acVoltageV: fc.constantFrom(0, -0, 90, 120, 240, -1, Infinity, NaN), linkVoltageV: fc.constantFrom(0, 200, 360, 900), reps: fc.integer({ min: 1, max: 30 }),
  });
  fc.assert(fc.property(fc.array(tick, { maxLength: 20 }), (ticks) => {
    const fast = createObc(vehiclePreset('car-400v').obc);
    const full = createObc(vehiclePreset('car-400v').obc);
    for (const k of ticks) {
      for (const m of [fast, full]) {
        m.cmd.enable = k.enable; m.cmd.acCurrentSetpointA = k.setpointA; m.faults.failed = k.failed;
      }
      const e = { acVoltageV: k.acVoltageV, linkVoltageV: k.linkVoltageV };
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
