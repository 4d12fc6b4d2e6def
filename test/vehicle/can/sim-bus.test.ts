import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { SimClock } from '../../../vehicle/clock/sim-clock.ts';
import { createSimNetwork } from '../../../vehicle/can/sim-bus.ts';
import type { SimBus, SimNetworkOptions } from '../../../vehicle/can/sim-bus.ts';
import { CanBusError } from '../../../vehicle/can/bus.ts';
import type { BusEvent } from '../../../vehicle/can/bus.ts';
import type { CanFrame, OutgoingFrame } from '../../../vehicle/can/frame.ts';
import type { Clock } from '../../../vehicle/clock/clock.ts';

const t = suite('SimBus');

function aFrame(overrides: Partial<OutgoingFrame> = {}): OutgoingFrame {
  return { id: 0x123, extended: false, fd: false, data: new Uint8Array([1, 2, 3]), ...overrides };
}

/** A network on a SimClock with nodes whose received frames and events are logged. */
function aNetwork(options: Partial<SimNetworkOptions> = {}, nodeNames = ['bms', 'pdu', 'inlet']) {
  const clock = new SimClock();
  const network = createSimNetwork({ clock, ...options });
  const got: Record<string, CanFrame[]> = {};
  const events: Record<string, BusEvent[]> = {};
  const nodes: Record<string, SimBus> = {};
  for (const name of nodeNames) {
    got[name] = [];
    events[name] = [];
    nodes[name] = network.attach(name);
    nodes[name].subscribe((f) => got[name]!.push({ ...f, data: f.data.slice() }), (e) => events[name]!.push(e)); // lent: copied
  }
  return { clock, network, nodes, got, events };
}

const ids = (frames: CanFrame[] | undefined) => (frames ?? []).map((f) => f.id);

t('a frame reaches every other node, not its sender', () => {
  const { clock, nodes, got } = aNetwork();
  nodes.bms!.send(aFrame());
  clock.runDue();
  assert.equal(ids(got.pdu), [0x123]);
  assert.equal(ids(got.inlet), [0x123]);
  assert.equal(ids(got.bms), []);
});

t('receiveOwn gives a node its own frames back (as CAN_RAW_RECV_OWN_MSGS)', () => {
  const clock = new SimClock();
  const network = createSimNetwork({ clock });
  const self = network.attach('self', { receiveOwn: true });
  const seen: number[] = [];
  self.subscribe((f) => seen.push(f.id));
  self.send(aFrame({ id: 0x42 }));
  clock.runDue();
  assert.equal(seen, [0x42]);
});

t('latency 0: delivered at the same ms, after the sending callback, never inside send()', () => {
  const { clock, nodes, got } = aNetwork();
  clock.at(10, () => {
    nodes.bms!.send(aFrame());
    assert.equal(got.pdu, [], 'not synchronous');
  });
  clock.advanceTo(10);
  assert.is(got.pdu!.length, 1);
  assert.is(got.pdu![0]!.timestampMs, 10);
});

t('latency: delivered latencyMs later, stamped with the delivery time, in send order', () => {
  const { clock, nodes, got } = aNetwork({ latencyMs: 2 });
  clock.at(1, () => nodes.bms!.send(aFrame({ id: 1 })));
  clock.at(1, () => nodes.inlet!.send(aFrame({ id: 2 })));
  clock.at(1.5, () => nodes.bms!.send(aFrame({ id: 3 })));
  clock.advanceTo(2.9);
  assert.equal(ids(got.pdu), []);
  clock.advanceTo(3);
  assert.equal(ids(got.pdu), [1, 2]);
  clock.advanceTo(10);
  assert.equal(ids(got.pdu), [1, 2, 3]);
  assert.equal(got.pdu!.map((f) => f.timestampMs), [3, 3, 3.5]);
});

t('replies sent during delivery at latency 0 come after timers already due at that ms', () => {
  const { clock, nodes } = aNetwork({}, ['a', 'b']);
  const log: string[] = [];
  nodes.b!.subscribe((f) => {
    log.push(`b got ${f.id}`);
    if (f.id === 1) nodes.b!.send(aFrame({ id: 2 }));
  });
  nodes.a!.subscribe((f) => log.push(`a got ${f.id}`));
  clock.at(5, () => nodes.a!.send(aFrame({ id: 1 })));
  clock.at(5, () => log.push('other timer'));
  clock.advanceTo(5);
  assert.equal(log, ['other timer', 'b got 1', 'a got 2']);
});

t('the receiver gets a copy: a sender may reuse its buffer', () => {
  const { clock, nodes, got } = aNetwork();
  const buffer = Buffer.from([9, 9]);
  nodes.bms!.send(aFrame({ data: buffer }));
  buffer[0] = 0;
  clock.runDue();
  assert.equal([...got.pdu![0]!.data], [9, 9]);
});

t('invalid frames throw CanBusError naming the bus and node, and are not sent', () => {
  const { clock, network, nodes } = aNetwork();
  const bad = [
    aFrame({ id: 0x800 }),
    aFrame({ id: 0x2000_0000, extended: true }),
    aFrame({ data: new Uint8Array(9) }),
    aFrame({ fd: true, data: new Uint8Array(9) }),
    aFrame({ id: -1 }),
  ];
  for (const frame of bad) {
    assert.throws(
      () => nodes.bms!.send(frame),
      (e: unknown) => e instanceof CanBusError && e.bus === 'sim' && /node "bms"/.test(e.message),
    );
  }
  nodes.bms!.send(aFrame({ fd: true, data: new Uint8Array(64) }));
  nodes.bms!.send(aFrame({ id: 0x1fff_ffff, extended: true }));
  clock.runDue();
  assert.is(network.stats.sent, 2);
});

t('loss uses the injected random source and is reproducible', () => {
  const run = () => {
    let state = 7;
    const random = () => ((state = (state * 16807) % 2147483647) / 2147483647);
    const { clock, network, nodes, got } = aNetwork({ lossRate: 0.3, random });
    for (let i = 0; i < 200; i++) nodes.bms!.send(aFrame({ id: i }));
    clock.runDue();
    return { received: ids(got.pdu), stats: { ...network.stats } };
  };
  const first = run();
  assert.equal(run(), first);
  assert.ok(first.stats.lost > 30 && first.stats.lost < 100, `lost ${first.stats.lost} of 200`);
  assert.is(first.stats.sent + first.stats.lost, 200);
  assert.equal(ids(aNetwork().got.pdu), []);
  assert.throws(() => createSimNetwork({ clock: new SimClock(), lossRate: 0.1 }), /seeded random/);
});

t('a tap sees every delivered frame once with its sender, and injected events', () => {
  const { clock, network, nodes } = aNetwork();
  const seen: string[] = [];
  const untap = network.tap(
    (f, from) => seen.push(`${from}:${f.id}`),
    (e, node) => seen.push(`${e.kind}->${node ?? 'all'}`),
  );
  nodes.bms!.send(aFrame({ id: 1 }));
  nodes.pdu!.send(aFrame({ id: 2 }));
  clock.runDue();
  network.injectEvent('bus-off', { node: 'pdu' });
  untap();
  nodes.bms!.send(aFrame({ id: 3 }));
  clock.runDue();
  assert.equal(seen, ['bms:1', 'pdu:2', 'bus-off->pdu']);
});

t('injected events reach one node or all, stamped with the clock', () => {
  const { clock, network, events } = aNetwork();
  clock.advanceTo(42);
  network.injectEvent('error-passive', { detail: 'tx errors 128' });
  network.injectEvent('send-failed', { node: 'bms' });
  assert.equal(events.pdu, [{ kind: 'error-passive', detail: 'tx errors 128', timestampMs: 42 }]);
  assert.equal(events.bms!.map((e) => e.kind), ['error-passive', 'send-failed']);
  assert.throws(() => network.injectEvent('bus-off', { node: 'nobody' }), /no attached node "nobody"/);
});

t('unsubscribe stops delivery to that listener only', () => {
  const { clock, nodes, got } = aNetwork();
  const extra: number[] = [];
  const off = nodes.pdu!.subscribe((f) => extra.push(f.id));
  nodes.bms!.send(aFrame({ id: 1 }));
  clock.runDue();
  off();
  nodes.bms!.send(aFrame({ id: 2 }));
  clock.runDue();
  assert.equal(extra, [1]);
  assert.equal(ids(got.pdu), [1, 2]);
});

t('a filtered listener hears only the ids it asked for, in the same order among the others', () => {
  const { clock, network, nodes } = aNetwork({}, ['bms']);
  const heard: string[] = [];
  const hub = network.attach('hub');
  hub.subscribe((f) => heard.push(`hub ${f.id}${f.extended ? 'x' : ''}`), undefined, { standardIds: [2], extendedIds: [0x1234] });
  const all = network.attach('all');
  all.subscribe((f) => heard.push(`all ${f.id}${f.extended ? 'x' : ''}`));
  for (const f of [aFrame({ id: 1 }), aFrame({ id: 2 }), aFrame({ id: 0x1234, extended: true }), aFrame({ id: 2, extended: true }), aFrame({ id: 2 })]) nodes.bms!.send(f);
  clock.runDue();
  assert.equal(heard, ['all 1', 'hub 2', 'all 2', 'hub 4660x', 'all 4660x', 'all 2x', 'hub 2', 'all 2']);
});

t('subscribing anew with other ids takes effect from the next frame (routes are rebuilt)', () => {
  const { clock, network, nodes } = aNetwork({}, ['bms']);
  const heard: number[] = [];
  const hub = network.attach('hub');
  let off = hub.subscribe((f) => heard.push(f.id), undefined, { standardIds: [1] });
  nodes.bms!.send(aFrame({ id: 1 }));
  nodes.bms!.send(aFrame({ id: 2 }));
  clock.runDue();
  off();
  off = hub.subscribe((f) => heard.push(f.id), undefined, { standardIds: [1, 2] });
  nodes.bms!.send(aFrame({ id: 2 }));
  clock.runDue();
  assert.equal(heard, [1, 2]);
});

t('listeners changed during a delivery: as node by node (this node as it began, later nodes as they are now)', () => {
  const { clock, network, nodes, got } = aNetwork();
  const heard: string[] = [];
  const offPduSecond = nodes.pdu!.subscribe(() => heard.push('pdu second'));
  const offInletSecond = nodes.inlet!.subscribe(() => heard.push('inlet second'));
  const offPduFirst = nodes.pdu!.subscribe(() => {
    heard.push('pdu third: unsubscribes');
    offPduSecond(); // same node, already begun: still hears this frame
    offInletSecond(); // later node: does not
    nodes.inlet!.subscribe(() => heard.push('inlet new')); // later node: hears it
  });
  const late = network.attach('late');
  late.subscribe(() => heard.push('late'));
  nodes.bms!.send(aFrame({ id: 1 }));
  clock.runDue();
  assert.equal(heard, ['pdu second', 'pdu third: unsubscribes', 'inlet new', 'late']);
  assert.equal(ids(got.inlet), [1]);
  heard.length = 0;
  offPduFirst();
  nodes.bms!.send(aFrame({ id: 2 }));
  clock.runDue();
  assert.equal(heard, ['inlet new', 'late'], 'and the next frame goes to who listens now');
});

t('closing a node: one closed event, no more frames, send throws; others carry on', async () => {
  const { clock, nodes, got, events } = aNetwork();
  nodes.bms!.send(aFrame({ id: 1 }));
  await nodes.pdu!.close();
  await nodes.pdu!.close();
  clock.runDue();
  assert.equal(ids(got.pdu), []);
  assert.equal(ids(got.inlet), [1]);
  assert.equal(events.pdu!.map((e) => e.kind), ['closed']);
  assert.throws(() => nodes.pdu!.send(aFrame()), /node "pdu" is closed/);
});

t('closing the network closes every node and drops frames in flight', async () => {
  const { clock, network, nodes, got, events } = aNetwork({ latencyMs: 1 });
  nodes.bms!.send(aFrame());
  assert.is(network.pendingFrames(), 1);
  await network.close();
  clock.advanceTo(5);
  assert.equal(ids(got.pdu), []);
  assert.equal(events.inlet!.map((e) => e.detail), ['network closed']);
  assert.is(clock.pendingCount(), 0);
  assert.throws(() => network.attach('late'), /network is closed/);
});

t('node names are unique; every view reports the network name', () => {
  const { network, nodes } = aNetwork();
  assert.is(nodes.bms!.name, 'sim');
  assert.is(nodes.bms!.node, 'bms');
  assert.throws(() => network.attach('bms'), /already attached/);
});

t('thousands of frames in flight keep their order across queue growth', () => {
  const { clock, nodes, got } = aNetwork({ latencyMs: 0.5 });
  for (let i = 0; i < 5000; i++) {
    nodes.bms!.send(aFrame({ id: i % 0x800 }));
    if (i % 700 === 0) clock.advanceBy(0.1);
  }
  clock.advanceBy(1);
  assert.equal(ids(got.pdu), Array.from({ length: 5000 }, (_, i) => i % 0x800));
});

t('the flush timer is re-armed with the one that fired (clock.reschedule), and delivers as before', () => {
  const sim = new SimClock();
  const calls = { at: 0, reschedule: 0 };
  const clock: Clock = {
    nowMs: () => sim.nowMs(),
    at: (atMs, fn) => (calls.at++, sim.at(atMs, fn)),
    reschedule: (previous, atMs, fn) => (calls.reschedule++, sim.reschedule(previous, atMs, fn)),
  };
  const network = createSimNetwork({ clock, latencyMs: 2 });
  const a = network.attach('A');
  const b = network.attach('B');
  const got: string[] = [];
  b.subscribe((f) => got.push(`${f.data[0]}@${f.timestampMs}`));
  for (let ms = 0; ms < 10; ms++) {
    a.send({ id: 1, extended: false, fd: false, data: Uint8Array.of(ms) });
    sim.advanceBy(1);
  }
  sim.advanceBy(5);
  assert.equal(got, ['0@2', '1@3', '2@4', '3@5', '4@6', '5@7', '6@8', '7@9', '8@10', '9@11']);
  assert.equal(calls, { at: 1, reschedule: 9 });
  assert.is(sim.pendingCount(), 0);
});

t.run();
