import type { Clock } from '../clock/clock.ts';
import { RealClock } from '../clock/real-clock.ts';
import { CanBusError } from './bus.ts';
import type { BusEventKind, BusEventListener, CanBus, FrameFilter, FrameListener } from './bus.ts';
import { classifyErrorFrame } from './can-error-frame.ts';
import { frameProblem } from './frame.ts';
import { Listeners } from './listeners.ts';
import type { CanFrame, OutgoingFrame } from './frame.ts';
import { CANFD_MTU, diagnoseOpenFailure, interfaceDownMessage, probeInterface } from './socketcan-diagnose.ts';
import type { InterfaceFacts } from './socketcan-diagnose.ts';
import { defaultSocketCan } from './socketcan-loader.ts';
import type { RawChannelLike, RawMessage, SocketCanModule } from './socketcan-loader.ts';

/**
 * A real SocketCAN interface (can0, vcan0…) behind our CanBus, on the `socketcan` package.
 *
 * - Like the SimBus, a node does not receive its own frames (CAN_RAW_RECV_OWN_MSGS is off);
 *   other sockets on the host do (loopback on).
 * - Error frames (CAN_ERR_FLAG; all classes subscribed) become bus events, never frames.
 * - send() throws CanBusError for a frame that can never go out: bad id or length, CAN FD on a
 *   classic interface, bus closed. A frame the kernel refuses (tx queue full: sends are
 *   non-blocking so the loop never stalls; interface down) is a 'send-failed' event, delivered
 *   after send() returns, one event per burst with the count.
 * - Received CAN FD frames are recognised by length > 8 bytes: socketcan 4.3.1 does not say
 *   which struct the kernel returned, so an FD frame of ≤ 8 bytes reads as classic.
 * - Remote (RTR) frames are ignored: the DBC has none.
 * - close() stops the reader thread (joins within its 100 ms poll) so the process can exit.
 */
export interface SocketCanBusOptions {
  /** Stamps received frames and events; pass the loop's clock so ages compare. Default: a RealClock. */
  clock?: Clock;
  /** 'clock' (default): receive time on `clock`. 'kernel': the kernel's rx time, epoch ms. */
  timestamps?: 'clock' | 'kernel';
  /** Refuse an interface that is down (default true). */
  requireUp?: boolean;
  /** Injected for tests; default: the loaded socketcan package. */
  socketcan?: SocketCanModule;
  /** Injected for tests; default: reads /proc and /sys. */
  probe?: (iface: string) => Promise<InterfaceFacts>;
}

const IFNAMSIZ = 16; // linux/if.h, including the NUL

export async function openSocketCanBus(iface: string, options: SocketCanBusOptions = {}): Promise<CanBus> {
  if (iface === '' || iface.length >= IFNAMSIZ || /[\s/]/.test(iface)) {
    throw new CanBusError(iface, `"${iface}" is not a valid interface name (1…15 characters, no spaces or '/')`);
  }
  const socketcan = options.socketcan ?? defaultSocketCan();
  const probe = options.probe ?? ((name: string) => probeInterface(name));
  const kernelTime = options.timestamps === 'kernel';
  const before = await probe(iface);
  if ((options.requireUp ?? true) && before.exists && before.up === false) {
    throw new CanBusError(iface, interfaceDownMessage(iface));
  }
  let channel: RawChannelLike;
  try {
    channel = socketcan.createRawChannelWithOptions(iface, { timestamps: kernelTime, non_block_send: true });
  } catch (e) {
    const facts = await probe(iface);
    throw new CanBusError(iface, diagnoseOpenFailure(iface, facts, (e as Error)?.message ?? String(e)));
  }
  // An unknown MTU (no /sys) lets the kernel decide; 16 means the interface is classic only.
  const fdCapable = before.mtu === undefined || before.mtu >= CANFD_MTU;
  return new SocketCanBus(iface, channel, options.clock ?? new RealClock(), kernelTime, fdCapable);
}

class SocketCanBus implements CanBus {
  private readonly listeners = new Listeners();
  private closed = false;
  private stoppedByUs = false;
  private failedSends = 0;
  private lastFailure = '';

  constructor(
    readonly name: string,
    private readonly channel: RawChannelLike,
    private readonly clock: Clock,
    private readonly kernelTime: boolean,
    private readonly fdCapable: boolean,
  ) {
    channel.addListener('onMessage', (m) => this.receive(m));
    channel.addListener('onStopped', () => this.stopped());
    channel.start();
  }

  send(frame: OutgoingFrame): void {
    if (this.closed) throw new CanBusError(this.name, 'bus is closed');
    const problem = frameProblem(frame);
    if (problem !== undefined) throw new CanBusError(this.name, problem);
    if (frame.fd && !this.fdCapable) {
      throw new CanBusError(this.name, `CAN FD frame on a classic-only interface (mtu 16): \`ip link set ${this.name} mtu 72\` if the controller supports FD`);
    }
    const { data } = frame;
    const message = { id: frame.id, ext: frame.extended, data: Buffer.from(data.buffer, data.byteOffset, data.length) };
    let written: number;
    try {
      written = frame.fd ? this.channel.sendFD(message) : this.channel.send(message);
    } catch (e) {
      this.sendFailed(frame, (e as Error)?.message ?? String(e));
      return;
    }
    if (!(written > 0)) this.sendFailed(frame, 'kernel refused the frame (tx queue full or interface down)');
  }

  subscribe(onFrame: FrameListener, onEvent?: BusEventListener, filter?: FrameFilter): () => void {
    if (this.closed) return () => {};
    return this.listeners.add(onFrame, onEvent, filter);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.stoppedByUs = true;
    this.channel.stop(); // fires onStopped → stopped()
    this.stopped();
  }

  private receive(message: RawMessage): void {
    if (this.closed) return;
    const timestampMs = this.timestampOf(message);
    if (message.err) {
      for (const { kind, detail } of classifyErrorFrame(message.id, message.data)) this.emit(kind, detail, timestampMs);
      return;
    }
    if (message.rtr) return;
    const d = message.data;
    const frame: CanFrame = {
      id: message.id,
      extended: message.ext === true,
      fd: d.length > 8,
      data: new Uint8Array(d.buffer, d.byteOffset, d.length), // the binding copies each message: ours
      timestampMs,
    };
    this.listeners.frame(frame);
  }

  private timestampOf(message: RawMessage): number {
    if (this.kernelTime && message.ts_sec !== undefined) return message.ts_sec * 1000 + (message.ts_usec ?? 0) / 1000;
    // A burst of frames read in one turn shares one clock reading (one system call, not one per frame).
    return this.clock.turnMs ? this.clock.turnMs() : this.clock.nowMs();
  }

  private sendFailed(frame: OutgoingFrame, why: string): void {
    this.lastFailure = `0x${frame.id.toString(16)}: ${why}`;
    if (this.failedSends++ > 0) return; // one event per burst
    queueMicrotask(() => {
      const count = this.failedSends;
      this.failedSends = 0;
      if (!this.closed) this.emit('send-failed', `${count} frame(s) not sent, last ${this.lastFailure}`, this.clock.nowMs());
    });
  }

  private stopped(): void {
    if (this.closed) return;
    this.closed = true;
    const detail = this.stoppedByUs ? 'closed' : 'channel stopped by the kernel (interface removed or socket error)';
    this.emit('closed', detail, this.clock.nowMs());
    this.listeners.clear();
  }

  private emit(kind: BusEventKind, detail: string, timestampMs: number): void {
    this.listeners.event({ kind, detail, timestampMs });
  }
}
