// Appends records to rotating files in a folder, within a bound on disk use.
// Shell code: it touches files. Writes are batched and flushed by the caller's loop (flush()),
// with an fsync so a power loss costs at most the last unflushed batch, never older records.
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { encodeRecord, type RecordBody } from './record-format.ts';

export interface RecorderOptions {
  dir: string;
  /** Start a new file past this size (bytes). */
  maxFileBytes: number;
  /** Delete the oldest files while the folder holds more than this (bytes). */
  maxTotalBytes: number;
}

export const RECORDING_PREFIX = 'rec-';
export const RECORDING_SUFFIX = '.cbor';

export class Recorder {
  private fd: number | undefined;
  private fileBytes = 0;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private fileIndex: number;

  constructor(private readonly options: RecorderOptions) {
    if (options.maxFileBytes <= 0 || options.maxTotalBytes < options.maxFileBytes) {
      throw new Error(`recorder: maxTotalBytes (${options.maxTotalBytes}) must be ≥ maxFileBytes (${options.maxFileBytes}) > 0`);
    }
    mkdirSync(options.dir, { recursive: true });
    this.fileIndex = recordingFiles(options.dir).reduce((max, f) => Math.max(max, f.index), 0);
  }

  append(body: RecordBody): void {
    const bytes = encodeRecord(body);
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
  }

  /** Writes what is pending to disk and fsyncs it. */
  flush(): void {
    if (this.pendingBytes === 0) return;
    if (this.fd === undefined || this.fileBytes + this.pendingBytes > this.options.maxFileBytes) this.rotate();
    const all = Buffer.concat(this.pending);
    writeSync(this.fd!, all);
    fsyncSync(this.fd!);
    this.fileBytes += all.length;
    this.pending = [];
    this.pendingBytes = 0;
  }

  close(): void {
    this.flush();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private rotate(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fileIndex += 1;
    const name = `${RECORDING_PREFIX}${String(this.fileIndex).padStart(6, '0')}${RECORDING_SUFFIX}`;
    this.fd = openSync(join(this.options.dir, name), 'a');
    this.fileBytes = 0;
    this.enforceBudget();
  }

  private enforceBudget(): void {
    const files = recordingFiles(this.options.dir);
    let total = files.reduce((sum, f) => sum + f.bytes, 0) + this.pendingBytes;
    for (const f of files) {
      if (total <= this.options.maxTotalBytes || f.index === this.fileIndex) break;
      unlinkSync(f.path);
      total -= f.bytes;
    }
  }
}

export interface RecordingFile {
  path: string;
  index: number;
  bytes: number;
}

/** The folder's recording files, oldest first. */
export function recordingFiles(dir: string): RecordingFile[] {
  const pattern = new RegExp(`^${RECORDING_PREFIX}(\\d+)\\${RECORDING_SUFFIX}$`);
  return readdirSync(dir)
    .map((name) => ({ name, m: pattern.exec(name) }))
    .filter((x): x is { name: string; m: RegExpExecArray } => x.m !== null)
    .map(({ name, m }) => ({ path: join(dir, name), index: Number(m[1]), bytes: statSync(join(dir, name)).size }))
    .sort((a, b) => a.index - b.index);
}
