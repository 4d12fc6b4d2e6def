// Cost of the plant per 10 ms tick (the simulated car must run ≥ 500× real time with CAN and
// the controller, so the physics' share must stay near a microsecond).
import type { BenchGroup } from './harness.ts';
import { medianMicros } from './harness.ts';
import { createCarPlant } from '../../sim/plant/car-plant.ts';
import { IdealEv } from '../../sim/plant/ideal-ev.ts';
import { adapterPreset, stationPreset, vehiclePreset } from '../../sim/presets/index.ts';
import { createRandom } from '../../sim/random.ts';
import { CALIBRATION_CASES, runCalibration } from '../../sim/calibrate.ts';

function chargingPlant(vehicle: 'car-400v' | 'car-800v') {
  const plant = createCarPlant(
    { vehicle: vehiclePreset(vehicle), station: stationPreset('hpc-350'), initial: { socPct: 20, cellTempC: 30, ambientC: 25 } },
    createRandom(1),
  );
  const ev = new IdealEv(plant, { targetSocPct: 95, batteryLimitA: () => 300, evMaxVoltageV: vehicle === 'car-800v' ? 820 : 410, cellMaxV: 4.2, coolAboveC: 30 });
  plant.plug(adapterPreset('nacs-to-ccs1-dc'));
  while (ev.stage !== 'charging') {
    ev.step(10);
    plant.step(10);
  }
  return plant;
}

const group: BenchGroup = {
  name: 'sim-plant',
  describe: 'plant physics per 10 ms tick while DC charging (no CAN, no controller)',
  run() {
    const p8 = chargingPlant('car-800v');
    const p4 = chargingPlant('car-400v');
    const tick8 = medianMicros(() => p8.step(10), 20_000);
    const tick4 = medianMicros(() => p4.step(10), 20_000);
    const t0 = process.hrtime.bigint();
    runCalibration(CALIBRATION_CASES[0]!, 1, 'ranges', 10);
    const calS = Number(process.hrtime.bigint() - t0) / 1e9;
    return [
      { name: 'car-800v plant tick', value: tick8, unit: 'µs' },
      { name: 'car-400v plant tick', value: tick4, unit: 'µs' },
      { name: 'plant share of a 25 min session at 10 ms', value: (tick8 * 150_000) / 1e6, unit: 's' },
      { name: 'calibration 800V hpc-350 10→80 % (plant + ideal EV)', value: calS, unit: 's' },
    ];
  },
};

export default group;
