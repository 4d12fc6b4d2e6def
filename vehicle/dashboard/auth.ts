// Who may command from the dashboard: whoever presents the token (printed at start or set in
// config). Everyone else on the page sees the same values read-only.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** 128 bits from the OS generator, URL-safe: long enough that guessing over HTTP is hopeless. */
export function newToken(): string {
  return randomBytes(16).toString('base64url');
}

/** Shortest token accepted from config: shorter ones are guessable (PD). */
export const MIN_TOKEN_LENGTH = 12;

/**
 * Compares in constant time. Both sides are hashed first so that timingSafeEqual sees equal
 * lengths and the comparison leaks neither the token's content nor its length.
 */
export function tokensMatch(presented: string, expected: string): boolean {
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The token from `Authorization: Bearer <token>`, or null when there is none. */
export function bearerToken(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return null;
  const m = /^Bearer[ ]+([^\s]+)\s*$/i.exec(header);
  return m?.[1] ?? null;
}

export type AuthResult = 'ok' | 'missing' | 'wrong' | 'read-only';

/** expected null means the dashboard was started without controls. */
export function authenticate(req: IncomingMessage, expected: string | null): AuthResult {
  if (expected === null) return 'read-only';
  const presented = bearerToken(req);
  if (presented === null) return 'missing';
  return tokensMatch(presented, expected) ? 'ok' : 'wrong';
}
