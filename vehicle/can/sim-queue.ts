// The simulated network's frames in flight: a ring buffer whose slots own their frame records
// (one object and one 64-byte buffer each, made once), so a send copies the frame into its slot
// instead of allocating two objects (the simulator sends over a million frames a session).
//
// Lending: `take()` hands out the oldest record and puts the spare record in its slot, so the
// record being delivered is out of the ring: frames sent while it is delivered (replies, any
// burst, queue growth) can never write into it, and a queued record is never handed out or
// overwritten before its own delivery. `giveBack()` after the delivery makes it the spare: the
// next take puts it back in the ring, where a later send overwrites it. That is why listeners
// get frames LENT for their call (bus.ts).
import type { CanFrame, OutgoingFrame } from './frame.ts';
import { CLASSIC_MAX_BYTES, FD_MAX_BYTES } from './frame.ts';

const INITIAL_SLOTS = 256; // power of two (index masking)

/** A record: always this literal, so every delivered frame has one shape (one hidden class). */
function newRecord(): CanFrame {
  return { id: 0, extended: false, fd: false, data: new Uint8Array(new ArrayBuffer(FD_MAX_BYTES), 0, CLASSIC_MAX_BYTES), timestampMs: 0 };
}

function newRecords(count: number): CanFrame[] {
  const records: CanFrame[] = new Array<CanFrame>(count);
  for (let i = 0; i < count; i++) records[i] = newRecord();
  return records;
}

export class FrameQueue<F> {
  private records: CanFrame[] = newRecords(INITIAL_SLOTS);
  private from: (F | undefined)[] = new Array<F | undefined>(INITIAL_SLOTS);
  private head = 0;
  private size = 0;
  /** The record given back after the last delivery; the next take puts it in the freed slot. */
  private spare: CanFrame | undefined = newRecord();

  /** Frames queued and not yet taken. */
  get length(): number {
    return this.size;
  }

  /** Copies the frame (id, flags, bytes) into the next slot's record; the sender may reuse its own at once. */
  push(frame: OutgoingFrame, timestampMs: number, from: F): void {
    if (this.size === this.records.length) this.grow();
    const slot = (this.head + this.size) & (this.records.length - 1);
    const record = this.records[slot]!;
    const src = frame.data;
    const n = src.length;
    let data = record.data;
    // The view is made again only when this slot's length changes (never with a DLC-8-only DBC).
    if (data.length !== n) data = record.data = new Uint8Array(data.buffer, 0, n);
    // A plain loop beats TypedArray#set on ≤ 8 bytes (the call's own cost dominates).
    if (n <= CLASSIC_MAX_BYTES) for (let i = 0; i < n; i++) data[i] = src[i]!;
    else data.set(src);
    record.id = frame.id;
    record.extended = frame.extended;
    record.fd = frame.fd;
    record.timestampMs = timestampMs;
    this.from[slot] = from;
    this.size++;
  }

  /** When the oldest frame is due (length > 0). */
  headTimeMs(): number {
    return this.records[this.head]!.timestampMs;
  }

  /** Who sent the oldest frame (length > 0). */
  headFrom(): F {
    return this.from[this.head]!;
  }

  /** Takes the oldest frame out (length > 0); its record is the caller's until giveBack. */
  take(): CanFrame {
    const head = this.head;
    const record = this.records[head]!;
    // After an exception in a delivery (no giveBack) or inside a nested one, a fresh record.
    this.records[head] = this.spare ?? newRecord();
    this.spare = undefined;
    this.from[head] = undefined;
    this.head = (head + 1) & (this.records.length - 1);
    this.size--;
    return record;
  }

  /** The caller is done with a taken record: it goes back into use (and will be overwritten). */
  giveBack(record: CanFrame): void {
    this.spare = record;
  }

  /** Drops every queued frame. */
  clear(): void {
    for (let i = 0; i < this.from.length; i++) this.from[i] = undefined;
    this.head = 0;
    this.size = 0;
  }

  /** Twice the slots: the queued records in order first, then fresh ones (only when full). */
  private grow(): void {
    const old = this.records.length;
    const records = new Array<CanFrame>(old * 2);
    const from = new Array<F | undefined>(old * 2);
    for (let i = 0; i < old; i++) {
      const slot = (this.head + i) & (old - 1);
      records[i] = this.records[slot]!;
      from[i] = this.from[slot];
    }
    for (let i = old; i < old * 2; i++) records[i] = newRecord();
    this.records = records;
    this.from = from;
    this.head = 0;
  }
}
