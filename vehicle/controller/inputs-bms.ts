// BmsInput from the signal store: cells from the CMU, current and voltages from the shunt,
// isolation from the IMD, contactor feedback from the PDU; requests from the other domains.
// Signals are resolved once, when the reader is made; a tick only reads them.
import type { BmsInput, BmsRequests, ContactorName, Feedback, ImdStatus } from '../../bms/index.ts';
import type { CellReader } from './cells.ts';
import type { Reading, Signals } from './signals.ts';

const NAMES = {
  mainPos: 'PDU_MainPosState', mainNeg: 'PDU_MainNegState', precharge: 'PDU_PrechargeState',
  dcPos: 'PDU_DcChargePosState', dcNeg: 'PDU_DcChargeNegState', obcRelay: 'PDU_ObcRelayState',
  imdState: 'IMD_State', deviceError: 'IMD_DeviceError', isolation: 'IMD_IsolationResistance',
  packCurrent: 'SHUNT_PackCurrent', packVoltage: 'SHUNT_PackVoltage', linkVoltage: 'SHUNT_LinkVoltage', inletVoltage: 'SHUNT_InletVoltage',
} as const;

function feedbackOf(r: Reading<string>): Feedback {
  return !r.valid ? 'unknown' : r.value === 'Closed' ? 'closed' : 'open';
}

/** IMD_State → what the BMS needs: measuring (incl. warnings), in self-test, or faulty. */
function imdStatus(label: string): ImdStatus {
  if (label === 'SelfTest' || label === 'Initializing' || label === 'StoodDown') return 'selfTest';
  if (label === 'Ok' || label === 'Warning' || label === 'Fault') return 'measuring';
  return 'fault';
}

export class BmsInputReader {
  private readonly s;

  constructor(
    private readonly signals: Signals,
    private readonly cells: CellReader,
  ) {
    this.s = signals.resolve(NAMES);
  }

  /** The PDU's contactor feedback: valid only when all six are, as old as the oldest. */
  feedback(nowMs: number): Reading<Record<ContactorName, Feedback>> {
    // Written out (no entries/map/fromEntries/rest arrays): this runs every tick. Same keys, same order.
    const { signals, s } = this;
    const mainPos = signals.label(s.mainPos, nowMs);
    const mainNeg = signals.label(s.mainNeg, nowMs);
    const precharge = signals.label(s.precharge, nowMs);
    const dcPos = signals.label(s.dcPos, nowMs);
    const dcNeg = signals.label(s.dcNeg, nowMs);
    const obcRelay = signals.label(s.obcRelay, nowMs);
    const value: Record<ContactorName, Feedback> = {
      mainPos: feedbackOf(mainPos), mainNeg: feedbackOf(mainNeg), precharge: feedbackOf(precharge),
      dcPos: feedbackOf(dcPos), dcNeg: feedbackOf(dcNeg), obcRelay: feedbackOf(obcRelay),
    };
    const valid = mainPos.valid && mainNeg.valid && precharge.valid && dcPos.valid && dcNeg.valid && obcRelay.valid;
    const ageMs = Math.max(0, mainPos.ageMs, mainNeg.ageMs, precharge.ageMs, dcPos.ageMs, dcNeg.ageMs, obcRelay.ageMs);
    return { value, valid, ageMs };
  }

  build(requests: BmsRequests, feedback: Reading<Record<ContactorName, Feedback>>, nowMs: number): BmsInput {
    const { signals, s } = this;
    const imdState = signals.label(s.imdState, nowMs);
    const deviceError = signals.flag(s.deviceError, nowMs);
    return {
      cells: this.cells.read(nowMs),
      packCurrentA: signals.num(s.packCurrent, nowMs),
      packVoltageV: signals.num(s.packVoltage, nowMs),
      linkVoltageV: signals.num(s.linkVoltage, nowMs),
      inletVoltageV: signals.num(s.inletVoltage, nowMs),
      isolationKOhm: signals.num(s.isolation, nowMs),
      imdStatus: {
        value: deviceError.value ? 'fault' : imdStatus(imdState.value),
        valid: imdState.valid && deviceError.valid,
        ageMs: Math.max(0, imdState.ageMs, deviceError.ageMs),
      },
      contactorFeedback: feedback,
      requests,
    };
  }
}
