// InletInput from the signal store: the INLET node's PP, CP, lock and pin temperatures, the
// shunt's inlet-bus voltage, the PDU's relay feedback, the OBC's state, and the other domains.
import type { BmsOutputs, ContactorName, Feedback } from '../../bms/index.ts';
import type { CpLevel, DcRequest, HmiInput, InletInput, LockFeedback, V2lRequest } from '../../inlet/index.ts';
import type { Gear } from '../mode/mode.ts';
import type { Reading, Signals } from './signals.ts';

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

  constructor(private readonly signals: Signals) {
    this.s = signals.resolve(NAMES);
  }

  gear(nowMs: number): Reading<{ gear: Gear; speedKph: number }> {
    const gear = this.signals.label(this.s.gear, nowMs);
    const speed = this.signals.num(this.s.speed, nowMs);
    return { value: { gear: gear.value as Gear, speedKph: speed.value }, valid: gear.valid && speed.valid, ageMs: Math.max(0, gear.ageMs, speed.ageMs) };
  }

  build(ctx: InletContext, nowMs: number): InletInput {
    const { signals, s } = this;
    const pp = signals.num(s.pp, nowMs);
    const ppLabel = signals.label(s.pp, nowMs);
    const cpState = signals.label(s.cpState, nowMs);
    const duty = signals.num(s.duty, nowMs);
    const pwm = signals.flag(s.pwm, nowMs);
    const lock = signals.label(s.lock, nowMs);
    const fb = ctx.feedback;
    const obcState = signals.label(s.obcState, nowMs);
    const obcAc = signals.num(s.obcAc, nowMs);
    const bms = ctx.bms;
    return {
      // "Open" (65534) is a label inside the range: nothing between PP and PE.
      ppOhm: ppLabel.valid && ppLabel.value === 'Open'
        ? { value: Infinity, valid: true, ageMs: pp.ageMs }
        : { value: pp.value, valid: pp.valid, ageMs: pp.ageMs },
      cp: {
        value: { state: cpState.value as CpLevel, dutyPct: duty.valid ? duty.value : 0, pwmPresent: pwm.value },
        valid: cpState.valid && pwm.valid && CP_LEVELS.has(cpState.value),
        ageMs: Math.max(cpState.ageMs, pwm.ageMs),
      },
      lockFeedback: { value: LOCK[lock.value] ?? 'fault', valid: lock.valid, ageMs: lock.ageMs },
      manualRelease: signals.flag(s.manualRelease, nowMs),
      pinTempsC: [signals.num(s.dcPosPin, nowMs), signals.num(s.dcNegPin, nowMs)],
      inletVoltageV: signals.num(s.inletVoltage, nowMs),
      inletCurrentA: this.inletCurrent(fb, nowMs),
      obcRelay: contact(fb, 'obcRelay'),
      dcContactorPositive: contact(fb, 'dcPos'),
      dcContactorNegative: contact(fb, 'dcNeg'),
      bms: {
        value: {
          chargeCurrentLimitA: bms.chargeCurrentLimitA, chargePowerLimitW: bms.chargePowerLimitW,
          packVoltageV: bms.packVoltageV, socPct: bms.socPct, chargeAllowed: bms.chargeAllowed,
        },
        valid: Number.isFinite(bms.packVoltageV),
        ageMs: 0,
      },
      obc: {
        value: { ready: obcReady(obcState.value), fault: obcState.value === 'Fault', acVoltageV: obcAc.valid ? obcAc.value : 0 },
        valid: obcState.valid,
        ageMs: Math.max(0, obcState.ageMs),
      },
      hmi: { value: ctx.hmi, valid: true, ageMs: 0 },
      vehicle: ctx.vehicle,
      dcRequest: ctx.dcRequest,
      v2lRequest: ctx.v2lRequest,
    };
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
