// How the simulated network hands a frame to the nodes' listeners: one flat list of every
// node's frame listeners (nodes in attach order, each node's listeners in subscription order),
// so a frame costs one call per listener instead of one per attached node (most nodes of the
// simulated car listen through one hub). Rebuilt after any change of who listens; a change in
// the middle of a delivery finishes it node by node, exactly as before the flat list.
import type { FrameListener } from './bus.ts';
import type { CanFrame } from './frame.ts';
import type { Listeners } from './listeners.ts';

export interface DeliveryNode {
  readonly receiveOwn: boolean;
  readonly listeners: Listeners;
}

export class Delivery<N extends DeliveryNode> {
  private version = 0;
  private flatVersion = -1;
  private flatNodes: readonly N[] = [];
  private listeners: FrameListener[] = [];
  private owners: N[] = [];

  /** Nodes attached or detached, or a node's listeners changed. */
  changed(): void {
    this.version++;
  }

  /** Every listener of every node but the sender (unless it receives its own), in order. */
  deliver(nodes: readonly N[], frame: CanFrame, from: N): void {
    if (this.flatVersion !== this.version || this.flatNodes !== nodes) this.flatten(nodes);
    const version = this.version;
    const listeners = this.listeners;
    const owners = this.owners;
    for (let i = 0; i < listeners.length; i++) {
      const node = owners[i]!;
      if (node === from && !node.receiveOwn) continue;
      listeners[i]!(frame);
      if (this.version !== version) return this.deliverRest(frame, from, i);
    }
  }

  /** After a change: the current node's listeners as they were when it began, later nodes' as they are now. */
  private deliverRest(frame: CanFrame, from: N, done: number): void {
    const listeners = this.listeners;
    const owners = this.owners;
    const current = owners[done]!;
    for (let i = done + 1; i < listeners.length && owners[i] === current; i++) listeners[i]!(frame);
    const nodes = this.flatNodes;
    for (let k = nodes.indexOf(current) + 1; k < nodes.length; k++) {
      const node = nodes[k]!;
      if (node === from && !node.receiveOwn) continue;
      node.listeners.frame(frame);
    }
  }

  private flatten(nodes: readonly N[]): void {
    const listeners: FrameListener[] = [];
    const owners: N[] = [];
    for (const node of nodes) {
      for (const l of node.listeners.frames) {
        listeners.push(l);
        owners.push(node);
      }
    }
    this.flatNodes = nodes;
    this.listeners = listeners;
    this.owners = owners;
    this.flatVersion = this.version;
  }
}
