// Every refusal reason, as a table: one fact changed from a healthy parked car → the reason.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { findRefusal } from '../../v2l/preconditions.ts';
import { DEFAULT_V2L_CONFIG, v2lConfigFor } from '../../v2l/presets.ts';
import type { RefusalCode } from '../../v2l/types.ts';
import { aV2lInput, OUTLET_120, type InputOptions } from './builders.ts';

const t = suite('v2l preconditions');
const FLOOR = 20;
const none = { kind: 'none', ratedCurrentA: 0, ratedVoltageV: 0, splitPhase: false } as const;

const START_ROWS: [string, InputOptions, RefusalCode][] = [
  ['V2H through the DC pins', { config: { ...DEFAULT_V2L_CONFIG, exportPath: 'dc-pins' } }, 'export-path-unsupported'],
  ['nothing plugged', { adapter: none }, 'no-adapter'],
  ['PP out of every band', { adapter: { ...none, kind: 'unknown' } }, 'adapter-unknown'],
  ['PP decoding stale', { adapterAgeMs: 600 }, 'adapter-unknown'],
  ['a charge cable', { adapter: { kind: 'other', ratedCurrentA: 48, ratedVoltageV: 240, splitPhase: false } }, 'adapter-not-v2l'],
  ['a 120 V adapter on a 230 V car', { config: v2lConfigFor('230'), adapter: OUTLET_120 }, 'adapter-incompatible'],
  ['gear frame invalid', { vehicleValid: false }, 'vehicle-data-invalid'],
  ['gear frame stale', { vehicleAgeMs: 600 }, 'vehicle-data-invalid'],
  ['in Drive', { gear: 'D' }, 'not-in-park'],
  ['in Reverse', { gear: 'R' }, 'not-in-park'],
  ['in Neutral', { gear: 'N' }, 'not-in-park'],
  ['rolling in Park', { speedKph: 2 }, 'vehicle-moving'],
  ['speed unknown', { speedKph: NaN }, 'vehicle-moving'],
  ['charging', { chargingActive: true }, 'charging-active'],
  ['isolation fault', { blockingFault: 'ISO' }, 'blocking-fault'],
  ['BMS frame invalid', { bmsValid: false }, 'battery-data-invalid'],
  ['SOC unknown', { socPct: NaN }, 'battery-data-invalid'],
  ['SOC at the floor', { socPct: 20 }, 'soc-at-floor'],
  ['SOC within the restart margin', { socPct: 21 }, 'soc-at-floor'],
  ['discharge limit near zero (cold pack)', { dischargeCurrentLimitA: 0.4 }, 'battery-limit-low'],
  ['inverter tripped by itself', { inverterState: 'tripped', tripReason: 'overload' }, 'inverter-fault'],
  ['inverter hardware fault', { inverterState: 'fault' }, 'inverter-fault'],
  ['leakage already present', { leakageMa: 6 }, 'ground-fault'],
  ['leakage unknown (SNA)', { leakageMa: NaN }, 'inverter-unavailable'],
  ['inverter temperature unknown (SNA)', { temperatureC: NaN }, 'inverter-unavailable'],
  ['inverter hot', { temperatureC: 80 }, 'inverter-hot'],
];

for (const [name, o, code] of START_ROWS) {
  t(`start refused: ${name} → ${code}`, () => {
    const r = findRefusal(aV2lInput(o), FLOOR, 'start');
    assert.is(r?.code, code);
    assert.ok((r?.text.length ?? 0) > 10, 'a text the HMI can show');
  });
}

t('a healthy parked car with a V2L device may start', () => {
  assert.is(findRefusal(aV2lInput(), FLOOR, 'start'), null);
  assert.is(findRefusal(aV2lInput({ socPct: 21.01 }), FLOOR, 'start'), null);
});

t('while running: SOC just above the floor goes on; at it stops; open contactors stop', () => {
  assert.is(findRefusal(aV2lInput({ socPct: 20.01 }), FLOOR, 'run'), null);
  assert.is(findRefusal(aV2lInput({ socPct: 20 }), FLOOR, 'run')?.code, 'soc-at-floor');
  assert.is(findRefusal(aV2lInput({ contactorsClosed: false }), FLOOR, 'run')?.code, 'battery-disconnected');
  assert.is(findRefusal(aV2lInput({ contactorsClosed: false }), FLOOR, 'start'), null, 'Checking waits for them');
});

t('while running, inverter trouble is a trip, not a refusal', () => {
  assert.is(findRefusal(aV2lInput({ leakageMa: 9, temperatureC: 99, inverterState: 'fault' }), FLOOR, 'run'), null);
});

t('the first failing reason is the one a user fixes first', () => {
  assert.is(findRefusal(aV2lInput({ adapter: none, gear: 'D', chargingActive: true }), FLOOR, 'start')?.code, 'no-adapter');
  assert.is(findRefusal(aV2lInput({ gear: 'D', socPct: 10 }), FLOOR, 'start')?.code, 'not-in-park');
});

t('a refusal text carries its detail', () => {
  assert.match(findRefusal(aV2lInput({ socPct: 20 }), FLOOR, 'start')!.text, /20\.0 %, limit 20 %/);
});

t.run();
