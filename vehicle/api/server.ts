// The local API on Unix sockets. Two sockets, so that the file permissions decide who may
// command: the control socket (mode 0660: owner and group) accepts every request; the
// read-only socket (mode 0666) answers queries and streams events but refuses commands.
import { chmodSync, existsSync, unlinkSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { DecoderStream, Encoder } from 'cbor-x';
import {
  ApiRequestError, COMMANDS_THAT_ACT, parseRequest,
  type ApiEvent, type ApiResponse, type HmiCommand,
} from './protocol.ts';

export interface ApiBackend {
  status(): unknown;
  faults(): unknown;
  /** Applies a user command the same way an HMI frame would; refusals carry a reason. */
  command(c: HmiCommand): { ok: true; result?: unknown } | { ok: false; reason: string };
  subscribe(listener: (e: ApiEvent) => void): () => void;
}

export interface ApiServerOptions {
  controlSocketPath: string;
  readOnlySocketPath?: string;
  controlMode?: number;
  readOnlyMode?: number;
}

export interface ApiServer {
  close(): Promise<void>;
}

const cbor = new Encoder({ useRecords: false, mapsAsObjects: true });

export async function startApiServer(backend: ApiBackend, options: ApiServerOptions): Promise<ApiServer> {
  const servers: Server[] = [];
  const sockets = new Set<Socket>();
  servers.push(await listen(options.controlSocketPath, options.controlMode ?? 0o660, true));
  if (options.readOnlySocketPath) servers.push(await listen(options.readOnlySocketPath, options.readOnlyMode ?? 0o666, false));

  async function listen(path: string, mode: number, mayCommand: boolean): Promise<Server> {
    await removeStaleSocket(path);
    const server = createServer((socket) => serve(socket, mayCommand));
    await new Promise<void>((resolve, reject) => {
      server.once('error', (err: NodeJS.ErrnoException) => reject(new Error(`API: cannot listen on ${path}: ${err.code ?? ''} ${err.message}`)));
      server.listen(path, resolve);
    });
    chmodSync(path, mode);
    return server;
  }

  function serve(socket: Socket, mayCommand: boolean): void {
    sockets.add(socket);
    let unsubscribe: (() => void) | undefined;
    const send = (msg: ApiResponse | ApiEvent): void => {
      if (!socket.destroyed) socket.write(cbor.encode(msg));
    };
    const decoder = new DecoderStream({ useRecords: false, mapsAsObjects: true });
    decoder.on('data', (raw: unknown) => {
      try {
        const req = parseRequest(raw);
        if (COMMANDS_THAT_ACT.has(req.cmd) && !mayCommand) {
          throw new ApiRequestError('forbidden', `${req.cmd}: this socket is read-only; use the control socket (its file permissions decide who may command)`, req.id);
        }
        switch (req.cmd) {
          case 'status':
            return send({ id: req.id, ok: true, result: backend.status() });
          case 'faults':
            return send({ id: req.id, ok: true, result: backend.faults() });
          case 'subscribe':
            unsubscribe ??= backend.subscribe(send);
            return send({ id: req.id, ok: true, result: 'subscribed' });
          case 'unsubscribe':
            unsubscribe?.();
            unsubscribe = undefined;
            return send({ id: req.id, ok: true, result: 'unsubscribed' });
          default: {
            const { id, ...command } = req;
            const outcome = backend.command(command as HmiCommand);
            return send(outcome.ok
              ? { id, ok: true, result: outcome.result ?? 'accepted' }
              : { id, ok: false, error: { code: 'refused', message: `${req.cmd}: ${outcome.reason}` } });
          }
        }
      } catch (err) {
        if (err instanceof ApiRequestError) return send({ id: err.id, ok: false, error: { code: err.code, message: err.message } });
        return send({ id: null, ok: false, error: { code: 'internal', message: (err as Error).message } });
      }
    });
    decoder.on('error', (err: Error) => {
      // A broken CBOR stream cannot be resynchronised: say why, then hang up.
      send({ id: null, ok: false, error: { code: 'bad-request', message: `not a CBOR sequence: ${err.message}` } });
      socket.end();
    });
    socket.pipe(decoder);
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      unsubscribe?.();
      sockets.delete(socket);
    });
  }

  return {
    async close() {
      for (const s of sockets) s.destroy();
      await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    },
  };
}

/** A socket file left by a crashed run is removed; one that a live server answers on is not. */
async function removeStaleSocket(path: string): Promise<void> {
  if (!existsSync(path)) return;
  const alive = await new Promise<boolean>((resolve) => {
    const probe = createConnection(path);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
  if (alive) throw new Error(`API: ${path} is in use by a running packpilot`);
  unlinkSync(path);
}
