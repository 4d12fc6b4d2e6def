import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { blend, initialSoc, socFromOcv, socStep, type SocState } from '../../bms/soc.ts';
import { monitor } from '../../bms/monitoring.ts';
import { pack400v, pack400vLfp, pack800v } from '../../bms/presets.ts';
import { bmsStep, createBmsState, type BmsState } from '../../bms/step.ts';
import type { BmsConfig } from '../../bms/config.ts';
import type { BmsEvent, ContactorName } from '../../bms/io.ts';
import { aBmsInput } from './builders.ts';
import { PackModel } from './pack-model.ts';

const t = suite('bms/soc');
const close = (a: number, b: number, eps: number) => assert.ok(Math.abs(a - b) <= eps, `${a} ≉ ${b} ± ${eps}`);
const H = 3_600_000;

/** A SOC state past its start-up blend. */
function counted(cfg: BmsConfig, socPct: number, uncertaintyPct = 2): SocState {
  return { ...initialSoc(cfg, { socPct, capacityAh: cfg.pack.nominalCapacityAh, uncertaintyPct }), needsInit: false };
}

function stepSoc(s: SocState, cfg: BmsConfig, o: { currentA?: number; cellV?: number; dtMs?: number; nowMs: number; allOpen?: boolean }, events: BmsEvent[] = []): SocState {
  const snap = monitor(aBmsInput({ cfg, currentA: o.currentA ?? 0, cellV: o.cellV ?? 3.7 }), cfg, o.nowMs);
  return socStep(s, snap, cfg, o.dtMs ?? 1000, o.nowMs, o.allOpen ?? false, events);
}

t('counts charge: 21.6 A for one hour on 216 Ah is +10 %', () => {
  let s = counted(pack400v, 40);
  for (let k = 1; k <= 3600; k++) s = stepSoc(s, pack400v, { currentA: 21.6, nowMs: k * 1000 });
  close(s.socPct, 50, 1e-6);
});

t('the uncertainty grows with gain and offset error while counting', () => {
  let s = counted(pack400v, 40, 1);
  for (let k = 1; k <= 3600; k++) s = stepSoc(s, pack400v, { currentA: 216, nowMs: k * 1000 });
  // 1 h at 1C: gain 0.5 % × 216 Ah + 0.3 Ah offset = 1.38 Ah = 0.64 %; capacity 2 % of 100 % counted … ΔSOC clamps at 100.
  assert.ok(s.uncertaintyPct > 1.6, `${s.uncertaintyPct}`);
  let idle = counted(pack400v, 40, 1);
  for (let k = 1; k <= 1200; k++) idle = stepSoc(idle, pack400v, { currentA: 0, nowMs: k * 1000 }); // 20 min, before any OCV rest
  close(idle.uncertaintyPct, 1 + ((0.3 / 3) / 216) * 100, 1e-9); // offset alone
});

t('without a shunt reading the SOC holds and the uncertainty grows faster', () => {
  let s = counted(pack400v, 40, 1);
  const snap = monitor(aBmsInput({ currentValid: false }), pack400v, 0);
  for (let k = 1; k <= 360; k++) s = socStep(s, snap, pack400v, 1000, k * 1000, false, []);
  close(s.socPct, 40, 1e-12);
  close(s.uncertaintyPct, 1 + 10 * 0.1, 1e-9);
});

t('OCV corrects after the rest time, shrinking the uncertainty; not before', () => {
  const cellV = 3.62; // NMC A ≈ 47.8 %, inside the 45–50 % segment
  let s = counted(pack400v, 44, 8);
  const events: BmsEvent[] = [];
  const rest = pack400v.chemistry.ocvRestMs;
  for (let k = 0; k * 60_000 < rest; k++) s = stepSoc(s, pack400v, { cellV, nowMs: k * 60_000, dtMs: 0 }, events);
  close(s.socPct, 44, 1e-9);
  assert.is(events.length, 0);
  s = stepSoc(s, pack400v, { cellV, nowMs: rest + 60_000, dtMs: 0 }, events);
  const ocv = socFromOcv(pack400v, cellV);
  close(ocv.socPct, 45 + (3.62 - 3.599) / ((3.636 - 3.599) / 5), 1e-9);
  close(ocv.sigmaPct, pack400v.chemistry.ocvErrorV / ((3.636 - 3.599) / 5), 1e-9);
  const expected = blend(44, 8, ocv.socPct, ocv.sigmaPct);
  close(s.socPct, expected.socPct, 1e-6);
  close(s.uncertaintyPct, expected.sigmaPct, 1e-6);
  assert.ok(s.socPct > 47 && s.uncertaintyPct < 1.2);
  assert.is(events[0]?.kind, 'socCorrected');
  // one correction per rest
  const again = stepSoc(s, pack400v, { cellV: 3.5, nowMs: rest + 120_000, dtMs: 0 });
  close(again.socPct, s.socPct, 1e-9);
});

t('a current above rest restarts the rest timer', () => {
  let s = counted(pack400v, 44, 8);
  const rest = pack400v.chemistry.ocvRestMs;
  s = stepSoc(s, pack400v, { cellV: 3.636, nowMs: 0, dtMs: 0 });
  s = stepSoc(s, pack400v, { cellV: 3.636, currentA: 30, nowMs: rest / 2, dtMs: 0 });
  s = stepSoc(s, pack400v, { cellV: 3.636, nowMs: rest + 1000, dtMs: 0 });
  close(s.socPct, 44, 1e-9);
});

t('LFP flat plateau: the OCV correction barely moves the SOC (large OCV sigma)', () => {
  const sigma = socFromOcv(pack400vLfp, 3.265).sigmaPct;
  assert.ok(sigma > 20, `${sigma}`);
  const steep = socFromOcv(pack400v, 3.636).sigmaPct;
  assert.ok(steep < 2, `${steep}`);
});

t('start-up: a plausible persisted SOC is kept, blended lightly with an unrested OCV', () => {
  const st = createBmsState(pack400v, { socPct: 62, capacityAh: 200, uncertaintyPct: 2 });
  const r = bmsStep(st, aBmsInput({ cellV: 3.636 }), 10);
  assert.ok(r.outputs.socPct > 61 && r.outputs.socPct < 62, `${r.outputs.socPct}`);
  assert.is(r.outputs.capacityAh, 200);
  close(r.outputs.sohPct, (200 / 216) * 100, 1e-9);
});

t('start-up without (or with implausible) persisted values takes the SOC from OCV', () => {
  for (const persisted of [undefined, { socPct: 140, capacityAh: 216, uncertaintyPct: 1 }, { socPct: 50, capacityAh: 5, uncertaintyPct: 1 }]) {
    const st = createBmsState(pack400v, persisted);
    const r = bmsStep(st, aBmsInput({ cellV: 3.636 }), 10);
    close(r.outputs.socPct, 50, 0.1);
    close(r.outputs.socUncertaintyPct, 10, 0.1);
    assert.is(r.outputs.capacityAh, 216);
  }
});

t('start-up waits for complete cell readings before the OCV blend', () => {
  const st = createBmsState(pack400v);
  const input = aBmsInput({ cellV: 3.636 });
  input.cells.voltageValid[4] = 0;
  const r = bmsStep(st, input, 10);
  assert.is(r.outputs.socPct, 50);
  assert.is(r.outputs.socUncertaintyPct, 100);
  assert.ok(r.state.soc.needsInit);
});

t('learns capacity between two rested OCV anchors far apart', () => {
  const trueAh = 190;
  const model = new PackModel(pack400v, { socPct: 20, capacityAh: trueAh });
  let s = counted(pack400v, 20, 3);
  const events: BmsEvent[] = [];
  let now = 0;
  const rest = pack400v.chemistry.ocvRestMs + 60_000;
  const tick = (currentA: number, dtMs: number) => {
    model.currentA = currentA;
    model.advance(dtMs);
    now += dtMs;
    s = socStep(s, monitor(model.input(now, undefined), pack400v, now), pack400v, dtMs, now, false, events);
  };
  for (let k = 0; k < rest / 1000; k++) tick(0, 1000); // first anchor at 20 %
  for (let k = 0; k < 3600; k++) tick(114, 1000); // +114 Ah = +60 % of 190 Ah
  for (let k = 0; k < rest / 1000; k++) tick(0, 1000); // second anchor at 80 %
  const learned = events.find((e) => e.kind === 'capacityLearned');
  assert.ok(learned, JSON.stringify(events));
  assert.ok(s.capacityAh < 216 && s.capacityAh > 205, `${s.capacityAh}`); // one fifth of the way toward 190
});

t('the shunt offset is re-zeroed while every path is open and confirmed', () => {
  let s = counted(pack400v, 50, 1);
  for (let k = 1; k <= 60; k++) s = stepSoc(s, pack400v, { currentA: 0.4, nowMs: k * 1000, allOpen: true });
  close(s.offsetA, 0.4, 0.01);
  // and counting subtracts it
  const before = s.socPct;
  for (let k = 61; k <= 1260; k++) s = stepSoc(s, pack400v, { currentA: 0.4, nowMs: k * 1000, allOpen: false });
  close(s.socPct, before, 0.01);
});

t('a tail current at the charge voltage syncs SOC to full', () => {
  let s = counted(pack400v, 93, 4);
  const events: BmsEvent[] = [];
  s = stepSoc(s, pack400v, { currentA: 8, cellV: 4.195, nowMs: 1000 }, events);
  assert.ok(s.socPct > 99, `${s.socPct}`);
  assert.ok(s.uncertaintyPct < 1.1);
  assert.is(events[0]?.kind, 'socCorrected');
});

/** Charges a modelled pack from 10 % to 80 % at the current the BMS allows (or a fixed one). */
function driftAfterCharge(
  cfg: BmsConfig,
  o: { gainError: number; offsetA: number; fixedA?: number; tickMs: number; openFirstMs?: number },
): { drift: number; uncertainty: number } {
  const model = new PackModel(cfg, { socPct: 10, gainError: o.gainError, offsetA: o.offsetA, tempC: 28 });
  let state: BmsState = createBmsState(cfg, { socPct: 10, capacityAh: cfg.pack.nominalCapacityAh, uncertaintyPct: 1 });
  let commands: Readonly<Record<ContactorName, boolean>> | undefined;
  let now = 0;
  // Parked with every path open first (the shell zeroes the shunt then), if asked.
  for (; now < (o.openFirstMs ?? 0); now += 100) state = bmsStep(state, model.input(now, undefined), now).state;
  let out = bmsStep(state, model.input(now, commands, { mainClose: true }), now).outputs;
  for (let guard = 0; model.trueSocPct < 80; guard++) {
    if (guard > 200_000) throw new Error(`charge stalled at ${model.trueSocPct} %: ${out.mainState}, ${out.chargeLimitReason}`);
    now += o.tickMs;
    model.currentA = out.mainState === 'closed' ? (o.fixedA ?? out.chargeCurrentLimitA) : 0;
    model.advance(o.tickMs);
    const r = bmsStep(state, model.input(now, commands, { mainClose: true }), now);
    state = r.state;
    out = r.outputs;
    commands = out.contactorCommands;
  }
  return { drift: Math.abs(out.socPct - model.trueSocPct), uncertainty: out.socUncertaintyPct };
}

t('drift ≤ 2 % SOC over a 10 → 80 % DC charge with 0.5 % gain error and 0.3 A offset (both presets, both signs)', () => {
  for (const cfg of [pack400v, pack800v]) {
    for (const sign of [1, -1]) {
      const r = driftAfterCharge(cfg, { gainError: 0.005 * sign, offsetA: 0.3 * sign, tickMs: 100 });
      assert.ok(r.drift <= 2, `${cfg.pack.name} sign ${sign}: drift ${r.drift}`);
      assert.ok(r.drift <= r.uncertainty, `reported uncertainty ${r.uncertainty} covers the drift ${r.drift}`);
    }
  }
});

t('drift ≤ 2 % SOC over a slow 10 → 80 % AC charge (7 kW, 8 h) with the same errors', () => {
  const r = driftAfterCharge(pack400v, { gainError: 0.005, offsetA: 0.3, fixedA: 19, tickMs: 1000 });
  assert.ok(r.drift <= 2, `drift ${r.drift}`);
  assert.ok(r.drift <= r.uncertainty);
});

t('with the shunt zeroed while parked open, the same AC charge drifts only by the gain error', () => {
  const r = driftAfterCharge(pack400v, { gainError: 0.005, offsetA: 0.3, fixedA: 19, tickMs: 1000, openFirstMs: 60_000 });
  assert.ok(r.drift <= 0.4, `drift ${r.drift}`); // 0.5 % of 70 % = 0.35 %
});

t.run();
