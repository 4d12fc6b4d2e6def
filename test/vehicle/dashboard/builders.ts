// Builders for the dashboard tests: a scripted source, a snapshot, and small node:http clients
// (plain requests and a server-sent-event reader) that wait on the socket, never on time.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { ApiEvent, HmiCommand } from '../../../vehicle/api/protocol.ts';
import { FakeSource } from '../../../vehicle/dashboard/fake-source.ts';
import type { CommandOutcome, DashboardSource } from '../../../vehicle/dashboard/source.ts';
import type { CurvePoint, StatusSnapshot } from '../../../vehicle/status.ts';

export const TOKEN = 'test-token-0123456789';

/** A full snapshot (the fake's first one) with the fields a test cares about replaced. */
export function aStatus(overrides: { tMs?: number; socPct?: number } = {}): StatusSnapshot {
  const s = new FakeSource().status();
  return { ...s, tMs: overrides.tMs ?? s.tMs, pack: { ...s.pack, socPct: overrides.socPct ?? s.pack.socPct } };
}

export function aCurvePoint(tMs: number, socPct = 20 + tMs / 1000): CurvePoint {
  return { tMs, socPct, powerW: 100_000, limitingReason: 'charger' };
}

/** A source whose every answer the test sets. */
export function aScriptedSource(refuse: Partial<Record<HmiCommand['cmd'], string>> = {}) {
  const commands: HmiCommand[] = [];
  const listeners = new Set<(e: ApiEvent) => void>();
  const state = { status: aStatus(), curve: [] as CurvePoint[], statusReads: 0 };
  const source: DashboardSource = {
    status: () => {
      state.statusReads++;
      return state.status;
    },
    curve: () => state.curve,
    faults: () => state.status.faults,
    command: (c): CommandOutcome => {
      commands.push(c);
      const reason = refuse[c.cmd];
      return reason ? { ok: false, reason } : { ok: true };
    },
    subscribe: (l) => {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
  };
  const emit = (e: ApiEvent) => listeners.forEach((l) => l(e));
  return { source, state, commands, listeners, emit };
}

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json: any;
}

export function send(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

export function postCommand(baseUrl: string, body: unknown, token: string | null = TOKEN, extra: Record<string, string> = {}): Promise<Reply> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...extra };
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  return send(`${baseUrl}api/command`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

export interface SseFrame {
  event?: string;
  data?: string;
  comment?: string;
  retry?: number;
}

/** Opens /api/events and parses frames as they arrive. */
export function openEvents(baseUrl: string) {
  const frames: SseFrame[] = [];
  let buffer = '';
  let waiter: { n: number; resolve: () => void } | undefined;
  let headers: IncomingHttpHeaders = {};
  const check = () => {
    if (waiter && frames.length >= waiter.n) {
      const w = waiter;
      waiter = undefined;
      w.resolve();
    }
  };
  const req = httpRequest(`${baseUrl}api/events`, (res) => {
    headers = res.headers;
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        frames.push(parseFrame(buffer.slice(0, end)));
        buffer = buffer.slice(end + 2);
      }
      check();
    });
  });
  req.on('error', () => {});
  req.end();
  return {
    frames,
    headers: () => headers,
    /** Resolves once at least n frames have arrived in all. */
    until: (n: number) => new Promise<void>((resolve) => {
      waiter = { n, resolve };
      check();
    }),
    close: () => req.destroy(),
  };
}

function parseFrame(text: string): SseFrame {
  const f: SseFrame = {};
  for (const line of text.split('\n')) {
    if (line.startsWith(':')) f.comment = line.slice(1).trim();
    else if (line.startsWith('event: ')) f.event = line.slice(7);
    else if (line.startsWith('data: ')) f.data = line.slice(6);
    else if (line.startsWith('retry: ')) f.retry = Number(line.slice(7));
  }
  return f;
}
