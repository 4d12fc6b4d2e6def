import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { packpilotCodec } from '../../../vehicle/can/index.ts';
import { aCar, type Rig } from './builders.ts';

const t = suite('sim/nodes/cmu-node');
const codec = packpilotCodec();

/** Decoded frames of one message sent in [fromMs, toMs). */
function framesOf(rig: Rig, name: string, fromMs: number, toMs: number) {
  const m = codec.messageByName(name)!;
  return rig.frames
    .filter(({ frame }) => frame.id === m.id && frame.timestampMs >= fromMs && frame.timestampMs < toMs)
    .map(({ frame }) => ({ t: frame.timestampMs, d: m.decode(frame.data) }));
}

/** The frames of one whole cycle: from the first mux-0 frame at or after `fromMs`, `count` frames. */
function oneCycle(rig: Rig, name: string, muxSignal: string, fromMs: number, count: number) {
  const all = framesOf(rig, name, fromMs, Infinity);
  const start = all.findIndex((f) => f.d.values[muxSignal] === 0);
  return all.slice(start, start + count);
}

t('sends all 64 cell-voltage groups (192 cells) once per 200 ms cycle, ascending, spread over the cycle', () => {
  const rig = aCar({}, true);
  rig.run(1000);
  const cycle = oneCycle(rig, 'CMU_CellVoltages', 'CMU_CellVoltageMux', 400, 64);
  assert.equal(cycle.map((f) => f.d.values.CMU_CellVoltageMux), Array.from({ length: 64 }, (_, k) => k));
  assert.ok(cycle.every((f) => f.d.valid));
  const t0 = cycle[0]!.t;
  // Slot k is due at cycle start + k × 3.125 ms and leaves at the first 10 ms tick at or after it.
  for (const [k, f] of cycle.entries()) assert.is(f.t, t0 + Math.ceil((k * 3.125) / 10) * 10, `mux ${k}`);
  const perTick = new Map<number, number>();
  for (const f of cycle) perTick.set(f.t, (perTick.get(f.t) ?? 0) + 1);
  assert.ok([...perTick.values()].every((n) => n <= 4), 'never more than 4 per tick');
  assert.ok(cycle[63]!.t - t0 <= 200);
  const next = framesOf(rig, 'CMU_CellVoltages', t0 + 200, t0 + 201);
  assert.is(next[next.length - 1]!.d.values.CMU_CellVoltageMux, 0, 'the next cycle starts 200 ms later');
});

t('cell voltages are the pack\'s, measured to 1 mV (offset and noise within a few mV)', () => {
  const rig = aCar({}, true);
  rig.run(600);
  const pack = rig.car.plant.pack;
  for (let cell = 1; cell <= 192; cell++) {
    const name = `CMU_CellVoltage${String(cell).padStart(3, '0')}`;
    const v = rig.pp.read(name);
    assert.ok(Math.abs(v - pack.cellVoltageV[cell - 1]!) < 0.005, `${name} ${v} vs pack ${pack.cellVoltageV[cell - 1]}`);
    assert.ok(Math.abs(v * 1000 - Math.round(v * 1000)) < 1e-6, `${name} in whole mV`);
  }
});

t('temperatures: 64 sensors in 16 groups every 500 ms, close to the pack\'s sensor temperatures', () => {
  const rig = aCar({ initial: { socPct: 50, cellTempC: 18 } }, true);
  rig.run(1200);
  const cycle = oneCycle(rig, 'CMU_CellTemps', 'CMU_CellTempMux', 400, 16);
  assert.equal(cycle.map((f) => f.d.values.CMU_CellTempMux), Array.from({ length: 16 }, (_, k) => k));
  for (let s = 1; s <= 64; s++) {
    const v = rig.pp.read(`CMU_CellTemp${String(s).padStart(2, '0')}`);
    assert.ok(Math.abs(v - 18) < 2, `sensor ${s}: ${v}`);
  }
  assert.is(rig.pp.read('CMU_SensorCount'), 64);
  assert.is(rig.pp.read('CMU_CellCount'), 192);
  assert.is(rig.pp.read('CMU_State'), 1);
});

t('an open cell sense wire is SNA and makes the CMU Degraded with OpenWireDetected', () => {
  const rig = aCar();
  rig.run(300);
  rig.car.fault('cell-sensor-open', { cell: 10 });
  rig.run(400);
  const r = rig.pp.reading('CMU_CellVoltage011');
  assert.is(r.valid, false);
  assert.is(r.reason, 'sna');
  assert.ok(Number.isFinite(rig.pp.read('CMU_CellVoltage010')));
  assert.is(rig.pp.read('CMU_OpenWireDetected'), 1);
  assert.is(rig.pp.read('CMU_State'), 2);
});

t('a shorted voltage channel reads 0 V (a value: packpilot must judge it); a shorted NTC is SNA', () => {
  const rig = aCar();
  rig.run(300);
  rig.car.fault('cell-sensor-short', { cell: 0 });
  rig.car.fault('cell-sensor-short', { sensor: 5 });
  rig.run(1000);
  assert.is(rig.pp.read('CMU_CellVoltage001'), 0);
  assert.is(rig.pp.reading('CMU_CellTemp06').reason, 'sna');
  assert.is(rig.pp.read('CMU_OpenWireDetected'), 0);
  assert.is(rig.pp.read('CMU_State'), 2);
});

t('a 96-cell pack sends 32 groups and reports its counts', () => {
  const rig = aCar({ vehicle: 'car-400v' }, true);
  rig.run(1000);
  const cycle = oneCycle(rig, 'CMU_CellVoltages', 'CMU_CellVoltageMux', 400, 33);
  assert.equal(cycle.map((f) => f.d.values.CMU_CellVoltageMux), [...Array.from({ length: 32 }, (_, k) => k), 0]);
  assert.is(cycle[32]!.t - cycle[0]!.t, 200);
  assert.is(rig.pp.read('CMU_CellCount'), 96);
  assert.is(rig.pp.read('CMU_SensorCount'), 32);
  assert.ok(Number.isFinite(rig.pp.read('CMU_CellVoltage096')));
  assert.is(rig.pp.reading('CMU_CellVoltage097').reason, 'missing');
});

t.run();
