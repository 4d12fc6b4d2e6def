// One node's view of the simulated network (sim-bus.ts): its listeners, its send path, closing.
import { CanBusError } from './bus.ts';
import type { BusEvent, BusEventListener, CanBus, FrameFilter, FrameListener } from './bus.ts';
import type { OutgoingFrame } from './frame.ts';
import { Listeners } from './listeners.ts';

/** A node's view of the network. */
export interface SimBus extends CanBus {
  readonly node: string;
}

/** What a node needs of its network. */
export interface NodeNetwork {
  readonly name: string;
  send(from: SimNode, frame: OutgoingFrame): void;
  nowMs(): number;
  detach(node: SimNode): void;
  /** A node's frame listeners changed. */
  listenersChanged(): void;
}

export class SimNode implements SimBus {
  readonly listeners: Listeners; // read by the network's delivery
  private closed = false;

  constructor(
    private readonly network: NodeNetwork,
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

  /** Frames are lent for the listener's call (bus.ts): the network reuses them. */
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
