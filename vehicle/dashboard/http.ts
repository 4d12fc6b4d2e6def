// Small HTTP helpers for the dashboard: security headers on every answer, JSON answers and
// errors that say what to do, a bounded body reader, and the Host check that keeps a page on
// another site from reaching a dashboard on localhost through DNS rebinding.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';

/** Scripts and styles only from files we serve: an injected string can never run (OWASP CSP). */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
  "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export type DashboardErrorCode =
  | 'bad-request' | 'unknown-command' | 'unauthorized' | 'forbidden' | 'refused' | 'not-found'
  | 'method-not-allowed' | 'too-large' | 'unsupported-media-type' | 'busy' | 'internal';

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, code: DashboardErrorCode, message: string, headers: Record<string, string> = {}): void {
  sendJson(res, status, { ok: false, error: { code, message } }, headers);
}

export class BodyError extends Error {
  constructor(readonly status: number, readonly code: DashboardErrorCode, message: string) {
    super(message);
  }
}

/** Reads a JSON body of at most maxBytes; throws BodyError naming what was wrong. */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    req.resume();
    throw new BodyError(415, 'unsupported-media-type', `the body must be JSON: send "Content-Type: application/json", got ${type ? `"${type}"` : 'none'}`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      req.resume();
      throw new BodyError(413, 'too-large', `the body must be at most ${maxBytes} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new BodyError(400, 'bad-request', `the body is not valid JSON: ${(err as Error).message}`);
  }
}

/** True for a loopback bind address (127.0.0.0/8, ::1, localhost). */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1') return true;
  return isIP(h) === 4 && h.startsWith('127.');
}

/**
 * The Host values a page on this machine sends. Bound to loopback, anything else means a
 * foreign name resolved to 127.0.0.1 (DNS rebinding) and is refused. Bound elsewhere (set in
 * config on purpose) any Host is accepted.
 */
export function hostAllowed(hostHeader: string | undefined, bindHost: string, port: number): boolean {
  if (!isLoopback(bindHost)) return true;
  if (!hostHeader) return false;
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(hostHeader.trim().toLowerCase());
  if (!m) return false;
  const portOk = m[2] === undefined ? port === 80 : Number(m[2]) === port;
  return portOk && isLoopback(m[1] ?? '');
}

/** A browser's Origin on a command must be this very site; tools (curl) send none. */
export function originAllowed(origin: string | undefined, hostHeader: string | undefined): boolean {
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === hostHeader;
  } catch {
    return false;
  }
}
