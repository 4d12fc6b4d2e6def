// A small client for the local API: request/response by id, and an event stream.
import { createConnection, type Socket } from 'node:net';
import { DecoderStream, Encoder } from 'cbor-x';
import type { ApiCommand, ApiEvent, ApiResponse } from './protocol.ts';

const cbor = new Encoder({ useRecords: false, mapsAsObjects: true });

export class ApiClient {
  private nextId = 1;
  private readonly waiting = new Map<number | string, (r: ApiResponse) => void>();
  private readonly eventListeners = new Set<(e: ApiEvent) => void>();

  private constructor(private readonly socket: Socket) {
    const decoder = new DecoderStream({ useRecords: false, mapsAsObjects: true });
    socket.pipe(decoder);
    decoder.on('data', (msg: ApiResponse | ApiEvent) => {
      if ('event' in msg) {
        for (const l of this.eventListeners) l(msg);
        return;
      }
      const done = msg.id === null ? undefined : this.waiting.get(msg.id);
      if (done) {
        this.waiting.delete(msg.id!);
        done(msg);
      } else if (msg.id === null) {
        for (const d of this.waiting.values()) d(msg);
        this.waiting.clear();
      }
    });
  }

  static connect(path: string): Promise<ApiClient> {
    return new Promise((resolve, reject) => {
      const socket = createConnection(path);
      socket.once('connect', () => resolve(new ApiClient(socket)));
      socket.once('error', (err: NodeJS.ErrnoException) => {
        const why = err.code === 'ENOENT' ? 'no such socket: is packpilot running?' : err.code === 'EACCES' ? 'permission denied: this user may not use this socket' : err.message;
        reject(new Error(`cannot connect to ${path}: ${why}`));
      });
    });
  }

  request(command: ApiCommand): Promise<ApiResponse> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.socket.write(cbor.encode({ id, ...command }));
    });
  }

  /** Sends raw bytes (tests of bad input). */
  sendRaw(bytes: Uint8Array): void {
    this.socket.write(bytes);
  }

  onEvent(listener: (e: ApiEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  close(): void {
    this.socket.end();
    this.socket.destroy();
  }
}
