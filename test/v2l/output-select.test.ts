// Which output an adapter gets: never more line-to-neutral voltage than it is built for.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { selectOutput } from '../../v2l/output-select.ts';
import { OUTPUT_PRESETS } from '../../v2l/presets.ts';
import { OUTLET_120, SPLIT_DEVICE } from './builders.ts';

const t = suite('v2l output selection');
const EU_230 = { kind: 'v2l' as const, ratedCurrentA: 16, ratedVoltageV: 230, splitPhase: false };

t('split-phase inverter + split-phase device → 240 V split, 9.6 kW, 4.8 kW per leg', () => {
  const o = selectOutput(OUTPUT_PRESETS['240-split'], SPLIT_DEVICE)!;
  assert.equal([o.mode, o.legs, o.inverterPowerW, o.adapterPowerW, o.legLimitW, o.frequencyHz], ['240-split', 2, 9600, 9600, 4800, 60]);
});
t('split-phase inverter + 120 V outlet adapter → 120 V on L1, capped by the adapter', () => {
  const o = selectOutput(OUTPUT_PRESETS['240-split'], OUTLET_120)!;
  assert.equal([o.mode, o.legs, o.inverterPowerW, o.adapterPowerW, o.legLimitW], ['120', 1, 4800, 1920, 1920]);
});
t('120 V inverter + split-phase device → 120 V on L1 only', () => {
  const o = selectOutput(OUTPUT_PRESETS['120'], SPLIT_DEVICE)!;
  assert.equal([o.mode, o.legs, o.inverterPowerW], ['120', 1, 1900]);
});
t('230 V inverter + 230 V adapter → 230 V 50 Hz, 3.6 kW', () => {
  const o = selectOutput(OUTPUT_PRESETS['230'], EU_230)!;
  assert.equal([o.mode, o.legs, o.inverterPowerW, o.frequencyHz], ['230', 1, 3600, 50]);
});
t('230 V inverter + 120 V adapter or split device (120 V per leg) → refused', () => {
  assert.is(selectOutput(OUTPUT_PRESETS['230'], OUTLET_120), null);
  assert.is(selectOutput(OUTPUT_PRESETS['230'], SPLIT_DEVICE), null);
});
t('an adapter with no current rating is refused', () => {
  assert.is(selectOutput(OUTPUT_PRESETS['120'], { ...OUTLET_120, ratedCurrentA: 0 }), null);
});

t.run();
