// DcInput from the signal store (the CCC's reports, the boost converter) and from this tick's
// inlet port and BMS outputs. The DC session never sees CAN.
import { crateAt, type BmsConfig, type BmsOutputs, type ContactorName, type Feedback } from '../../bms/index.ts';
import type { InletOutputs } from '../../inlet/index.ts';
import type {
  CccInput, CccPhase, CccResult, DcConfig, DcInput, EvseNotification, EvseStatus, HmiInput, IsolationStatus, SocTable,
} from '../../inlet/dc/index.ts';
import type { Reading, Signals } from './signals.ts';

/** CCC_PhaseRequest / CCC_PhaseReported labels ↔ the session's phases ('abort' is sent as None). */
export const CCC_PHASE_LABELS: Readonly<Record<CccPhase, string>> = {
  none: 'None', sessionSetup: 'SessionSetup', authorization: 'ServiceDiscoveryAuthorization',
  chargeParameterDiscovery: 'ChargeParameterDiscovery', cableCheck: 'CableCheck', preCharge: 'PreCharge',
  powerDeliveryStart: 'PowerDeliveryStart', currentDemand: 'CurrentDemand', powerDeliveryStop: 'PowerDeliveryStop',
  weldingDetection: 'WeldingDetection', sessionStop: 'SessionStop', abort: 'None',
};
const PHASE_OF_LABEL = new Map(Object.entries(CCC_PHASE_LABELS).filter(([p]) => p !== 'abort').map(([p, l]) => [l, p as CccPhase]));
const RESULT: Readonly<Record<string, CccResult>> = { Idle: 'none', Ongoing: 'ongoing', Ok: 'ok', Failed: 'failed', Timeout: 'timeout', SequenceError: 'failed', ConnectionLost: 'failed' };
const EVSE_STATUS: Readonly<Record<string, EvseStatus>> = {
  EVSE_NotReady: 'notReady', EVSE_Ready: 'ready', EVSE_Shutdown: 'shutdown', EVSE_UtilityInterruptEvent: 'shutdown',
  EVSE_IsolationMonitoringActive: 'isolationMonitoringActive', EVSE_EmergencyShutdown: 'emergencyShutdown', EVSE_Malfunction: 'malfunction',
};
const ISOLATION: Readonly<Record<string, IsolationStatus>> = { Invalid: 'invalid', Valid: 'valid', Warning: 'warning', Fault: 'fault', No_IMD: 'noImd' };
const NOTIFICATION: Readonly<Record<string, EvseNotification>> = { None: 'none', StopCharging: 'stopCharging', ReNegotiation: 'reNegotiation' };
const PROTOCOL: Readonly<Record<string, CccInput['protocol']>> = { Din70121: 'din70121', Iso15118_2: 'iso15118-2', Iso15118_20: 'iso15118-20' };

/** Counts the CCC's status frames: each new one is one answer (inlet/dc/README.md "CCC contract"). */
export class CccAnswerCounter {
  private lastRxMs = -Infinity;
  seq = 0;
  observe(r: Reading<unknown>, nowMs: number): number {
    const rxMs = nowMs - r.ageMs;
    if (r.valid && rxMs !== this.lastRxMs) {
      this.lastRxMs = rxMs;
      this.seq++;
    }
    return this.seq;
  }
}

/** A valid reading's value, else 0 (module level: no closure per tick). */
function finite(r: Reading<number>): number {
  return r.valid ? r.value : 0;
}

export function readCcc(signals: Signals, counter: CccAnswerCounter, nowMs: number): CccInput {
  const phase = signals.label('CCC_PhaseReported', nowMs);
  const presentV = signals.num('CCC_EvsePresentVoltage', nowMs);
  const presentA = signals.num('CCC_EvsePresentCurrent', nowMs);
  const maxV = signals.num('CCC_EvseMaxVoltage', nowMs);
  const maxA = signals.num('CCC_EvseMaxCurrent', nowMs);
  const maxW = signals.num('CCC_EvseMaxPower', nowMs);
  const minV = signals.num('CCC_EvseMinVoltage', nowMs);
  return {
    valid: phase.valid,
    rxAgeMs: phase.ageMs,
    phaseReported: PHASE_OF_LABEL.get(phase.value) ?? 'none',
    result: RESULT[signals.label('CCC_PhaseResult', nowMs).value] ?? 'none',
    resSeq: counter.observe(phase, nowMs),
    protocol: PROTOCOL[signals.label('CCC_Protocol', nowMs).value] ?? 'unknown',
    evseStatus: EVSE_STATUS[signals.label('CCC_EvseStatusCode', nowMs).value] ?? 'unknown',
    isolationStatus: ISOLATION[signals.label('CCC_EvseIsolationStatus', nowMs).value] ?? 'invalid',
    notification: NOTIFICATION[signals.label('CCC_EvseNotification', nowMs).value] ?? 'none',
    evseMaxVoltageV: finite(maxV),
    evseMinVoltageV: finite(minV),
    evseMaxCurrentA: finite(maxA),
    evseMaxPowerW: finite(maxW),
    presentVoltageV: finite(presentV),
    presentCurrentA: finite(presentA),
    paymentOptions: { eim: signals.flag('CCC_EimOffered', nowMs).value, pnc: signals.flag('CCC_PncOffered', nowMs).value },
  };
}

export interface DcContext {
  config: DcConfig;
  bmsConfig: BmsConfig;
  bms: BmsOutputs;
  feedback: Reading<Record<ContactorName, Feedback>>;
  inlet: InletOutputs;
  hmi: HmiInput;
  announceMaxVoltageV: number;
  curves: { chargeCurrent: SocTable; packVoltage: SocTable };
}

export function buildDcInput(signals: Signals, counter: CccAnswerCounter, ctx: DcContext, nowMs: number): DcInput {
  const { bms, inlet, feedback: fb } = ctx;
  const fbOk = fb.valid;
  const boostMode = signals.label('BOOST_Mode', nowMs);
  const boostIn = signals.num('BOOST_InputVoltage', nowMs);
  const derating = signals.flag('BOOST_Derating', nowMs);
  const maxAvail = signals.num('BOOST_MaxPowerAvailable', nowMs);
  const ratedW = ctx.config.boost.maxPowerW;
  return {
    config: ctx.config,
    ccc: readCcc(signals, counter, nowMs),
    port: {
      connectorPresent: inlet.connector.present,
      // The inlet refuses while the latch is pressed; that same press is the session's normal stop.
      dcAllowed: inlet.dcSessionAllowed || (inlet.connector.latchPressed && inlet.refusal?.code === 'latch-pressed'),
      latchPressed: inlet.connector.latchPressed,
      // A pressed latch is the user about to unplug: the session's own normal stop (latchPressed),
      // not the emergency stop of a failing pilot or a pulled release (DESIGN.md §4).
      stopNow: inlet.stopNow !== null && inlet.stopNow.reason !== 'latch-pressed',
      ...(inlet.stopNow ? { stopReason: inlet.stopNow.text } : {}),
      cpDigital: inlet.cp.digital,
      ratingA: inlet.connector.ratingA,
      lockState: inlet.lock.state,
      pinLimitA: inlet.pinLimitA,
      pinLimitReason: inlet.pinLimitReason,
      inletVoltageV: signals.num('SHUNT_InletVoltage', nowMs),
      inletCurrentA: fbOk && fb.value.dcPos === 'open' && fb.value.dcNeg === 'open'
        ? { value: 0, valid: true, ageMs: fb.ageMs }
        : inletFromPack(signals.num('SHUNT_PackCurrent', nowMs)),
    },
    bms: {
      valid: Number.isFinite(bms.packVoltageV),
      chargeCurrentLimitA: bms.chargeCurrentLimitA,
      chargePowerLimitW: bms.chargePowerLimitW,
      packVoltageV: bms.packVoltageV,
      packMaxVoltageV: ctx.bmsConfig.pack.seriesCells * ctx.bmsConfig.chemistry.cellVoltageHighV.operating,
      announceMaxVoltageV: ctx.announceMaxVoltageV,
      socPct: bms.socPct,
      usableCapacityAh: bms.capacityAh,
      chargeAllowed: bms.chargeAllowed,
      criticalFault: bms.criticalFault,
      dcContactorsClosed: fbOk && fb.value.dcPos === 'closed' && fb.value.dcNeg === 'closed',
      dcContactorsOpen: fbOk && fb.value.dcPos === 'open' && fb.value.dcNeg === 'open',
      chargeCurrentCurve: ctx.curves.chargeCurrent,
      packVoltageCurve: ctx.curves.packVoltage,
    },
    boost: {
      valid: boostMode.valid,
      status: boostMode.value === 'Fault' ? 'fault' : boostMode.value === 'Boost' || boostMode.value === 'Bypass' ? 'running' : boostMode.value === 'Off' || boostMode.value === 'Starting' || boostMode.value === 'Stopping' ? 'ready' : 'off',
      tempLimitFactor: derating.value && maxAvail.valid && ratedW > 0 ? Math.min(1, maxAvail.value / ratedW) : 1,
      inputVoltageV: boostIn.valid ? boostIn.value : 0,
    },
    hmi: ctx.hmi,
  };
}

/**
 * Current through the DC inlet from the pack's shunt: the charge current into the pack, at least.
 * The link's loads (TMS ~3 kW, 12 V) draw from the pack beside it, so a negative pack current is
 * the loads, not current through the inlet (~7 A on a 400 V pack tripped "current before it was
 * asked" and held the contactors past the break current).
 */
function inletFromPack(r: Reading<number>): Reading<number> {
  return r.valid ? { ...r, value: Math.max(0, r.value) } : r;
}

/** The BMS charge-current limit over SOC at the pack's present mean temperature (remaining time). */
export function chargeCurrentCurve(cfg: BmsConfig, tempC: number): SocTable {
  const points: [number, number][] = [];
  for (let soc = 0; soc <= 100; soc += 5) points.push([soc, crateAt(cfg.chemistry.chargeMap, soc, tempC) * cfg.pack.nominalCapacityAh]);
  return points;
}

/** The pack's open-circuit voltage over SOC (planner and remaining time). */
export function packVoltageCurve(cfg: BmsConfig): SocTable {
  const { xs, ys } = cfg.chemistry.ocvVBySocPct;
  return xs.map((soc, i) => [soc, ys[i]! * cfg.pack.seriesCells] as const);
}
