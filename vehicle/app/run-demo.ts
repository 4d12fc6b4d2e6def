// npm start without --can: packpilot and the simulated car in one process on a SimClock paced
// at --speed, the demo script, the live terminal view, the dashboard and the API.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createSimNetwork } from '../can/index.ts';
import { RealClock, SimClock } from '../clock/index.ts';
import type { CarConfig } from '../config/car-config.ts';
import { createSimCar } from '../../sim/car.ts';
import type { StartArgs } from './args.ts';
import { Demo, DEMO_PLAN, type DemoPlan } from './demo.ts';
import { startPacer } from '../clock/pacer.ts';
import { every } from './periodic.ts';
import { startService } from './service.ts';
import { apiSockets, describeEndpoints } from './endpoints.ts';
import { formatSummary } from './summary.ts';
import { redraw, renderView, statusLine, type ViewContext } from './terminal-view.ts';

/** Redraws per second on a terminal, and simulated time between lines otherwise (PD). */
const TTY_REDRAW_MS = 250;
/** Wall time between the pacer's steps (ms, PD). */
const DEMO_STEP_MS = 20;
const LINE_EVERY_SIM_MS = 3 * 60_000;

export interface DemoRun {
  /** Resolves with the exit code when the demo is over (--once) or stopped. */
  finished: Promise<number>;
  stop(): Promise<void>;
}

export async function runDemo(args: StartArgs, config: CarConfig, out: NodeJS.WriteStream = process.stdout, plan: DemoPlan = DEMO_PLAN): Promise<DemoRun> {
  const runDir = mkdtempSync(join(tmpdir(), 'packpilot-demo-'));
  const logFile = join(runDir, 'packpilot.log');
  const log = pino({ level: config.shell.log.level, base: undefined }, pino.destination({ dest: logFile, sync: true }));
  const clock = new SimClock();
  const wallClock = new RealClock();
  const network = createSimNetwork({ clock });
  const vehicle = config.shell.nominalVoltageV > 500 ? 'car-800v' : 'car-400v';
  const charger = 'hpc-350';
  const car = createSimCar({ vehicle, charger, load: 'house-essentials', initial: { socPct: 10, cellTempC: 25 }, seed: args.seed, clock, network });
  const demo = new Demo(car, plan);
  // Every frame costs ~70 bytes on disk (~85 kB per simulated second): the demo records on request.
  const recordDir = args.recordDir ?? null;
  const sockets = apiSockets();
  const service = await startService({
    config, bus: network.attach('PACKPILOT'), clock, wallClock, log,
    recordDir, stateFile: join(runDir, 'state.json'),
    api: sockets,
    dashboard: args.dashboard ? { ...config.shell.dashboard } : null,
    afterTick: (nowMs) => demo.afterTick(nowMs),
  }).catch(async (err: Error) => {
    // A second demo (or a service) already holds the port or the sockets: run without them.
    out.write(`note: ${err.message}; the demo runs without the API and on a free dashboard port\n`);
    return startService({
      config, bus: network.attach('PACKPILOT'), clock, wallClock, log, recordDir, stateFile: join(runDir, 'state.json'), api: null,
      dashboard: args.dashboard ? { ...config.shell.dashboard, port: 0 } : null, afterTick: (nowMs) => demo.afterTick(nowMs),
    });
  });
  demo.bind(service.controller);
  const wallStart = performance.now();
  // The simulated car and packpilot still tick every 10 ms of simulated time; the wall clock wakes
  // the pair every 20 ms (two ticks a wake-up): half the timer wake-ups, invisible to a watcher.
  const pacer = startPacer(clock, args.speed, { stepMs: DEMO_STEP_MS });
  const title = `packpilot demo · ${config.name} on ${charger}`;
  const ctx = (): ViewContext => ({ title, stage: demo.stage, simS: clock.nowMs() / 1000, speed: pacer.achievedSpeed() });

  out.write(`${title} at ${args.speed === 'max' ? 'full' : `${args.speed}×`} speed\n`);
  for (const line of describeEndpoints(service, sockets, { recordDir, logFile })) out.write(`${line}\n`);

  const tty = out.isTTY === true;
  let drawn = 0;
  const draw = (): void => {
    try {
      const s = service.backend.status();
      if (tty) {
        const lines = renderView(s, ctx());
        out.write(redraw(drawn, lines, out.columns || 120));
        drawn = lines.length;
      } else out.write(`${statusLine(s, ctx())}\n`);
    } catch {
      // No tick yet: nothing to show.
    }
  };
  /** A message above the live view (which is drawn again below it). */
  const say = (text: string): void => {
    out.write(`${tty && drawn > 0 ? `\x1b[${drawn}F\x1b[J` : ''}${text}\n`);
    drawn = 0;
    if (tty) draw();
  };
  const view = tty ? every(wallClock, TTY_REDRAW_MS, draw) : every(clock, LINE_EVERY_SIM_MS, draw);
  if (!tty) demo.onStage((stage) => say(`[demo] ${stage}`));

  let resolveFinished: (code: number) => void = () => {};
  const finished = new Promise<number>((resolve) => (resolveFinished = resolve));
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    pacer.stop();
    view.cancel();
    // On a terminal the last frame is at most a redraw old (and a ^C may have moved the cursor).
    if (!tty) draw();
    await service.stop();
    car.stop();
    await network.close();
    wallClock.close();
    log.flush();
    const rssMb = process.memoryUsage().rss / 1e6;
    for (const line of formatSummary(demo.summary, { seconds: (performance.now() - wallStart) / 1000, rssMb })) out.write(`${line}\n`);
    if (recordDir !== null) out.write(`recording: ${recordDir} (replay: npm run replay -- ${recordDir})\n`);
  };
  demo.onStage((stage) => {
    if (stage !== 'done') return;
    if (args.once) void stop().then(() => resolveFinished(0));
    else say('demo finished: the car sits parked; the dashboard and the API stay up. Ctrl-C to exit.');
  });
  return {
    finished,
    async stop() {
      await stop();
      resolveFinished(0);
    },
  };
}
