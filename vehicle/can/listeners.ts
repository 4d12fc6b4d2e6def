// The frame and event listeners of one bus view. Copy-on-write arrays: a listener may
// unsubscribe while frames are being delivered, and the hot loop reads a plain array.
import type { BusEvent, BusEventListener, FrameFilter, FrameListener } from './bus.ts';
import type { CanFrame } from './frame.ts';
import { STANDARD_ID_MAX } from './frame.ts';

/** A subscription filter compiled for a per-frame test: standard ids in a flag array. */
export class IdSet {
  private readonly standard = new Uint8Array(STANDARD_ID_MAX + 1);
  private readonly extended: ReadonlySet<number>;

  constructor(filter: FrameFilter) {
    for (const id of filter.standardIds ?? []) if (id >= 0 && id <= STANDARD_ID_MAX) this.standard[id] = 1;
    this.extended = new Set(filter.extendedIds ?? []);
  }

  has(id: number, extended: boolean): boolean {
    return extended ? this.extended.has(id) : this.standard[id] === 1;
  }
}

export class Listeners {
  frames: FrameListener[] = [];
  /** Each frame listener's filter (same positions as `frames`); undefined: every frame. */
  filters: (IdSet | undefined)[] = [];
  events: BusEventListener[] = [];

  /** `onChange`: told after every change of the frame listeners (the simulated network keeps a flat list). */
  constructor(private readonly onChange?: () => void) {}

  add(onFrame: FrameListener, onEvent?: BusEventListener, filter?: FrameFilter): () => void {
    const ids = filter === undefined ? undefined : new IdSet(filter);
    this.frames = [...this.frames, onFrame];
    this.filters = [...this.filters, ids];
    if (onEvent) this.events = [...this.events, onEvent];
    this.onChange?.();
    return () => {
      const frames = this.frames;
      this.frames = frames.filter((l) => l !== onFrame);
      this.filters = this.filters.filter((_, i) => frames[i] !== onFrame);
      if (onEvent) this.events = this.events.filter((l) => l !== onEvent);
      this.onChange?.();
    };
  }

  frame(frame: CanFrame): void {
    const listeners = this.frames;
    const filters = this.filters;
    for (let i = 0; i < listeners.length; i++) {
      const ids = filters[i];
      if (ids === undefined || ids.has(frame.id, frame.extended)) listeners[i]!(frame);
    }
  }

  event(event: BusEvent): void {
    const listeners = this.events;
    for (let i = 0; i < listeners.length; i++) listeners[i]!(event);
  }

  /** Forgets every listener; returns the event listeners (to tell them the bus closed). */
  clear(): BusEventListener[] {
    const events = this.events;
    this.frames = [];
    this.filters = [];
    this.events = [];
    this.onChange?.();
    return events;
  }
}
