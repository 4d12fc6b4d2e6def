// The issue #7 "Done when" figure: a full 10→80 % DC session of car-800v on hpc-350 (through the
// NACS-to-CCS1 adapter the car's NACS inlet needs), with the real controller on 10 ms ticks, the full
// CAN traffic of every simulated node, the invariants and metrics judged every tick: the scenario
// runner end to end. Prints the speed (× real time; target ≥ 500×) of the session in a fresh process
// (cold) and warm (a later run in the same process, as in a folder matrix).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchGroup, Figure } from './harness.ts';
import type { Results } from '../../sim/scenario/run.ts';
import { runSession } from './sim-run-session.ts';

/**
 * The session in a fresh process: V8 starts with nothing compiled, as `npm run sim -- run FILE`
 * does; its first ~40 simulated seconds run before the hot code is optimised (~0.8 s of wall).
 */
function coldRun(): { results: Results; cpuS: number } {
  const typescript = import.meta.url.endsWith('.ts');
  const child = fileURLToPath(new URL(`./sim-run-child.${typescript ? 'ts' : 'js'}`, import.meta.url));
  const r = spawnSync(process.execPath, [...(typescript ? ['--import', 'tsx'] : []), child], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sim-run: the fresh-process run failed (exit ${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as { results: Results; cpuS: number };
}

function comparable(r: Results): string {
  return JSON.stringify({ ...r, wallTimeS: 0, speedX: 0 });
}

const group: BenchGroup = {
  name: 'sim-run',
  describe: 'scenario runner: full 10→80 % DC session, car-800v on hpc-350, 10 ms ticks, full CAN traffic, invariants every tick',
  run(): Figure[] {
    const cold = coldRun();
    // In this process: a first run warms V8 up (as the first scenario of a folder matrix does),
    // the second is the speed every later scenario of a matrix runs at.
    const first = runSession();
    const warm = runSession();
    const r = warm.results;
    return [
      { name: 'simulated', value: r.simTimeS, unit: 's' },
      { name: 'speed, fresh process (wall)', value: cold.results.speedX, unit: '× real time' },
      { name: 'speed, fresh process (CPU, all threads)', value: Math.round(cold.results.simTimeS / cold.cpuS), unit: '× real time' },
      { name: 'speed, first run in this process (wall)', value: first.results.speedX, unit: '× real time' },
      { name: 'speed, warm (wall)', value: r.speedX, unit: '× real time' },
      { name: 'speed, warm (CPU, all threads)', value: Math.round(r.simTimeS / warm.cpuS), unit: '× real time' },
      { name: 'wall, fresh process', value: cold.results.wallTimeS, unit: 's' },
      { name: 'wall, warm', value: r.wallTimeS, unit: 's' },
      { name: 'charge time 10→80 % (simulated)', value: r.timeBetweenSocS['10-80'] ?? Number.NaN, unit: 's' },
      { name: 'invariant violations', value: r.violationCount, unit: '' },
      { name: 'same results in all three runs', value: comparable(cold.results) === comparable(r) && comparable(first.results) === comparable(r) ? 1 : 0, unit: '(1 = yes)' },
    ];
  },
};

export default group;
