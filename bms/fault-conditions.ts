// Evidence for each fault in the table, from this tick's snapshot: BAD, GOOD or NO_EVIDENCE (the
// quantity is unknown this tick, so the debounce holds). Tier thresholds come from the chemistry.
import type { BmsConfig } from './config.ts';
import type { FaultDef, FaultId } from './fault-table.ts';
import type { PackSnapshot } from './monitoring.ts';
import type { IsolationResult } from './isolation.ts';
import type { ContactorsState, FeedbackCheck } from './contactors.ts';
import { BAD, GOOD, NO_EVIDENCE } from './diagnosis.ts';

export interface FaultContext {
  readonly snap: PackSnapshot;
  readonly cfg: BmsConfig;
  /** Limits published last tick: what the chargers and inverter were told. */
  readonly lastChargeLimitA: number;
  readonly lastDischargeLimitA: number;
  readonly isolation: IsolationResult;
  readonly check: FeedbackCheck;
  /** Contactor machines as of the previous tick (they latch their own faults). */
  readonly contactors: ContactorsState;
}

/** BAD when cond holds, GOOD when not, NO_EVIDENCE when the quantity is unknown (NaN). */
const judge = (x: number, cond: boolean): number => (Number.isNaN(x) ? NO_EVIDENCE : cond ? BAD : GOOD);
const flag = (cond: boolean): number => (cond ? BAD : GOOD);

/** Where each fault sits in the table (−1 when the table leaves it out); made once per table. */
export type FaultPositions = Readonly<Record<FaultId, number>>;

export function faultPositions(table: readonly FaultDef[]): FaultPositions {
  const at = (id: FaultId) => table.findIndex((f) => f.id === id);
  // A literal (not keys added one by one): V8 keeps it a fast object, so the tick's reads are cheap.
  return {
    cellOvervoltage: at('cellOvervoltage'), cellOvervoltageWarning: at('cellOvervoltageWarning'),
    cellUndervoltage: at('cellUndervoltage'), cellUndervoltageWarning: at('cellUndervoltageWarning'),
    cellDeepDischarge: at('cellDeepDischarge'), cellOvertemp: at('cellOvertemp'), cellOvertempWarning: at('cellOvertempWarning'),
    cellUndertemp: at('cellUndertemp'), cellUndertempWarning: at('cellUndertempWarning'), cellImbalance: at('cellImbalance'),
    cellVoltageSensorInvalid: at('cellVoltageSensorInvalid'), cellVoltageSensorsLost: at('cellVoltageSensorsLost'),
    tempSensorInvalid: at('tempSensorInvalid'), tempSensorsLost: at('tempSensorsLost'), currentSensorInvalid: at('currentSensorInvalid'),
    packVoltageImplausible: at('packVoltageImplausible'), chargeOvershoot: at('chargeOvershoot'), dischargeOvershoot: at('dischargeOvershoot'),
    packOvercurrent: at('packOvercurrent'), isolationWarning: at('isolationWarning'), isolationFault: at('isolationFault'),
    imdUnavailable: at('imdUnavailable'), imdStandDownTooLong: at('imdStandDownTooLong'), contactorWelded: at('contactorWelded'),
    contactorStuckOpen: at('contactorStuckOpen'), prechargeFailed: at('prechargeFailed'), contactorFeedbackInvalid: at('contactorFeedbackInvalid'),
  };
}

/**
 * Evidence per table entry. Straight-line, one line per fault, each written to its position: no
 * dispatch on the fault id per entry and tick (this runs every tick). `out` may be a scratch kept
 * by the instance (no array per tick): every position of `at` is written on every call, and the
 * others are never written, so they stay GOOD (0) as in a fresh array.
 */
export function gatherEvidence(
  table: readonly FaultDef[],
  x: FaultContext,
  at: FaultPositions = faultPositions(table),
  out: Int8Array = new Int8Array(table.length),
): Int8Array {
  const { snap, cfg } = x;
  const ch = cfg.chemistry;
  const mc = cfg.monitoring;
  const d = cfg.diagnosis;
  const vMax = snap.cellVoltageMaxV;
  const vMin = snap.cellVoltageMinV;
  const tMax = snap.cellTempMaxC;
  const tMin = snap.cellTempMinC;
  const i = snap.currentA;
  if (at.cellOvervoltage >= 0) out[at.cellOvervoltage] = judge(vMax, vMax >= ch.cellVoltageHighV.safety);
  if (at.cellOvervoltageWarning >= 0) out[at.cellOvervoltageWarning] = judge(vMax, vMax >= ch.cellVoltageHighV.recommended);
  // A cell being charged back up is recovering, not failing.
  if (at.cellUndervoltage >= 0) out[at.cellUndervoltage] = judge(vMin, vMin <= ch.cellVoltageLowV.safety && !(i > cfg.pack.restCurrentA));
  if (at.cellUndervoltageWarning >= 0) out[at.cellUndervoltageWarning] = judge(vMin, vMin <= ch.cellVoltageLowV.recommended);
  if (at.cellDeepDischarge >= 0) out[at.cellDeepDischarge] = judge(vMin, vMin <= ch.cellDeepDischargeV);
  if (at.cellOvertemp >= 0) out[at.cellOvertemp] = judge(tMax, tMax >= ch.cellTempHighC.safety);
  if (at.cellOvertempWarning >= 0) out[at.cellOvertempWarning] = judge(tMax, tMax >= ch.cellTempHighC.recommended);
  if (at.cellUndertemp >= 0) out[at.cellUndertemp] = judge(tMin, tMin <= ch.cellTempLowC.safety);
  if (at.cellUndertempWarning >= 0) out[at.cellUndertempWarning] = judge(tMin, tMin <= ch.cellTempLowC.recommended);
  if (at.cellImbalance >= 0) out[at.cellImbalance] = judge(vMax - vMin, (vMax - vMin) * 1000 > mc.imbalanceWarnMv);
  if (at.cellVoltageSensorInvalid >= 0) out[at.cellVoltageSensorInvalid] = flag(snap.invalidCells > 0);
  if (at.cellVoltageSensorsLost >= 0) out[at.cellVoltageSensorsLost] = flag(snap.invalidCells > mc.cellVoltageInvalidMaxCount);
  if (at.tempSensorInvalid >= 0) out[at.tempSensorInvalid] = flag(snap.invalidTemps > 0);
  if (at.tempSensorsLost >= 0) out[at.tempSensorsLost] = flag(snap.invalidTemps > mc.tempInvalidMaxCount);
  if (at.currentSensorInvalid >= 0) out[at.currentSensorInvalid] = flag(Number.isNaN(i));
  if (at.packVoltageImplausible >= 0) out[at.packVoltageImplausible] = packVoltageEvidence(snap, cfg);
  if (at.chargeOvershoot >= 0) out[at.chargeOvershoot] = judge(i, i > x.lastChargeLimitA * (1 + d.overshootFraction) + d.overshootMarginA);
  if (at.dischargeOvershoot >= 0) out[at.dischargeOvershoot] = judge(i, -i > x.lastDischargeLimitA * (1 + d.overshootFraction) + d.overshootMarginA);
  if (at.packOvercurrent >= 0) out[at.packOvercurrent] = judge(i, i > cfg.pack.chargeCurrentSafetyA || -i > cfg.pack.dischargeCurrentSafetyA);
  if (at.isolationWarning >= 0) out[at.isolationWarning] = x.isolation.warnEvidence;
  if (at.isolationFault >= 0) out[at.isolationFault] = x.isolation.faultEvidence;
  if (at.imdUnavailable >= 0) out[at.imdUnavailable] = x.isolation.imdEvidence;
  if (at.imdStandDownTooLong >= 0) out[at.imdStandDownTooLong] = flag(x.isolation.standDownTooLong);
  contactorEvidence(x, at, out);
  return out;
}

/** gatherEvidence on one table, always into the same array (see gatherEvidence on why that is exact). */
export type EvidenceGatherer = (x: FaultContext) => Int8Array;

export function evidenceGatherer(table: readonly FaultDef[], at: FaultPositions = faultPositions(table)): EvidenceGatherer {
  const out = new Int8Array(table.length);
  return (x) => gatherEvidence(table, x, at, out);
}

function packVoltageEvidence(snap: PackSnapshot, cfg: BmsConfig): number {
  if (snap.invalidCells > 0 || Number.isNaN(snap.packVoltageV)) return NO_EVIDENCE;
  const allowed = Math.max(cfg.monitoring.packVoltageMismatchV, cfg.monitoring.packVoltageMismatchFraction * snap.packVoltageV);
  return flag(Math.abs(snap.cellVoltageSumV - snap.packVoltageV) > allowed);
}

const stuck = (p: { readonly state: string; readonly faultCause: string }): boolean => p.state === 'fault' && p.faultCause === 'stuck';

/** The contactor machines latch their own faults; the table mirrors them. */
function contactorEvidence(x: FaultContext, at: FaultPositions, out: Int8Array): void {
  const c = x.contactors;
  const v = x.check.verdicts;
  if (at.contactorWelded >= 0) {
    out[at.contactorWelded] = flag(v.includes('welded') || x.check.weldByCurrent || c.main.state === 'welded' || c.dc.state === 'welded' || c.obc.state === 'welded');
  }
  if (at.contactorStuckOpen >= 0) {
    out[at.contactorStuckOpen] = flag(v.includes('stuckOpen') || stuck(c.main) || stuck(c.dc) || stuck(c.obc));
  }
  if (at.prechargeFailed >= 0) out[at.prechargeFailed] = flag(c.main.state === 'fault' && c.main.faultCause === 'precharge');
  if (at.contactorFeedbackInvalid >= 0) {
    const fb = x.snap.feedback;
    const unknown = fb.mainPos === 'unknown' || fb.mainNeg === 'unknown' || fb.precharge === 'unknown' || fb.dcPos === 'unknown' || fb.dcNeg === 'unknown' || fb.obcRelay === 'unknown';
    out[at.contactorFeedbackInvalid] = flag(unknown);
  }
}
