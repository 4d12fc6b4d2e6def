import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ActiveFault } from '../../../bms/index.ts';
import type { ControllerView } from '../../../vehicle/controller/view.ts';
import { ChargeCurve } from '../../../vehicle/app/charge-curve.ts';
import { FaultBook } from '../../../vehicle/app/fault-book.ts';
import { aSimService } from './harness.ts';

const t = suite('status snapshot, charge curve and faults');

// A real view from a short simulated run, so the builders below only change what a test is about.
let base: ControllerView | undefined;
async function aView(): Promise<ControllerView> {
  if (!base) {
    const run = await aSimService({ record: false, stateFile: null });
    run.clock.advanceBy(3000);
    base = run.service.controller.view()!;
    await run.stop();
  }
  return base;
}

function charging(v: ControllerView, o: { nowMs: number; socPct: number; chargeLimitReason?: ControllerView['bms']['chargeLimitReason'] }): ControllerView {
  return {
    ...v, nowMs: o.nowMs,
    bms: { ...v.bms, socPct: o.socPct, chargeLimitReason: o.chargeLimitReason ?? v.bms.chargeLimitReason },
    dc: { ...v.dc, phase: 'currentDemand', sessionActive: true, limitingReason: 'battery' },
  };
}

function aFault(o: Partial<ActiveFault> = {}): ActiveFault {
  return { id: 'cellOverTemp', code: 0x0301, text: 'cell too hot', severity: 'error', reaction: 'stopCharge', firstMs: 1000, lastMs: 2000, occurrences: 1, ...o } as ActiveFault;
}

t('the snapshot carries the pack, every cell, the inlet and the session from the running car', async () => {
  const run = await aSimService({ record: false, stateFile: null });
  run.clock.advanceBy(3000);
  const s = run.service.backend.status();
  await run.stop();
  assert.is(s.cells.voltagesV.length, 192);
  assert.is(s.cells.tempsC.length, 64);
  assert.ok(s.cells.voltagesV.every((x) => x > 3 && x < 4.3), 'cell voltages read from the CMU frames');
  assert.ok(Math.abs(s.pack.socPct - 50) < 5);
  assert.ok(s.pack.packVoltageV > 600 && s.pack.packVoltageV < 800);
  assert.equal(Object.keys(s.pack.contactors).sort(), ['dcNeg', 'dcPos', 'mainNeg', 'mainPos', 'obcRelay', 'precharge']);
  assert.is(s.pack.contactors.dcPos, 'open');
  assert.is(s.session.kind, null);
  assert.is(s.session.phase, 'idle');
  assert.is(s.session.chargeLimitPct, 80);
  assert.is(s.inlet.connector, 'none');
  assert.is(s.v2l.state, 'off');
});

t('the curve takes a point per 1 % SOC or per 10 s while charging, and not when nothing changes', async () => {
  const v = await aView();
  const curve = new ChargeCurve();
  for (let i = 0; i <= 100; i++) curve.observe(charging(v, { nowMs: 10_000 + i * 1000, socPct: 20 + i * 0.05 }), 700, 200);
  // 100 s at 0.05 %/s: 5 % of SOC and ten 10-s steps → a point per 10 s (the time step comes first).
  assert.is(curve.get().length, 11);
  assert.is(curve.get()[0]!.powerW, 140_000);
  const fast = new ChargeCurve();
  for (let i = 0; i <= 10; i++) fast.observe(charging(v, { nowMs: i * 1000, socPct: 20 + i * 0.5 }), 700, 200);
  assert.is(fast.get().length, 6, 'a point per 1 % at 0.5 %/s');
});

t('a change of the limit in force adds a point at once', async () => {
  const v = await aView();
  const curve = new ChargeCurve();
  curve.observe(charging(v, { nowMs: 0, socPct: 50, chargeLimitReason: 'socTempMap' }), 700, 100);
  curve.observe(charging(v, { nowMs: 100, socPct: 50.01, chargeLimitReason: 'cellTempHigh' }), 700, 100);
  assert.equal(curve.get().map((p) => p.limitingReason), ['battery', 'hot']);
});

t('a new session starts a new curve; the last one stays until then', async () => {
  const v = await aView();
  const curve = new ChargeCurve();
  curve.observe(charging(v, { nowMs: 0, socPct: 50 }), 700, 100);
  curve.observe(charging(v, { nowMs: 20_000, socPct: 52 }), 700, 100);
  const idle = { ...v, nowMs: 30_000, dc: { ...v.dc, phase: 'ended' as const, sessionActive: false } };
  curve.observe(idle, 700, 0);
  assert.is(curve.get().length, 2);
  curve.observe(charging(v, { nowMs: 40_000, socPct: 60 }), 700, 100);
  assert.equal(curve.get().map((p) => p.socPct), [60]);
});

t('faults: active first, then this run and earlier runs, newest first; error shown as critical', async () => {
  const v = await aView();
  const book = new FaultBook(() => [aFault({ id: 'imdLost' as ActiveFault['id'], code: 0x0501, lastMs: 5000, severity: 'warning' })], [
    { code: 'old (0x0001)', text: 'from last week', firstMs: 1, lastMs: 2, count: 3 },
  ]);
  const list = book.list({ ...v, bms: { ...v.bms, faults: [aFault()] } });
  assert.equal(list.map((f) => [f.code, f.active, f.severity]), [
    ['cellOverTemp (0x0301)', true, 'critical'],
    ['imdLost (0x0501)', false, 'warning'],
    ['old (0x0001)', false, 'warning'],
  ]);
});

t('faults to save add this run\'s occurrences to the saved counts', () => {
  const book = new FaultBook(() => [aFault({ occurrences: 2, lastMs: 9000 })], [
    { code: 'cellOverTemp (0x0301)', text: 'cell too hot', firstMs: 1, lastMs: 2, count: 3 },
  ]);
  assert.equal(book.persistable(), [{ code: 'cellOverTemp (0x0301)', text: 'cell too hot', firstMs: 1, lastMs: 9000, count: 5 }]);
});

t.run();
