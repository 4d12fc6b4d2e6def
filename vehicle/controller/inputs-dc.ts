// DcInput from the signal store (the CCC's reports, the boost converter) and from this tick's
// inlet port and BMS outputs. The DC session never sees CAN.
import { crateAt, type BmsConfig, type BmsOutputs, type ContactorName, type Feedback } from '../../bms/index.ts';
import type { InletOutputs } from '../../inlet/index.ts';
import type {
  CccInput, CccPhase, CccResult, DcConfig, DcInput, EvseNotification, EvseStatus, HmiInput, IsolationStatus, SocTable,
} from '../../inlet/dc/index.ts';
import { sameNum, type Reading, type Sig, type Signals } from './signals.ts';

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
    return this.observeRx(r.valid, r.ageMs, nowMs);
  }

  /** `observe` from a reading's validity and age (no reading object needed). */
  observeRx(valid: boolean, ageMs: number, nowMs: number): number {
    const rxMs = nowMs - ageMs;
    if (valid && rxMs !== this.lastRxMs) {
      this.lastRxMs = rxMs;
      this.seq++;
    }
    return this.seq;
  }
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

/** The fields of CccInput that come from CCC_SessionStatus values alone. */
type CccStatusLabels = Pick<CccInput, 'phaseReported' | 'result' | 'protocol' | 'evseStatus' | 'isolationStatus' | 'notification' | 'paymentOptions'>;

/** Reads the CCC's and the boost converter's frames; signals resolved once, when made. */
export class DcInputReader {
  private readonly s;
  private readonly counter = new CccAnswerCounter();
  /** The session-status enums and the store's version of their message when they were read. */
  private status: CccStatusLabels | undefined;
  private statusVersion = -1;
  /** All of them in one message (the DBC's CCC_SessionStatus): else read every tick. */
  private readonly statusOneMessage: boolean;
  private boost: DcInput['boost'] | undefined;

  constructor(private readonly signals: Signals) {
    this.s = signals.resolve(NAMES);
    const s = this.s;
    const status = signals.store.messageOf(s.phase.handle);
    this.statusOneMessage = [s.result, s.protocol, s.evseStatus, s.isolation, s.notification, s.eim, s.pnc]
      .every((x) => signals.store.messageOf(x.handle) === status);
  }

  /** A number's value when valid, else 0 (read straight from the store: no reading object). */
  private finite(sig: Sig, nowMs: number): number {
    const value = this.signals.peek(sig, nowMs);
    return this.signals.store.peekValid ? value : 0;
  }

  /** An enum's label, '' when unlabelled (as `Signals.label` reads it), without a reading object. */
  private label(sig: Sig, nowMs: number): string {
    return this.signals.peekLabel(sig, nowMs) ?? '';
  }

  ccc(nowMs: number): CccInput {
    const { signals, s } = this;
    const store = signals.store;
    // Straight from the store (no reading objects: this runs every tick); same reads as before.
    const phaseLabel = signals.peekLabel(s.phase, nowMs);
    const phaseValid = store.peekValid && phaseLabel !== undefined;
    const phaseAgeMs = store.peekAgeMs;
    const maxV = this.finite(s.maxV, nowMs);
    const maxA = this.finite(s.maxA, nowMs);
    const maxW = this.finite(s.maxW, nowMs);
    const minV = this.finite(s.minV, nowMs);
    const presentV = this.finite(s.presentV, nowMs);
    const presentA = this.finite(s.presentA, nowMs);
    const status = this.statusLabels(phaseLabel, nowMs);
    return {
      valid: phaseValid,
      rxAgeMs: phaseAgeMs,
      phaseReported: status.phaseReported,
      result: status.result,
      resSeq: this.counter.observeRx(phaseValid, phaseAgeMs, nowMs),
      protocol: status.protocol,
      evseStatus: status.evseStatus,
      isolationStatus: status.isolationStatus,
      notification: status.notification,
      evseMaxVoltageV: maxV,
      evseMinVoltageV: minV,
      evseMaxCurrentA: maxA,
      evseMaxPowerW: maxW,
      presentVoltageV: presentV,
      presentCurrentA: presentA,
      // The same object while the offer is unchanged (nearly every tick).
      paymentOptions: status.paymentOptions,
    };
  }

  /**
   * The session-status frame's enums as the session wants them. They read values only (never
   * validity or age), so while no CCC_SessionStatus frame arrived (the store's version of the
   * message is unchanged) they are the last ones again; one lookup per label per frame, not per tick.
   */
  private statusLabels(phaseLabel: string | undefined, nowMs: number): CccStatusLabels {
    const version = this.signals.store.version(this.s.phase.handle);
    const last = this.status;
    if (last !== undefined && version === this.statusVersion && this.statusOneMessage) return last;
    const { signals, s } = this;
    const eim = signals.peek(s.eim, nowMs) === 1;
    const pnc = signals.peek(s.pnc, nowMs) === 1;
    let payment = last?.paymentOptions;
    if (payment === undefined || payment.eim !== eim || payment.pnc !== pnc) payment = { eim, pnc };
    const status: CccStatusLabels = {
      phaseReported: PHASE_OF_LABEL.get(phaseLabel ?? '') ?? 'none',
      result: RESULT[this.label(s.result, nowMs)] ?? 'none',
      protocol: PROTOCOL[this.label(s.protocol, nowMs)] ?? 'unknown',
      evseStatus: EVSE_STATUS[this.label(s.evseStatus, nowMs)] ?? 'unknown',
      isolationStatus: ISOLATION[this.label(s.isolation, nowMs)] ?? 'invalid',
      notification: NOTIFICATION[this.label(s.notification, nowMs)] ?? 'none',
      paymentOptions: payment,
    };
    this.status = status;
    this.statusVersion = version;
    return status;
  }

  build(ctx: DcContext, nowMs: number): DcInput {
    const { signals, s } = this;
    const { bms, inlet, feedback: fb } = ctx;
    const fbOk = fb.valid;
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
        : this.inletFromPack(nowMs),
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
      boost: this.boostOf(ctx.config.boost.maxPowerW, nowMs),
      hmi: ctx.hmi,
    };
  }

  /**
   * Current through the DC inlet from the pack's shunt: the charge current into the pack, at least.
   * The link's loads (TMS ~3 kW, 12 V) draw from the pack beside it, so a negative pack current is
   * the loads, not current through the inlet (~7 A on a 400 V pack tripped "current before it was
   * asked" and held the contactors past the break current). One reading object, straight from the store.
   */
  private inletFromPack(nowMs: number): Reading<number> {
    const store = this.signals.store;
    const value = this.signals.peek(this.s.packCurrent, nowMs);
    const valid = store.peekValid;
    return { value: valid ? Math.max(0, value) : value, valid, ageMs: store.peekAgeMs };
  }

  /** The boost converter's report; the same object while it reads the same (no reading objects). */
  private boostOf(ratedW: number, nowMs: number): DcInput['boost'] {
    const { signals, s } = this;
    const store = signals.store;
    const mode = signals.peekLabel(s.boostMode, nowMs);
    const valid = store.peekValid && mode !== undefined;
    const inValue = signals.peek(s.boostIn, nowMs);
    const inputVoltageV = store.peekValid ? inValue : 0;
    const derating = signals.peek(s.derating, nowMs) === 1;
    const maxAvail = signals.peek(s.maxAvail, nowMs);
    const tempLimitFactor = derating && store.peekValid && ratedW > 0 ? Math.min(1, maxAvail / ratedW) : 1;
    const status: DcInput['boost']['status'] = mode === 'Fault' ? 'fault' : mode === 'Boost' || mode === 'Bypass' ? 'running' : mode === 'Off' || mode === 'Starting' || mode === 'Stopping' ? 'ready' : 'off';
    const last = this.boost;
    if (last !== undefined && last.valid === valid && last.status === status && sameNum(last.tempLimitFactor, tempLimitFactor) && sameNum(last.inputVoltageV, inputVoltageV)) return last;
    const boost = { valid, status, tempLimitFactor, inputVoltageV };
    this.boost = boost;
    return boost;
  }
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
