import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseStartArgs, UsageError } from '../../../vehicle/app/args.ts';

const t = suite('npm start options and start-up errors');

t('defaults: the demo at 60×, dashboard on, seed 1', () => {
  assert.equal(parseStartArgs([]), { speed: 60, once: false, configFile: undefined, can: undefined, dashboard: true, recordDir: undefined, seed: 1, help: false });
});

t('every option', () => {
  const a = parseStartArgs(['--speed', 'max', '--once', '--config', 'car.json', '--no-dashboard', '--record', 'rec', '--seed', '7']);
  assert.equal([a.speed, a.once, a.configFile, a.dashboard, a.recordDir, a.seed], ['max', true, 'car.json', false, 'rec', 7]);
  assert.is(parseStartArgs(['--speed', '2.5']).speed, 2.5);
  assert.is(parseStartArgs(['--can', 'vcan0']).can, 'vcan0');
});

t('bad options say what is wrong', () => {
  const bad = (argv: string[], why: RegExp) => assert.throws(() => parseStartArgs(argv), (e: Error) => e instanceof UsageError && why.test(e.message));
  bad(['--speed', '0'], /--speed: "0" must be a number above 0/);
  bad(['--speed'], /--speed needs a value/);
  bad(['--seed', '-1'], /--seed/);
  bad(['--frobnicate'], /unknown option "--frobnicate"/);
  bad(['--can', 'can0', '--once'], /--once is for the demo/);
});

t('a bad config file stops the start with exit code 2 and names the key', () => {
  const dir = mkdtempSync(join(tmpdir(), 'packpilot-args-'));
  const file = join(dir, 'car.json');
  writeFileSync(file, JSON.stringify({ preset: 'car-800v', shell: { tickMs: 500 } }));
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'vehicle/main.ts', '--config', file, '--no-dashboard'], { encoding: 'utf8' });
  assert.is(r.status, 2);
  assert.match(r.stderr, /shell\.tickMs: 500 must be 1…100 ms/);
});

t.run();
