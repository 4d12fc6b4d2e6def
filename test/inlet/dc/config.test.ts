// The shipped presets are valid; a bad value is reported with its key.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DC_CONFIG_800V_BOOST, DC_CONFIG_DEFAULT, DC_PHASES, validateDcConfig } from '../../../inlet/dc/index.ts';

const t = suite('dc config');

t('the presets are valid and time every phase', () => {
  assert.equal(validateDcConfig(DC_CONFIG_DEFAULT), []);
  assert.equal(validateDcConfig(DC_CONFIG_800V_BOOST), []);
  assert.equal(Object.keys(DC_CONFIG_DEFAULT.phases).sort(), [...DC_PHASES].sort());
});

t('a bad value names its key', () => {
  const bad = {
    ...DC_CONFIG_DEFAULT,
    current: { ...DC_CONFIG_DEFAULT.current, rampUpAPerS: 0 },
    voltage: { ...DC_CONFIG_DEFAULT.voltage, targetBelowMaxV: 0.5 },
    phases: { ...DC_CONFIG_DEFAULT.phases, cableCheck: { responseTimeoutMs: -1, budgetMs: 60_000 } },
    boost: { ...DC_CONFIG_800V_BOOST.boost, efficiency: 1.2 },
  };
  const problems = validateDcConfig(bad).join('\n');
  assert.match(problems, /dc\.current\.rampUpAPerS/);
  assert.match(problems, /dc\.voltage\.targetBelowMaxV/);
  assert.match(problems, /dc\.phases\.cableCheck\.responseTimeoutMs/);
  assert.match(problems, /dc\.boost\.efficiency/);
});

t.run();
