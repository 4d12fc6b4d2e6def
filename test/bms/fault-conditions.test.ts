// Every fault's condition: a situation that is evidence for it, one that is evidence against it,
// and (where it applies) one that gives no evidence. The default situation is a healthy pack.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { evidenceGatherer, gatherEvidence, type FaultContext } from '../../bms/fault-conditions.ts';
import { BAD, GOOD, NO_EVIDENCE } from '../../bms/diagnosis.ts';
import { DEFAULT_FAULT_TABLE, type FaultId } from '../../bms/fault-table.ts';
import { monitor } from '../../bms/monitoring.ts';
import { isolationStep } from '../../bms/isolation.ts';
import { checkFeedback, INITIAL_CONTACTORS, type ContactorsState } from '../../bms/contactors.ts';
import { pack400v } from '../../bms/presets.ts';
import { aBmsInput, aCells, type InputOptions } from './builders.ts';

const t = suite('bms/fault-conditions');
const cfg = pack400v;
const NOW = 100_000;

interface Situation extends InputOptions {
  cellVMax?: number;
  cellVMin?: number;
  tempMaxC?: number;
  tempMinC?: number;
  invalidCells?: number;
  invalidTemps?: number;
  lastChargeLimitA?: number;
  lastDischargeLimitA?: number;
  contactors?: Partial<ContactorsState>;
  standDownSinceMs?: number;
}

function context(s: Situation = {}): FaultContext {
  const cells = aCells(cfg, { cellV: s.cellV ?? 3.7, tempC: s.tempC ?? 25 });
  if (s.cellVMax !== undefined) cells.voltageV[7] = s.cellVMax;
  if (s.cellVMin !== undefined) cells.voltageV[8] = s.cellVMin;
  if (s.tempMaxC !== undefined) cells.tempC[1] = s.tempMaxC;
  if (s.tempMinC !== undefined) cells.tempC[2] = s.tempMinC;
  for (let i = 0; i < (s.invalidCells ?? 0); i++) cells.voltageValid[i] = 0;
  for (let i = 0; i < (s.invalidTemps ?? 0); i++) cells.tempValid[i] = 0;
  const input = aBmsInput({ ...s, cells });
  const snap = monitor(input, cfg, NOW);
  const contactors = { ...INITIAL_CONTACTORS, ...s.contactors };
  return {
    snap,
    cfg,
    lastChargeLimitA: s.lastChargeLimitA ?? 200,
    lastDischargeLimitA: s.lastDischargeLimitA ?? 200,
    isolation: isolationStep({ standDownSinceMs: s.standDownSinceMs ?? NaN }, input, snap, cfg, NOW),
    check: checkFeedback(contactors, snap, cfg, NOW),
    contactors,
  };
}

function evidence(id: FaultId, s: Situation = {}): number {
  const i = DEFAULT_FAULT_TABLE.findIndex((f) => f.id === id);
  return gatherEvidence(DEFAULT_FAULT_TABLE, context(s))[i]!;
}

const closedWatch = { commandClosed: true, mismatchSinceMs: NaN };
const staleOpenWatch = { commandClosed: false, mismatchSinceMs: NOW - 1000 };
const staleClosedWatch = { commandClosed: true, mismatchSinceMs: NOW - 1000 };
const watches = (i: number, w: typeof closedWatch) => INITIAL_CONTACTORS.watches.map((x, k) => (k === i ? w : x));

const CASES: Record<FaultId, { bad: Situation; good: Situation; none?: Situation }> = {
  cellOvervoltage: { bad: { cellVMax: 4.25 }, good: { cellVMax: 4.24 }, none: { invalidCells: 96 } },
  cellOvervoltageWarning: { bad: { cellVMax: 4.22 }, good: { cellVMax: 4.21 }, none: { invalidCells: 96 } },
  cellUndervoltage: { bad: { cellVMin: 2.8 }, good: { cellVMin: 2.8, currentA: 20 }, none: { invalidCells: 96 } },
  cellUndervoltageWarning: { bad: { cellVMin: 2.9 }, good: { cellVMin: 2.91 } },
  cellDeepDischarge: { bad: { cellVMin: 2.5 }, good: { cellVMin: 2.51 } },
  cellOvertemp: { bad: { tempMaxC: 60 }, good: { tempMaxC: 59.9 }, none: { invalidTemps: 32 } },
  cellOvertempWarning: { bad: { tempMaxC: 58 }, good: { tempMaxC: 57.9 } },
  cellUndertemp: { bad: { tempMinC: -30 }, good: { tempMinC: -29.9 } },
  cellUndertempWarning: { bad: { tempMinC: -28 }, good: { tempMinC: -27.9 } },
  cellImbalance: { bad: { cellVMax: 3.8, cellVMin: 3.649 }, good: { cellVMax: 3.8, cellVMin: 3.651 }, none: { invalidCells: 96 } },
  cellVoltageSensorInvalid: { bad: { invalidCells: 1 }, good: {} },
  cellVoltageSensorsLost: { bad: { invalidCells: 3 }, good: { invalidCells: 2 } },
  tempSensorInvalid: { bad: { invalidTemps: 1 }, good: {} },
  tempSensorsLost: { bad: { invalidTemps: 5 }, good: { invalidTemps: 4 } },
  currentSensorInvalid: { bad: { currentValid: false }, good: {} },
  packVoltageImplausible: { bad: { packV: 3.7 * 96 + 11 }, good: { packV: 3.7 * 96 + 9 }, none: { invalidCells: 1 } },
  chargeOvershoot: { bad: { lastChargeLimitA: 100, currentA: 121 }, good: { lastChargeLimitA: 100, currentA: 119 }, none: { currentValid: false } },
  dischargeOvershoot: { bad: { lastDischargeLimitA: 100, currentA: -121 }, good: { lastDischargeLimitA: 100, currentA: -119 } },
  packOvercurrent: { bad: { currentA: -811, lastDischargeLimitA: 900 }, good: { currentA: 800, lastChargeLimitA: 900 } },
  isolationWarning: { bad: { isolationKOhm: 201 }, good: { isolationKOhm: 202 }, none: { imdStatus: 'selfTest' } },
  isolationFault: { bad: { isolationKOhm: 40 }, good: { isolationKOhm: 41 }, none: { isolationKOhm: 1, requests: { imdStandDown: true, plugged: true } } },
  imdUnavailable: { bad: { imdStatus: 'fault' }, good: {}, none: { imdStatus: 'selfTest' } },
  imdStandDownTooLong: { bad: { requests: { imdStandDown: true, plugged: true }, standDownSinceMs: NOW - 90_001 }, good: { requests: { imdStandDown: true, plugged: true }, standDownSinceMs: NOW - 89_000 } },
  contactorWelded: {
    bad: { feedback: { mainPos: 'closed' }, contactors: { watches: watches(0, staleOpenWatch) } },
    good: { feedback: { mainPos: 'closed' }, contactors: { watches: watches(0, { commandClosed: false, mismatchSinceMs: NOW - 10 }) } },
  },
  contactorStuckOpen: {
    bad: { feedback: { mainNeg: 'open' }, contactors: { watches: watches(1, staleClosedWatch) } },
    good: { feedback: { mainNeg: 'closed' }, contactors: { watches: watches(1, closedWatch) } },
  },
  prechargeFailed: {
    bad: { contactors: { main: { ...INITIAL_CONTACTORS.main, state: 'fault', faultCause: 'precharge' } } },
    good: { contactors: { main: { ...INITIAL_CONTACTORS.main, state: 'fault', faultCause: 'stuck' } } },
  },
  contactorFeedbackInvalid: { bad: { feedback: { dcNeg: 'unknown' } }, good: {} },
};

for (const f of DEFAULT_FAULT_TABLE) {
  t(`${f.id}: evidence for, against${CASES[f.id].none ? ' and none' : ''}`, () => {
    const c = CASES[f.id];
    assert.is(evidence(f.id, c.bad), BAD, 'bad');
    assert.is(evidence(f.id, c.good), GOOD, 'good');
    if (c.none) assert.is(evidence(f.id, c.none), NO_EVIDENCE, 'none');
  });
}

t('a healthy pack gives no evidence for any fault', () => {
  for (const f of DEFAULT_FAULT_TABLE) assert.ok(evidence(f.id) !== BAD, f.id);
});

t('the welded machine state and current with every path open are weld evidence too', () => {
  assert.is(evidence('contactorWelded', { contactors: { dc: { state: 'welded', enteredMs: 0, faultCause: 'none' } } }), BAD);
  assert.is(evidence('contactorWelded', { currentA: -30, contactors: { weldCurrentSinceMs: NOW - 1000 } }), BAD);
});

t('a gatherer reuses one array and gives what a fresh gatherEvidence gives, call after call', () => {
  // Every situation of the table one after another, so each entry turns BAD, GOOD and NONE in turn;
  // and a table that leaves faults out and reorders the rest (the left-out positions stay GOOD).
  const situations = Object.values(CASES).flatMap((c) => [c.bad, c.good, c.none ?? {}, {}]);
  const partial = DEFAULT_FAULT_TABLE.filter((_, i) => i % 3 !== 1).reverse();
  for (const table of [DEFAULT_FAULT_TABLE, partial]) {
    const gather = evidenceGatherer(table);
    let last: Int8Array | undefined;
    for (const s of situations) {
      const ctx = context(s);
      const kept = gather(ctx);
      assert.equal(Array.from(kept), Array.from(gatherEvidence(table, ctx)));
      if (last !== undefined) assert.is(kept, last, 'the same array');
      last = kept;
    }
  }
});

t.run();
