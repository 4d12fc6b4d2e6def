// npm run sim -- run FILE|FOLDER [--json OUT] [--plot OUT.svg|OUTDIR] [--seed N]
// One file: a progress bar on stderr and a readable summary. A folder: every *.json in it (not its
// subfolders) as a matrix with a summary table. Exit 0 when every run is ok, 1 when an expectation
// or invariant failed, 2 for bad usage or a bad scenario file (the loader names the file and field).
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { plotRunSvg } from './report/plot-svg.ts';
import { loadScenarioFile, ScenarioError } from './scenario/load.ts';
import { matrixTable, progressBar, summaryText } from './scenario/run-format.ts';
import { runScenarioTraced, type RunProgress, type ScenarioRun } from './scenario/run.ts';
import type { Scenario } from './scenario/types.ts';

const USAGE = 'usage: npm run sim -- run FILE|FOLDER [--json OUT] [--plot OUT.svg|OUTDIR] [--seed N]';
/** Redraw the TTY bar at most this often (ms of wall time). */
const REDRAW_MS = 100;

interface Args {
  target: string;
  json?: string;
  plot?: string;
  seed?: number;
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Args {
  const [command, ...rest] = argv;
  if (command !== 'run') throw new UsageError(command === undefined ? 'missing command' : `unknown command "${command}"`);
  const args: Partial<Args> = {};
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    const value = (): string => {
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--json') args.json = value();
    else if (a === '--plot') args.plot = value();
    else if (a === '--seed') {
      const v = value();
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new UsageError(`--seed: ${v} is not an integer 0…4294967295`);
      args.seed = n;
    } else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else if (args.target === undefined) args.target = a;
    else throw new UsageError(`unexpected argument ${a}`);
  }
  if (args.target === undefined) throw new UsageError('missing FILE or FOLDER');
  return args as Args;
}

/** The scenario files of a target: the file itself, or a folder's *.json in name order. */
function scenarioFiles(target: string): string[] {
  let isDir: boolean;
  try {
    isDir = statSync(target).isDirectory();
  } catch {
    throw new UsageError(`${target}: no such file or folder`);
  }
  if (!isDir) return [target];
  const files = readdirSync(target).filter((n) => n.endsWith('.json')).sort().map((n) => join(target, n));
  if (files.length === 0) throw new UsageError(`${target}: no *.json scenario files`);
  return files;
}

function progressReporter(label: string): (p: RunProgress) => void {
  const tty = process.stderr.isTTY === true;
  let lastDraw = 0;
  let lastQuarter = 0;
  return (p) => {
    if (tty) {
      const now = performance.now();
      if (now - lastDraw < REDRAW_MS) return;
      lastDraw = now;
      process.stderr.write(`\r${progressBar(label, p)}\x1b[K`);
      return;
    }
    // Not a terminal (CI logs): a plain line at each quarter of the time bound or SOC span.
    const span = p.stopSocPct !== null && p.stopSocPct !== p.startSocPct ? (p.socPct - p.startSocPct) / (p.stopSocPct - p.startSocPct) : p.simTimeS / p.endTimeS;
    const quarter = Math.floor(Math.min(1, Math.max(0, span)) * 4);
    if (quarter > lastQuarter && quarter < 4) {
      lastQuarter = quarter;
      process.stderr.write(`${label}: ${quarter * 25} % (t=${p.simTimeS.toFixed(0)} s, SOC ${p.socPct.toFixed(1)} %)\n`);
    }
  };
}

function runOne(scenario: Scenario, seed: number | undefined, label: string): ScenarioRun {
  const run = runScenarioTraced(scenario, { ...(seed !== undefined ? { seed } : {}), onProgress: progressReporter(label) });
  if (process.stderr.isTTY === true) process.stderr.write('\r\x1b[K');
  return run;
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'scenario';
}

function main(argv: string[]): number {
  const args = parseArgs(argv);
  const files = scenarioFiles(args.target);
  // Every file is read and validated before anything runs: a typo fails fast, naming the field.
  const scenarios = files.map((f) => loadScenarioFile(f));
  const folder = statSync(args.target).isDirectory();
  const runs: ScenarioRun[] = [];
  scenarios.forEach((s, i) => {
    const label = folder ? `[${i + 1}/${scenarios.length}] ${s.name}` : s.name;
    if (folder && process.stderr.isTTY !== true) process.stderr.write(`${label}\n`);
    const run = runOne(s, args.seed, label);
    runs.push(run);
    if (!folder || !run.results.ok) console.log(summaryText(run) + (folder ? '\n' : ''));
  });
  const results = runs.map((r) => r.results);
  if (folder) console.log(matrixTable(results));
  if (args.json !== undefined) {
    writeFileSync(args.json, JSON.stringify(folder ? results : results[0], null, 2) + '\n');
    console.log(`results written to ${args.json}`);
  }
  if (args.plot !== undefined) {
    if (folder) {
      mkdirSync(args.plot, { recursive: true });
      runs.forEach((r, i) => writeFileSync(join(args.plot!, `${slug(basename(files[i]!, '.json'))}.svg`), plotRunSvg(r.results.name, r.curve)));
      console.log(`${runs.length} plots written to ${args.plot}/`);
    } else {
      writeFileSync(args.plot, plotRunSvg(runs[0]!.results.name, runs[0]!.curve));
      console.log(`plot written to ${args.plot}`);
    }
  }
  return results.every((r) => r.ok) ? 0 : 1;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  if (err instanceof ScenarioError) {
    console.error(err.message);
    process.exitCode = 2;
  } else if (err instanceof UsageError) {
    console.error(`sim: ${err.message}\n${USAGE}`);
    process.exitCode = 2;
  } else {
    throw err;
  }
}
