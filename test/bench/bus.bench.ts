// SimBus throughput: the simulator pushes ~3000 frames per simulated second and must run
// at ≥ 500× real time, so the bus alone should carry well over 1.5 M frames/s.
import type { BenchGroup, Figure } from './harness.ts';
import { opsPerSecond } from './harness.ts';
import { SimClock } from '../../vehicle/clock/sim-clock.ts';
import { createSimNetwork } from '../../vehicle/can/sim-bus.ts';
import type { SimBus } from '../../vehicle/can/sim-bus.ts';

const NODES = 10;
const FRAMES_PER_MS = 3; // ~3000 frames per simulated second

function framesPerSecond(latencyMs: number, lossRate: number): number {
  const clock = new SimClock();
  let seed = 1;
  const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const network = createSimNetwork({ clock, latencyMs, lossRate, random });
  const buses: SimBus[] = [];
  let received = 0;
  for (let i = 0; i < NODES; i++) {
    const bus = network.attach(`node${i}`);
    bus.subscribe(() => received++);
    buses.push(bus);
  }
  const data = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
  let n = 0;
  const sendOne = () => {
    buses[n % NODES]!.send({ id: 0x100 + (n % 64), extended: false, fd: false, data });
    if (++n % FRAMES_PER_MS === 0) clock.advanceBy(1);
  };
  const rate = opsPerSecond(sendOne, 700, 3000);
  if (received === 0) throw new Error('bench delivered nothing');
  return rate;
}

const group: BenchGroup = {
  name: 'bus',
  describe: `SimBus: frames/s sent and delivered to ${NODES - 1} other nodes (SimClock advancing 1 ms per ${FRAMES_PER_MS} frames)`,
  run(): Figure[] {
    return [
      { name: 'SimBus latency 0, 10 nodes', value: framesPerSecond(0, 0), unit: 'frames/s' },
      { name: 'SimBus latency 1 ms, 10 nodes', value: framesPerSecond(1, 0), unit: 'frames/s' },
      { name: 'SimBus latency 0, loss 1 %, 10 nodes', value: framesPerSecond(0, 0.01), unit: 'frames/s' },
    ];
  },
};

/**
 * Timers scheduled per second in steady state: each op schedules one timer 0…99 ms ahead
 * (every `cancelEvery`-th one is cancelled), and time advances 1 ms per 10 ops, so about
 * 1000 timers are pending and every uncancelled one fires.
 */
function clockTimersPerSecond(cancelEvery: number): number {
  const clock = new SimClock();
  let fired = 0;
  const fire = () => fired++;
  let n = 0;
  const step = () => {
    const handle = clock.at(clock.nowMs() + ((n * 7919) % 100), fire);
    if (n % cancelEvery === 0) handle.cancel();
    if (++n % 10 === 0) clock.advanceBy(1);
  };
  const rate = opsPerSecond(step, 500, 5000);
  if (fired === 0) throw new Error('bench fired nothing');
  return rate;
}

const clockGroup: BenchGroup = {
  name: 'clock',
  describe: 'SimClock: timers scheduled and fired per second, ~1000 pending',
  run: (): Figure[] => [
    { name: 'SimClock schedule + fire', value: clockTimersPerSecond(Number.MAX_SAFE_INTEGER), unit: 'timers/s' },
    { name: 'SimClock schedule + fire, every 2nd cancelled', value: clockTimersPerSecond(2), unit: 'timers/s' },
  ],
};

export default [group, clockGroup];
