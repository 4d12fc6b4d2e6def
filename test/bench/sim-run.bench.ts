// The issue #7 "Done when" figure: a full 10→80 % DC session of car-800v on hpc-350 (through the
// NACS-to-CCS1 adapter the car's NACS inlet needs), with the real controller on 10 ms ticks, the full
// CAN traffic of every simulated node, the invariants and metrics judged every tick: the scenario
// runner end to end. Prints simulated seconds, wall seconds and the speed (× real time; target ≥ 500×).
import type { BenchGroup, Figure } from './harness.ts';
import { parseScenario } from '../../sim/scenario/load.ts';
import { runScenario } from '../../sim/scenario/run.ts';

const SESSION = parseScenario({
  name: 'bench: car-800v on hpc-350, 10 to 80 %',
  seed: 1,
  tickMs: 10,
  vehicle: 'car-800v',
  // Just below 10 %: the pack's initial spread must not start it above the 10 % mark the metrics time from.
  initial: { socPct: 9.5, cellTempC: 30 },
  charger: 'hpc-350',
  // The charge limit above 80 % so the session runs through the 80 % mark rather than ending at it.
  events: [{ atS: 1, do: 'hmi', chargeLimitPct: 90 }, { atS: 2, do: 'plug', adapter: 'nacs-to-ccs1-dc' }],
  stop: { socPct: 80, timeS: 3600 },
}, 'bench/sim-run');

const group: BenchGroup = {
  name: 'sim-run',
  describe: 'scenario runner: full 10→80 % DC session, car-800v on hpc-350, 10 ms ticks, full CAN traffic, invariants every tick',
  run(): Figure[] {
    const c0 = process.cpuUsage();
    const r = runScenario(SESSION);
    const c = process.cpuUsage(c0);
    const cpuS = (c.user + c.system) / 1e6;
    return [
      { name: 'simulated', value: r.simTimeS, unit: 's' },
      { name: 'wall', value: r.wallTimeS, unit: 's' },
      { name: 'speed (wall)', value: r.speedX, unit: '× real time' },
      { name: 'speed (CPU)', value: Math.round(r.simTimeS / cpuS), unit: '× real time' },
      { name: 'charge time 10→80 % (simulated)', value: r.timeBetweenSocS['10-80'] ?? Number.NaN, unit: 's' },
      { name: 'invariant violations', value: r.violationCount, unit: '' },
    ];
  },
};

export default group;
