// What a simulated node hears: it decodes only the messages it watches (its own Receiver, so the
// alive-counter check is per node as on a real bus; frames reach it through the car's RxHub) and
// keeps the last good values of each with their receive time. A bad frame (length, CRC, repeated
// counter, a signal out of range) is never taken as a value (CONTRACT.md §1); the node's safe
// reaction comes when no good frame arrived for the message's PpTimeoutMs ("loses this frame for
// PpTimeoutMs"), so one corrupted frame between good ones changes nothing (the last good command
// holds at most one timeout).
import type { CanBus, CanFrame, Codec, CompiledMessage, SimNetwork } from '../../vehicle/can/index.ts';
import { createReceiver, type Receiver } from '../../vehicle/can/index.ts';
import { SIGNAL_INACTIVE, SIGNAL_OK, SIGNAL_SNA } from '../../vehicle/can/codec-status.ts';

// Local copies: an imported binding may compile to a getter call, and these are read per signal.
const OK = SIGNAL_OK;
const INACTIVE = SIGNAL_INACTIVE;
const SNA = SIGNAL_SNA;

export class RxMessage {
  /** Values of the last good frame, by signal index (NaN before the first). */
  readonly values: Float64Array;
  /** SIGNAL_* status of each value (SNA marks an optional field not sent). */
  readonly status: Uint8Array;
  readonly timeoutMs: number;
  /** Receive time of the last good frame. */
  rxMs = -Infinity;
  /** The last frame was good. */
  ok = false;
  /** Good frames taken in. */
  count = 0;

  constructor(readonly message: CompiledMessage) {
    this.values = new Float64Array(message.signals.length).fill(NaN);
    this.status = new Uint8Array(message.signals.length);
    this.timeoutMs = message.timeoutMs ?? Infinity;
  }

  index(signal: string): number {
    const i = this.message.signalIndex.get(signal);
    if (i === undefined) throw new Error(`sim node: no signal ${signal} in ${this.message.name}`);
    return i;
  }

  /** The last good frame is younger than the timeout at nowMs (a bad frame since does not count). */
  valid(nowMs: number): boolean {
    return nowMs - this.rxMs <= this.timeoutMs;
  }

  /** @internal */
  take(values: Float64Array, status: Uint8Array, frameOk: boolean, timestampMs: number): void {
    if (!frameOk) {
      this.ok = false;
      return;
    }
    // SNA is a legal "not sent" for the optional fields that have it (CCC_EvStatus); anything else
    // out of range makes the whole frame unusable (commands have no SNA: CONTRACT.md §4).
    for (let i = 0; i < status.length; i++) {
      const s = status[i]!;
      if (s !== OK && s !== INACTIVE && s !== SNA) {
        this.ok = false;
        return;
      }
    }
    this.values.set(values);
    this.status.set(status);
    this.rxMs = timestampMs;
    this.ok = true;
    this.count++;
  }
}

/**
 * The car's one listener on the network: it hands each frame only to the nodes that watch its id
 * (one call per frame instead of one per node; every node still decodes with its own Receiver).
 */
export class RxHub {
  /** Attachment name of the hub (receive only; it never sends). */
  static readonly NODE_NAME = 'SIMCAR-RX';
  private readonly byId: (NodeRx[] | undefined)[] = new Array(0x800);
  private readonly bus: CanBus;
  private unsubscribe: (() => void) | undefined;

  constructor(network: SimNetwork) {
    this.bus = network.attach(RxHub.NODE_NAME);
    this.unsubscribe = this.bus.subscribe(this.onFrame);
  }

  /** @internal */
  register(id: number, rx: NodeRx): void {
    const list = (this.byId[id] ??= []);
    if (!list.includes(rx)) list.push(rx);
  }

  close(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    void this.bus.close();
  }

  private readonly onFrame = (frame: CanFrame): void => {
    if (frame.extended) return;
    const list = this.byId[frame.id];
    if (list === undefined) return;
    for (let i = 0; i < list.length; i++) list[i]!.feed(frame);
  };
}

/** One node's ears: the messages it watches, decoded by its own Receiver. */
export class NodeRx {
  private readonly receiver: Receiver;
  /** Watched messages by standard id (the contract uses 11-bit ids only). */
  private readonly byId = new Map<number, RxMessage>();

  constructor(
    private readonly codec: Codec,
    private readonly hub: RxHub,
  ) {
    this.receiver = createReceiver(codec);
  }

  watch(name: string): RxMessage {
    const m = this.codec.messageByName(name);
    if (!m) throw new Error(`sim node: no message ${name} in the DBC`);
    const existing = this.byId.get(m.id);
    if (existing) return existing;
    const slot = new RxMessage(m);
    this.byId.set(m.id, slot);
    this.hub.register(m.id, this);
    return slot;
  }

  /** @internal: a frame with an id this node watches. */
  feed(frame: CanFrame): void {
    const slot = this.byId.get(frame.id);
    if (slot === undefined) return;
    const r = this.receiver.receive(frame);
    if (r) slot.take(r.values, r.status, r.valid, frame.timestampMs);
  }
}
