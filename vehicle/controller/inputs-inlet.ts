// InletInput from the signal store: the INLET node's PP, CP, lock and pin temperatures, the
// shunt's inlet-bus voltage, the PDU's relay feedback, the OBC's state, and the other domains.
import type { BmsOutputs, ContactorName, Feedback } from '../../bms/index.ts';
import type { CpLevel, DcRequest, HmiInput, InletInput, LockFeedback, V2lRequest } from '../../inlet/index.ts';
import type { Gear } from '../mode/mode.ts';
import { labelOf, sameNum, type Reading, type Signals } from './signals.ts';

const CP_LEVELS = new Set(['A', 'B', 'C', 'D', 'E', 'F']);
const LOCK: Readonly<Record<string, LockFeedback>> = { Unlocked: 'unlocked', Locked: 'locked', Moving: 'moving', Fault: 'fault' };

const NAMES = {
  pp: 'INLET_PpResistance', cpState: 'INLET_CpState', duty: 'INLET_CpDuty', pwm: 'INLET_CpPwmPresent', lock: 'INLET_LockState',
  manualRelease: 'INLET_ManualRelease', dcPosPin: 'INLET_DcPosPinTemp', dcNegPin: 'INLET_DcNegPinTemp',
  obcState: 'OBC_State', obcAc: 'OBC_AcVoltage', inletVoltage: 'SHUNT_InletVoltage', packCurrent: 'SHUNT_PackCurrent',
  gear: 'VEH_Gear', speed: 'VEH_Speed',
} as const;

/** OBC_State labels of a healthy OBC. Off is one we have not enabled yet: the AC session enables it once S2 closes, so Off must count as ready or AC never starts (only Fault is not). */
function obcReady(label: string): boolean {
  return label === 'Off' || label === 'Standby' || label === 'Charging' || label === 'Derating';
}

/** A contactor's feedback as the inlet wants it (module level: no closure per tick). */
function contact(fb: Reading<Record<ContactorName, Feedback>>, name: ContactorName): Reading<'open' | 'closed'> {
  const value = fb.value[name];
  return { value: value === 'closed' ? 'closed' : 'open', valid: fb.valid && value !== 'unknown', ageMs: fb.ageMs };
}

type CpValue = InletInput['cp']['value'];
type BmsValue = InletInput['bms']['value'];
type ObcValue = InletInput['obc']['value'];

export interface InletContext {
  feedback: Reading<Record<ContactorName, Feedback>>;
  bms: BmsOutputs;
  hmi: HmiInput;
  dcRequest: DcRequest;
  v2lRequest: V2lRequest;
  /** This tick's gear and speed (InletInputReader.gear), read once for mode and inlet. */
  vehicle: Reading<{ gear: Gear; speedKph: number }>;
}

/** Reads the INLET node, the OBC, the shunt and the gear; signals resolved once, when made. */
export class InletInputReader {
  private readonly s;
  private vehicle: { gear: Gear; speedKph: number } | undefined;
  private cp: CpValue | undefined;
  private bms: BmsValue | undefined;
  private obc: ObcValue | undefined;
  private hmi: Reading<HmiInput> | undefined;

  constructor(private readonly signals: Signals) {
    this.s = signals.resolve(NAMES);
  }

  gear(nowMs: number): Reading<{ gear: Gear; speedKph: number }> {
    const { signals, s } = this;
    const store = signals.store;
    const label = signals.peekLabel(s.gear, nowMs);
    const gearValid = store.peekValid && label !== undefined;
    const gearAgeMs = store.peekAgeMs;
    const speedKph = signals.peek(s.speed, nowMs);
    const gear = (label ?? '') as Gear;
    // The same value object while gear and speed read the same (parked: every tick).
    let value = this.vehicle;
    if (value === undefined || value.gear !== gear || !sameNum(value.speedKph, speedKph)) this.vehicle = value = { gear, speedKph };
    return { value, valid: gearValid && store.peekValid, ageMs: Math.max(0, gearAgeMs, store.peekAgeMs) };
  }

  build(ctx: InletContext, nowMs: number): InletInput {
    const { signals, s } = this;
    const store = signals.store;
    // Readings the domain only needs parts of are read straight from the store (no objects).
    const ppValue = signals.peek(s.pp, nowMs);
    const ppValid = store.peekValid;
    const ppAgeMs = store.peekAgeMs;
    const ppLabel = labelOf(s.pp, ppValue);
    const cpLabel = signals.peekLabel(s.cpState, nowMs);
    const cpValid = store.peekValid && cpLabel !== undefined;
    const cpAgeMs = store.peekAgeMs;
    const dutyValue = signals.peek(s.duty, nowMs);
    const dutyPct = store.peekValid ? dutyValue : 0;
    const pwmPresent = signals.peek(s.pwm, nowMs) === 1;
    const pwmValid = store.peekValid;
    const pwmAgeMs = store.peekAgeMs;
    const lockLabel = signals.peekLabel(s.lock, nowMs);
    const lockValid = store.peekValid && lockLabel !== undefined;
    const lockAgeMs = store.peekAgeMs;
    const obcRead = signals.peekLabel(s.obcState, nowMs);
    const obcValid = store.peekValid && obcRead !== undefined;
    const obcLabel = obcRead ?? '';
    const obcAgeMs = store.peekAgeMs;
    const obcAc = signals.peek(s.obcAc, nowMs);
    const acVoltageV = store.peekValid ? obcAc : 0;
    const fb = ctx.feedback;
    const cpState = (cpLabel ?? '') as CpLevel;
    return {
      // "Open" (65534) is a label inside the range: nothing between PP and PE.
      ppOhm: ppValid && ppLabel === 'Open'
        ? { value: Infinity, valid: true, ageMs: ppAgeMs }
        : { value: ppValue, valid: ppValid, ageMs: ppAgeMs },
      cp: {
        value: this.cpValue(cpState, dutyPct, pwmPresent),
        valid: cpValid && pwmValid && CP_LEVELS.has(cpState),
        ageMs: Math.max(cpAgeMs, pwmAgeMs),
      },
      lockFeedback: { value: LOCK[lockLabel ?? ''] ?? 'fault', valid: lockValid, ageMs: lockAgeMs },
      manualRelease: signals.flag(s.manualRelease, nowMs),
      pinTempsC: [signals.num(s.dcPosPin, nowMs), signals.num(s.dcNegPin, nowMs)],
      inletVoltageV: signals.num(s.inletVoltage, nowMs),
      inletCurrentA: this.inletCurrent(fb, nowMs),
      obcRelay: contact(fb, 'obcRelay'),
      dcContactorPositive: contact(fb, 'dcPos'),
      dcContactorNegative: contact(fb, 'dcNeg'),
      bms: { value: this.bmsValue(ctx.bms), valid: Number.isFinite(ctx.bms.packVoltageV), ageMs: 0 },
      obc: { value: this.obcValue(obcLabel, acVoltageV), valid: obcValid, ageMs: Math.max(0, obcAgeMs) },
      hmi: this.hmiReading(ctx.hmi),
      vehicle: ctx.vehicle,
      dcRequest: ctx.dcRequest,
      v2lRequest: ctx.v2lRequest,
    };
  }

  // The value objects below stay the same object while their fields read the same (most ticks).

  private cpValue(state: CpLevel, dutyPct: number, pwmPresent: boolean): CpValue {
    const last = this.cp;
    if (last !== undefined && last.state === state && sameNum(last.dutyPct, dutyPct) && last.pwmPresent === pwmPresent) return last;
    return (this.cp = { state, dutyPct, pwmPresent });
  }

  private bmsValue(bms: BmsOutputs): BmsValue {
    const last = this.bms;
    if (
      last !== undefined && sameNum(last.chargeCurrentLimitA, bms.chargeCurrentLimitA) && sameNum(last.chargePowerLimitW, bms.chargePowerLimitW)
      && sameNum(last.packVoltageV, bms.packVoltageV) && sameNum(last.socPct, bms.socPct) && last.chargeAllowed === bms.chargeAllowed
    ) return last;
    return (this.bms = {
      chargeCurrentLimitA: bms.chargeCurrentLimitA, chargePowerLimitW: bms.chargePowerLimitW,
      packVoltageV: bms.packVoltageV, socPct: bms.socPct, chargeAllowed: bms.chargeAllowed,
    });
  }

  private obcValue(label: string, acVoltageV: number): ObcValue {
    const ready = obcReady(label);
    const fault = label === 'Fault';
    const last = this.obc;
    if (last !== undefined && last.ready === ready && last.fault === fault && sameNum(last.acVoltageV, acVoltageV)) return last;
    return (this.obc = { ready, fault, acVoltageV });
  }

  /** The HMI's levels as a reading: the same reading while the controller hands in the same levels. */
  private hmiReading(hmi: HmiInput): Reading<HmiInput> {
    const last = this.hmi;
    if (last !== undefined && last.value === hmi) return last;
    return (this.hmi = { value: hmi, valid: true, ageMs: 0 });
  }

  /**
   * Current through the inlet as the car knows it: with the charge paths proven open nothing can
   * flow into the car through the pins; otherwise the pack current (the shunt sees the inlet's
   * current when the DC-charge contactors or the OBC relay carry it).
   */
  private inletCurrent(fb: Reading<Record<ContactorName, Feedback>>, nowMs: number): Reading<number> {
    const pathsOpen = fb.valid && fb.value.dcPos === 'open' && fb.value.dcNeg === 'open' && fb.value.obcRelay === 'open';
    if (pathsOpen) return { value: 0, valid: true, ageMs: fb.ageMs };
    return this.signals.num(this.s.packCurrent, nowMs);
  }
}
