// The simulated car on a real SocketCAN interface (vcan0 in the integration VM), in its own
// process, in real time: packpilot runs in another process on the same bus.
//   node --import tsx sim/over-can.ts --can vcan0 [--vehicle car-800v] [--charger hpc-350|ac-l2-48|…]
//        [--load house-essentials] [--soc 50] [--seed 1]
// The sim's nodes attach to an in-process SimNetwork (they need one: sim/car.ts); a bridge node
// on it forwards their frames to the interface and the interface's frames (packpilot's) to them.
// The simulated world runs on a SimClock that a pacer advances to real time every 10 ms: all its
// timers of a step fire in one wake-up with one reading of real time (reading the time is a
// system call, and in the user-mode-Linux test guest each one is costly).
// Driven by lines on stdin: `plug [ADAPTER]`, `unplug`, `hmi {JSON}`, `truth`, `quit`;
// answers on stdout: `ready`, `ok …`, `refused …`, `truth {JSON}`, `error …`.
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createSimNetwork, openSocketCanBus, type CanBus, type SimNetwork } from '../vehicle/can/index.ts';
import { SimClock, startPacer } from '../vehicle/clock/index.ts';
import { createSimCar, type SimCar } from './car.ts';
import type { AdapterName, ChargerPreset, LoadPreset, VehiclePreset } from './scenario/types.ts';

export interface OverCanOptions {
  vehicle: VehiclePreset;
  charger: ChargerPreset | null;
  load: LoadPreset | null;
  socPct: number;
  seed: number;
}

/** Joins a SimNetwork to a real bus both ways; returns the function that undoes it. */
export function bridge(network: SimNetwork, bus: CanBus): () => void {
  const node = network.attach('BRIDGE');
  const offLocal = node.subscribe((frame) => bus.send(frame));
  const offBus = bus.subscribe((frame) => node.send(frame));
  return () => {
    offLocal();
    offBus();
    void node.close();
  };
}

/** A real-time simulator that stalls lets the PDU's 60 ms command timeout trip: count the stalls. */
const LAG_COUNT_MS = 40;
const PACER_STEP_MS = 10;

/** Counts the pacer's steps that came more than LAG_COUNT_MS late (wall time). */
function lagWatch(): { onStep(wallMs: number): void; report(): string } {
  let stalls = 0;
  let worstMs = 0;
  let lastMs: number | undefined;
  return {
    onStep(wallMs) {
      if (lastMs !== undefined) {
        const lateMs = wallMs - lastMs - PACER_STEP_MS;
        if (lateMs > LAG_COUNT_MS) stalls++;
        worstMs = Math.max(worstMs, lateMs);
      }
      lastMs = wallMs;
    },
    report: () => `${stalls} stalls over ${LAG_COUNT_MS} ms, worst ${worstMs.toFixed(0)} ms`,
  };
}

export async function startSimOverCan(iface: string, o: OverCanOptions): Promise<{ car: SimCar; lag(): string; stop(): Promise<void> }> {
  const clock = new SimClock();
  const lag = lagWatch();
  // Chunks of two steps: after a stall the PDU's 60 ms command timeout must not trip inside one
  // jump of simulated time, before packpilot's waiting frames could be read.
  const pacer = startPacer(clock, 1, { stepMs: PACER_STEP_MS, maxChunkMs: 2 * PACER_STEP_MS, onStep: lag.onStep });
  const bus = await openSocketCanBus(iface, { clock });
  const network = createSimNetwork({ clock, name: iface });
  const unbridge = bridge(network, bus);
  const car = createSimCar({ vehicle: o.vehicle, charger: o.charger, load: o.load, initial: { socPct: o.socPct }, seed: o.seed, clock, network });
  return {
    car,
    lag: () => lag.report(),
    async stop() {
      pacer.stop();
      car.stop();
      unbridge();
      await network.close();
      await bus.close();
    },
  };
}

function parseArgs(argv: string[]): { iface: string; options: OverCanOptions } {
  const get = (name: string, fallback?: string): string => {
    const i = argv.indexOf(`--${name}`);
    const v = i >= 0 ? argv[i + 1] : fallback;
    if (v === undefined) throw new Error(`--${name} is required`);
    return v;
  };
  const charger = get('charger', 'hpc-350');
  const load = get('load', 'house-essentials');
  return {
    iface: get('can'),
    options: {
      vehicle: get('vehicle', 'car-800v') as VehiclePreset,
      charger: charger === 'none' ? null : (charger as ChargerPreset),
      load: load === 'none' ? null : (load as LoadPreset),
      socPct: Number(get('soc', '50')),
      seed: Number(get('seed', '1')),
    },
  };
}

function command(car: SimCar, lag: () => string, line: string): string {
  const [verb, ...rest] = line.trim().split(/\s+/);
  const arg = rest.join(' ');
  switch (verb) {
    case 'plug':
      car.plug(arg === '' ? undefined : (arg as AdapterName));
      return `ok plug ${arg}`.trim();
    case 'unplug':
      return car.unplug() ? 'ok unplug' : `refused unplug (lock ${car.truth().lock})`;
    case 'hmi':
      car.hmi(JSON.parse(arg) as Parameters<SimCar['hmi']>[0]);
      return 'ok hmi';
    case 'truth':
      return `truth ${JSON.stringify(car.truth())}`;
    case 'lag':
      return `ok lag ${lag()}`;
    default:
      return `error unknown command "${verb}" (plug [ADAPTER] | unplug | hmi {JSON} | truth | quit)`;
  }
}

async function main(): Promise<void> {
  const { iface, options } = parseArgs(process.argv.slice(2));
  const sim = await startSimOverCan(iface, options);
  const say = (s: string): void => void process.stdout.write(`${s}\n`);
  const quit = async (): Promise<void> => {
    await sim.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void quit());
  process.once('SIGINT', () => void quit());
  const rl = createInterface({ input: process.stdin });
  rl.on('line', (line) => {
    if (line.trim() === 'quit') return void quit();
    try {
      say(command(sim.car, sim.lag, line));
    } catch (err) {
      say(`error ${(err as Error).message}`);
    }
  });
  rl.on('close', () => void quit());
  say(`ready ${iface} ${options.vehicle} ${options.charger ?? 'no charger'}`);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  main().catch((err: Error) => {
    process.stderr.write(`sim/over-can: ${err.message}\n`);
    process.exit(2);
  });
}
