// Property test (fast-check): random sequences of cell voltages and temperatures (in and out of
// range, invalid, stale), currents, contactor feedback (following, lagging, random, stale) and
// requests. Every tick must keep DESIGN.md §7 invariants 5, 7 and 8, and invariant 1 for the
// relays the BMS commands. Validity is re-derived here from the config, independently of the step.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { bmsStep, createBmsState, type BmsState } from '../../bms/step.ts';
import { pack400v } from '../../bms/presets.ts';
import type { BmsInput, BmsOutputs, BmsRequests, ContactorName, Feedback } from '../../bms/io.ts';
import { CONTACTOR_NAMES } from '../../bms/io.ts';

const t = suite('bms/step.property');
const cfg = pack400v;
const N = cfg.pack.seriesCells;
const NT = cfg.pack.tempSensors;
const m = cfg.monitoring;
const ch = cfg.chemistry;
const cc = cfg.contactors;

const often = (weight: number) => fc.oneof({ arbitrary: fc.constant(true), weight }, { arbitrary: fc.constant(false), weight: 1 });
const rarely = (weight: number) => fc.oneof({ arbitrary: fc.constant(false), weight }, { arbitrary: fc.constant(true), weight: 1 });
const dbl = (min: number, max: number) => fc.double({ min, max, noNaN: true });

const oddReading = (maxIndex: number, min: number, max: number) =>
  fc.option(fc.record({ index: fc.nat(maxIndex), value: dbl(min, max), valid: often(3), stale: rarely(4) }), { nil: undefined });

/** A stretch of ticks with the same plant behaviour and requests. */
const segmentArb = fc.record({
  ticks: fc.integer({ min: 1, max: 40 }),
  dtMs: fc.oneof({ arbitrary: fc.constant(10), weight: 4 }, { arbitrary: fc.integer({ min: 1, max: 250 }), weight: 1 }),
  cellV: dbl(2.3, 4.4),
  cellSpreadMv: fc.integer({ min: 0, max: 300 }),
  oddCell: oddReading(N - 1, 0, 6),
  tempC: dbl(-45, 75),
  tempSpreadK: dbl(0, 15),
  oddTemp: oddReading(NT - 1, -60, 150),
  currentA: fc.oneof(dbl(-1000, 1000), dbl(-20, 20), fc.constant(0)),
  currentValid: often(6),
  feedback: fc.constantFrom('follow', 'follow', 'follow', 'lag', 'random', 'stale'),
  randomFeedback: fc.array(fc.constantFrom<Feedback>('open', 'closed', 'unknown'), { minLength: 6, maxLength: 6 }),
  link: fc.constantFrom('follow', 'follow', 'random', 'invalid'),
  linkV: dbl(0, 900),
  inlet: fc.constantFrom('pack', 'random', 'zero'),
  inletV: dbl(0, 900),
  packVOffsetV: fc.oneof({ arbitrary: fc.constant(0), weight: 4 }, { arbitrary: dbl(-50, 50), weight: 1 }),
  isolationKOhm: fc.oneof(dbl(0, 100), dbl(100, 10_000)),
  requests: fc.record({
    mainClose: often(3),
    dcChargeClose: fc.boolean(),
    obcRelayClose: fc.boolean(),
    emergencyOpen: rarely(15),
    imdStandDown: rarely(4),
    plugged: fc.boolean(),
    dcSessionRequested: fc.boolean(),
    dcSessionPlanned: fc.boolean(),
    faultReset: rarely(3),
    serviceClear: rarely(8),
  }),
});
type Segment = typeof segmentArb extends fc.Arbitrary<infer S> ? S : never;

const NO_COMMANDS: Record<ContactorName, boolean> = { mainPos: false, mainNeg: false, precharge: false, dcPos: false, dcNeg: false, obcRelay: false };
const fbOf = (c: Record<ContactorName, boolean>): Record<ContactorName, Feedback> => {
  const out = {} as Record<ContactorName, Feedback>;
  for (const n of CONTACTOR_NAMES) out[n] = c[n] ? 'closed' : 'open';
  return out;
};

function buildInput(seg: Segment, k: number, nowMs: number, prev: Record<ContactorName, boolean>, prev2: Record<ContactorName, boolean>): BmsInput {
  const voltageV = new Float64Array(N);
  const voltageRxMs = new Float64Array(N).fill(nowMs);
  const voltageValid = new Uint8Array(N).fill(1);
  let sum = 0;
  for (let i = 0; i < N; i++) {
    voltageV[i] = seg.cellV + (seg.cellSpreadMv / 1000) * (((i * 37 + k) % N) / N - 0.5);
    sum += voltageV[i]!;
  }
  if (seg.oddCell) {
    voltageV[seg.oddCell.index] = seg.oddCell.value;
    voltageValid[seg.oddCell.index] = seg.oddCell.valid ? 1 : 0;
    if (seg.oddCell.stale) voltageRxMs[seg.oddCell.index] = nowMs - 10_000;
  }
  const tempC = new Float64Array(NT);
  const tempRxMs = new Float64Array(NT).fill(nowMs);
  const tempValid = new Uint8Array(NT).fill(1);
  for (let i = 0; i < NT; i++) tempC[i] = seg.tempC + seg.tempSpreadK * (((i * 7 + k) % NT) / NT - 0.5);
  if (seg.oddTemp) {
    tempC[seg.oddTemp.index] = seg.oddTemp.value;
    tempValid[seg.oddTemp.index] = seg.oddTemp.valid ? 1 : 0;
    if (seg.oddTemp.stale) tempRxMs[seg.oddTemp.index] = nowMs - 10_000;
  }
  const packV = sum + seg.packVOffsetV;
  let feedback: Record<ContactorName, Feedback>;
  if (seg.feedback === 'follow' || seg.feedback === 'stale') feedback = fbOf(prev);
  else if (seg.feedback === 'lag') feedback = fbOf(prev2);
  else feedback = Object.fromEntries(CONTACTOR_NAMES.map((n, i) => [n, seg.randomFeedback[i]!])) as Record<ContactorName, Feedback>;
  const linkV = seg.link === 'follow' ? (prev.precharge || prev.mainPos ? packV : 0) : seg.linkV;
  const inletV = seg.inlet === 'pack' ? packV : seg.inlet === 'zero' ? 0 : seg.inletV;
  const r = <T>(value: T, valid = true, ageMs = 0) => ({ value, valid, ageMs });
  return {
    cells: { voltageV, voltageValid, voltageRxMs, tempC, tempValid, tempRxMs },
    packCurrentA: r(seg.currentA, seg.currentValid),
    packVoltageV: r(packV),
    linkVoltageV: r(linkV, seg.link !== 'invalid'),
    inletVoltageV: r(inletV),
    isolationKOhm: r(seg.isolationKOhm),
    imdStatus: r('measuring' as const),
    contactorFeedback: r(feedback, true, seg.feedback === 'stale' ? 10_000 : 0),
    requests: seg.requests as BmsRequests,
  };
}

/** Validity as the configuration defines it, re-derived here. */
function validCellExtremes(input: BmsInput, nowMs: number) {
  const c = input.cells;
  let vMin = Infinity;
  let vMax = -Infinity;
  let tMin = Infinity;
  let tMax = -Infinity;
  for (let i = 0; i < N; i++) {
    const v = c.voltageV[i]!;
    if (c.voltageValid[i] === 1 && v >= m.cellVoltageSensorMinV && v <= m.cellVoltageSensorMaxV && nowMs - c.voltageRxMs[i]! <= m.cellVoltageStaleMs) {
      vMin = Math.min(vMin, v);
      vMax = Math.max(vMax, v);
    }
  }
  for (let i = 0; i < NT; i++) {
    const x = c.tempC[i]!;
    if (c.tempValid[i] === 1 && x >= m.tempSensorMinC && x <= m.tempSensorMaxC && nowMs - c.tempRxMs[i]! <= m.tempStaleMs) {
      tMin = Math.min(tMin, x);
      tMax = Math.max(tMax, x);
    }
  }
  return { vMin, vMax, tMin, tMax };
}

const anyClosed = (c: Record<ContactorName, boolean>) => CONTACTOR_NAMES.some((n) => c[n]);

function checkTick(input: BmsInput, out: BmsOutputs, nowMs: number, prev: BmsOutputs | undefined, criticalSinceMs: number): void {
  const c = out.contactorCommands;
  const p = prev?.contactorCommands ?? NO_COMMANDS;
  const fbUsable = input.contactorFeedback.valid && input.contactorFeedback.ageMs <= m.feedbackStaleMs;
  const fb = input.contactorFeedback.value;

  // Invariant 5: no charge current while any valid cell is outside the charge temperature window or at a safety voltage.
  const x = validCellExtremes(input, nowMs);
  if (x.tMin < ch.chargeTempMinC || x.tMax > ch.chargeTempMaxC || x.vMax >= ch.cellVoltageHighV.safety || x.vMin <= ch.cellDeepDischargeV) {
    assert.is(out.chargeCurrentLimitA, 0, `inv 5: ${JSON.stringify(x)}`);
    assert.is(out.chargePowerLimitW, 0, 'inv 5 (power)');
  }

  // Invariant 7: main+ closes only out of a matched precharge, with main− closed.
  if (c.mainPos) assert.ok(c.mainNeg, 'inv 7: main+ without main−');
  if (c.mainPos && !p.mainPos) {
    assert.ok(p.precharge && p.mainNeg, 'inv 7: main+ without a precharge running');
    const linkOk = input.linkVoltageV.valid && input.linkVoltageV.ageMs <= m.voltageStaleMs;
    assert.ok(linkOk && Math.abs(input.linkVoltageV.value - out.packVoltageV) <= cc.prechargeMatchV, 'inv 7: link not matched');
  }

  // Invariant 8: a critical fault zeroes the limits this tick; the contactors open once the current
  // is below the break current, or after openMaxWaitMs at the latest.
  if (out.criticalFault) {
    assert.is(out.chargeCurrentLimitA, 0, 'inv 8: charge');
    assert.is(out.dischargeCurrentLimitA, 0, 'inv 8: discharge');
    assert.is(out.chargePowerLimitW + out.dischargePowerLimitW, 0, 'inv 8: power');
    const cur = input.packCurrentA;
    const belowBreak = cur.valid && cur.ageMs <= m.currentStaleMs && Math.abs(cur.value) < cc.breakCurrentA;
    if (belowBreak) assert.not.ok(anyClosed(c), `inv 8: closed below the break current (${out.mainState}/${out.dcState}/${out.obcState})`);
    if (nowMs - criticalSinceMs >= cc.openMaxWaitMs) assert.not.ok(anyClosed(c), 'inv 8: not open after the bounded wait');
  }

  // Invariant 1 (relays the BMS commands): never together; each closes only with the other
  // commanded open last tick and reported open now.
  assert.not.ok(c.obcRelay && (c.dcPos || c.dcNeg), 'inv 1: OBC relay with DC contactors');
  if (c.obcRelay && !p.obcRelay) assert.ok(!p.dcPos && !p.dcNeg && fbUsable && fb.dcPos === 'open' && fb.dcNeg === 'open', 'inv 1: OBC closed before DC confirmed open');
  if ((c.dcPos || c.dcNeg) && !(p.dcPos || p.dcNeg)) assert.ok(!p.obcRelay && fbUsable && fb.obcRelay === 'open', 'inv 1: DC closed before OBC confirmed open');
}

function run(segments: Segment[]): void {
  let state: BmsState = createBmsState(cfg, { socPct: 50, capacityAh: 216, uncertaintyPct: 3 });
  let nowMs = 1_000;
  let prev: BmsOutputs | undefined;
  let prev2 = NO_COMMANDS;
  let criticalSinceMs = NaN;
  for (const seg of segments) {
    for (let k = 0; k < seg.ticks; k++) {
      nowMs += seg.dtMs;
      const input = buildInput(seg, k, nowMs, prev?.contactorCommands ?? NO_COMMANDS, prev2);
      const r = bmsStep(state, input, nowMs);
      if (r.outputs.criticalFault && Number.isNaN(criticalSinceMs)) criticalSinceMs = nowMs;
      if (!r.outputs.criticalFault) criticalSinceMs = NaN;
      checkTick(input, r.outputs, nowMs, prev, criticalSinceMs);
      prev2 = prev?.contactorCommands ?? NO_COMMANDS;
      prev = r.outputs;
      state = r.state;
    }
  }
}

t('invariants 1, 5, 7 and 8 hold on every tick of random sequences', () => {
  fc.assert(fc.property(fc.array(segmentArb, { minLength: 1, maxLength: 12 }), run), { seed: 42, numRuns: 300 });
});

t('and on sequences that close the paths and then go wrong (a well-behaved start, then random)', () => {
  const closeFirst = segmentArb.map((s): Segment => ({
    ...s,
    ticks: 40,
    dtMs: 10,
    cellV: 3.7,
    cellSpreadMv: 20,
    oddCell: undefined,
    tempC: 25,
    tempSpreadK: 3,
    oddTemp: undefined,
    currentA: 0,
    currentValid: true,
    feedback: 'follow' as const,
    link: 'follow' as const,
    inlet: 'pack' as const,
    packVOffsetV: 0,
    isolationKOhm: 5000,
    requests: { ...s.requests, mainClose: true, emergencyOpen: false, faultReset: false, serviceClear: false },
  }));
  fc.assert(fc.property(closeFirst, fc.array(segmentArb, { minLength: 1, maxLength: 8 }), (first, rest) => run([first, ...rest])), { seed: 7, numRuns: 200 });
});

t.run();
