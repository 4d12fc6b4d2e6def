// Controller.tick alone (no decode, no encode, no simulated car) for the 800 V car charging on
// hpc-350 in CurrentDemand: the critical path once the controller runs on its own thread.
import type { BenchGroup, Figure } from './harness.ts';
import { createSimNetwork, packpilotCodec } from '../../vehicle/can/index.ts';
import { SimClock } from '../../vehicle/clock/index.ts';
import { startLoop } from '../../vehicle/loop.ts';
import { Controller } from '../../vehicle/controller/controller.ts';
import { CAR_PRESETS } from '../../vehicle/config/car-config.ts';
import { createSimCar } from '../../sim/car.ts';

function run(): Figure[] {
  const clock = new SimClock();
  const network = createSimNetwork({ clock });
  const codec = packpilotCodec();
  const car = createSimCar({ vehicle: 'car-800v', charger: 'hpc-350', initial: { socPct: 20, cellTempC: 30 }, seed: 1, clock, network });
  const controller = new Controller({ config: CAR_PRESETS['car-800v'], codec });
  const tickNs: number[] = [];
  let measuring = false;
  const realTick = controller.tick.bind(controller);
  controller.tick = (store, nowMs) => {
    const t0 = process.hrtime.bigint();
    realTick(store, nowMs);
    if (measuring) tickNs.push(Number(process.hrtime.bigint() - t0));
  };
  startLoop({ bus: network.attach('PACKPILOT'), clock, codec, controller, tickMs: 10 });
  clock.advanceTo(1000);
  car.plug();
  clock.advanceBy(60_000); // through set-up into CurrentDemand
  const phase = controller.view()?.dc.phase ?? 'unknown';
  measuring = true;
  clock.advanceBy(120_000);
  const mean = tickNs.reduce((a, b) => a + b, 0) / tickNs.length / 1000;
  tickNs.sort((a, b) => a - b);
  const at = (q: number) => tickNs[Math.min(tickNs.length - 1, Math.floor(q * tickNs.length))]! / 1000;
  return [
    { name: `Controller.tick, 800 V car, median (phase ${phase})`, value: at(0.5), unit: 'µs' },
    { name: 'Controller.tick, mean', value: mean, unit: 'µs' },
    { name: 'ticks measured', value: tickNs.length, unit: 'ticks' },
  ];
}

const group: BenchGroup = { name: 'ctl-tick', describe: 'Controller.tick alone while DC-charging (800 V car, hpc-350)', run };
export default group;
