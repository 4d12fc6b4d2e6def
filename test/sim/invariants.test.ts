import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { InvariantChecker, type InvariantLimits, type InvariantTruth, type Requests } from '../../sim/invariants.ts';

const t = suite('safety invariants (DESIGN.md §7) on hand-made tick sequences');

const LIMITS: InvariantLimits = {
  chargeTempMinC: 0, chargeTempMaxC: 45, cellSafetyV: 4.25, packMaxVoltageV: 806.4, rampUpAPerS: 50, openMaxWaitMs: 2000,
};

/** A parked, unplugged car at rest: every invariant holds. */
function aTruth(over: Partial<InvariantTruth> = {}): InvariantTruth {
  return {
    timeMs: 0, socPct: 50, cellVoltageMaxV: 3.9, cellTempMinC: 25, cellTempMaxC: 26,
    contactors: { mainPos: false, mainNeg: false, precharge: false, dcPos: false, dcNeg: false, obcRelay: false },
    hardCloses: 0, plugged: false, lock: 'unlocked', manualRelease: false, inletVoltageV: 0, inletCurrentA: 0,
    chargerDelivering: false, evseMaxCurrentA: 0, v2lOutputW: 0, gear: 'P', driveInhibited: false, v2lOn: false, obcRelayClosed: false,
    ...over,
  };
}

/** Idle requests: nothing asked. */
function someRequests(over: Partial<Requests> = {}): Requests {
  return {
    dcPhase: 'idle', dcPath: null, dcCurrentRequestA: 0, evTargetVoltageV: 0, evMaxVoltageV: 0, bmsChargeCurrentLimitA: 300, bmsChargePowerLimitW: 250_000,
    pinLimitA: 400, acSetpointA: 0, criticalFault: false, v2lFloorPct: 20,
    contactorCommands: { mainPos: false, mainNeg: false, precharge: false, dcPos: false, dcNeg: false, obcRelay: false },
    ...over,
  };
}

/** A plugged car charging on DC at 200 A, all limits above it. */
function charging(tMs: number, over: Partial<Requests> = {}, truth: Partial<InvariantTruth> = {}): [InvariantTruth, Requests] {
  return [
    aTruth({
      timeMs: tMs, plugged: true, driveInhibited: true, lock: 'locked', inletVoltageV: 700, inletCurrentA: 200, chargerDelivering: true,
      evseMaxCurrentA: 500, contactors: { mainPos: true, mainNeg: true, precharge: false, dcPos: true, dcNeg: true, obcRelay: false }, ...truth,
    }),
    someRequests({ dcPhase: 'currentDemand', dcPath: 'direct', dcCurrentRequestA: 200, evTargetVoltageV: 806.4, evMaxVoltageV: 820, ...over }),
  ];
}

/** Runs a sequence of ticks; returns the invariant numbers violated, in order. */
function violated(ticks: [InvariantTruth, Requests | null][]): number[] {
  const checker = new InvariantChecker(LIMITS);
  for (const [truth, req] of ticks) checker.check(truth, req);
  return checker.violations.map((v) => v.invariant);
}

t('a clean charging sequence violates nothing', () => {
  const ticks = Array.from({ length: 100 }, (_, i) => charging(i * 10, { dcCurrentRequestA: Math.min(200, i * 0.5) }));
  assert.equal(violated(ticks), []);
});

t('1: OBC relay closed together with a DC contactor', () => {
  const [truth, req] = charging(0);
  truth.contactors.obcRelay = true;
  assert.equal(violated([[truth, req]]), [1]);
});

t('2: the lock starts to release with the inlet live; the manual release is exempt', () => {
  const locked = aTruth({ timeMs: 0, plugged: true, driveInhibited: true, lock: 'locked', inletVoltageV: 400 });
  const releasing = aTruth({ timeMs: 10, plugged: true, driveInhibited: true, lock: 'unlocking', inletVoltageV: 400 });
  assert.equal(violated([[locked, null], [releasing, null]]), [2]);
  assert.equal(violated([[locked, null], [{ ...releasing, manualRelease: true }, null]]), []);
  assert.equal(violated([[locked, null], [{ ...releasing, inletVoltageV: 30, inletCurrentA: 2 }, null]]), [2], 'current above 1 A counts too');
  assert.equal(violated([[locked, null], [{ ...releasing, inletVoltageV: 30 }, null]]), [], 'a dead inlet may unlock');
  assert.equal(violated([[locked, null], [{ ...releasing, inletVoltageV: 0, v2lOn: true, obcRelayClosed: true }, null]]), [2], 'V2L output on the pins');
});

t('3: request above the BMS limit (direct path), the pin limit, or rising faster than the ramp', () => {
  assert.equal(violated([charging(0, { bmsChargeCurrentLimitA: 150 })]), [3]);
  assert.equal(violated([charging(0, { dcPath: 'boost', bmsChargeCurrentLimitA: 150 })]), [], 'boost: inlet amps exceed pack amps legitimately');
  assert.equal(violated([charging(0, { pinLimitA: 100 })]), [3]);
  assert.equal(violated([charging(0, { bmsChargePowerLimitW: 100_000 })]), [3], '200 A × 700 V = 140 kW > 100 kW');
  assert.equal(violated([charging(0, { bmsChargePowerLimitW: 138_000 })]), [], 'within the 2 % measurement tolerance');
  assert.equal(violated([charging(0, { dcCurrentRequestA: 100 }), charging(10, { dcCurrentRequestA: 101 })]), [3], '1 A in 10 ms > 50 A/s');
  assert.equal(violated([charging(0, { dcCurrentRequestA: 100 }), charging(10, { dcCurrentRequestA: 100.5 })]), [], '0.5 A in 10 ms is the ramp');
  assert.equal(violated([charging(0, { dcCurrentRequestA: 200 }), charging(10, { dcCurrentRequestA: 20 })]), [], 'dropping is immediate');
});

t('3: request above the EVSE maximum only after the grace for the news to arrive', () => {
  const ticks = Array.from({ length: 40 }, (_, i) => charging(i * 10, {}, { evseMaxCurrentA: 100 }));
  assert.equal(violated(ticks), [], '390 ms over: within the grace');
  const longer = Array.from({ length: 60 }, (_, i) => charging(i * 10, {}, { evseMaxCurrentA: 100 }));
  assert.equal(violated(longer), [3]);
});

t('4: EVTargetVoltage within 1 V of EVMaximumVoltageLimit, or above the pack maximum', () => {
  assert.equal(violated([charging(0, { evTargetVoltageV: 819.5, evMaxVoltageV: 820 })]), [4]);
  assert.equal(violated([charging(0, { evTargetVoltageV: 810, evMaxVoltageV: 830 })]), [4], 'above the 806.4 V pack maximum');
  assert.equal(violated([charging(0, { evTargetVoltageV: 806.4, evMaxVoltageV: 820 })]), []);
});

t('5: charge request with a cold or hot cell, or a cell at its safety voltage', () => {
  assert.equal(violated([charging(0, {}, { cellTempMinC: -3 })]), [5]);
  assert.equal(violated([charging(0, {}, { cellTempMaxC: 48 })]), [5]);
  assert.equal(violated([charging(0, {}, { cellVoltageMaxV: 4.25 })]), [5]);
  assert.equal(violated([charging(0, { dcCurrentRequestA: 0 }, { cellTempMinC: -3 })]), [], 'no request, no violation');
  assert.equal(violated([charging(0, { dcCurrentRequestA: 0, acSetpointA: 16 }, { cellTempMinC: -3 })]), [5], 'AC counts too');
  assert.equal(violated([charging(0, {}, { cellTempMinC: -1 })]), [], 'within the sensor tolerance');
});

t('6: V2L supplying while charging, out of Park, or below the floor (after the stop grace)', () => {
  const supplying = (tMs: number, over: Partial<InvariantTruth> = {}): [InvariantTruth, Requests] =>
    [aTruth({ timeMs: tMs, plugged: true, driveInhibited: true, v2lOutputW: 1500, ...over }), someRequests({ v2lFloorPct: 20 })];
  assert.equal(violated([supplying(0, { chargerDelivering: true })]), [6]);
  assert.equal(violated([supplying(0, { gear: 'D' }), supplying(10, { gear: 'D' })]).includes(6), true);
  assert.equal(violated(Array.from({ length: 100 }, (_, i) => supplying(i * 10, { socPct: 18.5 }))), [], '1 s below: stopping');
  assert.equal(violated(Array.from({ length: 300 }, (_, i) => supplying(i * 10, { socPct: 18.5 }))), [6]);
  assert.equal(violated(Array.from({ length: 300 }, (_, i) => supplying(i * 10, { socPct: 19.5 }))), [], 'within the SOC tolerance');
});

t('7: a main or DC contactor closing hard (without precharge)', () => {
  assert.equal(violated([[aTruth({ timeMs: 0 }), null], [aTruth({ timeMs: 10, hardCloses: 1 }), null]]), [7]);
});

t('8: a critical fault with a current request in the same tick', () => {
  assert.equal(violated([charging(0, { criticalFault: true })]), [8]);
  assert.equal(violated([charging(0, { criticalFault: true, dcCurrentRequestA: 0 })]), []);
});

t('8: a critical fault with contactors still commanded closed after the bounded wait', () => {
  const closed = { mainPos: true, mainNeg: true, precharge: false, dcPos: true, dcNeg: true, obcRelay: false };
  const open = { mainPos: false, mainNeg: false, precharge: false, dcPos: false, dcNeg: false, obcRelay: false };
  const tick = (tMs: number, cmds: typeof closed): [InvariantTruth, Requests] =>
    charging(tMs, { criticalFault: true, dcCurrentRequestA: 0, contactorCommands: cmds });
  assert.equal(violated(Array.from({ length: 200 }, (_, i) => tick(i * 10, closed))), [], '2 s: still waiting for current to fall');
  assert.equal(violated(Array.from({ length: 250 }, (_, i) => tick(i * 10, closed))), [8]);
  assert.equal(violated(Array.from({ length: 250 }, (_, i) => tick(i * 10, i < 100 ? closed : open))), []);
});

t('9: drive not inhibited with a connector present, or a shift out of Park while plugged', () => {
  const plugged = (tMs: number, over: Partial<InvariantTruth> = {}): [InvariantTruth, null] =>
    [aTruth({ timeMs: tMs, plugged: true, driveInhibited: false, ...over }), null];
  assert.equal(violated(Array.from({ length: 40 }, (_, i) => plugged(i * 10))), [], 'within the interlock grace');
  assert.equal(violated(Array.from({ length: 60 }, (_, i) => plugged(i * 10))), [9]);
  assert.equal(violated([plugged(0, { driveInhibited: true }), plugged(10, { driveInhibited: true, gear: 'D' })]), [9]);
});

t('a continuing violation is one episode; a new one after it ended counts again', () => {
  const checker = new InvariantChecker(LIMITS);
  const bad = (tMs: number): [InvariantTruth, Requests] => charging(tMs, { pinLimitA: 100 });
  for (let i = 0; i < 10; i++) checker.check(...bad(i * 10));
  checker.check(...charging(100));
  checker.check(...bad(110));
  assert.is(checker.count, 2);
  assert.equal(checker.violations.map((v) => v.atS), [0, 0.11]);
});

t.run();
