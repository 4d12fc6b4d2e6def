import { reschedule, type Clock, type TimerHandle } from '../clock/clock.ts';
import { CanBusError } from './bus.ts';
import type { BusEvent, BusEventKind } from './bus.ts';
import { frameProblem } from './frame.ts';
import { Delivery } from './sim-delivery.ts';
import { SimNode, type NodeNetwork, type SimBus } from './sim-node.ts';
import { FrameQueue } from './sim-queue.ts';
import type { CanFrame, OutgoingFrame } from './frame.ts';

export type { SimBus } from './sim-node.ts';

/**
 * The in-process CAN bus (DESIGN.md §8, §9): one network, many attached nodes, each with
 * its own CanBus view. Deterministic and driven only by the injected clock.
 *
 * Delivery: a frame a node sends reaches every other attached node, not the sender — as a
 * SocketCAN raw socket by default (loopback to other sockets on, CAN_RAW_RECV_OWN_MSGS off).
 * `attach(name, { receiveOwn: true })` gives a node its own frames back too.
 *
 * Time: a frame is delivered `latencyMs` after it was sent, stamped with that delivery time,
 * in send order. With latency 0 it is NOT delivered inside `send()`: it is delivered at the
 * same ms in a clock timer that runs after the sender's current callback returns. That keeps
 * senders free of re-entrant calls (a node never hears replies in the middle of its own tick)
 * and costs one timer per burst, not per frame. On a SimClock this is exact and reproducible;
 * frames sent outside any timer wait for the next advance (or `clock.runDue()`).
 *
 * Speed: the pending frames live in a ring buffer of reusable frame records (sim-queue.ts) and
 * a single clock timer points at the oldest; a send copies the frame into its slot's record (so
 * a sender may reuse its buffer) and allocates nothing. All receivers and taps get the same
 * record, LENT for their call (bus.ts): read-only, and copied by whoever keeps it, because the
 * network writes a later frame into it.
 */
export interface SimNetworkOptions {
  clock: Clock;
  /** The interface name every view reports, e.g. "sim" or "can0"; default "sim". */
  name?: string;
  /** Delay from send to delivery in ms, ≥ 0; default 0 (same ms, after the sender's callback). */
  latencyMs?: number;
  /** Probability in [0, 1] that a frame is lost for every receiver; default 0. */
  lossRate?: number;
  /** The run's seeded random source in [0, 1); required when lossRate > 0 (no Math.random). */
  random?: () => number;
}

export interface AttachOptions {
  /** Also receive this node's own frames (SocketCAN's CAN_RAW_RECV_OWN_MSGS); default false. */
  receiveOwn?: boolean;
}

/** Sees every delivered frame once, with the sending node's name (recorders, invariant checks); lent as to a listener. */
export type TapFrameListener = (frame: CanFrame, from: string) => void;
/** Sees every injected event; `node` is the one target, or undefined when all nodes got it. */
export type TapEventListener = (event: BusEvent, node: string | undefined) => void;

export interface SimNetworkStats {
  sent: number;
  delivered: number;
  lost: number;
}

export interface SimNetwork {
  readonly name: string;
  /** Adds a node; names are unique per network. */
  attach(node: string, options?: AttachOptions): SimBus;
  tap(onFrame: TapFrameListener, onEvent?: TapEventListener): () => void;
  /** Delivers a bus event now (synchronously) to one node or all: error states, send failures… */
  injectEvent(kind: BusEventKind, options?: { node?: string; detail?: string }): void;
  /** Counters since creation: frames sent (accepted), delivered (onto the wire) and lost. */
  readonly stats: Readonly<SimNetworkStats>;
  /** Frames sent and not yet delivered. */
  pendingFrames(): number;
  /** Closes every node (each gets a 'closed' event), drops undelivered frames. */
  close(): Promise<void>;
}

export function createSimNetwork(options: SimNetworkOptions): SimNetwork {
  return new Network(options);
}

class Network implements SimNetwork, NodeNetwork {
  readonly name: string;
  readonly stats: SimNetworkStats = { sent: 0, delivered: 0, lost: 0 };
  private readonly clock: Clock;
  private readonly latencyMs: number;
  private readonly lossRate: number;
  private readonly random: (() => number) | undefined;
  private nodes: SimNode[] = []; // copy-on-write: delivery may iterate while a node detaches
  private taps: TapFrameListener[] = [];
  private eventTaps: TapEventListener[] = [];
  private readonly queue = new FrameQueue<SimNode>();
  private timer: TimerHandle | undefined;
  /** The flush timer that last fired, reused for the next (clock.reschedule: no timer object per flush). */
  private spent: TimerHandle | undefined;
  private closed = false;
  private readonly flushBound = (): void => this.flush();
  /** The nodes' listeners as one flat list (sim-delivery.ts). */
  private readonly delivery = new Delivery<SimNode>();

  constructor(options: SimNetworkOptions) {
    const { clock, name = 'sim', latencyMs = 0, lossRate = 0, random } = options;
    if (!(Number.isFinite(latencyMs) && latencyMs >= 0)) throw new RangeError(`latencyMs must be ≥ 0, got ${latencyMs}`);
    if (!(lossRate >= 0 && lossRate <= 1)) throw new RangeError(`lossRate must be in [0, 1], got ${lossRate}`);
    if (lossRate > 0 && random === undefined) throw new Error('lossRate > 0 needs the run\'s seeded random() (Math.random is not reproducible)');
    this.clock = clock;
    this.name = name;
    this.latencyMs = latencyMs;
    this.lossRate = lossRate;
    this.random = random;
  }

  attach(node: string, options: AttachOptions = {}): SimBus {
    if (this.closed) throw new CanBusError(this.name, `cannot attach "${node}": network is closed`);
    if (this.nodes.some((n) => n.node === node)) throw new CanBusError(this.name, `node "${node}" is already attached`);
    const view = new SimNode(this, node, options.receiveOwn === true);
    this.nodes = [...this.nodes, view];
    this.delivery.changed();
    return view;
  }

  tap(onFrame: TapFrameListener, onEvent?: TapEventListener): () => void {
    this.taps = [...this.taps, onFrame];
    if (onEvent) this.eventTaps = [...this.eventTaps, onEvent];
    return () => {
      this.taps = this.taps.filter((l) => l !== onFrame);
      if (onEvent) this.eventTaps = this.eventTaps.filter((l) => l !== onEvent);
    };
  }

  injectEvent(kind: BusEventKind, options: { node?: string; detail?: string } = {}): void {
    const { node, detail = `injected ${kind}` } = options;
    const targets = node === undefined ? this.nodes : this.nodes.filter((n) => n.node === node);
    if (node !== undefined && targets.length === 0) throw new CanBusError(this.name, `no attached node "${node}"`);
    const event: BusEvent = { kind, detail, timestampMs: this.clock.nowMs() };
    for (const tap of this.eventTaps) tap(event, node);
    for (const target of targets) target.emit(event);
  }

  pendingFrames(): number {
    return this.queue.length;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.timer?.cancel();
    this.timer = undefined;
    this.queue.clear();
    for (const node of this.nodes) node.shut('network closed');
    this.nodes = [];
    this.taps = [];
    this.eventTaps = [];
  }

  /** @internal: the send path of every view. */
  send(from: SimNode, frame: OutgoingFrame): void {
    const problem = frameProblem(frame);
    if (problem !== undefined) throw new CanBusError(this.name, `node "${from.node}": ${problem}`);
    if (this.lossRate > 0 && this.random!() < this.lossRate) {
      this.stats.lost++;
      return;
    }
    this.stats.sent++;
    const dueMs = this.clock.nowMs() + this.latencyMs;
    this.queue.push(frame, dueMs, from);
    // Delivery times never decrease (monotonic clock + constant latency), so one timer for
    // the oldest pending frame suffices; flush() re-arms it for the rest.
    if (this.timer === undefined) this.timer = this.arm(dueMs);
  }

  /** @internal */
  nowMs(): number {
    return this.clock.nowMs();
  }

  /** @internal */
  detach(node: SimNode): void {
    this.nodes = this.nodes.filter((n) => n !== node);
    this.delivery.changed();
  }

  /** @internal: a node's frame listeners changed. */
  listenersChanged(): void {
    this.delivery.changed();
  }

  private flush(): void {
    this.spent = this.timer;
    this.timer = undefined;
    const now = this.clock.nowMs();
    const queue = this.queue;
    // Only frames queued before this flush: replies sent at the same ms go in a later timer,
    // after other timers already due at this ms (fair, and no unbounded loop inside one timer).
    let budget = queue.length;
    try {
      while (budget-- > 0 && !this.closed) {
        if (queue.headTimeMs() > now) break;
        const from = queue.headFrom();
        const frame = queue.take(); // lent to taps and listeners until giveBack
        this.deliver(frame, from);
        queue.giveBack(frame);
      }
    } finally {
      if (queue.length > 0 && this.timer === undefined && !this.closed) {
        this.timer = this.arm(queue.headTimeMs());
      }
    }
  }

  private arm(atMs: number): TimerHandle {
    const spent = this.spent;
    this.spent = undefined;
    return reschedule(this.clock, spent, atMs, this.flushBound);
  }

  private deliver(frame: CanFrame, from: SimNode): void {
    this.stats.delivered++;
    const taps = this.taps;
    for (let i = 0; i < taps.length; i++) taps[i]!(frame, from.node);
    this.delivery.deliver(this.nodes, frame, from);
  }
}
