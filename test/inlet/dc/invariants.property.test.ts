// Property tests of DESIGN.md §7 invariants 3, 4 and 8 on random sequences of charger limits,
// battery limits, pin temperatures, voltages, currents and quirk events (silence, invalid frames,
// EVSE status changes, FAILED answers, latch, critical fault), direct and boost, seeded.
// Each check is written independently of the implementation: products instead of divisions.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import {
  DC_CONFIG_800V_BOOST, DC_CONFIG_DEFAULT, dcSessionStep, PHASE_PROFILES,
  type DcInput, type DcOutputs, type DcSessionState,
} from '../../../inlet/dc/index.ts';
import { aDcInput, aStateIn, reading } from './builders.ts';

const t = suite('dc invariants (property)');
const EPS = 1e-6;

/** Stand-in pin derating (DESIGN.md §4): full to limit − 10 K, linear to 10 A at the limit, 0 from limit + 10 K. */
function pinLimitA(tempC: number): number {
  if (tempC < 60) return 1_000;
  if (tempC < 70) return 1_000 - ((1_000 - 10) * (tempC - 60)) / 10;
  return tempC < 80 ? 10 : 0;
}

/** Realistic magnitudes in tenths (fc.double favours denormals and extremes). */
const tenths = (min: number, max: number) => fc.integer({ min: min * 10, max: max * 10 }).map((x) => x / 10);
const maybeNaN = (arb: fc.Arbitrary<number>) => fc.oneof({ weight: 19, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(Number.NaN) });
const rarely = fc.oneof({ weight: 250, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) });
/** Mostly `usual`, sometimes one of `others`: sessions last long enough to charge, quirks still happen. */
const mostly = <T>(usual: T, ...others: T[]) =>
  fc.oneof({ weight: 60 * others.length, arbitrary: fc.constant(usual) }, { weight: others.length, arbitrary: fc.constantFrom(...others) });

const tickArb = fc.record({
  dtMs: fc.integer({ min: 1, max: 250 }),
  evseMaxCurrentA: maybeNaN(tenths(0, 700)),
  evseMaxPowerW: maybeNaN(tenths(0, 400).map((kW) => kW * 1_000)),
  bmsCurrentA: maybeNaN(tenths(0, 700)),
  bmsPowerW: maybeNaN(tenths(0, 400).map((kW) => kW * 1_000)),
  pinTempC: tenths(20, 95),
  ratingA: fc.constantFrom(125, 200, 400, 500),
  userLimitA: fc.option(tenths(0, 600), { nil: undefined, freq: 3 }),
  inletOffsetV: fc.oneof({ weight: 20, arbitrary: tenths(-15, 15) }, { weight: 1, arbitrary: tenths(-500, 500) }),
  inletValid: mostly(true, false),
  presentOffsetV: fc.oneof({ weight: 20, arbitrary: tenths(-15, 15) }, { weight: 1, arbitrary: tenths(-500, 500) }),
  /** Delivered current: mostly the last request ± 10 % (oscillation), sometimes anything. */
  deliveredA: fc.oneof({ weight: 10, arbitrary: tenths(-10, 10).map((pct) => ({ pct })) }, { weight: 1, arbitrary: tenths(-5, 700).map((a) => ({ a })) }),
  packDeltaV: tenths(-60, 60),
  answer: fc.oneof({ weight: 2, arbitrary: fc.constant('ok') }, { weight: 1, arbitrary: mostly('none', 'ongoing', 'failed', 'timeout') }),
  evseStatus: mostly('ready', 'notReady', 'notReady', 'shutdown', 'emergencyShutdown', 'malfunction'),
  cccValid: mostly(true, false),
  criticalFault: rarely,
  latchPressed: rarely,
  boostFactor: fc.integer({ min: 0, max: 100 }).map((x) => x / 100),
});
type Tick = typeof tickArb extends fc.Arbitrary<infer T> ? T : never;

interface Mode { path: 'direct' | 'boost'; packV: number; packMaxV: number; start: DcSessionState; config: DcInput['config'] }
const DIRECT: Mode = {
  path: 'direct', packV: 360, packMaxV: 403.2, config: DC_CONFIG_DEFAULT,
  start: aStateIn('currentDemand', { chargeStartedAtMs: 0, requestAtMs: 0 }),
};
const BOOST: Mode = {
  path: 'boost', packV: 700, packMaxV: 806.4, config: DC_CONFIG_800V_BOOST,
  start: aStateIn('currentDemand', { chargeStartedAtMs: 0, requestAtMs: 0, evMaxVoltageV: 500, evMaxAnnouncedPeakV: 820,
    plan: { path: 'boost', code: 'boostNeeded', reason: 'boost', neededVoltageV: 800, busVoltageV: 490 } }),
};

/** The inputs of one tick; the plant follows the previous commands (contactors, lock, CCC phase). */
function inputFor(mode: Mode, k: Tick, prev: DcOutputs | null, seq: number, packV: number): DcInput {
  const closed = prev === null ? true : prev.closeDcContactors;
  const inletSideV = mode.path === 'boost' ? 490 : packV;
  const inletV = Math.max(0, inletSideV + k.inletOffsetV);
  const presentV = Math.max(0, inletSideV + k.presentOffsetV);
  const lastA = prev?.currentRequestA ?? 0;
  const deliveredA = 'pct' in k.deliveredA ? lastA * (1 + k.deliveredA.pct / 100) : k.deliveredA.a;
  const phase = prev?.ccc.phaseRequested ?? PHASE_PROFILES.currentDemand.ccc;
  return aDcInput({
    config: mode.config,
    ccc: {
      valid: k.cccValid, phaseReported: phase, result: k.answer === 'none' ? 'ok' : (k.answer as DcInput['ccc']['result']), resSeq: seq,
      evseStatus: k.evseStatus as DcInput['ccc']['evseStatus'], evseMaxVoltageV: mode.path === 'boost' ? 500 : 920,
      evseMaxCurrentA: k.evseMaxCurrentA, evseMaxPowerW: k.evseMaxPowerW, presentVoltageV: presentV, presentCurrentA: deliveredA,
      isolationStatus: 'valid',
    },
    port: {
      lockState: prev === null || prev.wantLock ? 'locked' : 'unlocked', latchPressed: k.latchPressed,
      pinLimitA: pinLimitA(k.pinTempC), ratingA: k.ratingA, inletVoltageV: reading(inletV, k.inletValid), inletCurrentA: reading(deliveredA),
    },
    bms: {
      chargeCurrentLimitA: k.bmsCurrentA, chargePowerLimitW: k.bmsPowerW, packVoltageV: packV, packMaxVoltageV: mode.packMaxV,
      announceMaxVoltageV: mode.path === 'boost' ? 820 : 410, criticalFault: k.criticalFault, socPct: 60,
      dcContactorsClosed: closed, dcContactorsOpen: !closed,
    },
    boost: { tempLimitFactor: k.boostFactor, inputVoltageV: 490 },
    hmi: { userCurrentLimitA: k.userLimitA, chargeLimitPct: 100 },
  });
}

const sane = (x: number): number => (Number.isFinite(x) && x > 0 ? x : 0);

/** Invariant 3: the request within every limit in force, written as products. */
function checkLimits(mode: Mode, input: DcInput, o: DcOutputs, fresh: boolean): void {
  const r = o.currentRequestA;
  if (r === 0) return;
  const { bms, ccc, port, boost, hmi, config } = input;
  const inletV = port.inletVoltageV.valid ? port.inletVoltageV.value : fresh ? ccc.presentVoltageV : 0;
  assert.ok(fresh, 'no request on stale charger data');
  assert.ok(r <= sane(ccc.evseMaxCurrentA) + EPS, `request ${r} > EVSE max ${ccc.evseMaxCurrentA}`);
  assert.ok(r <= sane(port.pinLimitA) + EPS, 'pin limit');
  assert.ok(r <= sane(port.ratingA) + EPS, 'rating');
  if (hmi.userCurrentLimitA !== undefined) assert.ok(r <= sane(hmi.userCurrentLimitA) + EPS, 'user limit');
  if (mode.path === 'direct') {
    const v = Math.max(bms.packVoltageV, inletV);
    assert.ok(r <= sane(bms.chargeCurrentLimitA) + EPS, 'battery current');
    assert.ok(r * v <= sane(bms.chargePowerLimitW) + EPS, 'battery power');
    assert.ok(r * v <= sane(ccc.evseMaxPowerW) + EPS, 'charger power');
  } else {
    const vIn = Math.max(490, inletV);
    const eff = config.boost.efficiency;
    const packSideW = r * vIn * eff;
    assert.ok(packSideW <= sane(bms.chargeCurrentLimitA) * bms.packVoltageV + EPS * 1e3, 'battery current through the converter');
    assert.ok(packSideW <= sane(bms.chargePowerLimitW) + EPS * 1e3, 'battery power through the converter');
    assert.ok(packSideW <= config.boost.maxPowerW * Math.min(1, boost.tempLimitFactor) + EPS * 1e3, 'converter power (derated)');
    assert.ok(packSideW <= config.boost.maxOutputCurrentA * bms.packVoltageV + EPS * 1e3, 'converter output current');
    assert.ok(r <= config.boost.maxInputCurrentA + EPS, 'converter input current');
    assert.ok(r * vIn <= sane(ccc.evseMaxPowerW) + EPS * 1e3, 'charger power');
  }
}

export const stats = { ticks: 0, charging: 0, limited: 0 };

/** A run starts charging with some request already in force, and an announced maximum that may sit
 *  below the pack's maximum (a mis-set preset) so the target clamp is exercised. */
function run(mode: Mode, ticks: Tick[], startRequestA = 0, evMaxVoltageV = mode.start.evMaxVoltageV): void {
  let state: DcSessionState = { ...mode.start, requestA: startRequestA, evMaxVoltageV };
  let prev: DcOutputs | null = null;
  let now = 0;
  let seq = 0;
  let packV = mode.packV;
  let faultSinceMs: number | null = null;
  for (const k of ticks) {
    now += k.dtMs;
    if (k.answer !== 'none') seq++;
    packV = Math.min(mode.packMaxV, Math.max(mode.packV - 100, packV + k.packDeltaV / 10));
    const input = inputFor(mode, k, prev, seq, packV);
    const before = state;
    const { state: next, outputs: o } = dcSessionStep(state, input, now);
    const fresh = input.ccc.valid;
    // Invariant 3.
    checkLimits(mode, input, o, fresh);
    assert.ok(o.currentRequestA <= before.requestA + (mode.config.current.rampUpAPerS * k.dtMs) / 1000 + EPS, 'ramp');
    // Invariant 4.
    const c = o.ccc;
    assert.ok(c.evTargetVoltageV === 0 || c.evTargetVoltageV <= c.evMaxVoltageV - 1 + EPS, `target ${c.evTargetVoltageV} vs max ${c.evMaxVoltageV}`);
    assert.ok(c.evTargetVoltageV <= mode.packMaxV + EPS, 'target above pack max');
    // Invariant 8: zero in the same tick; contactors open within the emergency bound at the latest.
    if (k.criticalFault) {
      assert.is(o.currentRequestA, 0);
      assert.is(c.evTargetCurrentA, 0);
      faultSinceMs ??= now;
    }
    if (faultSinceMs !== null && now - faultSinceMs > mode.config.stop.emergencyDecayMaxMs + 250) {
      assert.is(o.closeDcContactors, false, 'contactors still closed after the bound');
    }
    stats.ticks++;
    if (o.currentRequestA > 0) stats.charging++;
    if (o.currentRequestA > 0 && o.currentRequestA === o.limitA) stats.limited++;
    state = next;
    prev = o;
  }
}

for (const mode of [DIRECT, BOOST]) {
  t(`invariants 3, 4, 8 hold on random sequences (${mode.path})`, () => {
    const startA = tenths(0, 600);
    const evMax = tenths(mode.start.evMaxVoltageV - 25, mode.start.evMaxVoltageV + 10);
    const ticks = fc.array(tickArb, { minLength: 20, maxLength: 80 });
    fc.assert(fc.property(ticks, startA, evMax, (k, a, v) => { run(mode, k, a, v); }), { seed: 42, numRuns: 200 });
  });
}

t('invariant 8 with a persistent fault and current that may not fall: 0 A at once, open by the bound, stay open', () => {
  const arb = fc.record({
    before: fc.array(tickArb, { minLength: 0, maxLength: 30 }),
    after: fc.array(tickArb, { minLength: 1, maxLength: 40 }),
  });
  fc.assert(fc.property(arb, ({ before, after }) => {
    run(DIRECT, [...before, ...after.map((k) => ({ ...k, criticalFault: true }))]);
  }), { seed: 7, numRuns: 100 });
});

t.run();
