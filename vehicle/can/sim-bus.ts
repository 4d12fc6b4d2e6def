import type { Clock, TimerHandle } from '../clock/clock.ts';
import { CanBusError } from './bus.ts';
import type { BusEvent, BusEventKind, BusEventListener, CanBus, FrameFilter, FrameListener } from './bus.ts';
import { frameProblem } from './frame.ts';
import { Listeners } from './listeners.ts';
import { Delivery } from './sim-delivery.ts';
import type { CanFrame, OutgoingFrame } from './frame.ts';

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
 * Speed: the pending frames live in a ring buffer and a single clock timer points at the
 * oldest; the only allocation per frame is the frame itself (with a copy of its bytes, so a
 * sender may reuse its buffer). All receivers get the same frame object: treat it as read-only.
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

/** A node's view of the network. */
export interface SimBus extends CanBus {
  readonly node: string;
}

/** Sees every delivered frame once, with the sending node's name (recorders, invariant checks). */
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

const INITIAL_QUEUE = 256; // power of two (ring-buffer index masking)

class Network implements SimNetwork {
  readonly name: string;
  readonly stats: SimNetworkStats = { sent: 0, delivered: 0, lost: 0 };
  private readonly clock: Clock;
  private readonly latencyMs: number;
  private readonly lossRate: number;
  private readonly random: (() => number) | undefined;
  private nodes: Node[] = []; // copy-on-write: delivery may iterate while a node detaches
  private taps: TapFrameListener[] = [];
  private eventTaps: TapEventListener[] = [];
  private qFrames: (CanFrame | undefined)[] = new Array(INITIAL_QUEUE);
  private qFrom: (Node | undefined)[] = new Array(INITIAL_QUEUE);
  private qHead = 0;
  private qCount = 0;
  private timer: TimerHandle | undefined;
  private closed = false;
  private readonly flushBound = (): void => this.flush();
  /** The nodes' listeners as one flat list (sim-delivery.ts). */
  private readonly delivery = new Delivery<Node>();

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
    const view = new Node(this, node, options.receiveOwn === true);
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
    return this.qCount;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.timer?.cancel();
    this.timer = undefined;
    this.qFrames = [];
    this.qFrom = [];
    this.qCount = 0;
    for (const node of this.nodes) node.shut('network closed');
    this.nodes = [];
    this.taps = [];
    this.eventTaps = [];
  }

  /** @internal: the send path of every view. */
  send(from: Node, frame: OutgoingFrame): void {
    const problem = frameProblem(frame);
    if (problem !== undefined) throw new CanBusError(this.name, `node "${from.node}": ${problem}`);
    if (this.lossRate > 0 && this.random!() < this.lossRate) {
      this.stats.lost++;
      return;
    }
    this.stats.sent++;
    const copy: CanFrame = {
      id: frame.id,
      extended: frame.extended,
      fd: frame.fd,
      data: new Uint8Array(frame.data), // a copy: Buffer#slice would share memory
      timestampMs: this.clock.nowMs() + this.latencyMs,
    };
    this.enqueue(copy, from);
  }

  /** @internal */
  nowMs(): number {
    return this.clock.nowMs();
  }

  /** @internal */
  detach(node: Node): void {
    this.nodes = this.nodes.filter((n) => n !== node);
    this.delivery.changed();
  }

  /** @internal: a node's frame listeners changed. */
  listenersChanged(): void {
    this.delivery.changed();
  }

  private enqueue(frame: CanFrame, from: Node): void {
    let capacity = this.qFrames.length;
    if (this.qCount === capacity) {
      this.grow();
      capacity = this.qFrames.length;
    }
    const slot = (this.qHead + this.qCount) & (capacity - 1);
    this.qFrames[slot] = frame;
    this.qFrom[slot] = from;
    this.qCount++;
    // Delivery times never decrease (monotonic clock + constant latency), so one timer for
    // the oldest pending frame suffices; flush() re-arms it for the rest.
    if (this.timer === undefined) this.timer = this.clock.at(frame.timestampMs, this.flushBound);
  }

  private grow(): void {
    const old = this.qFrames.length;
    const frames: (CanFrame | undefined)[] = new Array(old * 2);
    const from: (Node | undefined)[] = new Array(old * 2);
    for (let i = 0; i < this.qCount; i++) {
      const slot = (this.qHead + i) & (old - 1);
      frames[i] = this.qFrames[slot];
      from[i] = this.qFrom[slot];
    }
    this.qFrames = frames;
    this.qFrom = from;
    this.qHead = 0;
  }

  private flush(): void {
    this.timer = undefined;
    const now = this.clock.nowMs();
    // Only frames queued before this flush: replies sent at the same ms go in a later timer,
    // after other timers already due at this ms (fair, and no unbounded loop inside one timer).
    let budget = this.qCount;
    try {
      while (budget-- > 0 && !this.closed) {
        const mask = this.qFrames.length - 1;
        const head = this.qHead;
        const frame = this.qFrames[head]!;
        if (frame.timestampMs > now) break;
        const from = this.qFrom[head]!;
        this.qFrames[head] = undefined;
        this.qFrom[head] = undefined;
        this.qHead = (head + 1) & mask;
        this.qCount--;
        this.deliver(frame, from);
      }
    } finally {
      if (this.qCount > 0 && this.timer === undefined && !this.closed) {
        this.timer = this.clock.at(this.qFrames[this.qHead]!.timestampMs, this.flushBound);
      }
    }
  }

  private deliver(frame: CanFrame, from: Node): void {
    this.stats.delivered++;
    const taps = this.taps;
    for (let i = 0; i < taps.length; i++) taps[i]!(frame, from.node);
    this.delivery.deliver(this.nodes, frame, from);
  }
}

class Node implements SimBus {
  readonly listeners: Listeners; // read by Network.deliver
  private closed = false;

  constructor(
    private readonly network: Network,
    readonly node: string,
    readonly receiveOwn: boolean,
  ) {
    this.listeners = new Listeners(() => network.listenersChanged());
  }

  get name(): string {
    return this.network.name;
  }

  send(frame: OutgoingFrame): void {
    if (this.closed) throw new CanBusError(this.network.name, `node "${this.node}" is closed`);
    this.network.send(this, frame);
  }

  subscribe(onFrame: FrameListener, onEvent?: BusEventListener, filter?: FrameFilter): () => void {
    if (this.closed) return () => {};
    return this.listeners.add(onFrame, onEvent, filter);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.network.detach(this);
    this.shut(`node "${this.node}" closed`);
  }

  /** @internal */
  emit(event: BusEvent): void {
    this.listeners.event(event);
  }

  /** @internal: stop receiving; listeners hear one 'closed' event, whatever the cause. */
  shut(detail: string): void {
    if (this.closed) return;
    this.closed = true;
    const listeners = this.listeners.clear();
    const event: BusEvent = { kind: 'closed', detail, timestampMs: this.network.nowMs() };
    for (const l of listeners) l(event);
  }
}
