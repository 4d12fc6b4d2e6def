// The issue #7 "Done when" session: a full 10→80 % DC session of car-800v on hpc-350 (through the
// NACS-to-CCS1 adapter the car's NACS inlet needs), 10 ms control ticks, every simulated node's
// traffic. Shared by the sim-run bench and its fresh-process child.
import { parseScenario } from '../../sim/scenario/load.ts';
import { runScenario, type Results } from '../../sim/scenario/run.ts';

export const SESSION = parseScenario({
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

/** One run of the session with the CPU time it took (all threads of the process: V8 compiles and collects beside). */
export function runSession(): { results: Results; cpuS: number } {
  const c0 = process.cpuUsage();
  const results = runScenario(SESSION);
  const c = process.cpuUsage(c0);
  return { results, cpuS: (c.user + c.system) / 1e6 };
}
