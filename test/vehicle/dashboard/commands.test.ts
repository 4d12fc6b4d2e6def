import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { SimClock } from '../../../vehicle/clock/index.ts';
import { bearerToken, tokensMatch } from '../../../vehicle/dashboard/auth.ts';
import { parseCommand, startDashboard, type Dashboard, type DashboardLog } from '../../../vehicle/dashboard/server.ts';
import { aScriptedSource, postCommand, send, TOKEN } from './builders.ts';
import type { IncomingMessage } from 'node:http';

const t = suite('dashboard commands');

async function withDashboard(
  fn: (d: Dashboard, s: ReturnType<typeof aScriptedSource>, logged: string[]) => Promise<void>,
  opts: { token?: string | null; refuse?: Record<string, string> } = {},
) {
  const s = aScriptedSource(opts.refuse);
  const logged: string[] = [];
  const log: DashboardLog = { info: (_f, m) => logged.push(`info ${m}`), warn: (_f, m) => logged.push(`warn ${m}`) };
  const d = await startDashboard({ source: s.source, port: 0, token: opts.token === undefined ? TOKEN : opts.token, clock: new SimClock(), log });
  try {
    await fn(d, s, logged);
  } finally {
    await d.close();
  }
}

t('a command with the token reaches the source and is answered ok', () =>
  withDashboard(async (d, s, logged) => {
    const r = await postCommand(d.url, { cmd: 'charge-limit', pct: 90 });
    assert.is(r.status, 200);
    assert.equal(r.json, { ok: true, result: 'accepted' });
    assert.equal(s.commands, [{ cmd: 'charge-limit', pct: 90 }]);
    assert.equal(logged, ['info dashboard: user command']);
  }));

t('without a token: 401 with a clear JSON error, and nothing reaches the source', () =>
  withDashboard(async (d, s) => {
    const r = await postCommand(d.url, { cmd: 'charge-stop' }, null);
    assert.is(r.status, 401);
    assert.is(r.headers['www-authenticate'], 'Bearer realm="packpilot"');
    assert.is(r.json.ok, false);
    assert.is(r.json.error.code, 'unauthorized');
    assert.match(r.json.error.message, /token printed at start.*Authorization: Bearer/);
    assert.equal(s.commands, []);
  }));

t('with a wrong token (longer, shorter, one character off, other scheme): 401 each time', () =>
  withDashboard(async (d, s, logged) => {
    for (const token of [`${TOKEN}x`, TOKEN.slice(0, -1), `${TOKEN.slice(0, -1)}X`, '']) {
      const r = await postCommand(d.url, { cmd: 'charge-stop' }, token);
      assert.is(r.status, 401, token);
    }
    const basic = await postCommand(d.url, { cmd: 'charge-stop' }, null, { Authorization: `Basic ${TOKEN}` });
    assert.is(basic.status, 401);
    assert.equal(s.commands, []);
    assert.is(logged.filter((l) => l.startsWith('warn')).length, 5);
  }));

t('a dashboard started read-only refuses every command with 403', () =>
  withDashboard(async (d, s) => {
    const r = await postCommand(d.url, { cmd: 'v2l-off' });
    assert.is(r.status, 403);
    assert.match(r.json.error.message, /read-only: no token is configured/);
    assert.equal(s.commands, []);
  }, { token: null }));

t('/api/auth says whether a token is right', () =>
  withDashboard(async (d) => {
    assert.is((await send(`${d.url}api/auth`, { headers: { Authorization: `Bearer ${TOKEN}` } })).status, 200);
    assert.is((await send(`${d.url}api/auth`, { headers: { Authorization: 'Bearer nope-nope-nope' } })).status, 401);
    assert.is((await send(`${d.url}api/auth`)).status, 401);
  }));

t('a refusal by the source is 409 with its reason', () =>
  withDashboard(async (d) => {
    const r = await postCommand(d.url, { cmd: 'v2l-on' });
    assert.is(r.status, 409);
    assert.equal(r.json, { ok: false, error: { code: 'refused', message: 'v2l-on: V2L never supplies while charging' } });
  }, { refuse: { 'v2l-on': 'V2L never supplies while charging' } }));

t('bad bodies are 400 naming the field and what is allowed', () =>
  withDashboard(async (d, s) => {
    const cases: [unknown, RegExp][] = [
      [{ cmd: 'charge-limit', pct: 30 }, /charge-limit: "pct" must be a number from 50 to 100, got 30/],
      [{ cmd: 'charge-limit' }, /"pct" must be a number from 50 to 100, got nothing/],
      [{ cmd: 'v2l-floor', pct: 25 }, /"pct" must be one of 20, 30, 40, 50, 60, 70, 80 \(%\), got 25/],
      [{ cmd: 'v2l-on', floorPct: 'low' }, /"floorPct" must be one of/],
      [{ pct: 80 }, /"cmd" must be a string, got nothing/],
      [[1, 2], /the body must be a JSON object with "cmd"/],
      ['"charge-stop"', /the body must be a JSON object with "cmd"/],
      [{ cmd: 'status' }, /"cmd": "status" is a query, not a command; read it with GET \/api\/status/],
    ];
    for (const [body, message] of cases) {
      const r = await postCommand(d.url, body);
      assert.is(r.status, 400, JSON.stringify(body));
      assert.is(r.json.error.code, 'bad-request');
      assert.match(r.json.error.message, message);
    }
    const unknown = await postCommand(d.url, { cmd: 'launch' });
    assert.is(unknown.status, 400);
    assert.is(unknown.json.error.code, 'unknown-command');
    assert.match(unknown.json.error.message, /unknown cmd "launch"; known:/);
    assert.equal(s.commands, []);
  }));

t('malformed JSON, a wrong content type and an oversized body are refused before parsing', () =>
  withDashboard(async (d, s) => {
    const broken = await postCommand(d.url, '{"cmd": ');
    assert.is(broken.status, 400);
    assert.match(broken.json.error.message, /not valid JSON/);
    const form = await postCommand(d.url, 'cmd=charge-stop', TOKEN, { 'Content-Type': 'application/x-www-form-urlencoded' });
    assert.is(form.status, 415);
    assert.match(form.json.error.message, /Content-Type: application\/json/);
    const big = await postCommand(d.url, { cmd: 'charge-stop', pad: 'x'.repeat(5000) });
    assert.is(big.status, 413);
    assert.equal(s.commands, []);
  }));

t('a command from another site\'s page is refused even with the token', () =>
  withDashboard(async (d, s) => {
    const r = await postCommand(d.url, { cmd: 'charge-stop' }, TOKEN, { Origin: 'http://attacker.example' });
    assert.is(r.status, 403);
    const own = await postCommand(d.url, { cmd: 'charge-stop' }, TOKEN, { Origin: d.url.slice(0, -1) });
    assert.is(own.status, 200);
    assert.equal(s.commands, [{ cmd: 'charge-stop' }]);
  }));

t('parseCommand drops any id and keeps only the command', () => {
  assert.equal(parseCommand({ id: 99, cmd: 'v2l-on', floorPct: 40 }), { cmd: 'v2l-on', floorPct: 40 });
});

t('tokensMatch is exact whatever the lengths; bearerToken reads only the Bearer scheme', () => {
  assert.ok(tokensMatch('abc', 'abc'));
  assert.not.ok(tokensMatch('abc', 'abcd'));
  assert.not.ok(tokensMatch('', 'abc'));
  const req = (authorization?: string) => ({ headers: authorization === undefined ? {} : { authorization } }) as IncomingMessage;
  assert.is(bearerToken(req(`Bearer ${TOKEN}`)), TOKEN);
  assert.is(bearerToken(req(`bearer ${TOKEN}`)), TOKEN);
  assert.is(bearerToken(req(`Basic ${TOKEN}`)), null);
  assert.is(bearerToken(req()), null);
});

t.run();
