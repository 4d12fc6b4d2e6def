// The frame and event listeners of one bus view. Copy-on-write arrays: a listener may
// unsubscribe while frames are being delivered, and the hot loop reads a plain array.
import type { BusEvent, BusEventListener, FrameListener } from './bus.ts';
import type { CanFrame } from './frame.ts';

export class Listeners {
  frames: FrameListener[] = [];
  events: BusEventListener[] = [];

  /** `onChange`: told after every change of the frame listeners (the simulated network keeps a flat list). */
  constructor(private readonly onChange?: () => void) {}

  add(onFrame: FrameListener, onEvent?: BusEventListener): () => void {
    this.frames = [...this.frames, onFrame];
    if (onEvent) this.events = [...this.events, onEvent];
    this.onChange?.();
    return () => {
      this.frames = this.frames.filter((l) => l !== onFrame);
      if (onEvent) this.events = this.events.filter((l) => l !== onEvent);
      this.onChange?.();
    };
  }

  frame(frame: CanFrame): void {
    const listeners = this.frames;
    for (let i = 0; i < listeners.length; i++) listeners[i]!(frame);
  }

  event(event: BusEvent): void {
    const listeners = this.events;
    for (let i = 0; i < listeners.length; i++) listeners[i]!(event);
  }

  /** Forgets every listener; returns the event listeners (to tell them the bus closed). */
  clear(): BusEventListener[] {
    const events = this.events;
    this.frames = [];
    this.events = [];
    this.onChange?.();
    return events;
  }
}
