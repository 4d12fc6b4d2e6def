// The tick loop: the one place (with the clocks) that schedules work in time.
// Frames that arrive are decoded into the signal store as they come; every tick the controller
// runs on the store, and each message packpilot sends goes out on its DBC cycle with the
// controller's latest values. Sim and car run the same loop; only the clock and bus differ.
import type { CanBus, CanFrame, Codec, CompiledMessage, OutgoingFrame } from './can/index.ts';
import { createReceiver, createTransmitter, SignalStore } from './can/index.ts';
import { reschedule, type Clock, type TimerHandle } from './clock/clock.ts';

export const PACKPILOT_NODE = 'PACKPILOT';

export interface LoopController {
  /** One control tick at nowMs, reading the signal store. */
  tick(store: SignalStore, nowMs: number): void;
  /** The values to send for a message of ours, or undefined to hold it back (not yet known). */
  txValues(message: string): Readonly<Record<string, number>> | undefined;
  /**
   * Optional fast path, asked once per message at start: a function that writes the message's
   * physical values by signal index into `values` (NaN before each call) when it is due, and
   * returns false to hold it back. Messages without one go through txValues.
   */
  txComposer?(message: CompiledMessage, values: Float64Array): (() => boolean) | undefined;
}

export interface LoopObserver {
  /**
   * Every frame received or sent, LENT for the call (CanBus.subscribe): the bus reuses a received
   * frame, the loop its sent ones. Copy what you keep (the recorder encodes at once).
   */
  frame?(dir: 'rx' | 'tx', frame: CanFrame | OutgoingFrame, nowMs: number): void;
  /** After each tick, with how late it ran (ms; real clocks only) and what it sent. */
  afterTick?(nowMs: number, lateMs: number): void;
  /** An outgoing message could not be encoded: a programming error, reported once per message. */
  encodeError?(message: string, error: Error): void;
}

export interface LoopOptions {
  bus: CanBus;
  clock: Clock;
  codec: Codec;
  controller: LoopController;
  tickMs: number;
  observer?: LoopObserver;
}

export interface RunningLoop {
  readonly store: SignalStore;
  /** The clock reading the first tick and every transmit slot count from (replay starts there). */
  readonly startMs: number;
  /** Ticks run so far. */
  readonly ticks: number;
  stop(): void;
}

interface TxSlot {
  message: CompiledMessage;
  cycleMs: number;
  dueMs: number;
  failed: boolean;
  /** The controller's fast path for this message (txComposer), writing into `values`. */
  compose: (() => boolean) | undefined;
  values: Float64Array;
  /** The fast path's one frame, sent again and again (the bus copies what it keeps). */
  frame: OutgoingFrame & { data: Uint8Array };
}

/**
 * The slot after a transmission at nowMs (≥ dueMs): stay on the cycle grid; after a stall, skip
 * the missed slots instead of bursting. On time (the usual case) that is one cycle on, which
 * `max(1, ceil(late / cycle))` also gives, without its division.
 */
export function nextDueMs(dueMs: number, cycleMs: number, nowMs: number): number {
  const lateMs = nowMs - dueMs + 1e-9;
  return dueMs + cycleMs * (lateMs <= cycleMs ? 1 : Math.max(1, Math.ceil(lateMs / cycleMs)));
}

export function startLoop(options: LoopOptions): RunningLoop {
  const { bus, clock, codec, controller, tickMs, observer } = options;
  if (!(tickMs > 0)) throw new Error(`loop: tickMs must be > 0, got ${tickMs}`);
  const store = new SignalStore(codec);
  const receiver = createReceiver(codec);
  const transmitter = createTransmitter(codec);
  const startMs = clock.nowMs();
  const slots: TxSlot[] = codec.messages
    .filter((m) => m.message.sender === PACKPILOT_NODE && m.message.cycleTimeMs !== undefined)
    .map((message) => {
      const values = new Float64Array(message.signals.length);
      const frame = { id: message.id, extended: message.extended, fd: message.fd, data: new Uint8Array(message.frameLength) };
      return { message, cycleMs: message.message.cycleTimeMs!, dueMs: startMs, failed: false, compose: controller.txComposer?.(message, values), values, frame };
    });

  // Without a frame observer the handler is just decode and store (chosen once, not per frame).
  const onFrame = observer?.frame;
  const unsubscribe = bus.subscribe(
    onFrame === undefined
      ? (frame) => {
          const r = receiver.receive(frame);
          if (r !== undefined) store.update(r);
        }
      : (frame) => {
          const r = receiver.receive(frame);
          if (r !== undefined) store.update(r);
          onFrame.call(observer, 'rx', frame, clock.nowMs());
        },
  );

  let ticks = 0;
  let stopped = false;
  let timer: TimerHandle | undefined;
  let nextTickMs = startMs;

  const transmitDue = (nowMs: number): void => {
    for (const slot of slots) {
      if (nowMs < slot.dueMs) continue;
      slot.dueMs = nextDueMs(slot.dueMs, slot.cycleMs, nowMs);
      let values: Readonly<Record<string, number>> | undefined;
      if (slot.compose !== undefined) {
        const v = slot.values;
        for (let i = 0; i < v.length; i++) v[i] = NaN; // a few signals: a plain loop beats the fill() call
        if (!slot.compose()) continue;
      } else {
        values = controller.txValues(slot.message.name);
        if (values === undefined) continue;
      }
      let frame: OutgoingFrame;
      try {
        if (values === undefined) {
          transmitter.fill(slot.message, slot.values, slot.frame.data);
          frame = slot.frame;
        } else frame = transmitter.frame(slot.message.name, values);
      } catch (err) {
        if (!slot.failed) observer?.encodeError?.(slot.message.name, err as Error);
        slot.failed = true;
        continue;
      }
      bus.send(frame);
      if (observer?.frame !== undefined) observer.frame('tx', frame, nowMs); // lent, like a received frame
    }
  };

  const onTick = (): void => {
    if (stopped) return;
    const nowMs = clock.nowMs();
    controller.tick(store, nowMs);
    transmitDue(nowMs);
    ticks++;
    observer?.afterTick?.(nowMs, nowMs - nextTickMs);
    nextTickMs += tickMs;
    if (nextTickMs <= nowMs) nextTickMs = nowMs + tickMs; // fell behind: do not run a burst of ticks
    timer = reschedule(clock, timer, nextTickMs, onTick); // this tick's timer has fired: reuse it
  };
  timer = clock.at(nextTickMs, onTick);

  return {
    store,
    startMs,
    get ticks() {
      return ticks;
    },
    stop() {
      stopped = true;
      timer?.cancel();
      unsubscribe();
    },
  };
}
