// EVMaximumVoltageLimit with margin, EVTargetVoltage clamped (invariant 4), cable-check voltage.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DC_CONFIG_DEFAULT, announcedMaxVoltageV, clampTargetVoltageV } from '../../../inlet/dc/index.ts';
import { cableCheckVoltageV, rawTargetVoltageV } from '../../../inlet/dc/voltage-request.ts';

const t = suite('dc voltage request');
const cfg = DC_CONFIG_DEFAULT.voltage;
const direct = { path: 'direct' as const, busVoltageV: null, boostMaxInputVoltageV: 500 };

t('EVMaximumVoltageLimit: 410 V for a 403.2 V pack, 820 V for an 806.4 V pack (cells.md §5)', () => {
  assert.is(announcedMaxVoltageV({ ...direct, packVoltageV: 393, packMaxVoltageV: 403.2 }, cfg), 410);
  assert.is(announcedMaxVoltageV({ ...direct, packVoltageV: 700, packMaxVoltageV: 806.4 }, cfg), 820);
});

t('a preset announce value is used, but never closer than the headroom above the present pack voltage', () => {
  assert.is(announcedMaxVoltageV({ ...direct, packVoltageV: 350, packMaxVoltageV: 403.2, announceMaxVoltageV: 415 }, cfg), 415);
  assert.is(announcedMaxVoltageV({ ...direct, packVoltageV: 405, packMaxVoltageV: 403.2, announceMaxVoltageV: 410 }, cfg), 415);
});

t('boost: announced on the inlet bus, within the converter rating', () => {
  assert.is(announcedMaxVoltageV({ path: 'boost', busVoltageV: 490, boostMaxInputVoltageV: 500, packVoltageV: 700, packMaxVoltageV: 806.4 }, cfg), 500);
  assert.is(announcedMaxVoltageV({ path: 'boost', busVoltageV: 440, boostMaxInputVoltageV: 500, packVoltageV: 700, packMaxVoltageV: 806.4 }, cfg), 450);
});

t('EVTargetVoltage ≤ EVMaximumVoltageLimit − 1 V and ≤ the pack maximum (invariant 4)', () => {
  assert.is(clampTargetVoltageV(403.2, 410, 403.2, cfg), 403.2);
  assert.is(clampTargetVoltageV(420, 410, 450, cfg), 409);
  assert.is(clampTargetVoltageV(420, 500, 403.2, cfg), 403.2);
  assert.is(clampTargetVoltageV(Number.NaN, 410, 403.2, cfg), 0);
  assert.is(clampTargetVoltageV(350, Number.NaN, 403.2, cfg), 0);
});

t('targets: precharge to the pack, charge at the pack CV voltage (not above the charger), boost at the bus', () => {
  const base = { path: 'direct' as const, packVoltageV: 350, packMaxVoltageV: 403.2, busVoltageV: null, evseMaxVoltageV: 920 };
  assert.is(rawTargetVoltageV({ ...base, stage: 'precharge' }), 350);
  assert.is(rawTargetVoltageV({ ...base, stage: 'charge' }), 403.2);
  assert.is(rawTargetVoltageV({ ...base, stage: 'charge', evseMaxVoltageV: 400 }), 400);
  assert.is(rawTargetVoltageV({ ...base, path: 'boost', busVoltageV: 490, stage: 'charge' }), 490);
});

t('cable-check voltage per IEC 61851-23 CC.4.1.2 as EVerest codes it', () => {
  assert.is(cableCheckVoltageV(410, 920), 460);
  assert.is(cableCheckVoltageV(480, 920), 500);
  assert.ok(Math.abs(cableCheckVoltageV(820, 920) - 902) < 1e-9);
  assert.is(cableCheckVoltageV(820, 500), 500);
});

t.run();
