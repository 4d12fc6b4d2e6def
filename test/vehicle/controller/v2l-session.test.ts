// Whole-stack V2L: the outlet adapter with household loads, the driver's request on the HMI,
// supply within seconds, a runtime estimate on HMI_Status, and no supply at the SOC floor.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { aStack } from './stack.ts';

const t = suite('vehicle/controller: V2L through the whole stack');

t('V2L adapter and house loads: supplying within 10 s of the request, runtime estimate shown, unplug refused while locked', () => {
  const s = aStack({ vehicle: 'car-800v', charger: null, adapter: 'v2l', load: 'house-essentials', initial: { socPct: 80, cellTempC: 25 } });
  s.car.plug();
  s.run(1_000);
  s.car.hmi({ v2l: 'on', v2lFloorPct: 20 });
  const ms = s.runUntil((x) => x.view().v2l.state === 'supplying' && x.truth().v2lOn, 10_000);
  assert.ok(ms < 10_000, `not supplying (V2L ${s.view().v2l.state}, refusal ${s.view().v2l.refusal?.code ?? '-'})`);
  s.run(5_000);
  assert.ok(s.truth().v2lOutputW > 0 && s.truth().packCurrentA < 0, 'the pack feeds the loads');
  assert.ok(s.view().v2l.runtime !== null, 'runtime estimate');
  const shownMin = s.controller.txValues('HMI_Status')?.HMI_V2lRuntime;
  assert.ok(shownMin !== undefined && shownMin > 60 && shownMin < 8191, `HMI_V2lRuntime ${shownMin} min`);
  assert.not.ok(s.car.unplug(), 'the adapter is locked while supplying');
  s.car.hmi({ v2l: 'off' });
  assert.ok(s.runUntil((x) => x.view().v2l.state === 'off' && !x.truth().v2lOn, 5_000) < 5_000);
  assert.equal(s.violations, []);
});

t('at the SOC floor V2L is refused with its reason', () => {
  const s = aStack({ vehicle: 'car-800v', charger: null, adapter: 'v2l', load: 'space-heater', initial: { socPct: 20.2, cellTempC: 25 } });
  s.car.plug();
  s.run(1_000);
  s.car.hmi({ v2l: 'on', v2lFloorPct: 20 });
  s.run(3_000);
  assert.is(s.view().v2l.refusal?.code, 'soc-at-floor');
  assert.not.ok(s.truth().v2lOn);
  assert.equal(s.violations, []);
});

t.run();
