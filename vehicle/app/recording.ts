// What the service writes to the recorder: a meta record that lets replay rebuild the run (the
// config, the persisted state used, the tick period), every frame in and out, a marker per tick
// (so replay runs each tick at its recorded time, in its recorded place among the frames), every
// decision, and every user command (replay applies them again).
import type { PersistedBms } from '../../bms/index.ts';
import type { HmiCommand } from '../api/protocol.ts';
import type { CanFrame, OutgoingFrame } from '../can/index.ts';
import type { CarConfig } from '../config/car-config.ts';
import type { Decision } from '../controller/decisions.ts';
import type { Recorder } from '../recorder/recorder.ts';
import type { MetaRecord, RecordBody } from '../recorder/record-format.ts';

export const RUN_META = 'packpilot-run';
export const TICK_META = 'tick';
export const COMMAND_SOURCE = 'api';

export interface RunInfo {
  type: typeof RUN_META;
  config: CarConfig;
  persisted: PersistedBms | null;
  tickMs: number;
  /** When the loop started (its transmit grid); the controller's start is the record's tMs. */
  loopStartMs: number;
  bus: string;
  startedAt: string;
}

export function isRunInfo(r: RecordBody): r is MetaRecord & { info: RunInfo } {
  return r.kind === 'meta' && r.info.type === RUN_META;
}

export function isTick(r: RecordBody): boolean {
  return r.kind === 'meta' && r.info.type === TICK_META;
}

export class RunRecorder {
  constructor(
    private readonly recorder: Recorder,
    private readonly busName: string,
  ) {}

  run(tMs: number, info: Omit<RunInfo, 'type'>): void {
    this.recorder.append({ kind: 'meta', tMs, info: { type: RUN_META, ...info } });
  }

  frame(dir: 'rx' | 'tx', f: CanFrame | OutgoingFrame, tMs: number): void {
    this.recorder.append({ kind: 'frame', tMs, bus: this.busName, dir, id: f.id, ext: f.extended, fd: f.fd, data: f.data });
  }

  tick(tMs: number): void {
    this.recorder.append({ kind: 'meta', tMs, info: { type: TICK_META } });
  }

  decision(d: Decision): void {
    this.recorder.append({ kind: 'decision', tMs: d.tMs, source: d.source, what: d.what, detail: d.detail });
  }

  command(tMs: number, command: HmiCommand, outcome: { ok: boolean }): void {
    this.recorder.append({ kind: 'decision', tMs, source: COMMAND_SOURCE, what: `command ${command.cmd}${outcome.ok ? '' : ' (refused)'}`, detail: { command } });
  }

  flush(): void {
    this.recorder.flush();
  }

  close(): void {
    this.recorder.close();
  }
}
