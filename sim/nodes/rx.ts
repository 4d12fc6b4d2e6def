// What the simulated nodes hear: each watched message is decoded once by the car's RxHub and its
// last good values kept with their receive time, in one RxMessage that every node watching the id
// reads. Every node gets the same frames in the same order, so a receiver per node (the
// alive-counter check per node, as on a real bus) would reach the same verdict for each: sharing
// it changes nothing but the cost (the heartbeat alone went to 12 decoders). A bad frame (length,
// CRC, repeated counter, a signal out of range) is never taken as a value (CONTRACT.md §1); the
// node's safe reaction comes when no good frame arrived for the message's PpTimeoutMs ("loses
// this frame for PpTimeoutMs"), so one corrupted frame between good ones changes nothing (the
// last good command holds at most one timeout).
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
    // Plain loops: a handful of fields per frame, where a typed-array set() is a runtime call.
    const mine = this.values;
    const myStatus = this.status;
    for (let i = 0; i < status.length; i++) {
      mine[i] = values[i]!;
      myStatus[i] = status[i]!;
    }
    this.rxMs = timestampMs;
    this.ok = true;
    this.count++;
  }
}

/**
 * The car's one listener on the network: it decodes each frame of a watched id once (one Receiver,
 * so one alive-counter state per id) into the RxMessage all watching nodes share.
 */
export class RxHub {
  /** Attachment name of the hub (receive only; it never sends). */
  static readonly NODE_NAME = 'SIMCAR-RX';
  /** Watched messages by standard id (the contract uses 11-bit ids only). */
  private readonly byId: (RxMessage | undefined)[] = new Array(0x800);
  private readonly bus: CanBus;
  private readonly receiver: Receiver;
  /** The watched ids: the hub subscribes to these only (the bus skips it for the rest). */
  private readonly ids: number[] = [];
  private unsubscribe: (() => void) | undefined;
  private closed = false;

  constructor(
    network: SimNetwork,
    private readonly codec: Codec,
  ) {
    this.receiver = createReceiver(codec);
    this.bus = network.attach(RxHub.NODE_NAME);
    this.subscribe();
  }

  /** The shared slot of a message (created on first watch). */
  watch(name: string): RxMessage {
    const m = this.codec.messageByName(name);
    if (!m) throw new Error(`sim node: no message ${name} in the DBC`);
    if (m.extended || m.id >= this.byId.length) throw new Error(`sim node: ${name} is not a standard-id message`);
    let slot = this.byId[m.id];
    if (slot === undefined) {
      slot = this.byId[m.id] = new RxMessage(m);
      this.ids.push(m.id);
      // The hub is its node's only listener, so subscribing anew keeps the delivery order.
      this.subscribe();
    }
    return slot;
  }

  close(): void {
    this.closed = true;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    void this.bus.close();
  }

  private subscribe(): void {
    if (this.closed) return;
    this.unsubscribe?.();
    this.unsubscribe = this.bus.subscribe(this.onFrame, undefined, { standardIds: this.ids.slice() });
  }

  private readonly onFrame = (frame: CanFrame): void => {
    if (frame.extended) return;
    const slot = this.byId[frame.id];
    if (slot === undefined) return;
    const r = this.receiver.receive(frame);
    if (r) slot.take(r.values, r.status, r.valid, frame.timestampMs);
  };
}

/** One node's ears: the messages it watches, from the car's hub. */
export class NodeRx {
  constructor(private readonly hub: RxHub) {}

  watch(name: string): RxMessage {
    return this.hub.watch(name);
  }
}
