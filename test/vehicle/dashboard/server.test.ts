import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { SimClock } from '../../../vehicle/clock/index.ts';
import { startDashboard, type Dashboard } from '../../../vehicle/dashboard/server.ts';
import { aCurvePoint, aScriptedSource, openEvents, send, TOKEN } from './builders.ts';

const t = suite('dashboard server');

async function withDashboard(fn: (d: Dashboard, s: ReturnType<typeof aScriptedSource>, clock: SimClock) => Promise<void>, host?: string) {
  const s = aScriptedSource();
  const clock = new SimClock();
  const d = await startDashboard({ source: s.source, port: 0, token: TOKEN, clock, ...(host ? { host } : {}) });
  try {
    await fn(d, s, clock);
  } finally {
    await d.close();
  }
}

t('binds to 127.0.0.1 on a free port unless told otherwise', () =>
  withDashboard(async (d) => {
    assert.match(d.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    assert.is.not(d.url, 'http://127.0.0.1:0/');
    assert.is(d.token, TOKEN);
  }));

t('a generated token is long and random when none is given; null means read-only', async () => {
  const s = aScriptedSource();
  const a = await startDashboard({ source: s.source, port: 0 });
  const b = await startDashboard({ source: s.source, port: 0 });
  const ro = await startDashboard({ source: s.source, port: 0, token: null });
  try {
    assert.ok((a.token ?? '').length >= 20);
    assert.is.not(a.token, b.token);
    assert.is(ro.token, null);
    assert.equal((await send(`${ro.url}api/meta`)).json.controls, false);
    assert.equal((await send(`${a.url}api/meta`)).json.controls, true);
  } finally {
    await Promise.all([a.close(), b.close(), ro.close()]);
  }
});

t('a short configured token is refused at start with the reason', async () => {
  const s = aScriptedSource();
  try {
    await startDashboard({ source: s.source, port: 0, token: 'abc' });
    assert.unreachable('should have thrown');
  } catch (err) {
    assert.match((err as Error).message, /at least 12 characters/);
  }
});

t('/api/status, /api/curve and /api/faults answer the source\'s state as JSON', () =>
  withDashboard(async (d, s) => {
    s.state.curve = [aCurvePoint(1000), aCurvePoint(2000)];
    const status = await send(`${d.url}api/status`);
    assert.is(status.status, 200);
    assert.match(String(status.headers['content-type']), /^application\/json/);
    assert.is(status.headers['cache-control'], 'no-store');
    assert.is(status.json.pack.socPct, s.state.status.pack.socPct);
    assert.is(status.json.cells.voltagesV.length, 96);
    assert.equal((await send(`${d.url}api/curve`)).json, s.state.curve);
    assert.equal((await send(`${d.url}api/faults`)).json, []);
  }));

t('/api/meta tells the page the command ranges the API accepts', () =>
  withDashboard(async (d) => {
    const meta = (await send(`${d.url}api/meta`)).json;
    assert.equal(meta, { controls: true, chargeLimitRangePct: [50, 100], v2lFloorsPct: [20, 30, 40, 50, 60, 70, 80] });
  }));

t('the page and its files are served with a strict CSP; the chart library comes from node_modules', () =>
  withDashboard(async (d) => {
    const page = await send(d.url);
    assert.is(page.status, 200);
    assert.match(String(page.headers['content-type']), /^text\/html/);
    assert.match(String(page.headers['content-security-policy']), /default-src 'self'/);
    assert.match(String(page.headers['content-security-policy']), /script-src 'self'(;|$)/);
    assert.is(page.headers['x-content-type-options'], 'nosniff');
    assert.is(page.headers['x-frame-options'], 'DENY');
    const app = await send(`${d.url}app.js`);
    assert.match(String(app.headers['content-type']), /^text\/javascript/);
    const uplot = await send(`${d.url}vendor/uPlot.iife.min.js`);
    assert.is(uplot.status, 200);
    assert.match(uplot.text, /uPlot/);
  }));

t('a file unchanged since the last load is answered 304 by its ETag', () =>
  withDashboard(async (d) => {
    const first = await send(`${d.url}style.css`);
    const again = await send(`${d.url}style.css`, { headers: { 'If-None-Match': String(first.headers.etag) } });
    assert.is(again.status, 304);
    assert.is(again.text, '');
  }));

t('unknown paths are 404 and nothing outside the file list is read', () =>
  withDashboard(async (d) => {
    assert.is((await send(`${d.url}api/nothing`)).status, 404);
    assert.match((await send(`${d.url}api/nothing`)).json.error.message, /see \/api\/status/);
    assert.is((await send(`${d.url}../server.ts`)).status, 404);
    assert.is((await send(`${d.url}%2e%2e/server.ts`)).status, 404);
    assert.is((await send(`${d.url}server.ts`)).status, 404);
  }));

t('writes are refused on read endpoints and reads on the command endpoint', () =>
  withDashboard(async (d) => {
    const post = await send(`${d.url}api/status`, { method: 'POST' });
    assert.is(post.status, 405);
    assert.is(post.headers.allow, 'GET, HEAD');
    const get = await send(`${d.url}api/command`);
    assert.is(get.status, 405);
    assert.is(get.headers.allow, 'POST');
  }));

t('a request naming another host is refused (DNS rebinding), loopback names are fine', () =>
  withDashboard(async (d) => {
    const port = new URL(d.url).port;
    const evil = await send(`${d.url}api/status`, { headers: { Host: `attacker.example:${port}` } });
    assert.is(evil.status, 403);
    assert.match(evil.json.error.message, /is not this dashboard/);
    assert.is((await send(`${d.url}api/status`, { headers: { Host: `localhost:${port}` } })).status, 200);
    assert.is((await send(`${d.url}api/status`, { headers: { Host: `127.0.0.1:${Number(port) + 1}` } })).status, 403);
  }));

t('the event stream opens with retry, the snapshot and the whole curve, then sends changes', () =>
  withDashboard(async (d, s, clock) => {
    s.state.curve = [aCurvePoint(1000)];
    const ev = openEvents(d.url);
    await ev.until(3);
    assert.match(String(ev.headers()['content-type']), /^text\/event-stream/);
    assert.is(ev.frames[0]?.retry, 2000);
    assert.is(ev.frames[1]?.event, 'status');
    assert.is(JSON.parse(ev.frames[1]?.data ?? '').tMs, s.state.status.tMs);
    assert.equal(JSON.parse(ev.frames[2]?.data ?? ''), { reset: true, points: [aCurvePoint(1000)] });
    s.state.status = { ...s.state.status, tMs: 5000 };
    s.state.curve = [aCurvePoint(1000), aCurvePoint(2000)];
    clock.advanceBy(250);
    await ev.until(5);
    assert.is(ev.frames[3]?.event, 'status');
    assert.is(JSON.parse(ev.frames[3]?.data ?? '').tMs, 5000);
    assert.equal(JSON.parse(ev.frames[4]?.data ?? ''), { reset: false, points: [aCurvePoint(2000)] });
    ev.close();
  }));

t('closing the dashboard ends open streams and frees the port', async () => {
  const s = aScriptedSource();
  const d = await startDashboard({ source: s.source, port: 0, token: TOKEN, clock: new SimClock() });
  const ev = openEvents(d.url);
  await ev.until(3);
  await d.close();
  assert.is(s.listeners.size, 0);
  try {
    await send(`${d.url}api/status`);
    assert.unreachable('the port should be closed');
  } catch (err) {
    assert.match((err as Error).message, /ECONNREFUSED/);
  }
});

t.run();
