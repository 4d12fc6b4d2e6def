// Issue #8's figures for the running service: the demo (simulated car + packpilot + API, as
// `npm start -- --speed 1 --no-dashboard`, compiled) at real time, its CPU share of one core read
// from /proc over a window after V8 has warmed up, and its resident memory. Takes ~100 s of wall
// time (it is real time): `npm run bench -- service-realtime`.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BenchGroup, Figure } from './harness.ts';

const ROOT = resolve(import.meta.dirname, '..', '..', ...(import.meta.dirname.includes(join('.cache', 'build')) ? ['..', '..'] : []));
const MAIN = join(ROOT, '.cache', 'build', 'vehicle', 'main.js');
/** V8 compiles the hot paths during the first minute at 100 ticks/s (measured: ~15 % → ~4 %). */
const WARM_UP_S = 60;
const WINDOW_S = 40;
/** Kernel clock ticks per second of /proc/PID/stat's utime and stime (USER_HZ; 100 on Linux). */
const USER_HZ = 100;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function cpuTicks(pid: number): number {
  // Fields after the command name (which may hold spaces) start at field 3: utime is 14, stime 15.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

function memoryKb(pid: number, key: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`${key}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m?.[1] ?? Number.NaN);
}

const group: BenchGroup = {
  name: 'service-realtime',
  describe: `the demo at real time (simulated car, controller, API; compiled): CPU of one core over ${WINDOW_S} s after a ${WARM_UP_S} s warm-up, memory`,
  async run(): Promise<Figure[]> {
    if (!existsSync(MAIN)) throw new Error(`no compiled build at ${MAIN}: npm run build`);
    const child = spawn(process.execPath, ['--max-semi-space-size=2', MAIN, '--speed', '1', '--no-dashboard'], { cwd: ROOT, stdio: 'ignore' });
    const pid = child.pid!;
    try {
      const t0 = performance.now();
      const c0 = cpuTicks(pid);
      await sleep(15_000);
      const firstPct = ((cpuTicks(pid) - c0) / USER_HZ / ((performance.now() - t0) / 1000)) * 100;
      await sleep((WARM_UP_S - 15) * 1000);
      const w0 = performance.now();
      const a = cpuTicks(pid);
      await sleep(WINDOW_S * 1000);
      const steadyPct = ((cpuTicks(pid) - a) / USER_HZ / ((performance.now() - w0) / 1000)) * 100;
      return [
        { name: 'CPU, first 15 s (start-up, V8 compiling)', value: Number(firstPct.toFixed(1)), unit: '% of a core' },
        { name: `CPU, warm (${WARM_UP_S}–${WARM_UP_S + WINDOW_S} s)`, value: Number(steadyPct.toFixed(1)), unit: '% of a core' },
        { name: 'RSS', value: Math.round(memoryKb(pid, 'VmRSS') / 1024), unit: 'MB' },
        { name: 'RSS peak', value: Math.round(memoryKb(pid, 'VmHWM') / 1024), unit: 'MB' },
      ];
    } finally {
      child.kill('SIGINT');
    }
  },
};

export default group;
