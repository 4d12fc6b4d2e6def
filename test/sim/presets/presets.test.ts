import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ADAPTERS, CHARGER_PRESETS, DC_CHARGERS, LOAD_PRESETS, VEHICLE_PRESETS, adapterPreset, loadPreset, stationPreset, vehiclePreset,
} from '../../../sim/presets/index.ts';

const t = suite('sim/presets');

t('every public name resolves', () => {
  assert.equal([...VEHICLE_PRESETS], ['car-400v', 'car-800v']);
  assert.equal([...CHARGER_PRESETS], [
    'supercharger-v3', 'supercharger-v4', 'hpc-350', 'dcfc-150', 'dcfc-50', 'ac-l2-48', 'ac-l2-32', 'ac-l2-16', 'ac-l1-12',
  ]);
  for (const name of CHARGER_PRESETS) assert.ok(stationPreset(name) !== null, name);
  for (const name of ['nacs-to-ccs1-dc', 'j1772-to-nacs-ac', 'v2l'] as const) assert.is(adapterPreset(name).name, name);
  assert.equal([...LOAD_PRESETS], ['house-essentials', 'jobsite-tools', 'space-heater']);
  for (const name of LOAD_PRESETS) assert.is(loadPreset(name).name, name);
});

t('DC profiles carry chargers.md §1 limits', () => {
  const v3 = DC_CHARGERS['supercharger-v3'];
  assert.equal([v3.minVoltageV, v3.maxVoltageV, v3.maxPowerW, v3.connector], [50, 500, 250_000, 'nacs']);
  assert.ok(v3.maxCurrentA >= 615 && v3.maxCurrentA <= 700);
  const v4 = DC_CHARGERS['supercharger-v4'];
  assert.equal([v4.maxVoltageV, v4.maxCurrentA, v4.maxPowerW], [1000, 615, 500_000]);
  assert.equal([DC_CHARGERS['hpc-350'].minVoltageV, DC_CHARGERS['hpc-350'].maxVoltageV, DC_CHARGERS['hpc-350'].maxCurrentA], [150, 920, 500]);
  assert.is(DC_CHARGERS['dcfc-150'].maxCurrentA, 350);
  assert.is(DC_CHARGERS['dcfc-50'].maxCurrentA, 125);
});

t('scenario overrides and quirks reach the station', () => {
  const s = stationPreset('hpc-350', { maxCurrentA: 300, maxPowerKw: 200, quirks: { shutdownAtS: 60 } });
  assert.ok(s !== null && s.kind === 'dc');
  if (s?.kind !== 'dc') return;
  assert.is(s.profile.maxCurrentA, 300);
  assert.is(s.profile.maxPowerW, 200_000);
  assert.equal(s.quirks, { shutdownAtS: 60 });
  assert.is(DC_CHARGERS['hpc-350'].maxCurrentA, 500, 'the preset itself is untouched');
  const ac = stationPreset('ac-l2-48', { maxCurrentA: 32 });
  assert.ok(ac?.kind === 'ac' && ac.profile.maxCurrentA === 32);
});

t('vehicle options: boost converter on the 800 V car by default, its power, a capacity scale', () => {
  assert.ok(vehiclePreset('car-800v').boost !== null);
  assert.is(vehiclePreset('car-800v', { boostConverter: false }).boost, null);
  assert.is(vehiclePreset('car-800v', { boostMaxPowerKw: 225 }).boost?.maxPowerW, 225_000);
  assert.is(vehiclePreset('car-400v', { capacityScale: 0.9 }).pack.groupCapacityAh, 216 * 0.9);
  assert.is(vehiclePreset('car-400v').pack.groupCapacityAh, 216, 'presets are not shared mutable objects');
});

t('adapters per pilot.md §6: resistors and ratings', () => {
  assert.equal([ADAPTERS['nacs-to-ccs1-dc'].seriesOhm, ADAPTERS['nacs-to-ccs1-dc'].ratingA], [150, 400]);
  assert.equal([ADAPTERS['j1772-to-nacs-ac'].seriesOhm, ADAPTERS['j1772-to-nacs-ac'].ratingA], [680, 48]);
  assert.equal([ADAPTERS.v2l.fixedOhm, ADAPTERS.v2l.ratingA, ADAPTERS.v2l.ratingV], [2200, 16, 120]);
});

t('unknown names are errors that list the known ones', () => {
  assert.throws(() => stationPreset('hpc-999' as never), /known: supercharger-v3/);
  assert.throws(() => adapterPreset('nope' as never), /known: nacs-to-ccs1-dc/);
  assert.throws(() => loadPreset('nope' as never), /known: house-essentials/);
});

t.run();
