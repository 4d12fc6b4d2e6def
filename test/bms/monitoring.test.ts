import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { monitor, sensorStatus } from '../../bms/monitoring.ts';
import { pack400v, pack800v } from '../../bms/presets.ts';
import { aBmsInput, aCells } from './builders.ts';

const t = suite('bms/monitoring');
const NOW = 10_000;

t('finds min, max and mean with their location over every cell and sensor', () => {
  const cells = aCells(pack800v, { cellV: 3.7, tempC: 25 });
  cells.voltageV[17] = 3.61;
  cells.voltageV[190] = 3.79;
  cells.tempC[3] = 18;
  cells.tempC[60] = 31;
  const s = monitor(aBmsInput({ cfg: pack800v, cells }), pack800v, NOW);
  assert.is(s.cellVoltageMinV, 3.61);
  assert.is(s.cellVoltageMinIndex, 17);
  assert.is(s.cellVoltageMaxV, 3.79);
  assert.is(s.cellVoltageMaxIndex, 190);
  assert.ok(Math.abs(s.cellVoltageMeanV - (3.7 * 190 + 3.61 + 3.79) / 192) < 1e-12);
  assert.is(s.cellTempMinC, 18);
  assert.is(s.cellTempMinIndex, 3);
  assert.is(s.cellTempMaxC, 31);
  assert.is(s.cellTempMaxIndex, 60);
  assert.is(s.invalidCells, 0);
  assert.is(s.invalidTemps, 0);
});

t('open, shorted, codec-invalid and stale readings are invalid and left out of the extremes', () => {
  const cells = aCells(pack400v, { cellV: 3.7, rxMs: NOW });
  cells.voltageV[0] = 0.02; // open sense line
  cells.voltageV[1] = 5.4; // shorted to the neighbour
  cells.voltageValid[2] = 0; // bad CRC
  cells.voltageV[2] = 4.6;
  cells.voltageRxMs[3] = NOW - 501; // stale
  cells.voltageV[3] = 2.0;
  cells.tempC[0] = -55; // open NTC
  cells.tempC[1] = 150; // shorted NTC
  cells.tempRxMs[2] = NOW - 3001;
  const s = monitor(aBmsInput({ cells }), pack400v, NOW);
  assert.is(s.invalidCells, 4);
  assert.is(s.cellVoltageMinV, 3.7);
  assert.is(s.cellVoltageMaxV, 3.7);
  assert.is(s.invalidTemps, 3);
  assert.is(s.cellTempMinC, 25);
});

t('a real over-voltage or deep discharge stays visible (inside the sensor range)', () => {
  const cells = aCells(pack400v);
  cells.voltageV[5] = 4.6;
  cells.voltageV[6] = 1.8;
  const s = monitor(aBmsInput({ cells }), pack400v, NOW);
  assert.is(s.invalidCells, 0);
  assert.is(s.cellVoltageMaxV, 4.6);
  assert.is(s.cellVoltageMinV, 1.8);
});

t('with no valid reading the extremes are unknown', () => {
  const cells = aCells(pack400v);
  cells.voltageValid.fill(0);
  cells.tempValid.fill(0);
  const s = monitor(aBmsInput({ cells }), pack400v, NOW);
  assert.ok(Number.isNaN(s.cellVoltageMaxV) && Number.isNaN(s.cellVoltageMinV) && Number.isNaN(s.cellTempMaxC));
  assert.is(s.cellVoltageMaxIndex, -1);
});

t('scalars become NaN when invalid or stale; the pack voltage falls back to the sum of cells', () => {
  const input = aBmsInput({ currentValid: false, cellV: 3.7 });
  const stale = { ...input, packVoltageV: { value: 999, valid: true, ageMs: 5000 } };
  const s = monitor(stale, pack400v, NOW);
  assert.ok(Number.isNaN(s.currentA));
  assert.ok(Number.isNaN(s.packVoltageV));
  assert.ok(Math.abs(s.packVoltageBestV - 3.7 * 96) < 1e-9);
});

t('stale contactor feedback reads as unknown for every contactor', () => {
  const input = aBmsInput({ feedback: { mainPos: 'closed' } });
  const s = monitor({ ...input, contactorFeedback: { ...input.contactorFeedback, ageMs: 1000 } }, pack400v, NOW);
  assert.is(s.feedback.mainPos, 'unknown');
  assert.is(s.feedback.obcRelay, 'unknown');
});

t('arrays of the wrong size are a programmer error', () => {
  assert.throws(() => monitor(aBmsInput({ cfg: pack800v }), pack400v, NOW), /96/);
});

t('sensorStatus explains a reading for dashboards', () => {
  assert.is(sensorStatus(3.7, 1, NOW, 0.5, 5, 500, NOW), 'ok');
  assert.is(sensorStatus(3.7, 0, NOW, 0.5, 5, 500, NOW), 'codecInvalid');
  assert.is(sensorStatus(3.7, 1, NOW - 600, 0.5, 5, 500, NOW), 'stale');
  assert.is(sensorStatus(0.1, 1, NOW, 0.5, 5, 500, NOW), 'belowRange');
  assert.is(sensorStatus(5.5, 1, NOW, 0.5, 5, 500, NOW), 'aboveRange');
});

t.run();
