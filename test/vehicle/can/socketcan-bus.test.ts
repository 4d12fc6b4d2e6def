// SocketCanBus against a fake socketcan module: the kernel side is covered by
// test/integration/socketcan.int.ts on a real vcan.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { openSocketCanBus } from '../../../vehicle/can/socketcan-bus.ts';
import type { SocketCanBusOptions } from '../../../vehicle/can/socketcan-bus.ts';
import type { RawChannelLike, RawMessage, RawOutgoing, SocketCanModule } from '../../../vehicle/can/socketcan-loader.ts';
import type { InterfaceFacts } from '../../../vehicle/can/socketcan-diagnose.ts';
import { CanBusError } from '../../../vehicle/can/bus.ts';
import type { BusEvent } from '../../../vehicle/can/bus.ts';
import type { CanFrame } from '../../../vehicle/can/frame.ts';
import { SimClock } from '../../../vehicle/clock/sim-clock.ts';

const t = suite('SocketCanBus');

/** A fake RawChannel: records what is sent, lets the test play the kernel. */
class FakeChannel implements RawChannelLike {
  sent: (RawOutgoing & { fd: boolean })[] = [];
  started = false;
  stopped = false;
  sendResult = 16;
  private onMessage: ((m: RawMessage) => void)[] = [];
  private onStopped: (() => void)[] = [];
  addListener(event: 'onMessage' | 'onStopped', callback: (m: RawMessage) => void): void {
    if (event === 'onMessage') this.onMessage.push(callback);
    else this.onStopped.push(callback as () => void);
  }
  start(): void {
    this.started = true;
  }
  stop(): void {
    if (!this.started || this.stopped) throw new Error('Channel not started');
    this.stopped = true;
    for (const l of this.onStopped) l();
  }
  send(m: RawOutgoing): number {
    this.sent.push({ ...m, fd: false });
    return this.sendResult;
  }
  sendFD(m: RawOutgoing): number {
    this.sent.push({ ...m, fd: true });
    return this.sendResult === 16 ? 72 : this.sendResult;
  }
  /** The kernel delivers a message. */
  deliver(m: Partial<RawMessage>): void {
    for (const l of this.onMessage) l({ id: 0, data: Buffer.alloc(0), ...m });
  }
  /** The kernel stops the channel (e.g. interface removed). */
  die(): void {
    this.stopped = true;
    for (const l of this.onStopped) l();
  }
}

function someFacts(overrides: Partial<InterfaceFacts> = {}): InterfaceFacts {
  return { afCan: true, canRaw: true, exists: true, isCan: true, up: true, mtu: 72, ...overrides };
}

async function aBus(options: { facts?: Partial<InterfaceFacts>; create?: () => RawChannelLike } & Partial<SocketCanBusOptions> = {}) {
  const channel = new FakeChannel();
  const created: { iface: string; options: unknown }[] = [];
  const socketcan: SocketCanModule = {
    createRawChannelWithOptions(iface, opts) {
      created.push({ iface, options: opts });
      return options.create ? options.create() : channel;
    },
  };
  const clock = new SimClock(1000);
  const bus = await openSocketCanBus('vcan0', { clock, socketcan, probe: async () => someFacts(options.facts), ...options });
  const frames: CanFrame[] = [];
  const events: BusEvent[] = [];
  bus.subscribe((f) => frames.push({ ...f, data: f.data.slice() }), (e) => events.push(e)); // lent (bus.ts): copied
  return { bus, channel, created, clock, frames, events };
}

const flushMicrotasks = () => new Promise<void>((resolve) => queueMicrotask(resolve));

t('opens a non-blocking raw channel and starts it', async () => {
  const { bus, channel, created } = await aBus();
  assert.is(bus.name, 'vcan0');
  assert.ok(channel.started);
  assert.equal(created, [{ iface: 'vcan0', options: { timestamps: false, non_block_send: true } }]);
});

t('sends classic, extended and FD frames with the right call', async () => {
  const { bus, channel } = await aBus();
  bus.send({ id: 0x123, extended: false, fd: false, data: Uint8Array.of(1, 2) });
  bus.send({ id: 0x1abcdef0, extended: true, fd: true, data: new Uint8Array(12) });
  assert.equal(
    channel.sent.map((m) => ({ id: m.id, ext: m.ext, fd: m.fd, data: [...m.data] })),
    [
      { id: 0x123, ext: false, fd: false, data: [1, 2] },
      { id: 0x1abcdef0, ext: true, fd: true, data: new Array(12).fill(0) },
    ],
  );
  assert.ok(Buffer.isBuffer(channel.sent[0]!.data), 'the binding needs a Buffer');
});

t('invalid frames and FD on a classic interface throw CanBusError naming the interface', async () => {
  const { bus, channel } = await aBus({ facts: { mtu: 16 } });
  const isVcan0Error = (pattern: RegExp) => (e: unknown) => e instanceof CanBusError && e.bus === 'vcan0' && pattern.test(e.message);
  assert.throws(() => bus.send({ id: 0x800, extended: false, fd: false, data: new Uint8Array() }), isVcan0Error(/11 bits/));
  assert.throws(() => bus.send({ id: 1, extended: false, fd: false, data: new Uint8Array(9) }), isVcan0Error(/max 8/));
  assert.throws(() => bus.send({ id: 1, extended: false, fd: true, data: new Uint8Array(12) }), isVcan0Error(/classic-only.*mtu 72/));
  assert.equal(channel.sent, []);
});

t('a frame the kernel refuses is one send-failed event per burst, after send returns', async () => {
  const { bus, channel, events } = await aBus();
  channel.sendResult = -1;
  bus.send({ id: 0x10, extended: false, fd: false, data: new Uint8Array() });
  bus.send({ id: 0x11, extended: false, fd: false, data: new Uint8Array() });
  assert.equal(events, []);
  await flushMicrotasks();
  assert.equal(events.map((e) => e.kind), ['send-failed']);
  assert.match(events[0]!.detail, /2 frame\(s\) not sent, last 0x11/);
  assert.is(events[0]!.timestampMs, 1000);
});

t('a binding exception on send is a send-failed event too', async () => {
  const { bus, channel, events } = await aBus();
  channel.send = () => {
    throw new Error('Invalid channel!');
  };
  bus.send({ id: 0x10, extended: false, fd: false, data: new Uint8Array() });
  await flushMicrotasks();
  assert.match(events[0]?.detail ?? '', /Invalid channel!/);
});

t('received data frames carry id, bytes and the clock time; FD by length', async () => {
  const { channel, clock, frames } = await aBus();
  clock.advanceTo(1234.5);
  channel.deliver({ id: 0x1abcdef0, ext: true, data: Buffer.from([1, 2, 3]) });
  channel.deliver({ id: 0x7ff, data: Buffer.alloc(16, 0xaa) });
  assert.equal(
    frames.map((f) => ({ id: f.id, extended: f.extended, fd: f.fd, bytes: f.data.length, t: f.timestampMs })),
    [
      { id: 0x1abcdef0, extended: true, fd: false, bytes: 3, t: 1234.5 },
      { id: 0x7ff, extended: false, fd: true, bytes: 16, t: 1234.5 },
    ],
  );
  assert.not.ok(Buffer.isBuffer(frames[0]!.data));
});

t('kernel timestamps, when asked for, are epoch ms', async () => {
  const { channel, frames, created } = await aBus({ timestamps: 'kernel' });
  channel.deliver({ id: 1, data: Buffer.from([0]), ts_sec: 1_700_000_000, ts_usec: 123_456 });
  assert.is(frames[0]!.timestampMs, 1_700_000_000_123.456);
  assert.equal(created[0]!.options, { timestamps: true, non_block_send: true });
});

t('error frames become bus events, never frames; remote frames are ignored', async () => {
  const { channel, frames, events } = await aBus();
  channel.deliver({ id: 0x004, err: true, data: Buffer.from([0, 0x04, 0, 0, 0, 0, 0, 0]) });
  channel.deliver({ id: 0x040, err: true, data: Buffer.alloc(8) });
  channel.deliver({ id: 0x100, err: true, data: Buffer.alloc(8) });
  channel.deliver({ id: 0x123, rtr: true, data: Buffer.alloc(0) });
  assert.equal(frames, []);
  assert.equal(events.map((e) => e.kind), ['error-warning', 'bus-off', 'restarted']);
});

t('close stops the channel once, emits closed, then send throws and nothing is received', async () => {
  const { bus, channel, frames, events } = await aBus();
  await bus.close();
  await bus.close();
  assert.ok(channel.stopped);
  assert.equal(events.map((e) => `${e.kind}:${e.detail}`), ['closed:closed']);
  assert.throws(() => bus.send({ id: 1, extended: false, fd: false, data: new Uint8Array() }), /bus is closed/);
  channel.deliver({ id: 1, data: Buffer.from([1]) });
  assert.equal(frames, []);
});

t('a channel the kernel stops is reported as closed; close() afterwards is harmless', async () => {
  const { bus, channel, events } = await aBus();
  channel.die();
  assert.equal(events.map((e) => e.kind), ['closed']);
  assert.match(events[0]!.detail, /stopped by the kernel/);
  await bus.close();
});

t('refuses bad interface names and a down interface before creating a channel', async () => {
  await assert_rejects(aBus({ facts: { up: false } }), /interface "vcan0" is down.*ip link set vcan0 up/);
  const socketcan: SocketCanModule = { createRawChannelWithOptions: () => assert.unreachable('not created') as never };
  await assert_rejects(openSocketCanBus('a/b', { socketcan, probe: async () => someFacts() }), /not a valid interface name/);
  await assert_rejects(openSocketCanBus('sixteen-chars-xx', { socketcan, probe: async () => someFacts() }), /not a valid interface name/);
  const { channel } = await aBus({ facts: { up: false }, requireUp: false });
  assert.ok(channel.started);
});

t('a channel that cannot be created is a CanBusError naming the interface and the likely cause', async () => {
  const failing = () => {
    throw new Error('Error while creating channel');
  };
  await assert_rejects(aBus({ create: failing, facts: { afCan: false, exists: false } }), /vcan0.*Error while creating channel.*modprobe can_raw/s);
  await assert_rejects(aBus({ create: failing, facts: { exists: false } }), /no interface "vcan0".*ip link add dev vcan0 type vcan/s);
});

async function assert_rejects(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof CanBusError, `expected CanBusError, got ${String(e)}`);
    assert.match((e as Error).message, pattern);
    return;
  }
  assert.unreachable(`expected a rejection matching ${pattern}`);
}

t.run();
