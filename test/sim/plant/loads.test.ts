import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createLoads } from '../../../sim/plant/loads.ts';
import { LOAD_PROFILES, constantLoadProfile } from '../../../sim/presets/index.ts';
import { createRandom } from '../../../sim/random.ts';
import { near } from './builders.ts';

const t = suite('sim/plant/loads');
const DAY_MS = 24 * 3600_000;

function stats(name: keyof typeof LOAD_PROFILES, seed = 1, stepMs = 1000, spanMs = DAY_MS) {
  const loads = createLoads(LOAD_PROFILES[name], {}, createRandom(seed));
  let energy = 0;
  let peak = 0;
  let running = 0;
  for (let tMs = 0; tMs < spanMs; tMs += stepMs) {
    loads.step(stepMs);
    energy += loads.totalW * stepMs;
    peak = Math.max(peak, loads.totalW);
    if (loads.totalW < 1900 || name !== 'jobsite-tools') running = Math.max(running, loads.totalW);
  }
  return { meanW: energy / spanMs, peak, running };
}

t('house-essentials averages ≈ 0.51 kW over a day (v2l.md §3)', () => {
  near(stats('house-essentials').meanW, 510, 10, 'mean W');
});

t('house-essentials: all running ≤ 1,760 W; motor starts surge above it', () => {
  const s = stats('house-essentials', 1, 100, 4 * 3600_000);
  assert.ok(s.peak > 1760, 'surges');
  assert.ok(s.peak < 6000);
});

t('jobsite-tools: running load stays within 1.9 kW; saw and compressor never run together', () => {
  for (let seed = 1; seed <= 3; seed++) {
    const loads = createLoads(LOAD_PROFILES['jobsite-tools'], {}, createRandom(seed));
    let maxSteady = 0;
    for (let tMs = 0; tMs < 3600_000; tMs += 100) {
      loads.step(100);
      maxSteady = Math.max(maxSteady, loads.totalW);
    }
    assert.ok(maxSteady <= 3000 + 250, 'surge bounded');
  }
  const s = stats('jobsite-tools', 1, 1000);
  assert.ok(s.running <= 1550 + 1e-9, `running ${s.running}`);
  near(s.meanW, 690, 25, 'mean W');
});

t('space-heater and constant loads are constant', () => {
  const loads = createLoads(LOAD_PROFILES['space-heater'], {}, createRandom(1));
  loads.step(1000);
  assert.is(loads.totalW, 1500);
  const c = createLoads(constantLoadProfile(800), { scale: 2 }, createRandom(1));
  c.step(10);
  assert.is(c.totalW, 1600);
});

t('same seed, same demand; loads sit on their legs', () => {
  const a = createLoads(LOAD_PROFILES['house-essentials'], {}, createRandom(4));
  const b = createLoads(LOAD_PROFILES['house-essentials'], {}, createRandom(4));
  for (let i = 0; i < 1000; i++) {
    a.step(1000);
    b.step(1000);
    assert.is(a.l1W, b.l1W);
    assert.is(a.l2W, b.l2W);
  }
});

t('lights follow the evening window of the simulated day', () => {
  const profile = { name: 'l', description: '', loads: [LOAD_PROFILES['house-essentials'].loads[3]!] };
  const loads = createLoads(profile, { startHour: 17 }, createRandom(1));
  loads.step(30 * 60_000);
  assert.is(loads.l2W, 0, '17:30');
  loads.step(60 * 60_000);
  assert.is(loads.l2W, 90, '18:30');
});

t.run();
