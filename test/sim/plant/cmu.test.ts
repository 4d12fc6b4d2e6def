import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createCmu } from '../../../sim/plant/cmu.ts';
import { vehiclePreset } from '../../../sim/presets/index.ts';
import { createRandom } from '../../../sim/random.ts';
import { aPack, near } from './builders.ts';

const t = suite('sim/plant/cmu');
const aCmu = (tempResolutionC = 0.5) => {
  const pack = aPack({ vehicle: 'car-800v' });
  const cmu = createCmu({ ...vehiclePreset('car-800v').cmu, tempResolutionC }, pack, createRandom(1));
  return { pack, cmu };
};
const isMultiple = (x: number, step: number): boolean => Math.abs(x / step - Math.round(x / step)) < 1e-6;

t('one CMU per module with its cells and sensors', () => {
  const { cmu } = aCmu();
  assert.is(cmu.cmuCount, 32);
  assert.is(cmu.cellsPerCmu, 6);
  assert.is(cmu.sensorsPerCmu, 2);
});

t('cell voltages quantised to 1 mV and close to the truth; temperatures to the DBC resolution', () => {
  const { pack, cmu } = aCmu(1);
  cmu.sample(pack);
  for (let i = 0; i < pack.cellCount; i++) {
    assert.ok(isMultiple(cmu.cellVoltageV[i]!, 0.001));
    near(cmu.cellVoltageV[i]!, pack.cellVoltageV[i]!, 0.004, `cell ${i}`);
  }
  for (let s = 0; s < pack.sensorCount; s++) {
    assert.ok(isMultiple(cmu.temperatureC[s]!, 1));
    near(cmu.temperatureC[s]!, pack.sensorTempC[s]!, 0.8, `sensor ${s}`);
  }
});

t('sensor faults: open reads SNA (NaN), short reads 0 V / far above range, stuck freezes', () => {
  const { pack, cmu } = aCmu();
  cmu.setCellFault(3, 'open');
  cmu.setCellFault(4, 'short');
  cmu.setSensorFault(0, 'open');
  cmu.setSensorFault(1, 'short');
  cmu.sample(pack);
  assert.ok(Number.isNaN(cmu.cellVoltageV[3]!));
  assert.is(cmu.cellVoltageV[4], 0);
  assert.ok(Number.isNaN(cmu.temperatureC[0]!));
  assert.is(cmu.temperatureC[1], 150);
  const frozen = cmu.cellVoltageV[5]!;
  cmu.setCellFault(5, 'stuck');
  for (let k = 0; k < 100; k++) pack.step(100, { currentInA: 300, coolantTempC: 25, pumpOn: false, ambientC: 25 });
  cmu.sample(pack);
  assert.is(cmu.cellVoltageV[5], frozen);
  assert.ok(cmu.cellVoltageV[6]! > frozen + 0.01, 'others follow the charge');
  cmu.setCellFault(3, null);
  cmu.sample(pack);
  assert.ok(cmu.cellVoltageV[3]! > 3);
});

t('counts the channels that read SNA (open wires, NTCs at a rail) as faults are set, changed and cleared', () => {
  const { cmu } = aCmu();
  assert.equal([cmu.openCells, cmu.railSensors], [0, 0]);
  cmu.setCellFault(3, 'open');
  cmu.setCellFault(3, 'open');
  cmu.setCellFault(4, 'short');
  cmu.setSensorFault(0, 'open');
  cmu.setSensorFault(1, 'stuck');
  assert.equal([cmu.openCells, cmu.railSensors], [1, 1], 'a repeated fault counts once; short voltage and stuck are values');
  cmu.setCellFault(3, 'stuck');
  cmu.setSensorFault(1, 'short');
  assert.equal([cmu.openCells, cmu.railSensors], [0, 2]);
  cmu.setSensorFault(0, null);
  cmu.setSensorFault(1, null);
  assert.equal([cmu.openCells, cmu.railSensors], [0, 0]);
});

t('a healthy CMU measures exactly as the per-channel fault path does, and takes that path again once faults are cleared', () => {
  const healthy = aCmu();
  const faulted = aCmu();
  const lastSensor = faulted.pack.sensorCount - 1;
  // A shorted last sensor draws no noise, so every channel before it sees the same draws on both paths.
  faulted.cmu.setSensorFault(lastSensor, 'short');
  healthy.cmu.sample(healthy.pack);
  faulted.cmu.sample(faulted.pack);
  assert.equal(Array.from(faulted.cmu.cellVoltageV), Array.from(healthy.cmu.cellVoltageV));
  assert.equal(Array.from(faulted.cmu.temperatureC.subarray(0, lastSensor)), Array.from(healthy.cmu.temperatureC.subarray(0, lastSensor)));
  // Cleared: both are healthy again and draw the same from here on (one draw pair behind on the faulted one).
  faulted.cmu.setSensorFault(lastSensor, null);
  faulted.cmu.setCellFault(0, 'stuck');
  faulted.cmu.setCellFault(0, null);
  const frozen = Array.from(faulted.cmu.cellVoltageV);
  faulted.cmu.sample(faulted.pack);
  assert.not.equal(Array.from(faulted.cmu.cellVoltageV), frozen);
  assert.ok(Number.isFinite(faulted.cmu.temperatureC[lastSensor]!) && faulted.cmu.temperatureC[lastSensor]! < 100);
});

t('faults on channels that do not exist are programmer errors', () => {
  const { cmu } = aCmu();
  assert.throws(() => cmu.setCellFault(192, 'open'), RangeError);
});

t.run();
