import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ApiEvent } from '../../../vehicle/api/protocol.ts';
import { CAR_PRESETS } from '../../../vehicle/config/car-config.ts';
import { Controller } from '../../../vehicle/controller/controller.ts';
import { packpilotCodec } from '../../../vehicle/can/index.ts';
import { NotReadyError, ServiceBackend } from '../../../vehicle/app/backend.ts';
import { FaultBook } from '../../../vehicle/app/fault-book.ts';
import { aSimService } from './harness.ts';

const t = suite('service backend (API and dashboard source)');

t('before the first tick, status says packpilot is starting', () => {
  const controller = new Controller({ config: CAR_PRESETS['car-800v'], codec: packpilotCodec() });
  const backend = new ServiceBackend(controller, new FaultBook(() => []));
  assert.throws(() => backend.status(), (e: Error) => e instanceof NotReadyError && /starting/.test(e.message));
});

t('commands go to the controller; refusals say why and are events too', async () => {
  const run = await aSimService({ record: false, stateFile: null });
  run.clock.advanceBy(2000);
  const b = run.service.backend;
  const events: ApiEvent[] = [];
  b.subscribe((e) => events.push(e));
  assert.equal(b.command({ cmd: 'charge-start' }), { ok: false, reason: 'nothing is plugged in' });
  assert.equal(b.command({ cmd: 'v2l-on' }), { ok: false, reason: 'no V2L adapter is plugged in' });
  assert.equal(b.command({ cmd: 'charge-limit', pct: 90 }), { ok: true });
  run.clock.advanceBy(100);
  assert.is(b.status().session.chargeLimitPct, 90, 'applied at the next tick');
  assert.equal(events.filter((e) => e.event === 'command').map((e) => (e.data as { ok: boolean }).ok), [false, false, true]);
  await run.stop();
});

t('subscribers get decisions as they happen and status on the period, the dashboard only decisions', async () => {
  const run = await aSimService({ record: false, stateFile: null });
  const b = run.service.backend;
  const api: ApiEvent[] = [];
  const dash: ApiEvent[] = [];
  b.subscribe((e) => api.push(e));
  b.dashboardSource().subscribe((e) => dash.push(e));
  run.clock.advanceBy(2000);
  run.car.plug();
  run.clock.advanceBy(5000);
  const decisions = api.filter((e) => e.event === 'decision');
  assert.ok(decisions.length > 2);
  assert.ok(api.filter((e) => e.event === 'status').length >= 6, 'one status a second (the test runs the chores on the sim clock)');
  assert.ok(!dash.some((e) => e.event === 'status' || e.event === 'decision'));
  assert.is(dash.length, decisions.length, 'each decision reaches the dashboard as "<source>: what"');
  assert.is(typeof dash[0]!.data, 'string');
  await run.stop();
});

t('a listener that throws does not stop the controller', async () => {
  const run = await aSimService({ record: false, stateFile: null });
  run.service.backend.subscribe(() => {
    throw new Error('socket gone');
  });
  run.clock.advanceBy(2000);
  run.car.plug();
  run.clock.advanceBy(2000);
  assert.ok(run.service.loop.ticks >= 399);
  await run.stop();
});

t.run();
