import { suite } from 'uvu';
import fc from 'fast-check';
import * as assert from 'uvu/assert';
import { createSimNetwork, createTransmitter, packpilotCodec, createReceiver, type CanFrame } from '../../vehicle/can/index.ts';
import { SimClock } from '../../vehicle/clock/index.ts';
import { nextDueMs, startLoop, type LoopController } from '../../vehicle/loop.ts';

const t = suite('tick loop');

function aRig(values: Record<string, Record<string, number> | undefined> = {}) {
  const clock = new SimClock();
  const network = createSimNetwork({ clock });
  const bus = network.attach('PACKPILOT');
  const car = network.attach('CAR');
  const codec = packpilotCodec();
  const seen: CanFrame[] = [];
  car.subscribe((f) => seen.push({ ...f, data: f.data.slice() })); // lent: copied
  const ticks: number[] = [];
  const controller: LoopController = {
    tick: (_store, nowMs) => void ticks.push(nowMs),
    txValues: (name) => values[name],
  };
  const loop = startLoop({ bus, clock, codec, controller, tickMs: 10 });
  const names = () => seen.map((f) => codec.messageById(f.id, f.extended)?.name);
  return { clock, car, codec, seen, ticks, loop, names };
}

t('the controller ticks every tickMs on the clock', () => {
  const { clock, ticks, loop } = aRig();
  clock.advanceTo(55);
  assert.equal(ticks, [0, 10, 20, 30, 40, 50]);
  assert.is(loop.ticks, 6);
});

t('our messages go out on their DBC cycle with the controller\'s values; held-back ones do not', () => {
  const { clock, codec, seen, names } = aRig({ PP_Heartbeat: { PP_Mode: 1, PP_SafeStateRequest: 0 } });
  clock.advanceTo(999);
  assert.ok(names().every((n) => n === 'PP_Heartbeat'));
  assert.is(seen.length, 10); // 100 ms cycle over 1 s (0, 100, … 900)
  const rx = createReceiver(codec);
  // The receiver reuses its result object: read each frame's fields at once.
  const decoded = seen.map((f) => {
    const r = rx.receive(f)!;
    return { valid: r.valid, counter: r.counter };
  });
  assert.ok(decoded.every((d) => d.valid), 'counter and CRC are filled in');
  assert.equal(decoded.map((d) => d.counter), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
});

t('frames from the car land in the signal store with their validity and age', () => {
  const { clock, car, codec, loop } = aRig();
  const tx = createTransmitter(codec);
  clock.advanceTo(20);
  car.send(tx.frame('VEH_Status', { VEH_Gear: 0, VEH_Speed: 12.5, VEH_Ready: 1, VEH_Ignition: 1 }));
  clock.advanceTo(30);
  const speed = loop.store.read('VEH_Speed', clock.nowMs());
  assert.is(speed.valid, true);
  assert.is(speed.value, 12.5);
  assert.is(loop.store.read('VEH_Speed', 1000).reason, 'stale');
  assert.is(loop.store.read('SHUNT_PackCurrent', 30).reason, 'missing');
});

t('a message whose values cannot be encoded is skipped and reported once', () => {
  const clock = new SimClock();
  const network = createSimNetwork({ clock });
  const errors: string[] = [];
  startLoop({
    bus: network.attach('PACKPILOT'), clock, codec: packpilotCodec(), tickMs: 10,
    controller: { tick: () => undefined, txValues: (n) => (n === 'PP_Heartbeat' ? { PP_Mode: 99, PP_SafeStateRequest: 0 } : undefined) },
    observer: { encodeError: (m, e) => errors.push(`${m}: ${e.message}`) },
  });
  clock.advanceTo(500);
  assert.is(errors.length, 1);
  assert.match(errors[0]!, /^PP_Heartbeat: PP_Heartbeat.PP_Mode/);
});

t('stop ends ticking and receiving', () => {
  const { clock, ticks, loop } = aRig();
  clock.advanceTo(20);
  loop.stop();
  clock.advanceTo(200);
  assert.equal(ticks, [0, 10, 20]);
});

t('the next transmit slot: one cycle on when on time, the missed slots skipped after a stall (as max(1, ceil(late / cycle)))', () => {
  assert.is(nextDueMs(100, 100, 100), 200);
  assert.is(nextDueMs(100, 100, 199.9), 200);
  assert.is(nextDueMs(100, 100, 200), 300);
  assert.is(nextDueMs(100, 100, 450), 500);
  const formula = (dueMs: number, cycleMs: number, nowMs: number) => dueMs + cycleMs * Math.max(1, Math.ceil((nowMs - dueMs + 1e-9) / cycleMs));
  const ms = fc.oneof(fc.integer({ min: 0, max: 10_000_000 }).map((us) => us / 1000), fc.double({ min: 0, max: 1e7, noNaN: true }));
  const cycle = fc.oneof(fc.constantFrom(10, 20, 50, 100, 1000), fc.double({ min: 1e-3, max: 1e4, noNaN: true }));
  fc.assert(fc.property(ms, cycle, fc.nat(5), ms, (dueMs, cycleMs, periods, extraMs) => {
    // around the grid: exactly on slots, just before and after, and anywhere later
    for (const nowMs of [dueMs, dueMs + periods * cycleMs, dueMs + periods * cycleMs - 1e-9, dueMs + periods * cycleMs + 1e-9, dueMs + extraMs]) {
      if (nowMs < dueMs) continue;
      assert.ok(Object.is(nextDueMs(dueMs, cycleMs, nowMs), formula(dueMs, cycleMs, nowMs)), `${dueMs} ${cycleMs} ${nowMs}`);
    }
  }), { seed: 42, numRuns: 300 });
});

t.run();
