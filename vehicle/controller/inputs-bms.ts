// BmsInput from the signal store: cells from the CMU, current and voltages from the shunt,
// isolation from the IMD, contactor feedback from the PDU; requests from the other domains.
// Signals are resolved once, when the reader is made; a tick only reads them.
import type { BmsInput, BmsRequests, ContactorName, Feedback, ImdStatus } from '../../bms/index.ts';
import type { CellReader } from './cells.ts';
import type { Reading, Sig, Signals } from './signals.ts';

const NAMES = {
  mainPos: 'PDU_MainPosState', mainNeg: 'PDU_MainNegState', precharge: 'PDU_PrechargeState',
  dcPos: 'PDU_DcChargePosState', dcNeg: 'PDU_DcChargeNegState', obcRelay: 'PDU_ObcRelayState',
  imdState: 'IMD_State', deviceError: 'IMD_DeviceError', isolation: 'IMD_IsolationResistance',
  packCurrent: 'SHUNT_PackCurrent', packVoltage: 'SHUNT_PackVoltage', linkVoltage: 'SHUNT_LinkVoltage', inletVoltage: 'SHUNT_InletVoltage',
} as const;

/** IMD_State → what the BMS needs: measuring (incl. warnings), in self-test, or faulty. */
function imdStatus(label: string): ImdStatus {
  if (label === 'SelfTest' || label === 'Initializing' || label === 'StoodDown') return 'selfTest';
  if (label === 'Ok' || label === 'Warning' || label === 'Fault') return 'measuring';
  return 'fault';
}

export class BmsInputReader {
  private readonly s;
  private lastFeedback: Record<ContactorName, Feedback> | undefined;
  private allValid = true;
  private oldestMs = 0;

  constructor(
    private readonly signals: Signals,
    private readonly cells: CellReader,
  ) {
    this.s = signals.resolve(NAMES);
  }

  /** The PDU's contactor feedback: valid only when all six are, as old as the oldest. */
  feedback(nowMs: number): Reading<Record<ContactorName, Feedback>> {
    // Straight from the store, no reading per contactor (this runs every tick); same keys, same order.
    const s = this.s;
    this.allValid = true;
    this.oldestMs = 0;
    const mainPos = this.contactor(s.mainPos, nowMs);
    const mainNeg = this.contactor(s.mainNeg, nowMs);
    const precharge = this.contactor(s.precharge, nowMs);
    const dcPos = this.contactor(s.dcPos, nowMs);
    const dcNeg = this.contactor(s.dcNeg, nowMs);
    const obcRelay = this.contactor(s.obcRelay, nowMs);
    let value = this.lastFeedback;
    // The same value object while every contactor reads the same (nearly every tick).
    if (
      value === undefined || value.mainPos !== mainPos || value.mainNeg !== mainNeg || value.precharge !== precharge
      || value.dcPos !== dcPos || value.dcNeg !== dcNeg || value.obcRelay !== obcRelay
    ) this.lastFeedback = value = { mainPos, mainNeg, precharge, dcPos, dcNeg, obcRelay };
    return { value, valid: this.allValid, ageMs: this.oldestMs };
  }

  /** One contactor's feedback; folds its validity and age into allValid / oldestMs. */
  private contactor(sig: Sig, nowMs: number): Feedback {
    const signals = this.signals;
    const label = signals.peekLabel(sig, nowMs);
    const valid = signals.store.peekValid && label !== undefined;
    const ageMs = signals.store.peekAgeMs;
    if (!valid) this.allValid = false;
    if (ageMs > this.oldestMs) this.oldestMs = ageMs;
    return !valid ? 'unknown' : label === 'Closed' ? 'closed' : 'open';
  }

  build(requests: BmsRequests, feedback: Reading<Record<ContactorName, Feedback>>, nowMs: number): BmsInput {
    const { signals, s } = this;
    const store = signals.store;
    const imdLabel = signals.peekLabel(s.imdState, nowMs);
    const imdValid = store.peekValid && imdLabel !== undefined;
    const imdAgeMs = store.peekAgeMs;
    const deviceError = signals.peek(s.deviceError, nowMs) === 1;
    const errorValid = store.peekValid;
    const errorAgeMs = store.peekAgeMs;
    return {
      cells: this.cells.read(nowMs),
      packCurrentA: signals.num(s.packCurrent, nowMs),
      packVoltageV: signals.num(s.packVoltage, nowMs),
      linkVoltageV: signals.num(s.linkVoltage, nowMs),
      inletVoltageV: signals.num(s.inletVoltage, nowMs),
      isolationKOhm: signals.num(s.isolation, nowMs),
      imdStatus: {
        value: deviceError ? 'fault' : imdStatus(imdLabel ?? ''),
        valid: imdValid && errorValid,
        ageMs: Math.max(0, imdAgeMs, errorAgeMs),
      },
      contactorFeedback: feedback,
      requests,
    };
  }
}
