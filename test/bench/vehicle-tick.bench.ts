// The controller's full tick for the 800 V car while it DC-charges on the simulator: decoding
// what arrived since the last tick, every domain step, and encoding what goes out.
// Issue #8 target: median ≤ 100 µs.
import type { BenchGroup, Figure } from './harness.ts';
import { createSimNetwork, packpilotCodec, type CanBus } from '../../vehicle/can/index.ts';
import { SimClock } from '../../vehicle/clock/index.ts';
import { startLoop } from '../../vehicle/loop.ts';
import { Controller } from '../../vehicle/controller/controller.ts';
import { CAR_PRESETS } from '../../vehicle/config/car-config.ts';
import { createSimCar } from '../../sim/car.ts';

/** Wraps a bus so the time spent decoding received frames and encoding/sending is measured. */
function timedBus(bus: CanBus, spent: { ns: bigint }): CanBus {
  return {
    name: bus.name,
    send(frame) {
      const t0 = process.hrtime.bigint();
      bus.send(frame);
      spent.ns += process.hrtime.bigint() - t0;
    },
    subscribe(onFrame, onEvent) {
      return bus.subscribe((f) => {
        const t0 = process.hrtime.bigint();
        onFrame(f);
        spent.ns += process.hrtime.bigint() - t0;
      }, onEvent);
    },
    close: () => bus.close(),
  };
}

function run(): Figure[] {
  const clock = new SimClock();
  const network = createSimNetwork({ clock });
  const codec = packpilotCodec();
  const car = createSimCar({ vehicle: 'car-800v', charger: 'hpc-350', initial: { socPct: 20, cellTempC: 30 }, seed: 1, clock, network });
  const controller = new Controller({ config: CAR_PRESETS['car-800v'], codec });
  const spent = { ns: 0n };
  const tickNs: number[] = [];
  let measuring = false;
  const realTick = controller.tick.bind(controller);
  controller.tick = (store, nowMs) => {
    const t0 = process.hrtime.bigint();
    realTick(store, nowMs);
    spent.ns += process.hrtime.bigint() - t0;
  };
  startLoop({
    bus: timedBus(network.attach('PACKPILOT'), spent), clock, codec, controller, tickMs: 10,
    observer: {
      afterTick: () => {
        if (measuring) tickNs.push(Number(spent.ns));
        spent.ns = 0n;
      },
    },
  });
  clock.advanceTo(1000);
  car.plug();
  clock.advanceBy(60_000); // through set-up into CurrentDemand
  const phase = controller.view()?.dc.phase ?? 'unknown';
  measuring = true;
  clock.advanceBy(60_000);
  tickNs.sort((a, b) => a - b);
  const at = (q: number) => tickNs[Math.min(tickNs.length - 1, Math.floor(q * tickNs.length))]! / 1000;
  return [
    { name: `full tick, 800 V car, median (phase ${phase})`, value: at(0.5), unit: 'µs' },
    { name: 'full tick, 800 V car, 99th percentile', value: at(0.99), unit: 'µs' },
    { name: 'ticks measured', value: tickNs.length, unit: 'ticks' },
  ];
}

const group: BenchGroup = { name: 'vehicle-tick', describe: 'controller tick: decode + BMS, mode, inlet, DC, V2L + encode', run };
export default group;
