import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { aCar } from './nodes/builders.ts';

const t = suite('sim/car');

/** Frames sent by each node in [fromMs, toMs). */
function sendersIn(frames: ReturnType<typeof aCar>['frames'], fromMs: number, toMs: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { frame, from } of frames) {
    if (frame.timestampMs >= fromMs && frame.timestampMs < toMs) counts.set(from, (counts.get(from) ?? 0) + 1);
  }
  return counts;
}

t('an 800 V car has every DBC node but PACKPILOT; a 400 V car has no BOOST', () => {
  assert.equal([...aCar().car.nodes.keys()].sort(), ['BOOST', 'CCC', 'CMU', 'HMI', 'IMD', 'INLET', 'INV', 'OBC', 'PDU', 'SHUNT', 'TMS', 'VEH']);
  assert.not.ok(aCar({ vehicle: 'car-400v' }).car.nodes.has('BOOST'));
});

t('can-silence silences exactly that node, for its duration', () => {
  const rig = aCar({}, true);
  rig.run(1000);
  rig.car.fault('can-silence', { node: 'SHUNT', durationS: 2 });
  rig.run(3000);
  const before = sendersIn(rig.frames, 0, 1000);
  const during = sendersIn(rig.frames, 1010, 3000);
  const after = sendersIn(rig.frames, 3000, 4000);
  assert.is(during.get('SHUNT'), undefined, 'SHUNT silent');
  for (const [node, n] of before) {
    if (node !== 'SHUNT') assert.ok(Math.abs((during.get(node) ?? 0) / 2 - n) <= n * 0.1 + 1, `${node} unaffected`);
  }
  assert.is(after.get('SHUNT'), 150, 'back after 2 s: SHUNT_Current 100/s + SHUNT_Voltages 50/s');
  assert.equal(rig.car.events.map((e) => e.kind), ['fault', 'fault-cleared']);
  assert.equal(rig.car.truth().silenced, []);
});

t('can-silence names a DBC node; a node the car does not have is silent already', () => {
  const rig = aCar({ vehicle: 'car-400v' });
  assert.throws(() => rig.car.fault('can-silence', { node: 'PACKPILOT' }), /node/);
  assert.throws(() => rig.car.fault('can-silence', {}), /node/);
  rig.car.fault('can-silence', { node: 'BOOST' });
  rig.car.fault('can-silence', { node: 'CMU' });
  assert.equal(rig.car.truth().silenced, ['CMU']);
  rig.car.fault('can-silence', { node: 'SHUNT' });
  assert.equal(rig.car.truth().silenced, ['CMU', 'SHUNT'], 'the list follows every change (it is rebuilt only then)');
});

function trafficHash(seed: number): string {
  const rig = aCar({ seed, initial: { socPct: 42, cellTempC: 21 } }, true);
  rig.car.plug();
  rig.run(3000);
  const h = createHash('sha256');
  for (const { frame, from } of rig.frames) h.update(`${frame.timestampMs} ${from} ${frame.id} ${Buffer.from(frame.data).toString('hex')}\n`);
  return `${rig.frames.length}:${h.digest('hex')}`;
}

t('same seed, same traffic (bit for bit); another seed, other traffic', () => {
  const a = trafficHash(11);
  assert.is(trafficHash(11), a);
  assert.is.not(trafficHash(12), a);
});

t('fault durations clear the fault; plant faults show in the truth', () => {
  const rig = aCar();
  rig.run(500);
  const healthy = rig.car.truth().isolationOhm;
  rig.car.fault('isolation-drop', { durationS: 1 });
  assert.is(rig.car.truth().isolationOhm, 50e3);
  rig.run(1000);
  assert.is(rig.car.truth().isolationOhm, healthy);
  rig.car.fault('contactor-weld', { contactor: 'dcPos' });
  assert.ok(rig.car.events.some((e) => e.kind === 'fault' && e.detail.includes('dcPos')));
});

t('plug and unplug: PP, adapter and station in the truth; plugging twice is a scenario error', () => {
  const rig = aCar({ adapter: 'nacs-to-ccs1-dc' });
  rig.run(100);
  assert.is(rig.car.truth().plugged, false);
  rig.car.plug();
  rig.run(100);
  const truth = rig.car.truth();
  assert.is(truth.plugged, true);
  assert.is(truth.adapter, 'nacs-to-ccs1-dc');
  assert.is(truth.station, 'dc');
  assert.ok(Math.abs(truth.ppOhm - 300) < 15);
  assert.throws(() => rig.car.plug(), /already/);
  assert.is(rig.car.unplug(), true);
  rig.run(100);
  assert.is(rig.car.truth().plugged, false);
  assert.is(rig.pp.read('INLET_PpResistance'), 65534);
});

t('quirks apply to the DC charger only', () => {
  const dc = aCar();
  dc.car.quirk('currentOscillationPct', 10);
  dc.car.quirk('isolationFaultAtCableCheck');
  assert.is(dc.car.plant.dcCharger!.quirks.currentOscillationPct, 10);
  assert.is(dc.car.plant.dcCharger!.quirks.isolationFaultAtCableCheck, true);
  assert.throws(() => aCar({ charger: 'ac-l2-48' }).car.quirk('commLossAtS', 1), /no DC charger/);
});

t('the truth is the plant\'s: SOC, cell temperatures, pack voltage at rest', () => {
  const rig = aCar({ initial: { socPct: 63, cellTempC: 12, ambientC: 12 } });
  rig.run(1000);
  const truth = rig.car.truth();
  assert.ok(Math.abs(truth.socPct - 63) < 0.5);
  assert.ok(Math.abs(truth.cellTempMinC - 12) < 0.5 && Math.abs(truth.cellTempMaxC - 12) < 0.5);
  assert.ok(truth.packVoltageV > 192 * 3.6 && truth.packVoltageV < 192 * 3.9);
  assert.is(truth.packCurrentA, 0);
  assert.is(truth.timeMs, 1000);
  assert.is(truth.pduWatchdogTripped, true, 'no controller commands yet');
});

t('stop() ends the car\'s traffic', () => {
  const rig = aCar({}, true);
  rig.run(500);
  rig.car.stop();
  const n = rig.frames.length;
  rig.run(500);
  assert.ok(rig.frames.slice(n).every((f) => f.from === 'PACKPILOT'));
});

t.run();
