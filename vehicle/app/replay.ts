// Replay: a recording's received frames go through a fresh Controller on the tick loop, each at
// its recorded time, each tick where its marker stands, user commands applied where they came;
// the decisions (and the frames sent) must come out the same. Time is a plain variable here:
// the replay clock only holds the loop's next tick until the recording says it ran.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import type { HmiCommand } from '../api/protocol.ts';
import { formatCandumpLine, packpilotCodec, type CanBus, type CanFrame, type FrameListener, type OutgoingFrame } from '../can/index.ts';
import type { Clock, TimerHandle } from '../clock/clock.ts';
import { Controller } from '../controller/controller.ts';
import { startLoop } from '../loop.ts';
import { decodeRecords, type DecisionRecord, type FrameRecord, type RecordBody } from '../recorder/record-format.ts';
import { recordingFiles } from '../recorder/recorder.ts';
import { COMMAND_SOURCE, isRunInfo, isTick } from './recording.ts';

export interface DecisionLine {
  tMs: number;
  source: string;
  what: string;
}

export interface ReplayResult {
  decisions: number;
  /** Index in the decision lists and the two sides where they differ (first 20). */
  differences: { index: number; recorded: DecisionLine | null; replayed: DecisionLine | null }[];
  ticks: number;
  txRecorded: number;
  txReplayed: number;
  txDifferences: number;
  commands: number;
}

class ReplayClock implements Clock {
  now = 0;
  private pending: { atMs: number; fn: () => void; live: boolean }[] = [];

  nowMs(): number {
    return this.now;
  }

  at(atMs: number, fn: () => void): TimerHandle {
    const t = { atMs, fn, live: true };
    this.pending.push(t);
    return { cancel: () => void (t.live = false) };
  }

  /** Runs what is due at `now` (the recorded tick); returns how many ran. */
  runDue(): number {
    const due = this.pending.filter((t) => t.live && t.atMs <= this.now);
    this.pending = this.pending.filter((t) => t.live && t.atMs > this.now);
    for (const t of due) t.fn();
    return due.length;
  }
}

class ReplayBus implements CanBus {
  readonly sent: OutgoingFrame[] = [];
  private listeners: FrameListener[] = [];

  constructor(readonly name: string) {}

  send(frame: OutgoingFrame): void {
    this.sent.push({ ...frame, data: new Uint8Array(frame.data) });
  }

  subscribe(onFrame: FrameListener): () => void {
    this.listeners.push(onFrame);
    return () => (this.listeners = this.listeners.filter((l) => l !== onFrame));
  }

  deliver(frame: CanFrame): void {
    for (const l of this.listeners) l(frame);
  }

  async close(): Promise<void> {}
}

const line = (d: { tMs: number; source: string; what: string }): DecisionLine => ({ tMs: d.tMs, source: d.source, what: d.what });
const same = (a: DecisionLine, b: DecisionLine): boolean => a.tMs === b.tMs && a.source === b.source && a.what === b.what;

/**
 * Reads a recording folder (or one file) like recorder/reader.ts, appending record by record:
 * a long recording holds more records than a spread into push() may pass as arguments.
 */
export function loadRecording(path: string): { records: RecordBody[]; warnings: string[] } {
  const files = statSync(path).isDirectory() ? recordingFiles(path).map((f) => f.path) : [path];
  const records: RecordBody[] = [];
  const warnings: string[] = [];
  for (const file of files) {
    const r = decodeRecords(readFileSync(file));
    for (const x of r.records) records.push(x);
    if (r.problem) warnings.push(`${file}: ${r.problem}; skipped the last ${r.discardedBytes} bytes`);
  }
  return { records, warnings };
}

export function replayRecords(all: readonly RecordBody[]): ReplayResult {
  // A run starts at its meta record; a folder may hold several runs: replay the last.
  let start = -1;
  for (let i = all.length - 1; i >= 0 && start < 0; i--) if (isRunInfo(all[i]!)) start = i;
  if (start < 0) throw new Error('the recording holds no run start (packpilot-run meta record): was its first file rotated away?');
  const meta = all[start] as RecordBody & { kind: 'meta' };
  if (!isRunInfo(meta)) throw new Error('unreachable');
  const info = meta.info;
  const codec = packpilotCodec();
  const clock = new ReplayClock();
  clock.now = meta.tMs;
  const bus = new ReplayBus(info.bus);
  const controller = new Controller({ config: info.config, codec, persisted: info.persisted ?? undefined, startMs: meta.tMs });
  const replayed: DecisionLine[] = [];
  controller.onDecision((d) => replayed.push(line(d)));
  clock.now = info.loopStartMs ?? meta.tMs;
  const loop = startLoop({ bus, clock, codec, controller, tickMs: info.tickMs });

  const recorded: DecisionLine[] = [];
  const txRecorded: FrameRecord[] = [];
  let commands = 0;
  for (let i = start + 1; i < all.length; i++) {
    const r = all[i]!;
    if (r.kind === 'frame') {
      if (r.dir === 'tx') {
        txRecorded.push(r);
        continue;
      }
      clock.now = r.tMs;
      bus.deliver({ id: r.id, extended: r.ext, fd: r.fd, data: r.data, timestampMs: r.tMs });
    } else if (isTick(r)) {
      clock.now = r.tMs;
      clock.runDue();
    } else if (r.kind === 'decision') {
      if (r.source === COMMAND_SOURCE) {
        controller.command((r as DecisionRecord).detail!.command as HmiCommand);
        commands++;
      } else recorded.push(line(r));
    }
  }
  loop.stop();

  const differences: ReplayResult['differences'] = [];
  for (let i = 0; i < Math.max(recorded.length, replayed.length) && differences.length < 20; i++) {
    const a = recorded[i];
    const b = replayed[i];
    if (a && b && same(a, b)) continue;
    differences.push({ index: i, recorded: a ?? null, replayed: b ?? null });
  }
  let txDifferences = Math.abs(txRecorded.length - bus.sent.length);
  for (let i = 0; i < Math.min(txRecorded.length, bus.sent.length); i++) {
    const a = txRecorded[i]!;
    const b = bus.sent[i]!;
    if (a.id !== b.id || Buffer.compare(Buffer.from(a.data), Buffer.from(b.data)) !== 0) txDifferences++;
  }
  return { decisions: recorded.length, differences, ticks: loop.ticks, txRecorded: txRecorded.length, txReplayed: bus.sent.length, txDifferences, commands };
}

/** Every frame of the recording as a candump -L log (µs since the run's clock origin). */
export function exportCandump(records: readonly RecordBody[], outPath: string): number {
  const lines: string[] = [];
  for (const r of records) {
    if (r.kind !== 'frame') continue;
    lines.push(formatCandumpLine(r.bus, { id: r.id, extended: r.ext, fd: r.fd, data: r.data, timestampMs: r.tMs }));
  }
  writeFileSync(outPath, lines.length > 0 ? `${lines.join('\n')}\n` : '');
  return lines.length;
}
