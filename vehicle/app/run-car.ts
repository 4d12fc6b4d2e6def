// npm start -- --can IFACE: packpilot on a real bus with the real clock, as the systemd service
// runs it. Relative state and recording paths live under $PACKPILOT_STATE_DIR (the unit's
// StateDirectory) when set, else the working folder. Logs go to stdout (the journal).
import { isAbsolute, join } from 'node:path';
import pino from 'pino';
import { openSocketCanBus } from '../can/index.ts';
import { RealClock } from '../clock/index.ts';
import type { CarConfig } from '../config/car-config.ts';
import { systemdNotifier } from '../systemd/notify.ts';
import type { StartArgs } from './args.ts';
import { startService, type RunningService } from './service.ts';
import { apiSockets, describeEndpoints } from './endpoints.ts';

export interface CarRun {
  service: RunningService;
  stop(): Promise<void>;
}

export function statePath(path: string, env: NodeJS.ProcessEnv = process.env): string {
  const base = env.PACKPILOT_STATE_DIR;
  return isAbsolute(path) || base === undefined ? path : join(base, path);
}

export async function runOnCar(args: StartArgs, config: CarConfig, iface: string, out: NodeJS.WriteStream = process.stdout): Promise<CarRun> {
  const log = pino({ level: config.shell.log.level, base: { iface } });
  const clock = new RealClock();
  const bus = await openSocketCanBus(iface, { clock });
  const sockets = apiSockets();
  const recordDir = config.shell.recorder.enabled || args.recordDir !== undefined ? statePath(args.recordDir ?? config.shell.recorder.dir) : null;
  const service = await startService({
    config, bus, clock, wallClock: clock, log,
    recordDir, stateFile: statePath(config.shell.stateFile),
    api: sockets,
    dashboard: args.dashboard ? config.shell.dashboard : null,
    notifier: systemdNotifier(),
  });
  log.info({ config: config.name, tickMs: config.shell.tickMs }, service.persistedNote);
  for (const line of describeEndpoints(service, sockets, { recordDir })) out.write(`${line}\n`);
  return {
    service,
    async stop() {
      await service.stop();
      clock.close();
      log.flush();
    },
  };
}
