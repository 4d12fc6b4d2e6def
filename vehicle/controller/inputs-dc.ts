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

const NAMES = {
  phase: 'CCC_PhaseReported', result: 'CCC_PhaseResult', protocol: 'CCC_Protocol', evseStatus: 'CCC_EvseStatusCode',
  isolation: 'CCC_EvseIsolationStatus', notification: 'CCC_EvseNotification',
  presentV: 'CCC_EvsePresentVoltage', presentA: 'CCC_EvsePresentCurrent', maxV: 'CCC_EvseMaxVoltage', maxA: 'CCC_EvseMaxCurrent',
  maxW: 'CCC_EvseMaxPower', minV: 'CCC_EvseMinVoltage', eim: 'CCC_EimOffered', pnc: 'CCC_PncOffered',
  boostMode: 'BOOST_Mode', boostIn: 'BOOST_InputVoltage', derating: 'BOOST_Derating', maxAvail: 'BOOST_MaxPowerAvailable',
  inletVoltage: 'SHUNT_InletVoltage', packCurrent: 'SHUNT_PackCurrent',
} as const;

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

/** Reads the CCC's and the boost converter's frames; signals resolved once, when made. */
export class DcInputReader {
  private readonly s;
  private readonly counter = new CccAnswerCounter();

  constructor(private readonly signals: Signals) {
    this.s = signals.resolve(NAMES);
  }

  ccc(nowMs: number): CccInput {
    const { signals, s } = this;
    const phase = signals.label(s.phase, nowMs);
    const presentV = signals.num(s.presentV, nowMs);
    const presentA = signals.num(s.presentA, nowMs);
    const maxV = signals.num(s.maxV, nowMs);
    const maxA = signals.num(s.maxA, nowMs);
    const maxW = signals.num(s.maxW, nowMs);
    const minV = signals.num(s.minV, nowMs);
    return {
      valid: phase.valid,
      rxAgeMs: phase.ageMs,
      phaseReported: PHASE_OF_LABEL.get(phase.value) ?? 'none',
      result: RESULT[signals.label(s.result, nowMs).value] ?? 'none',
      resSeq: this.counter.observe(phase, nowMs),
      protocol: PROTOCOL[signals.label(s.protocol, nowMs).value] ?? 'unknown',
      evseStatus: EVSE_STATUS[signals.label(s.evseStatus, nowMs).value] ?? 'unknown',
      isolationStatus: ISOLATION[signals.label(s.isolation, nowMs).value] ?? 'invalid',
      notification: NOTIFICATION[signals.label(s.notification, nowMs).value] ?? 'none',
      evseMaxVoltageV: finite(maxV),
      evseMinVoltageV: finite(minV),
      evseMaxCurrentA: finite(maxA),
      evseMaxPowerW: finite(maxW),
      presentVoltageV: finite(presentV),
      presentCurrentA: finite(presentA),
      paymentOptions: { eim: signals.flag(s.eim, nowMs).value, pnc: signals.flag(s.pnc, nowMs).value },
    };
  }

  build(ctx: DcContext, nowMs: number): DcInput {
    const { signals, s } = this;
    const { bms, inlet, feedback: fb } = ctx;
    const fbOk = fb.valid;
    const boostMode = signals.label(s.boostMode, nowMs);
    const boostIn = signals.num(s.boostIn, nowMs);
    const derating = signals.flag(s.derating, nowMs);
    const maxAvail = signals.num(s.maxAvail, nowMs);
    const ratedW = ctx.config.boost.maxPowerW;
    const port: DcInput['port'] = {
      connectorPresent: inlet.connector.present,
      // The inlet refuses while the latch is pressed; that same press is the session's normal stop.
      dcAllowed: inlet.dcSessionAllowed || (inlet.connector.latchPressed && inlet.refusal?.code === 'latch-pressed'),
      latchPressed: inlet.connector.latchPressed,
      // A pressed latch is the user about to unplug: the session's own normal stop (latchPressed),
      // not the emergency stop of a failing pilot or a pulled release (DESIGN.md §4).
      stopNow: inlet.stopNow !== null && inlet.stopNow.reason !== 'latch-pressed',
      cpDigital: inlet.cp.digital,
      ratingA: inlet.connector.ratingA,
      lockState: inlet.lock.state,
      pinLimitA: inlet.pinLimitA,
      pinLimitReason: inlet.pinLimitReason,
      inletVoltageV: signals.num(s.inletVoltage, nowMs),
      inletCurrentA: fbOk && fb.value.dcPos === 'open' && fb.value.dcNeg === 'open'
        ? { value: 0, valid: true, ageMs: fb.ageMs }
        : inletFromPack(signals.num(s.packCurrent, nowMs)),
    };
    if (inlet.stopNow) port.stopReason = inlet.stopNow.text;
    return {
      config: ctx.config,
      ccc: this.ccc(nowMs),
      port,
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
}

/**
 * Current through the DC inlet from the pack's shunt: the charge current into the pack, at least.
 * The link's loads (TMS ~3 kW, 12 V) draw from the pack beside it, so a negative pack current is
 * the loads, not current through the inlet (~7 A on a 400 V pack tripped "current before it was
 * asked" and held the contactors past the break current).
 */
function inletFromPack(r: Reading<number>): Reading<number> {
  return r.valid ? { value: Math.max(0, r.value), valid: r.valid, ageMs: r.ageMs } : r;
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
