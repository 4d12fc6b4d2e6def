// How the simulated network hands a frame to the nodes' listeners: one flat list of every
// node's frame listeners (nodes in attach order, each node's listeners in subscription order),
// so a frame costs one call per listener instead of one per attached node (most nodes of the
// simulated car listen through one hub, and nodes without listeners cost nothing). Per id, the
// list keeps only the listeners whose filter takes that id (built on the id's first frame), so a
// listener that asked for a few ids is never called for the rest. Rebuilt after any change of who
// listens; a change in the middle of a delivery finishes it node by node, exactly as before.
import type { FrameListener } from './bus.ts';
import type { CanFrame } from './frame.ts';
import { STANDARD_ID_MAX } from './frame.ts';
import type { IdSet, Listeners } from './listeners.ts';

export interface DeliveryNode {
  readonly receiveOwn: boolean;
  readonly listeners: Listeners;
}

/** The listeners (and their nodes) that take one id, in delivery order. */
interface Route<N> {
  readonly listeners: readonly FrameListener[];
  readonly owners: readonly N[];
}

export class Delivery<N extends DeliveryNode> {
  private version = 0;
  private flatVersion = -1;
  private flatNodes: readonly N[] = [];
  private listeners: FrameListener[] = [];
  private owners: N[] = [];
  private filters: (IdSet | undefined)[] = [];
  /** No listener has a filter: every id takes the whole flat list. */
  private unfiltered = true;
  private standardRoutes: (Route<N> | undefined)[] = [];
  private extendedRoutes = new Map<number, Route<N>>();

  /** Nodes attached or detached, or a node's listeners changed. */
  changed(): void {
    this.version++;
  }

  /** Every listener of every node but the sender (unless it receives its own), in order. */
  deliver(nodes: readonly N[], frame: CanFrame, from: N): void {
    if (this.flatVersion !== this.version || this.flatNodes !== nodes) this.flatten(nodes);
    const version = this.version;
    const route = frame.extended ? this.extendedRoutes.get(frame.id) ?? this.route(frame) : this.standardRoutes[frame.id] ?? this.route(frame);
    const listeners = route.listeners;
    const owners = route.owners;
    for (let i = 0; i < listeners.length; i++) {
      const node = owners[i]!;
      if (node === from && !node.receiveOwn) continue;
      listeners[i]!(frame);
      if (this.version !== version) return this.deliverRest(route, frame, from, i);
    }
  }

  /** After a change: the current node's listeners as they were when it began, later nodes' as they are now. */
  private deliverRest(route: Route<N>, frame: CanFrame, from: N, done: number): void {
    const { listeners, owners } = route;
    const current = owners[done]!;
    for (let i = done + 1; i < listeners.length && owners[i] === current; i++) listeners[i]!(frame);
    const nodes = this.flatNodes;
    for (let k = nodes.indexOf(current) + 1; k < nodes.length; k++) {
      const node = nodes[k]!;
      if (node === from && !node.receiveOwn) continue;
      node.listeners.frame(frame);
    }
  }

  /** The route of the frame's id, made from the flat list and kept until the next change. */
  private route(frame: CanFrame): Route<N> {
    let route: Route<N> = { listeners: this.listeners, owners: this.owners };
    if (!this.unfiltered) {
      const listeners: FrameListener[] = [];
      const owners: N[] = [];
      for (let i = 0; i < this.listeners.length; i++) {
        const ids = this.filters[i];
        if (ids !== undefined && !ids.has(frame.id, frame.extended)) continue;
        listeners.push(this.listeners[i]!);
        owners.push(this.owners[i]!);
      }
      route = { listeners, owners };
    }
    if (frame.extended) this.extendedRoutes.set(frame.id, route);
    else this.standardRoutes[frame.id] = route;
    return route;
  }

  private flatten(nodes: readonly N[]): void {
    const listeners: FrameListener[] = [];
    const owners: N[] = [];
    const filters: (IdSet | undefined)[] = [];
    for (const node of nodes) {
      const { frames, filters: nodeFilters } = node.listeners;
      for (let i = 0; i < frames.length; i++) {
        listeners.push(frames[i]!);
        owners.push(node);
        filters.push(nodeFilters[i]);
      }
    }
    this.flatNodes = nodes;
    this.listeners = listeners;
    this.owners = owners;
    this.filters = filters;
    this.unfiltered = filters.every((f) => f === undefined);
    this.standardRoutes = new Array<Route<N> | undefined>(STANDARD_ID_MAX + 1).fill(undefined);
    this.extendedRoutes = new Map();
    this.flatVersion = this.version;
  }
}
