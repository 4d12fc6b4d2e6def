// Builders for the service tests: a simulated car and packpilot's service on one SimClock,
// in a fresh temporary folder, with no real timers and no sockets unless asked for.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSimNetwork } from '../../../vehicle/can/index.ts';
import { SimClock } from '../../../vehicle/clock/index.ts';
import { CAR_PRESETS, type CarConfig } from '../../../vehicle/config/car-config.ts';
import { startService, type RunningService, type ServiceLog } from '../../../vehicle/app/service.ts';
import { createSimCar, type SimCar } from '../../../sim/car.ts';

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  fields: object;
  msg: string;
}

export function aLog(): ServiceLog & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  return {
    lines,
    info: (fields, msg) => lines.push({ level: 'info', fields, msg }),
    warn: (fields, msg) => lines.push({ level: 'warn', fields, msg }),
    error: (fields, msg) => lines.push({ level: 'error', fields, msg }),
  };
}

export interface SimRun {
  clock: SimClock;
  car: SimCar;
  service: RunningService;
  log: ReturnType<typeof aLog>;
  dir: string;
  stop(): Promise<void>;
}

export async function aSimService(o: { config?: CarConfig; record?: boolean; stateFile?: string | null; dir?: string; charger?: 'hpc-350' | 'ac-l2-48' } = {}): Promise<SimRun> {
  const dir = o.dir ?? mkdtempSync(join(tmpdir(), 'packpilot-test-'));
  const clock = new SimClock();
  const network = createSimNetwork({ clock });
  const config = o.config ?? CAR_PRESETS['car-800v'];
  const car = createSimCar({ vehicle: 'car-800v', charger: o.charger ?? 'hpc-350', load: 'house-essentials', initial: { socPct: 50, cellTempC: 25 }, seed: 1, clock, network });
  const log = aLog();
  const service = await startService({
    config, bus: network.attach('PACKPILOT'), clock, wallClock: clock,
    recordDir: o.record === false ? null : join(dir, 'rec'),
    stateFile: o.stateFile === undefined ? join(dir, 'state.json') : o.stateFile,
    api: null, dashboard: null, log,
    // The chores run on the sim clock here: flush (and fsync) less often than on a real car.
    periods: { flushMs: 10_000 },
  });
  return {
    clock, car, service, log, dir,
    async stop() {
      await service.stop();
      car.stop();
      await network.close();
    },
  };
}
