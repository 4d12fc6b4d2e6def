// Inverter over-temperature: derate, then trip; reset only after cooling.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_V2L_CONFIG } from '../../v2l/presets.ts';
import { isOverTemperature, mayResetAt, mayStartAt, thermalDerateFraction } from '../../v2l/thermal.ts';

const t = suite('v2l thermal');
const cfg = DEFAULT_V2L_CONFIG.thermal; // derate 80 °C → 0.3 at 95 °C, trip 95 °C, reset ≤ 70 °C

t('full power up to the derate start', () => {
  assert.is(thermalDerateFraction(40, cfg), 1);
  assert.is(thermalDerateFraction(80, cfg), 1);
});
t('linear derate between start and trip', () => {
  assert.ok(Math.abs(thermalDerateFraction(87.5, cfg) - 0.65) < 1e-12);
  assert.ok(thermalDerateFraction(94.9, cfg) > 0.3);
});
t('trip at 95 °C, not at 94.9 °C', () => {
  assert.not.ok(isOverTemperature(94.9, cfg));
  assert.ok(isOverTemperature(95, cfg));
  assert.is(thermalDerateFraction(95, cfg), 0.3);
});
t('a start needs the stage below the derate; a reset needs it at or below 70 °C', () => {
  assert.ok(mayStartAt(79.9, cfg));
  assert.not.ok(mayStartAt(80, cfg));
  assert.ok(mayResetAt(70, cfg));
  assert.not.ok(mayResetAt(70.1, cfg));
});

t.run();
