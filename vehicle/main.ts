// npm start [-- --speed N|max] [--once] [--config FILE] [--can IFACE] [--no-dashboard] [--record DIR] [--seed N]
// Without --can: the demo against the simulated car in this process. With --can: the service on
// a real bus. Bad options or configuration: a clear message and exit code 2.
import { CAR_PRESETS, type CarConfig } from './config/car-config.ts';
import { ConfigError, loadCarConfigFile } from './config/load-config.ts';
import { parseStartArgs, USAGE, UsageError, type StartArgs } from './app/args.ts';
import { runDemo } from './app/run-demo.ts';
import { runOnCar } from './app/run-car.ts';

async function main(argv: string[]): Promise<number> {
  let args: StartArgs;
  let config: CarConfig;
  try {
    args = parseStartArgs(argv);
    if (args.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    config = args.configFile !== undefined ? loadCarConfigFile(args.configFile) : CAR_PRESETS['car-800v'];
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`packpilot: ${err.message}\n${USAGE}\n`);
      return 2;
    }
    if (err instanceof ConfigError) {
      process.stderr.write(`packpilot: ${err.message}\n`);
      return 2;
    }
    throw err;
  }

  let stop: () => Promise<void>;
  let finished: Promise<number>;
  try {
    if (args.can !== undefined) {
      const run = await runOnCar(args, config, args.can);
      stop = run.stop;
      finished = new Promise<number>(() => {}); // runs until a signal
    } else {
      const run = await runDemo(args, config);
      stop = run.stop;
      finished = run.finished;
    }
  } catch (err) {
    process.stderr.write(`packpilot: cannot start: ${(err as Error).message}\n`);
    return 1;
  }
  const onSignal = (signal: NodeJS.Signals): void => {
    process.stderr.write(`\npackpilot: ${signal}, stopping\n`);
    void stop().then(() => process.exit(0));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return finished;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(`packpilot: ${err.stack ?? err.message}\n`);
    process.exit(1);
  },
);
