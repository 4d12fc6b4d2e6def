import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { preconditionStep, INITIAL_PRECONDITION, type PreconditionState } from '../../bms/precondition.ts';
import { monitor } from '../../bms/monitoring.ts';
import { bestTempBand, crateAt } from '../../bms/crate-map.ts';
import { pack400v } from '../../bms/presets.ts';
import type { BmsEvent, BmsRequests } from '../../bms/io.ts';
import { aBmsInput, NO_REQUESTS } from './builders.ts';

const t = suite('bms/precondition');
const cfg = pack400v;
const pc = cfg.precondition;

class Tms {
  state: PreconditionState = INITIAL_PRECONDITION;
  nowMs = 0;
  events: BmsEvent[] = [];
  step(tempC: number, req: Partial<BmsRequests>, socPct = 20, advanceMs = 1000) {
    this.nowMs += advanceMs;
    const snap = monitor(aBmsInput({ tempC }), cfg, this.nowMs);
    const r = preconditionStep(this.state, { ...NO_REQUESTS, ...req }, snap, socPct, cfg, this.nowMs, this.events);
    this.state = r.state;
    return r.request;
  }
}

const band20 = bestTempBand(cfg.chemistry.chargeMap, 20, pc.bestFraction);
const planned = { dcSessionPlanned: true };

t('a planned DC session heats a cold pack toward the low edge of the best band', () => {
  const tms = new Tms();
  const r = tms.step(5, planned);
  assert.is(r.mode, 'heat');
  assert.is(r.targetC, band20.lowC);
  assert.is(r.maxPowerW, pc.heatPowerW);
  assert.is(r.reason, 'dcSessionPlanned');
  assert.equal(tms.events, [{ kind: 'tms', mode: 'heat', reason: 'dcSessionPlanned' }]);
});

t('stops when reached and restarts only below the hysteresis', () => {
  const tms = new Tms();
  tms.step(5, planned);
  assert.is(tms.step(band20.lowC - 0.5, planned).mode, 'heat');
  assert.is(tms.step(band20.lowC, planned).mode, 'off');
  assert.is(tms.step(band20.lowC - pc.hysteresisK + 0.1, planned).mode, 'off');
  assert.is(tms.step(band20.lowC - pc.hysteresisK - 0.1, planned).mode, 'heat');
});

t('a hot pack is cooled toward the high edge for a planned session', () => {
  const tms = new Tms();
  const r = tms.step(38, planned);
  assert.is(r.mode, 'cool');
  assert.is(r.targetC, band20.highC);
  assert.is(r.reason, 'dcSessionPlanned');
});

const session = { dcSessionRequested: true, plugged: true };
const bestBand20 = bestTempBand(cfg.chemistry.chargeMap, 20, pc.chargingBestFraction);

t('while a DC session runs: the hottest cell is held around the middle of the best band (± half the hysteresis)', () => {
  const tms = new Tms();
  const midC = (bestBand20.lowC + bestBand20.highC) / 2;
  assert.is(tms.step(midC + pc.hysteresisK / 2, session).mode, 'off');
  const r = tms.step(midC + pc.hysteresisK / 2 + 0.2, session);
  assert.is(r.mode, 'cool');
  assert.is(r.reason, 'dcSessionRequested');
  assert.is(r.targetC, midC - pc.hysteresisK / 2);
  assert.is(tms.step(midC, session).mode, 'cool');
  assert.is(tms.step(midC - pc.hysteresisK / 2, session).mode, 'off');
  // the band is the map's best: full charge rate anywhere in it
  assert.ok(crateAt(cfg.chemistry.chargeMap, 20, bestBand20.highC) >= bestBand20.bestC * pc.chargingBestFraction - 1e-9);
  assert.ok(bestBand20.highC > midC + pc.hysteresisK / 2, 'cooling starts inside the band');
});

t('no heating while the hottest cell is warm, though the coldest reads below the band', () => {
  const tms = new Tms();
  const midC = (bestBand20.lowC + bestBand20.highC) / 2;
  const input = aBmsInput({ tempC: midC });
  input.cells.tempC[0] = band20.lowC - pc.hysteresisK - 3;
  const r = preconditionStep(tms.state, { ...NO_REQUESTS, ...session }, monitor(input, cfg, 0), 20, cfg, 0, []);
  assert.is(r.request.mode, 'off');
  assert.is(tms.step(band20.lowC - pc.hysteresisK - 1, session).mode, 'heat', 'a cold pack is still heated');
});

t('while a DC session runs, heating still aims at the wide band only (a charge warms the pack by itself)', () => {
  const tms = new Tms();
  assert.is(tms.step(bestBand20.lowC - pc.hysteresisK - 0.5, session).mode, 'off', 'below the best band, inside the wide one');
  assert.is(tms.step(band20.lowC - pc.hysteresisK - 0.5, session).mode, 'heat');
});

t('the coolant is asked colder than the cells to cool and warmer to heat, within its range', () => {
  const cool = new Tms().step(bestBand20.highC + 5, session);
  assert.is(cool.coolantTargetC, Math.max(pc.coolantMinC, cool.targetC - pc.coolantOffsetK));
  const heat = new Tms().step(5, planned);
  assert.is(heat.coolantTargetC, Math.min(pc.coolantMaxC, heat.targetC + pc.coolantOffsetK));
  assert.ok(heat.coolantTargetC > heat.targetC && cool.coolantTargetC < cool.targetC);
  assert.ok(Number.isNaN(new Tms().step(band20.lowC + 1, {}).coolantTargetC), 'off: no coolant target');
});

t('cancelled: off', () => {
  const tms = new Tms();
  tms.step(5, planned);
  assert.is(tms.step(5, {}).mode, 'off');
});

t('unplugged: a requested session stops, and a planned one is spent until the plan is withdrawn', () => {
  const tms = new Tms();
  assert.is(tms.step(5, { dcSessionRequested: true, plugged: true }).mode, 'heat');
  assert.is(tms.step(5, { dcSessionRequested: true, plugged: false }).mode, 'off');
  const p = new Tms();
  p.step(5, { ...planned, plugged: true });
  assert.is(p.step(5, { ...planned, plugged: false }).mode, 'off');
  assert.is(p.step(5, planned).mode, 'off');
  p.step(5, {});
  assert.is(p.step(5, planned).mode, 'heat');
});

t('a planned session runs at most maxDurationMs', () => {
  const tms = new Tms();
  tms.step(5, planned);
  assert.is(tms.step(5, planned, 20, pc.maxDurationMs - 1000).mode, 'heat');
  assert.is(tms.step(5, planned, 20, 2000).mode, 'off');
});

t('not from a nearly empty battery unless plugged in', () => {
  assert.is(new Tms().step(5, planned, pc.minSocPct - 1).mode, 'off');
  assert.is(new Tms().step(5, { ...planned, plugged: true }, pc.minSocPct - 1).mode, 'heat');
});

t('protective cooling runs without any request when the pack is hot, down to its target', () => {
  const tms = new Tms();
  assert.is(tms.step(30, {}).mode, 'off');
  const r = tms.step(pc.protectiveCoolAboveC + 0.5, {});
  assert.is(r.mode, 'cool');
  assert.is(r.reason, 'protectiveCooling');
  assert.is(r.targetC, pc.protectiveCoolTargetC);
  assert.is(tms.step(pc.protectiveCoolTargetC + 1, {}).mode, 'cool');
  assert.is(tms.step(pc.protectiveCoolTargetC, {}).mode, 'off');
});

t('unknown temperatures: off', () => {
  const tms = new Tms();
  const input = aBmsInput({});
  input.cells.tempValid.fill(0);
  const r = preconditionStep(tms.state, { ...NO_REQUESTS, ...planned }, monitor(input, cfg, 0), 20, cfg, 0, []);
  assert.is(r.request.mode, 'off');
});

t.run();
