// InletInput from the signal store: the INLET node's PP, CP, lock and pin temperatures, the
// shunt's inlet-bus voltage, the PDU's relay feedback, the OBC's state, and the other domains.
import type { BmsOutputs, ContactorName, Feedback } from '../../bms/index.ts';
import type { CpLevel, DcRequest, HmiInput, InletInput, LockFeedback, V2lRequest } from '../../inlet/index.ts';
import type { Gear } from '../mode/mode.ts';
import { combine, mapReading, type Reading, type Signals } from './signals.ts';

const CP_LEVELS = new Set(['A', 'B', 'C', 'D', 'E', 'F']);
const LOCK: Readonly<Record<string, LockFeedback>> = { Unlocked: 'unlocked', Locked: 'locked', Moving: 'moving', Fault: 'fault' };

export function readGear(signals: Signals, nowMs: number): Reading<{ gear: Gear; speedKph: number }> {
  const gear = signals.label('VEH_Gear', nowMs);
  const speed = signals.num('VEH_Speed', nowMs);
  return combine({ gear: gear.value as Gear, speedKph: speed.value }, gear, speed);
}

function contact(r: Reading<Feedback>): Reading<'open' | 'closed'> {
  return { value: r.value === 'closed' ? 'closed' : 'open', valid: r.valid && r.value !== 'unknown', ageMs: r.ageMs };
}

export interface InletContext {
  feedback: Reading<Record<ContactorName, Feedback>>;
  bms: BmsOutputs;
  hmi: HmiInput;
  dcRequest: DcRequest;
  v2lRequest: V2lRequest;
}

export function buildInletInput(signals: Signals, ctx: InletContext, nowMs: number): InletInput {
  const pp = signals.store.read('INLET_PpResistance', nowMs);
  const ppLabel = signals.label('INLET_PpResistance', nowMs);
  const cpState = signals.label('INLET_CpState', nowMs);
  const duty = signals.num('INLET_CpDuty', nowMs);
  const pwm = signals.flag('INLET_CpPwmPresent', nowMs);
  const lock = signals.label('INLET_LockState', nowMs);
  const fb = ctx.feedback;
  const each = (name: ContactorName) => contact({ value: fb.value[name], valid: fb.valid, ageMs: fb.ageMs });
  const obcState = signals.label('OBC_State', nowMs);
  const obcAc = signals.num('OBC_AcVoltage', nowMs);
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
    lockFeedback: mapReading(lock, (l) => LOCK[l] ?? 'fault'),
    manualRelease: signals.flag('INLET_ManualRelease', nowMs),
    pinTempsC: [signals.num('INLET_DcPosPinTemp', nowMs), signals.num('INLET_DcNegPinTemp', nowMs)],
    inletVoltageV: signals.num('SHUNT_InletVoltage', nowMs),
    inletCurrentA: inletCurrent(signals, fb, nowMs),
    obcRelay: each('obcRelay'),
    dcContactorPositive: each('dcPos'),
    dcContactorNegative: each('dcNeg'),
    bms: {
      value: {
        chargeCurrentLimitA: bms.chargeCurrentLimitA, chargePowerLimitW: bms.chargePowerLimitW,
        packVoltageV: bms.packVoltageV, socPct: bms.socPct, chargeAllowed: bms.chargeAllowed,
      },
      valid: Number.isFinite(bms.packVoltageV),
      ageMs: 0,
    },
    obc: combine(
      // Off is a healthy OBC we have not enabled yet: the AC session enables it once S2 closes, so
      // Off must count as ready or AC never starts (only Fault is not).
      { ready: ['Off', 'Standby', 'Charging', 'Derating'].includes(obcState.value), fault: obcState.value === 'Fault', acVoltageV: obcAc.valid ? obcAc.value : 0 },
      obcState,
    ),
    hmi: { value: ctx.hmi, valid: true, ageMs: 0 },
    vehicle: readGear(signals, nowMs),
    dcRequest: ctx.dcRequest,
    v2lRequest: ctx.v2lRequest,
  };
}

/**
 * Current through the inlet as the car knows it: with the charge paths proven open nothing can
 * flow into the car through the pins; otherwise the pack current (the shunt sees the inlet's
 * current when the DC-charge contactors or the OBC relay carry it).
 */
function inletCurrent(signals: Signals, fb: Reading<Record<ContactorName, Feedback>>, nowMs: number): Reading<number> {
  const pathsOpen = fb.valid && fb.value.dcPos === 'open' && fb.value.dcNeg === 'open' && fb.value.obcRelay === 'open';
  if (pathsOpen) return { value: 0, valid: true, ageMs: fb.ageMs };
  return signals.num('SHUNT_PackCurrent', nowMs);
}
