// BmsInput from the signal store: cells from the CMU, current and voltages from the shunt,
// isolation from the IMD, contactor feedback from the PDU; requests from the other domains.
import type { BmsInput, BmsRequests, ContactorName, Feedback, ImdStatus } from '../../bms/index.ts';
import type { CellReader } from './cells.ts';
import { combine, mapReading, type Reading, type Signals } from './signals.ts';

const FEEDBACK_SIGNALS: Readonly<Record<ContactorName, string>> = {
  mainPos: 'PDU_MainPosState', mainNeg: 'PDU_MainNegState', precharge: 'PDU_PrechargeState',
  dcPos: 'PDU_DcChargePosState', dcNeg: 'PDU_DcChargeNegState', obcRelay: 'PDU_ObcRelayState',
};

export function readFeedback(signals: Signals, nowMs: number): Reading<Record<ContactorName, Feedback>> {
  // Written out (no entries/map/fromEntries): this runs every tick. Same keys, same order.
  const mainPos = signals.label(FEEDBACK_SIGNALS.mainPos, nowMs);
  const mainNeg = signals.label(FEEDBACK_SIGNALS.mainNeg, nowMs);
  const precharge = signals.label(FEEDBACK_SIGNALS.precharge, nowMs);
  const dcPos = signals.label(FEEDBACK_SIGNALS.dcPos, nowMs);
  const dcNeg = signals.label(FEEDBACK_SIGNALS.dcNeg, nowMs);
  const obcRelay = signals.label(FEEDBACK_SIGNALS.obcRelay, nowMs);
  const value: Record<ContactorName, Feedback> = {
    mainPos: feedbackOf(mainPos), mainNeg: feedbackOf(mainNeg), precharge: feedbackOf(precharge),
    dcPos: feedbackOf(dcPos), dcNeg: feedbackOf(dcNeg), obcRelay: feedbackOf(obcRelay),
  };
  return combine(value, mainPos, mainNeg, precharge, dcPos, dcNeg, obcRelay);
}

function feedbackOf(r: Reading<string>): Feedback {
  return !r.valid ? 'unknown' : r.value === 'Closed' ? 'closed' : 'open';
}

/** IMD_State → what the BMS needs: measuring (incl. warnings), in self-test, or faulty. */
function imdStatus(label: string): ImdStatus {
  if (label === 'SelfTest' || label === 'Initializing' || label === 'StoodDown') return 'selfTest';
  if (label === 'Ok' || label === 'Warning' || label === 'Fault') return 'measuring';
  return 'fault';
}

export function buildBmsInput(signals: Signals, cells: CellReader, requests: BmsRequests, nowMs: number): BmsInput {
  const imdState = signals.label('IMD_State', nowMs);
  const deviceError = signals.flag('IMD_DeviceError', nowMs);
  return {
    cells: cells.read(nowMs),
    packCurrentA: signals.num('SHUNT_PackCurrent', nowMs),
    packVoltageV: signals.num('SHUNT_PackVoltage', nowMs),
    linkVoltageV: signals.num('SHUNT_LinkVoltage', nowMs),
    inletVoltageV: signals.num('SHUNT_InletVoltage', nowMs),
    isolationKOhm: signals.num('IMD_IsolationResistance', nowMs),
    imdStatus: mapReading(combine(imdState.value, imdState, deviceError), (l) => (deviceError.value ? 'fault' : imdStatus(l))),
    contactorFeedback: readFeedback(signals, nowMs),
    requests,
  };
}
