import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { acSetpoint, bmsLimitAsAcA, type AcLimitInput } from '../../inlet/ac-limits.ts';
import { NACS_INLET } from '../../inlet/presets.ts';

const t = suite('inlet/ac-limits');
const obc = NACS_INLET.obc; // 48 A, 11.5 kW, η 0.93, min 6 A, assumed 277 V

const anAcLimitInput = (o: Partial<AcLimitInput> = {}): AcLimitInput => ({
  offerA: 32, ratingA: 400, pinLimitA: 400, userMaxA: null, acVoltageV: 240,
  bms: { chargeCurrentLimitA: 100, chargePowerLimitW: 50_000, packVoltageV: 380 }, ...o,
});

const ROWS: [string, Partial<AcLimitInput>, number, string][] = [
  ['the offer rules on a 32 A station', {}, 32, 'offer'],
  ['the OBC rating caps an 80 A offer', { offerA: 80 }, 48, 'obc'],
  ['the AC adapter rating ties with the OBC and is named first', { offerA: 80, ratingA: 48 }, 48, 'cable'],
  ['the BMS limit converted through pack V, AC V and η', { bms: { chargeCurrentLimitA: 10, chargePowerLimitW: 50_000, packVoltageV: 380 } }, 17, 'battery'],
  ['the BMS power limit', { bms: { chargeCurrentLimitA: 100, chargePowerLimitW: 4000, packVoltageV: 380 } }, 17.9, 'battery'],
  ['no usable BMS data → 0', { bms: null }, 0, 'battery'],
  ['a BMS limit below the OBC minimum → 0', { bms: { chargeCurrentLimitA: 3, chargePowerLimitW: 50_000, packVoltageV: 380 } }, 0, 'battery'],
  ['the user maximum', { userMaxA: 20 }, 20, 'user'],
  ['the pin-temperature limit', { pinLimitA: 16 }, 16, 'pin-temp'],
  ['AC voltage not yet present: the assumed 277 V lowers the BMS current', { acVoltageV: 0, bms: { chargeCurrentLimitA: 10, chargePowerLimitW: 50_000, packVoltageV: 380 } }, 14.7, 'battery'],
  ['OBC power at 277 V caps an 80 A offer below 48 A', { offerA: 80, acVoltageV: 277 }, 41.5, 'obc'],
  ['OBC power at 208 V leaves the 48 A current rating in force', { offerA: 80, acVoltageV: 208 }, 48, 'obc'],
];
for (const [what, input, setpointA, reason] of ROWS) {
  t(`${what}: ${setpointA} A (${reason})`, () => {
    assert.equal(acSetpoint(obc, anAcLimitInput(input)), { setpointA, reason });
  });
}

t('BMS conversion: 3.8 kW DC at 240 V and η 0.93 is 17.03 A AC', () => {
  const a = bmsLimitAsAcA(obc, { chargeCurrentLimitA: 10, chargePowerLimitW: 1e9, packVoltageV: 380 }, 240);
  assert.ok(Math.abs(a - 3800 / (240 * 0.93)) < 1e-9);
});

t.run();
