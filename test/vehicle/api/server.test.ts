import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DecoderStream, Encoder } from 'cbor-x';
import { createConnection } from 'node:net';
import { startApiServer, type ApiBackend } from '../../../vehicle/api/server.ts';
import { ApiClient } from '../../../vehicle/api/client.ts';
import type { ApiEvent, HmiCommand } from '../../../vehicle/api/protocol.ts';

const t = suite('local API');

function aBackend() {
  const commands: HmiCommand[] = [];
  const listeners = new Set<(e: ApiEvent) => void>();
  const backend: ApiBackend = {
    status: () => ({ mode: 'park', socPct: 55 }),
    faults: () => ({ active: [], history: [] }),
    command: (c) => {
      commands.push(c);
      return c.cmd === 'charge-start' ? { ok: false, reason: 'nothing is plugged' } : { ok: true };
    },
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  const emit = (e: ApiEvent) => listeners.forEach((l) => l(e));
  return { backend, commands, emit, listeners };
}

async function withServer(fn: (paths: { control: string; ro: string }, b: ReturnType<typeof aBackend>) => Promise<void>) {
  const dir = mkdtempSync(join(tmpdir(), 'packpilot-api-'));
  const paths = { control: join(dir, 'packpilot.sock'), ro: join(dir, 'packpilot-ro.sock') };
  const b = aBackend();
  const server = await startApiServer(b.backend, { controlSocketPath: paths.control, readOnlySocketPath: paths.ro });
  try {
    await fn(paths, b);
  } finally {
    await server.close();
  }
}

t('status and a command on the control socket', () =>
  withServer(async ({ control }, b) => {
    const c = await ApiClient.connect(control);
    assert.equal(await c.request({ cmd: 'status' }), { id: 1, ok: true, result: { mode: 'park', socPct: 55 } });
    assert.equal(await c.request({ cmd: 'v2l-on', floorPct: 30 }), { id: 2, ok: true, result: 'accepted' });
    assert.equal(b.commands, [{ cmd: 'v2l-on', floorPct: 30 }]);
    c.close();
  }));

t('a refused command says why', () =>
  withServer(async ({ control }) => {
    const c = await ApiClient.connect(control);
    const r = await c.request({ cmd: 'charge-start' });
    assert.equal(r, { id: 1, ok: false, error: { code: 'refused', message: 'charge-start: nothing is plugged' } });
    c.close();
  }));

t('bad requests name the field and what is allowed', () =>
  withServer(async ({ control }, b) => {
    const c = await ApiClient.connect(control);
    const floor = await c.request({ cmd: 'v2l-floor', pct: 25 } as never);
    assert.equal(floor, { id: 1, ok: false, error: { code: 'bad-request', message: 'v2l-floor: "pct" must be one of 20, 30, 40, 50, 60, 70, 80 (%), got 25' } });
    const unknown = await c.request({ cmd: 'launch' } as never);
    assert.is(unknown.ok, false);
    assert.match((unknown as { error: { message: string } }).error.message, /unknown cmd "launch"; known: status/);
    const limit = await c.request({ cmd: 'charge-limit', pct: 'full' } as never);
    assert.match((limit as { error: { message: string } }).error.message, /"pct" must be a number from 50 to 100, got "full"/);
    assert.equal(b.commands, []);
    c.close();
  }));

t('the read-only socket answers queries and refuses commands', () =>
  withServer(async ({ ro }, b) => {
    const c = await ApiClient.connect(ro);
    assert.is((await c.request({ cmd: 'faults' })).ok, true);
    const r = await c.request({ cmd: 'charge-stop' });
    assert.is(r.ok, false);
    assert.is((r as { error: { code: string } }).error.code, 'forbidden');
    assert.equal(b.commands, []);
    c.close();
  }));

t('socket permissions: control is owner and group only, read-only is for everyone', () =>
  withServer(async ({ control, ro }) => {
    assert.is(statSync(control).mode & 0o777, 0o660);
    assert.is(statSync(ro).mode & 0o777, 0o666);
  }));

t('events stream after subscribe', () =>
  withServer(async ({ ro }, b) => {
    const c = await ApiClient.connect(ro);
    const got: ApiEvent[] = [];
    c.onEvent((e) => got.push(e));
    await c.request({ cmd: 'subscribe' });
    b.emit({ event: 'decision', tMs: 5, data: { what: 'lock: Locking → Locked' } });
    await c.request({ cmd: 'status' }); // a round trip so the event has arrived
    assert.equal(got, [{ event: 'decision', tMs: 5, data: { what: 'lock: Locking → Locked' } }]);
    c.close();
  }));

/** Sends raw bytes on a fresh connection and returns the first decoded reply. */
function rawExchange(path: string, bytes: Uint8Array): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(path);
    const decoder = new DecoderStream({ useRecords: false, mapsAsObjects: true });
    socket.pipe(decoder);
    decoder.once('data', (msg: unknown) => {
      socket.destroy();
      resolve(msg);
    });
    socket.once('error', reject);
    socket.write(bytes);
  });
}

t('a request that is not a map, and bytes that are not CBOR, get clear errors', () =>
  withServer(async ({ control }) => {
    assert.equal(await rawExchange(control, new Encoder().encode([1, 2, 3])), {
      id: null, ok: false, error: { code: 'bad-request', message: 'a request must be a map with "id" and "cmd", got [1,2,3]' },
    });
    const broken = (await rawExchange(control, Uint8Array.of(0xff, 0xff, 0xff))) as { ok: boolean; error: { code: string; message: string } };
    assert.is(broken.ok, false);
    assert.is(broken.error.code, 'bad-request');
    assert.match(broken.error.message, /^not a CBOR sequence: /);
  }));

t('a stale socket file from a crashed run is replaced; a live one is not taken over', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'packpilot-api-'));
  const path = join(dir, 'p.sock');
  writeFileSync(path, ''); // left behind by a crashed run: nobody listens on it
  const live = await startApiServer(aBackend().backend, { controlSocketPath: path });
  let refused = '';
  try {
    await startApiServer(aBackend().backend, { controlSocketPath: path });
  } catch (err) {
    refused = (err as Error).message;
  }
  assert.match(refused, /is in use by a running packpilot/);
  await live.close();
});

t.run();
