// sim/over-can.ts's bridge, without a kernel: the simulated car on its own SimNetwork, bridged
// to a second SimNetwork standing in for vcan0, with packpilot's service on that one.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createSimNetwork } from '../../../vehicle/can/index.ts';
import { SimClock } from '../../../vehicle/clock/index.ts';
import { CAR_PRESETS } from '../../../vehicle/config/car-config.ts';
import { startService } from '../../../vehicle/app/service.ts';
import { createSimCar } from '../../../sim/car.ts';
import { bridge } from '../../../sim/over-can.ts';
import { aLog } from './harness.ts';

const t = suite('the simulated car over a bridged bus');

t('packpilot on the other bus sees the car and the car hears packpilot', async () => {
  const clock = new SimClock();
  const carSide = createSimNetwork({ clock, name: 'sim' });
  const wire = createSimNetwork({ clock, name: 'vcan0' });
  const unbridge = bridge(carSide, wire.attach('SIM-PROCESS'));
  const car = createSimCar({ vehicle: 'car-800v', charger: 'hpc-350', initial: { socPct: 50 }, seed: 1, clock, network: carSide });
  const service = await startService({
    config: CAR_PRESETS['car-800v'], bus: wire.attach('PACKPILOT'), clock, wallClock: clock,
    recordDir: null, stateFile: null, api: null, dashboard: null, log: aLog(),
  });
  clock.advanceBy(2000);
  car.plug();
  clock.advanceBy(6000);
  const s = service.backend.status();
  assert.ok(Math.abs(s.pack.socPct - 50) < 5, 'the car\'s frames reach packpilot');
  assert.is(s.session.kind, 'dc', 'packpilot saw the plug and started a DC session');
  assert.ok(car.truth().mainsClosed, 'packpilot\'s contactor commands reach the car');
  await service.stop();
  unbridge();
  car.stop();
});

t.run();
