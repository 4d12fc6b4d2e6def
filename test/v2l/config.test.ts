// The configuration checker names the key that is wrong.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { v2lConfigProblems } from '../../v2l/config.ts';
import { DEFAULT_V2L_CONFIG, OUTPUT_PRESETS, v2lConfigFor } from '../../v2l/presets.ts';

const t = suite('v2l config');

t('the defaults and every output preset are valid', () => {
  assert.equal(v2lConfigProblems(DEFAULT_V2L_CONFIG), []);
  for (const mode of Object.keys(OUTPUT_PRESETS) as (keyof typeof OUTPUT_PRESETS)[]) {
    assert.equal(v2lConfigProblems(v2lConfigFor(mode)), [], mode);
  }
});
t('230 V preset: 50 Hz, 3.6 kW', () => {
  assert.equal([v2lConfigFor('230').output.frequencyHz, v2lConfigFor('230').output.ratedPowerW], [50, 3600]);
});
t('bad values are named', () => {
  const bad = {
    ...DEFAULT_V2L_CONFIG,
    efficiency: 1.2,
    overload: { ...DEFAULT_V2L_CONFIG.overload, curve: [{ ratio: 1.5, tripS: 2 }, { ratio: 2, tripS: 0.5 }] },
    floor: { ...DEFAULT_V2L_CONFIG.floor, defaultPct: 25 },
    thermal: { ...DEFAULT_V2L_CONFIG.thermal, resetBelowC: 90 },
  };
  const p = v2lConfigProblems(bad).join('\n');
  for (const key of ['efficiency', 'overload.curve[1]', 'floor.defaultPct', 'thermal']) assert.ok(p.includes(key), `${key} in:\n${p}`);
});

t.run();
