// The dashboard's server-sent-event stream. One feed serves every open page: it reads the
// source a few times per second (never more often than minIntervalMs, so a busy control loop
// is not slowed by pages), and sends each page the snapshot, the new charge-curve points and
// the decisions (API events) since the last frame. A page that cannot keep up misses
// snapshots (the next supersedes them) and gets the whole curve again once it drains.
import type { ApiEvent } from '../api/protocol.ts';
import type { Clock, TimerHandle } from '../clock/index.ts';
import type { CurvePoint, StatusSnapshot } from '../status.ts';
import type { DashboardSource } from './source.ts';

export interface LiveFeedOptions {
  /** Shortest gap between two snapshots (ms): 200 → at most 5 per second. */
  minIntervalMs?: number;
  /** Gap between two reads of the source when it emits no events (ms): 250 → 4 per second. */
  pollIntervalMs?: number;
  /** A comment line after this long without a frame keeps proxies and browsers from timing out (ms). */
  keepAliveMs?: number;
  /** Decisions kept to show a page that opens late. */
  logKept?: number;
}

/** What a page's response must offer (node's ServerResponse does). */
export interface FeedSink {
  write(chunk: string): boolean;
  once(event: 'drain', listener: () => void): unknown;
}

interface Client {
  sink: FeedSink;
  congested: boolean;
  /** Set when the page opened or missed frames: it gets the whole picture next. */
  needsResync: boolean;
  statusTMs: number | undefined;
  curveLength: number;
  curveFirstTMs: number | undefined;
}

/** A decision as the page gets it: numbered, so a page that resyncs can drop repeats. */
export type LogEntry = ApiEvent & { seq: number };

const DEFAULTS = { minIntervalMs: 200, pollIntervalMs: 250, keepAliveMs: 15_000, logKept: 30 };
/** Browsers wait this long before reconnecting after the stream drops (ms). */
const RETRY_MS = 2000;

/** One SSE frame. JSON.stringify never emits a raw newline, so one data line suffices. */
export function sseFrame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${toJson(data)}\n\n`;
}

/** JSON that survives what a source may hold: bigint as a string, bytes as their count; NaN becomes null. */
export function toJson(data: unknown): string {
  return JSON.stringify(data, (_key, v: unknown) =>
    typeof v === 'bigint' ? v.toString() : v instanceof Uint8Array ? `${v.length} bytes` : v);
}

export class LiveFeed {
  private readonly opts: Required<LiveFeedOptions>;
  private readonly clients = new Set<Client>();
  private unsubscribe: (() => void) | undefined;
  private timer: TimerHandle | undefined;
  private timerAtMs = Number.POSITIVE_INFINITY;
  private lastFlushMs = Number.NEGATIVE_INFINITY;
  private lastWriteMs = 0;
  private seq = 0;
  private pendingLog: LogEntry[] = [];
  private recentLog: LogEntry[] = [];

  constructor(
    private readonly source: DashboardSource,
    private readonly clock: Clock,
    options: LiveFeedOptions = {},
    private readonly onError: (err: Error) => void = () => {},
  ) {
    this.opts = { ...DEFAULTS, ...options };
    // Subscribed from the start, so a page opened mid-session still sees the recent decisions.
    this.unsubscribe = source.subscribe((e) => this.onEvent(e));
  }

  get clientCount(): number {
    return this.clients.size;
  }

  /** Starts streaming to one page (the whole picture at once); returns the function that stops it. */
  add(sink: FeedSink): () => void {
    const client: Client = { sink, congested: false, needsResync: true, statusTMs: undefined, curveLength: 0, curveFirstTMs: undefined };
    this.clients.add(client);
    this.write(client, `retry: ${RETRY_MS}\n\n`);
    this.guarded(() => this.resync(client, this.source.status(), this.source.curve()));
    this.lastFlushMs = this.clock.nowMs();
    this.arm(this.clock.nowMs() + this.opts.pollIntervalMs);
    return () => this.remove(client);
  }

  /** Stops every stream and the subscription. */
  close(): void {
    for (const c of [...this.clients]) this.remove(c);
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private remove(client: Client): void {
    this.clients.delete(client);
    if (this.clients.size > 0) return;
    this.timer?.cancel();
    this.timer = undefined;
    this.timerAtMs = Number.POSITIVE_INFINITY;
    this.pendingLog = [];
  }

  private onEvent(e: ApiEvent): void {
    const entry = { ...e, seq: ++this.seq };
    this.recentLog.push(entry);
    if (this.recentLog.length > this.opts.logKept) this.recentLog.shift();
    if (this.clients.size === 0) return;
    this.pendingLog.push(entry);
    if (this.pendingLog.length > this.opts.logKept) this.pendingLog.shift();
    // An event is news: send it soon, but never sooner than the rate limit allows.
    this.arm(Math.max(this.clock.nowMs(), this.lastFlushMs + this.opts.minIntervalMs));
  }

  /** Sets the next flush to atMs unless one is already due earlier. */
  private arm(atMs: number): void {
    if (this.clients.size === 0 || atMs >= this.timerAtMs) return;
    this.timer?.cancel();
    this.timerAtMs = atMs;
    this.timer = this.clock.at(atMs, () => {
      this.timer = undefined;
      this.timerAtMs = Number.POSITIVE_INFINITY;
      this.flush();
    });
  }

  private flush(): void {
    const nowMs = this.clock.nowMs();
    this.lastFlushMs = nowMs;
    this.guarded(() => this.sendChanges());
    if (nowMs - this.lastWriteMs >= this.opts.keepAliveMs) {
      for (const c of this.clients) if (!c.congested) this.write(c, ': keep-alive\n\n');
    }
    this.arm(nowMs + this.opts.pollIntervalMs);
  }

  private sendChanges(): void {
    const status = this.source.status();
    const curve = this.source.curve();
    // Frames are built once per flush and shared by the pages that need them.
    const logFrame = this.pendingLog.length > 0 ? sseFrame('log', this.pendingLog) : undefined;
    this.pendingLog = [];
    let statusFrame: string | undefined;
    let appended: { from: number; frame: string } | undefined;
    for (const c of this.clients) {
      if (c.congested) continue;
      if (c.needsResync) {
        this.resync(c, status, curve);
        continue;
      }
      if (logFrame) this.write(c, logFrame);
      if (c.statusTMs !== status.tMs) {
        statusFrame ??= sseFrame('status', status);
        this.write(c, statusFrame);
        c.statusTMs = status.tMs;
      }
      if (curve.length < c.curveLength || curve[0]?.tMs !== c.curveFirstTMs) {
        this.write(c, sseFrame('curve', { reset: true, points: curve }));
      } else if (curve.length > c.curveLength) {
        if (appended?.from !== c.curveLength) {
          appended = { from: c.curveLength, frame: sseFrame('curve', { reset: false, points: curve.slice(c.curveLength) }) };
        }
        this.write(c, appended.frame);
      }
      c.curveLength = curve.length;
      c.curveFirstTMs = curve[0]?.tMs;
    }
  }

  private resync(c: Client, status: StatusSnapshot, curve: readonly CurvePoint[]): void {
    c.needsResync = false;
    if (this.recentLog.length > 0) this.write(c, sseFrame('log', this.recentLog));
    this.write(c, sseFrame('status', status));
    this.write(c, sseFrame('curve', { reset: true, points: curve }));
    c.statusTMs = status.tMs;
    c.curveLength = curve.length;
    c.curveFirstTMs = curve[0]?.tMs;
  }

  private guarded(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.onError(err as Error);
    }
  }

  private write(client: Client, chunk: string): void {
    this.lastWriteMs = this.clock.nowMs();
    if (client.sink.write(chunk)) return;
    // The page is behind: stop sending until it drains, then send it everything afresh.
    client.congested = true;
    client.needsResync = true;
    client.sink.once('drain', () => {
      client.congested = false;
    });
  }
}
