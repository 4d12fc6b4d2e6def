// npm start's options. Anything wrong is a UsageError with a line saying what and what is allowed
// (main.ts prints it and exits 2).
import type { Speed } from '../clock/pacer.ts';

export interface StartArgs {
  speed: Speed;
  once: boolean;
  configFile: string | undefined;
  can: string | undefined;
  dashboard: boolean;
  recordDir: string | undefined;
  seed: number;
  help: boolean;
}

export class UsageError extends Error {}

export const USAGE = `usage: npm start [-- options]
  (no --can)        the demo: packpilot against the simulated car in this process
  --speed N|max     simulated time per real second in the demo (default 60; max = as fast as possible)
  --once            exit after the demo, printing its summary
  --config FILE     the car's configuration (JSON naming a preset, see vehicle/config/load-config.ts)
  --can IFACE       run on a real SocketCAN interface (can0, vcan0) with the real clock, no simulator
  --no-dashboard    do not serve the web dashboard
  --record DIR      write the recording here (default: the config's recorder.dir; a temp folder in the demo)
  --seed N          the simulator's seed (default 1)
  --help            this text`;

export function parseStartArgs(argv: readonly string[]): StartArgs {
  const a: StartArgs = { speed: 60, once: false, configFile: undefined, can: undefined, dashboard: true, recordDir: undefined, seed: 1, help: false };
  for (let i = 0; i < argv.length; i++) {
    const opt = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${opt} needs a value`);
      return v;
    };
    switch (opt) {
      case '--speed': {
        const v = value();
        const n = Number(v);
        if (v === 'max') a.speed = 'max';
        else if (Number.isFinite(n) && n > 0 && n <= 100_000) a.speed = n;
        else throw new UsageError(`--speed: "${v}" must be a number above 0 (at most 100000) or "max"`);
        break;
      }
      case '--once': a.once = true; break;
      case '--config': a.configFile = value(); break;
      case '--can': a.can = value(); break;
      case '--no-dashboard': a.dashboard = false; break;
      case '--record': a.recordDir = value(); break;
      case '--seed': {
        const v = value();
        const n = Number(v);
        if (!Number.isSafeInteger(n) || n < 0) throw new UsageError(`--seed: "${v}" must be a whole number ≥ 0`);
        a.seed = n;
        break;
      }
      case '--help': case '-h': a.help = true; break;
      default: throw new UsageError(`unknown option "${opt}"`);
    }
  }
  if (a.can !== undefined && a.once) throw new UsageError('--once is for the demo; with --can packpilot runs until stopped');
  return a;
}
