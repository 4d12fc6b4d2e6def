// Ground-fault trip threshold (reference/v2l.md §2 PD 5 mA, UL 943 Class A 4–6 mA window).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isGroundFault, leakageCleared } from '../../v2l/ground-fault.ts';
import type { InverterFeedback } from '../../v2l/types.ts';

const t = suite('v2l ground fault');
const fb = (leakageMa: number, tripReason: InverterFeedback['tripReason'] = null): InverterFeedback => ({
  state: 'running', legVoltageV: [120, 120], legLoadW: [0, 0], leakageMa, temperatureC: 40, frequencyHz: 60, tripReason,
});

t('below 4 mA never trips (UL 943 must-not-trip)', () => assert.not.ok(isGroundFault(fb(3.9), 5)));
t('4.9 mA does not trip', () => assert.not.ok(isGroundFault(fb(4.9), 5)));
t('5.0 mA trips', () => assert.ok(isGroundFault(fb(5.0), 5)));
t('6 mA and above trip (UL 943 must-trip)', () => assert.ok(isGroundFault(fb(6), 5)));
t("the inverter's own GFCI trip counts", () => assert.ok(isGroundFault(fb(0, 'ground-fault'), 5)));
t('reset needs the leakage gone', () => {
  assert.not.ok(leakageCleared(fb(5), 5));
  assert.ok(leakageCleared(fb(1), 5));
});

t.run();
