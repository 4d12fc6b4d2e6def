import type { CanFrame, OutgoingFrame } from './frame.ts';

/** Bus conditions that are events, never data (error frames, controller states, send failures). */
export type BusEventKind = 'error-warning' | 'error-passive' | 'bus-off' | 'restarted' | 'error-frame' | 'send-failed' | 'closed';

export interface BusEvent {
  kind: BusEventKind;
  detail: string;
  timestampMs: number;
}

/** Called with a frame lent for the call (see CanBus.subscribe): copy what you keep. */
export type FrameListener = (frame: CanFrame) => void;

/**
 * The frames a listener asks for (subscribe's optional filter): it is called only for these
 * ids, so a bus need not call it for the rest (a listener that needs a few ids of a busy bus).
 * Without a filter a listener hears every frame.
 */
export interface FrameFilter {
  /** 11-bit identifiers of standard frames; none when absent. */
  readonly standardIds?: readonly number[];
  /** 29-bit identifiers of extended frames; none when absent. */
  readonly extendedIds?: readonly number[];
}
export type BusEventListener = (event: BusEvent) => void;

/** A CAN interface: real SocketCAN, the in-process simulated bus, or anything alike. */
export interface CanBus {
  /** Interface name, e.g. "can0", "vcan0", "sim". */
  readonly name: string;
  /**
   * Queues a frame. Throws CanBusError when the frame itself is invalid (bad id or length). The bus
   * is done with `frame` and its bytes when send returns (it copies what it keeps): a sender may
   * reuse both for its next frame.
   */
  send(frame: OutgoingFrame): void;
  /**
   * Receives every frame another node sends (only the filter's ids, when given); returns the
   * unsubscribe function. A delivered frame is LENT for the listener's call: once the listener
   * returns, the bus may reuse the object and its `data` for a later frame (the simulated network
   * does: sim-queue.ts). A listener that keeps a frame or its bytes past its call copies them
   * (`{ ...frame, data: frame.data.slice() }`), and none writes into them (every listener gets
   * the same object). This holds for every bus; one may still hand out fresh frames (SocketCAN
   * does), but no listener may count on it.
   */
  subscribe(onFrame: FrameListener, onEvent?: BusEventListener, filter?: FrameFilter): () => void;
  /** Stops receiving and releases the interface so the process can exit. */
  close(): Promise<void>;
}

export class CanBusError extends Error {
  constructor(
    readonly bus: string,
    message: string,
  ) {
    super(`${bus}: ${message}`);
    this.name = 'CanBusError';
  }
}
