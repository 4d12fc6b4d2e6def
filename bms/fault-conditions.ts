// Evidence for each fault in the table, from this tick's snapshot: BAD, GOOD or NO_EVIDENCE (the
// quantity is unknown this tick, so the debounce holds). Tier thresholds come from the chemistry.
import type { BmsConfig } from './config.ts';
import type { FaultDef, FaultId } from './fault-table.ts';
import type { PackSnapshot } from './monitoring.ts';
import type { IsolationResult } from './isolation.ts';
import type { ContactorsState, FeedbackCheck } from './contactors.ts';
import { CONTACTOR_NAMES } from './io.ts';
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

function evidenceFor(id: FaultId, x: FaultContext): number {
  const { snap, cfg } = x;
  const ch = cfg.chemistry;
  const vMax = snap.cellVoltageMaxV;
  const vMin = snap.cellVoltageMinV;
  const tMax = snap.cellTempMaxC;
  const tMin = snap.cellTempMinC;
  const i = snap.currentA;
  const c = x.contactors;
  switch (id) {
    case 'cellOvervoltage': return judge(vMax, vMax >= ch.cellVoltageHighV.safety);
    case 'cellOvervoltageWarning': return judge(vMax, vMax >= ch.cellVoltageHighV.recommended);
    // A cell being charged back up is recovering, not failing.
    case 'cellUndervoltage': return judge(vMin, vMin <= ch.cellVoltageLowV.safety && !(i > cfg.pack.restCurrentA));
    case 'cellUndervoltageWarning': return judge(vMin, vMin <= ch.cellVoltageLowV.recommended);
    case 'cellDeepDischarge': return judge(vMin, vMin <= ch.cellDeepDischargeV);
    case 'cellOvertemp': return judge(tMax, tMax >= ch.cellTempHighC.safety);
    case 'cellOvertempWarning': return judge(tMax, tMax >= ch.cellTempHighC.recommended);
    case 'cellUndertemp': return judge(tMin, tMin <= ch.cellTempLowC.safety);
    case 'cellUndertempWarning': return judge(tMin, tMin <= ch.cellTempLowC.recommended);
    case 'cellImbalance': return judge(vMax - vMin, (vMax - vMin) * 1000 > cfg.monitoring.imbalanceWarnMv);
    case 'cellVoltageSensorInvalid': return flag(snap.invalidCells > 0);
    case 'cellVoltageSensorsLost': return flag(snap.invalidCells > cfg.monitoring.cellVoltageInvalidMaxCount);
    case 'tempSensorInvalid': return flag(snap.invalidTemps > 0);
    case 'tempSensorsLost': return flag(snap.invalidTemps > cfg.monitoring.tempInvalidMaxCount);
    case 'currentSensorInvalid': return flag(Number.isNaN(i));
    case 'packVoltageImplausible': {
      if (snap.invalidCells > 0 || Number.isNaN(snap.packVoltageV)) return NO_EVIDENCE;
      const allowed = Math.max(cfg.monitoring.packVoltageMismatchV, cfg.monitoring.packVoltageMismatchFraction * snap.packVoltageV);
      return flag(Math.abs(snap.cellVoltageSumV - snap.packVoltageV) > allowed);
    }
    case 'chargeOvershoot': {
      const d = cfg.diagnosis;
      return judge(i, i > x.lastChargeLimitA * (1 + d.overshootFraction) + d.overshootMarginA);
    }
    case 'dischargeOvershoot': {
      const d = cfg.diagnosis;
      return judge(i, -i > x.lastDischargeLimitA * (1 + d.overshootFraction) + d.overshootMarginA);
    }
    case 'packOvercurrent': return judge(i, i > cfg.pack.chargeCurrentSafetyA || -i > cfg.pack.dischargeCurrentSafetyA);
    case 'isolationWarning': return x.isolation.warnEvidence;
    case 'isolationFault': return x.isolation.faultEvidence;
    case 'imdUnavailable': return x.isolation.imdEvidence;
    case 'imdStandDownTooLong': return flag(x.isolation.standDownTooLong);
    case 'contactorWelded':
      return flag(x.check.verdicts.includes('welded') || x.check.weldByCurrent || c.main.state === 'welded' || c.dc.state === 'welded' || c.obc.state === 'welded');
    case 'contactorStuckOpen':
      return flag(x.check.verdicts.includes('stuckOpen') || (c.main.state === 'fault' && c.main.faultCause === 'stuck') || (c.dc.state === 'fault' && c.dc.faultCause === 'stuck') || (c.obc.state === 'fault' && c.obc.faultCause === 'stuck'));
    case 'prechargeFailed': return flag(c.main.state === 'fault' && c.main.faultCause === 'precharge');
    case 'contactorFeedbackInvalid': {
      for (let k = 0; k < CONTACTOR_NAMES.length; k++) if (snap.feedback[CONTACTOR_NAMES[k]!] === 'unknown') return BAD;
      return GOOD;
    }
  }
}

export function gatherEvidence(table: readonly FaultDef[], x: FaultContext): Int8Array {
  const out = new Int8Array(table.length);
  for (let k = 0; k < table.length; k++) out[k] = evidenceFor(table[k]!.id, x);
  return out;
}
