// The live web dashboard, served by packpilot itself with node:http alone: the page and its
// files, the same state as the local API as JSON, a server-sent-event stream, and the user's
// commands behind a bearer token. Bound to 127.0.0.1 unless the config says otherwise.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiRequestError, CHARGE_LIMIT_RANGE_PCT, COMMANDS_THAT_ACT, V2L_FLOORS_PCT, parseRequest, type HmiCommand } from '../api/protocol.ts';
import { RealClock, type Clock } from '../clock/index.ts';
import { loadAssets, type Asset } from './assets.ts';
import { MIN_TOKEN_LENGTH, authenticate, newToken } from './auth.ts';
import { BodyError, SECURITY_HEADERS, hostAllowed, originAllowed, readJsonBody, sendError, sendJson } from './http.ts';
import { LiveFeed, type LiveFeedOptions } from './live-feed.ts';
import type { DashboardSource } from './source.ts';

/** pino's logger fits; so does a test's recorder. */
export interface DashboardLog {
  info(fields: object, msg: string): void;
  warn(fields: object, msg: string): void;
}

export interface DashboardOptions {
  source: DashboardSource;
  /** 0 picks a free port (tests). */
  port: number;
  /** Default 127.0.0.1: only this machine. Anything else is a deliberate config choice. */
  host?: string;
  /** The bearer token for controls; undefined generates one (print it), null means read-only. */
  token?: string | null;
  clock?: Clock;
  feed?: LiveFeedOptions;
  log?: DashboardLog;
  /** Open event streams allowed at once; more get 503 (each holds a socket). */
  maxStreams?: number;
}

export interface Dashboard {
  url: string;
  /** The token in force (generated when none was given), or null when read-only. */
  token: string | null;
  close(): Promise<void>;
}

/** A command is a small JSON map; anything bigger is not one. */
const MAX_BODY_BYTES = 4096;

export async function startDashboard(options: DashboardOptions): Promise<Dashboard> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token === undefined ? newToken() : options.token;
  if (token !== null && token.length < MIN_TOKEN_LENGTH) {
    throw new Error(`dashboard: the token must be at least ${MIN_TOKEN_LENGTH} characters (a short one is guessable); leave it unset to have one generated`);
  }
  const { source, log } = options;
  const ownClock = options.clock ? undefined : new RealClock({ unref: true });
  const feed = new LiveFeed(source, options.clock ?? ownClock!, options.feed, (err) =>
    log?.warn({ err: err.message }, 'dashboard: reading the source failed'));
  const assets = loadAssets();
  const maxStreams = options.maxStreams ?? 32;
  let port = options.port;

  const server = createServer((req, res) => {
    handle(req, res).catch((err: Error) => {
      log?.warn({ err: err.message, url: req.url }, 'dashboard: request failed');
      if (!res.headersSent) sendError(res, 500, 'internal', err.message);
      else res.destroy();
    });
  });
  server.requestTimeout = 10_000;
  server.headersTimeout = 10_000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req.headers.host, host, port)) {
      return sendError(res, 403, 'forbidden', `Host "${req.headers.host ?? ''}" is not this dashboard; open http://127.0.0.1:${port}/`);
    }
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const method = req.method ?? 'GET';
    if (path === '/api/command') {
      if (method !== 'POST') return sendError(res, 405, 'method-not-allowed', 'use POST for /api/command', { Allow: 'POST' });
      return command(req, res);
    }
    if (method !== 'GET' && method !== 'HEAD') {
      return sendError(res, 405, 'method-not-allowed', `${method} is not allowed on ${path}; only GET`, { Allow: 'GET, HEAD' });
    }
    switch (path) {
      case '/api/status': return sendJson(res, 200, source.status());
      case '/api/curve': return sendJson(res, 200, source.curve());
      case '/api/faults': return sendJson(res, 200, source.faults());
      case '/api/meta':
        return sendJson(res, 200, {
          controls: token !== null,
          chargeLimitRangePct: CHARGE_LIMIT_RANGE_PCT,
          v2lFloorsPct: V2L_FLOORS_PCT,
        });
      case '/api/auth': return checkToken(req, res);
      case '/api/events': return stream(req, res);
    }
    const asset = assets.get(path);
    if (asset) return sendAsset(req, res, asset);
    if (path.startsWith('/api/')) return sendError(res, 404, 'not-found', `no endpoint ${path}; see /api/status, /api/curve, /api/faults, /api/events, /api/command`);
    return sendError(res, 404, 'not-found', `no file ${path}`);
  }

  /** Tells the page whether a token is right before the user relies on it. */
  function checkToken(req: IncomingMessage, res: ServerResponse): void {
    const auth = authenticate(req, token);
    if (auth === 'ok') return sendJson(res, 200, { ok: true, authenticated: true });
    return refuseAuth(req, res, auth);
  }

  function refuseAuth(req: IncomingMessage, res: ServerResponse, auth: 'missing' | 'wrong' | 'read-only'): void {
    if (auth === 'read-only') {
      return sendError(res, 403, 'forbidden', 'this dashboard is read-only: no token is configured');
    }
    log?.warn({ remote: req.socket.remoteAddress, auth }, 'dashboard: command without a valid token');
    const message = auth === 'missing'
      ? 'controls need the token printed at start (or set in config): send "Authorization: Bearer <token>"'
      : 'the token is not the one in force; use the token printed at start (or set in config)';
    return sendError(res, 401, 'unauthorized', message, { 'WWW-Authenticate': 'Bearer realm="packpilot"' });
  }

  async function command(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!originAllowed(req.headers.origin, req.headers.host)) {
      req.resume();
      return sendError(res, 403, 'forbidden', `a command from ${req.headers.origin} is not accepted; use this dashboard's own page`);
    }
    const auth = authenticate(req, token);
    if (auth !== 'ok') {
      req.resume();
      return refuseAuth(req, res, auth);
    }
    let c: HmiCommand;
    try {
      c = parseCommand(await readJsonBody(req, MAX_BODY_BYTES));
    } catch (err) {
      if (err instanceof BodyError) return sendError(res, err.status, err.code, err.message);
      if (err instanceof ApiRequestError) return sendError(res, 400, err.code === 'unknown-command' ? 'unknown-command' : 'bad-request', err.message);
      throw err;
    }
    const outcome = source.command(c);
    log?.info({ command: c, ok: outcome.ok, ...(outcome.ok ? {} : { reason: outcome.reason }) }, 'dashboard: user command');
    if (outcome.ok) return sendJson(res, 200, { ok: true, result: outcome.result ?? 'accepted' });
    return sendError(res, 409, 'refused', `${c.cmd}: ${outcome.reason}`);
  }

  function stream(req: IncomingMessage, res: ServerResponse): void {
    if (feed.clientCount >= maxStreams) {
      return sendError(res, 503, 'busy', `at most ${maxStreams} pages may watch at once`, { 'Retry-After': '5' });
    }
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.socket?.setNoDelay(true);
    if (req.method === 'HEAD') return void res.end();
    const stop = feed.add(res);
    res.on('close', stop);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(new Error(`dashboard: cannot listen on ${host}:${options.port}: ${err.code ?? ''} ${err.message}`)));
    server.listen(options.port, host, resolve);
  });
  port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}/`,
    token,
    async close() {
      feed.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      ownClock?.close();
    },
  };
}

/** The body is an HmiCommand; the API's own validator checks it, so both accept the same. */
export function parseCommand(body: unknown): HmiCommand {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ApiRequestError('bad-request', `the body must be a JSON object with "cmd", got ${JSON.stringify(body)}`);
  }
  const { id: _id, ...command } = parseRequest({ ...body, id: 'dashboard' });
  if (!COMMANDS_THAT_ACT.has(command.cmd)) {
    throw new ApiRequestError('bad-request', `"cmd": "${command.cmd}" is a query, not a command; read it with GET /api/${command.cmd === 'faults' ? 'faults' : 'status'} or /api/events`);
  }
  return command as HmiCommand;
}

function sendAsset(req: IncomingMessage, res: ServerResponse, asset: Asset): void {
  const headers = { ...SECURITY_HEADERS, 'Cache-Control': 'no-cache', ETag: asset.etag };
  if (req.headers['if-none-match'] === asset.etag) {
    res.writeHead(304, headers);
    return void res.end();
  }
  res.writeHead(200, { ...headers, 'Content-Type': asset.type, 'Content-Length': asset.body.length });
  res.end(req.method === 'HEAD' ? undefined : asset.body);
}
