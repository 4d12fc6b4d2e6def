// `npm run sim -- run FILE|FOLDER`: exit codes, the matrix, --json and --plot (one process each).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const ROOT = join(import.meta.dirname, '../../..');
const t = suite('sim CLI');

function sim(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'sim/cli.ts'), ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A V2L-adapter scenario of a few simulated seconds. */
function aScenarioFile(dir: string, name: string, expect: Record<string, unknown> = {}): string {
  const path = join(dir, `${name}.json`);
  writeFileSync(path, JSON.stringify({
    name, vehicle: 'car-400v', initial: { socPct: 50 }, charger: null, adapter: 'v2l',
    events: [{ atS: 1, do: 'plug' }], stop: { timeS: 3 }, expect: { violationCount: { equals: 0 }, ...expect },
  }));
  return path;
}

t('a bad scenario file exits 2 naming the file and the field', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sim-cli-'));
  try {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ name: 'x', vehicle: 'car-400v', initial: { socPct: 150 }, stop: { timeS: 1 } }));
    const r = sim('run', bad);
    assert.is(r.status, 2);
    assert.match(r.stderr, /bad\.json/);
    assert.match(r.stderr, /initial\.socPct/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

t('a folder runs as a matrix; --json writes an array, --plot one SVG per scenario; a failed expectation exits 1', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sim-cli-'));
  try {
    const folder = join(dir, 'scenarios');
    mkdirSync(folder);
    aScenarioFile(folder, 'a-plugged');
    aScenarioFile(folder, 'b-wrong', { 'finalState.plugged': { equals: false } });
    const r = sim('run', folder, '--json', join(dir, 'out.json'), '--plot', join(dir, 'plots'));
    assert.is(r.status, 1, r.stderr);
    assert.match(r.stdout, /a-plugged\s+ok/);
    assert.match(r.stdout, /b-wrong\s+FAIL .*finalState\.plugged/);
    assert.match(r.stdout, /1 of 2 scenarios ok/);
    const results = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as { name: string; ok: boolean }[];
    assert.equal(results.map((x) => [x.name, x.ok]), [['a-plugged', true], ['b-wrong', false]]);
    assert.equal(readdirSync(join(dir, 'plots')).sort(), ['a-plugged.svg', 'b-wrong.svg']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

t.run();
