import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCarConfig, loadCarConfigFile, ConfigError } from '../../../vehicle/config/load-config.ts';
import { CAR_PRESETS } from '../../../vehicle/config/car-config.ts';

const t = suite('car configuration');

function problemsOf(json: unknown): string[] {
  try {
    buildCarConfig(json, 'car.json');
  } catch (err) {
    assert.instance(err, ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('expected the configuration to be refused');
}

t('both presets are valid as they are', () => {
  assert.is(buildCarConfig({ preset: 'car-400v' }).bms.pack.seriesCells, 96);
  assert.is(buildCarConfig({ preset: 'car-800v' }).bms.pack.seriesCells, 192);
});

t('overrides replace only what they name', () => {
  const c = buildCarConfig({ preset: 'car-800v', name: 'mule', shell: { dashboard: { port: 9000 } } });
  assert.is(c.name, 'mule');
  assert.is(c.shell.dashboard.port, 9000);
  assert.is(c.shell.dashboard.host, CAR_PRESETS['car-800v'].shell.dashboard.host);
  assert.is(CAR_PRESETS['car-800v'].shell.dashboard.port, 8090, 'the preset itself is untouched');
});

t('an unknown key is named with the keys allowed there', () => {
  assert.equal(problemsOf({ shell: { dashboard: { prot: 1 } } }), ['shell.dashboard.prot: unknown key; allowed: host, port, token']);
  assert.match(problemsOf({ colour: 'red' })[0]!, /^colour: unknown key; allowed: preset, name, bms/);
});

t('a value of the wrong kind is named with what was given', () => {
  assert.equal(problemsOf({ shell: { tickMs: '10' } }), ['shell.tickMs: expected a number, got "10"']);
});

t('an unknown preset lists the presets', () => {
  assert.equal(problemsOf({ preset: 'car-600v' }), ['preset: "car-600v" is not one of car-400v, car-800v']);
});

t('domain rules are checked after the overlay, naming the key and the value', () => {
  const problems = problemsOf({ preset: 'car-800v', bms: { pack: { seriesCells: 300 } }, shell: { v2lFloorPct: 25 } });
  assert.ok(problems.includes('bms.pack.seriesCells: 300 exceeds the 192 cells the CAN contract carries'), problems.join('\n'));
  assert.ok(problems.includes('shell.v2lFloorPct: 25 must be one of 20, 30, 40, 50, 60, 70, 80 %'), problems.join('\n'));
});

t('the EV maximum voltage must stay above the pack maximum', () => {
  const problems = problemsOf({ preset: 'car-400v', shell: { announceMaxVoltageV: 400 } });
  assert.match(problems[0]!, /^shell.announceMaxVoltageV: 400 V must be above the pack's maximum 403.2 V/);
});

t('a file that is not JSON names the file', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'packpilot-cfg-')), 'car.json');
  writeFileSync(path, '{ "preset": ');
  assert.throws(() => loadCarConfigFile(path), (e: Error) => e.message.startsWith(`${path}: the configuration is not valid`) && /not valid JSON/.test(e.message));
});

t.run();
