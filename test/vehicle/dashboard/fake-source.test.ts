import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ApiBackend } from '../../../vehicle/api/server.ts';
import type { ApiEvent } from '../../../vehicle/api/protocol.ts';
import { FakeSource } from '../../../vehicle/dashboard/fake-source.ts';
import type { DashboardSource } from '../../../vehicle/dashboard/source.ts';

const t = suite('dashboard fake source');

const MINUTE_MS = 60_000;

t('a DashboardSource is an ApiBackend, so one object can feed the API and the dashboard', () => {
  const source: DashboardSource = new FakeSource();
  const backend: ApiBackend = source;
  assert.type(backend.command, 'function'); // the real check is that this file typechecks
});

t('time moves only when ticked, and the same seed gives the same session', () => {
  const a = new FakeSource({ seed: 3 });
  const b = new FakeSource({ seed: 3 });
  assert.equal(a.status(), a.status());
  a.tick(5 * MINUTE_MS);
  b.tick(5 * MINUTE_MS);
  assert.equal(a.status(), b.status());
  assert.equal(a.curve(), b.curve());
  assert.is(a.status().tMs, 5 * MINUTE_MS);
});

t('walks the DC phases to current demand, then SOC and power rise and the curve grows', () => {
  const f = new FakeSource({ startSocPct: 12 });
  const phases: string[] = [];
  f.subscribe((e) => e.event === 'session-phase' && phases.push((e.data as { phase: string }).phase));
  f.tick(15_000);
  assert.equal(phases.slice(0, 3), ['authorization', 'parameterDiscovery', 'planning']);
  assert.is(phases.at(-1), 'currentDemand');
  const s1 = f.status();
  f.tick(2 * MINUTE_MS);
  const s2 = f.status();
  assert.ok(s2.pack.socPct > s1.pack.socPct + 2);
  assert.ok(s2.pack.powerW > 100_000, `power ${s2.pack.powerW}`);
  assert.is(s2.mode, 'dc-charge');
  assert.is(s2.session.limitingReason, 'charger');
  assert.is(s2.cells.voltagesV.length, 96);
  assert.ok(s2.pack.cellVoltageMaxV > s2.pack.cellVoltageMinV);
  const socs = f.curve().map((p) => p.socPct);
  assert.ok(socs.length > 10);
  assert.equal(socs, [...socs].sort((x, y) => x - y));
});

t('over a whole session the limit in force moves from charger to inlet temperature to battery', () => {
  const f = new FakeSource({ startSocPct: 10 });
  f.tick(40 * MINUTE_MS);
  const reasons = [...new Set(f.curve().map((p) => p.limitingReason))];
  assert.equal(reasons, ['charger', 'inletHot', 'battery']);
  const s = f.status();
  assert.is(s.session.phase, 'ended');
  assert.is(s.session.stopReason, 'charge limit reached');
  assert.ok(Math.abs(s.pack.socPct - 80) < 0.2);
});

t('a temperature sensor goes stale now and then: NaN in the cells and an info fault', () => {
  const f = new FakeSource();
  f.tick(4 * MINUTE_MS + 5000);
  const s = f.status();
  assert.ok(Number.isNaN(s.cells.tempsC[17]));
  assert.ok(s.faults.some((x) => x.code === 'CMU_TEMP_STALE' && x.active));
  f.tick(30_000);
  assert.ok(f.faults().some((x) => x.code === 'CMU_TEMP_STALE' && !x.active));
});

t('commands: the charge limit, stop, then V2L (refused while charging)', () => {
  const f = new FakeSource({ startSocPct: 30 });
  const events: ApiEvent[] = [];
  f.subscribe((e) => events.push(e));
  f.tick(MINUTE_MS);
  assert.equal(f.command({ cmd: 'charge-limit', pct: 90 }), { ok: true });
  assert.is(f.status().session.chargeLimitPct, 90);
  assert.equal(f.command({ cmd: 'v2l-on' }), { ok: false, reason: 'V2L never supplies while charging; stop the charge first' });
  assert.equal(f.command({ cmd: 'charge-stop' }), { ok: true });
  f.tick(10_000);
  assert.is(f.status().session.phase, 'ended');
  assert.is(f.status().session.stopReason, 'user stop');
  assert.equal(f.command({ cmd: 'v2l-on', floorPct: 20 }), { ok: true });
  f.tick(MINUTE_MS);
  const s = f.status();
  assert.is(s.mode, 'v2l');
  assert.ok(s.v2l.loadW > 0 && s.pack.packCurrentA < 0);
  assert.ok((s.v2l.runtimeS ?? 0) > 0);
  assert.equal(f.command({ cmd: 'charge-start' }), { ok: false, reason: 'V2L is on; switch it off first' });
  assert.equal(f.command({ cmd: 'v2l-off' }), { ok: true });
  assert.equal(f.command({ cmd: 'charge-start' }), { ok: true });
  assert.equal(f.curve(), []);
  assert.is(f.commands.length, 7);
  assert.ok(events.some((e) => e.event === 'command'));
});

t.run();
