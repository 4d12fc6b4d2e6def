import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { validateBmsConfig } from '../../bms/config-check.ts';
import { pack400v, pack400vLfp, pack800v } from '../../bms/presets.ts';
import { createBmsState } from '../../bms/step.ts';
import type { BmsConfig } from '../../bms/config.ts';

const t = suite('bms/config-check');

t('the presets are valid', () => {
  assert.equal(validateBmsConfig(pack400v), []);
  assert.equal(validateBmsConfig(pack800v), []);
  assert.equal(validateBmsConfig(pack400vLfp), []);
});

t('presets carry the cells.md §5 packs', () => {
  assert.is(pack400v.pack.seriesCells, 96);
  assert.is(pack400v.pack.nominalCapacityAh, 216);
  assert.is(pack800v.pack.seriesCells, 192);
  assert.is(pack800v.pack.nominalCapacityAh, 111);
});

t('problems name their key', () => {
  const broken: BmsConfig = {
    ...pack400v,
    chemistry: {
      ...pack400v.chemistry,
      cellVoltageHighV: { ...pack400v.chemistry.cellVoltageHighV, recommended: 4.3 },
      ocvVBySocPct: { xs: [0, 50, 40], ys: [3, 3.5, 4] },
    },
    monitoring: { ...pack400v.monitoring, cellVoltageSensorMaxV: 4.2 },
    faults: [...pack400v.faults, { ...pack400v.faults[0]!, severity: 'warning' }],
  };
  const problems = validateBmsConfig(broken);
  for (const key of ['chemistry.cellVoltageHighV', 'chemistry.ocvVBySocPct.xs', 'monitoring.cellVoltageSensorMaxV', 'faults: duplicate id cellOvervoltage', 'faults.cellOvervoltage: critical']) {
    assert.ok(problems.some((p) => p.startsWith(key)), `missing ${key} in ${problems.join(' | ')}`);
  }
  assert.throws(() => createBmsState(broken), /bms config/);
});

t.run();
