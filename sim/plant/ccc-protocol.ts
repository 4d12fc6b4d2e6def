// The DC charge protocol as the car's CCC experiences it, as data: the phases packpilot can ask
// for, how long the charger takes to answer each (timeouts.md; chargers.md quirks #14–16), which
// phase may follow which (a charger answers out-of-order requests with FAILED_SequenceError), and the
// charger-side quirks (chargers.md §3) as options.

export const DC_PHASES = [
  'none', 'sessionSetup', 'chargeParameterDiscovery', 'cableCheck', 'preCharge',
  'powerDeliveryStart', 'currentDemand', 'powerDeliveryStop', 'weldingDetection', 'sessionStop',
] as const;
export type DcPhase = (typeof DC_PHASES)[number];

export type ResponseCode = 'ok' | 'failed' | 'sequenceError';
export type EvseStatus = 'notReady' | 'ready' | 'shutdown' | 'emergencyShutdown' | 'malfunction';
export type IsolationStatus = 'invalid' | 'valid' | 'warning' | 'fault';
/** idle: nothing asked; waiting: Req sent, no Res yet; ongoing: Res said "Ongoing"; finished: done. */
export type Processing = 'idle' | 'waiting' | 'ongoing' | 'finished';

/** What packpilot asks the CCC for (the wrapper fills it from the CCC command frames). */
export interface CccCommand {
  phase: DcPhase;
  evTargetVoltageV: number;
  evTargetCurrentA: number;
  evMaxVoltageV: number;
  evMaxCurrentA: number;
  evMaxPowerW: number;
  evSocPct: number;
  evReady: boolean;
}

/** What the CCC reports about the charger's answers. */
export interface CccStatus {
  /** PLC/TCP session up (SLAC matched and not lost). */
  linkUp: boolean;
  /** Phase of the latest request. */
  phase: DcPhase;
  processing: Processing;
  responseCode: ResponseCode;
  /** Increments on every response: a stalled count means no answers. */
  responseCount: number;
  evseStatus: EvseStatus;
  isolation: IsolationStatus;
  evseMaxVoltageV: number;
  evseMinVoltageV: number;
  evseMaxCurrentA: number;
  evseMaxPowerW: number;
  /** EVSEPresentVoltage / Current as in the latest response. */
  presentVoltageV: number;
  presentCurrentA: number;
}

export function aCccCommand(): CccCommand {
  return {
    phase: 'none', evTargetVoltageV: 0, evTargetCurrentA: 0, evMaxVoltageV: 0, evMaxCurrentA: 0,
    evMaxPowerW: 0, evSocPct: 0, evReady: false,
  };
}

export function idleCccStatus(): CccStatus {
  return {
    linkUp: false, phase: 'none', processing: 'idle', responseCode: 'ok', responseCount: 0,
    evseStatus: 'notReady', isolation: 'invalid', evseMaxVoltageV: 0, evseMinVoltageV: 0,
    evseMaxCurrentA: 0, evseMaxPowerW: 0, presentVoltageV: 0, presentCurrentA: 0,
  };
}

/** Response time of one Req → Res, ms (min, max), drawn uniformly per request. */
export type ResponseTimes = Record<Exclude<DcPhase, 'none'>, readonly [number, number]>;

/** PD from the brief and timeouts.md: SLAC + SDP + TCP + app protocol + setup + EIM 3–8 s;
 *  CPD and PowerDelivery 0.2–1.5 s (Compleo > 1 s); CurrentDemand every 50–100 ms. CableCheck and
 *  PreCharge are request loops; these are their per-Res times (the phase length is the profile's). */
export const DEFAULT_RESPONSE_MS: ResponseTimes = {
  sessionSetup: [3000, 8000],
  chargeParameterDiscovery: [200, 1500],
  cableCheck: [100, 300],
  preCharge: [50, 200],
  powerDeliveryStart: [200, 1500],
  currentDemand: [50, 100],
  powerDeliveryStop: [200, 1500],
  weldingDetection: [200, 500],
  sessionStop: [100, 500],
};

/** Request loops: the EV repeats the Req after every Res until it moves on. */
export const LOOP_PHASES: ReadonlySet<DcPhase> = new Set(['cableCheck', 'preCharge', 'currentDemand', 'weldingDetection']);

/** Phases a request may follow (the last phase the charger answered). ISO 15118-2 / DIN 70121 order. */
export const ALLOWED_AFTER: Readonly<Record<Exclude<DcPhase, 'none'>, readonly DcPhase[]>> = {
  sessionSetup: ['none'],
  chargeParameterDiscovery: ['sessionSetup'],
  cableCheck: ['chargeParameterDiscovery'],
  preCharge: ['cableCheck'],
  powerDeliveryStart: ['preCharge'],
  currentDemand: ['powerDeliveryStart'],
  powerDeliveryStop: ['powerDeliveryStart', 'currentDemand', 'preCharge', 'cableCheck'],
  weldingDetection: ['powerDeliveryStop'],
  sessionStop: [
    'sessionSetup', 'chargeParameterDiscovery', 'cableCheck', 'preCharge', 'powerDeliveryStart',
    'currentDemand', 'powerDeliveryStop', 'weldingDetection',
  ],
};

/** Charger quirks (chargers.md §3), public names. Times are seconds since energy transfer began
 *  (the first CurrentDemand response), because setup length is random per seed; a quirk set
 *  later than its time takes effect at once. */
export interface DcChargerQuirks {
  /** #1: output overshoots the target by this at no load (precharge, CurrentDemand start), 1.5 s. */
  noLoadOvershootV?: number;
  /** #2: pushes this current right after PowerDelivery(start), before any CurrentDemand. */
  currentBeforeRequestA?: number;
  /** #3/#4: reports EVSE_Shutdown but keeps delivering what the EV asks. */
  shutdownAtS?: number;
  /** Reports EmergencyShutdown and cuts its current at once. */
  emergencyShutdownAtS?: number;
  /** #5/#6: power sharing or failed cable cooling lowers the max current. */
  maxCurrentDrop?: { atS: number; toA: number };
  /** Failing power modules: delivered current oscillates ± this % at 0.5 Hz. */
  currentOscillationPct?: number;
  /** #7/#8: cable check takes exactly this long. */
  cableCheckS?: number;
  /** The charger stops answering (PLC/TCP gone); output held 1 s then ramped down. */
  commLossAtS?: number;
  /** Cable check ends with isolation fault (FAILED). */
  isolationFaultAtCableCheck?: boolean;
  /** Voltage regulation fails: output driven toward EV max + this, current up to its max. */
  overvoltage?: { atS: number; aboveEvMaxV: number };
}

/** Cable-check test voltage (pilot.md §7, IEC 61851-23 CC.4.1.2 as coded in EVerest). */
export function cableCheckVoltageV(evMaxV: number, evseMaxV: number): number {
  if (evMaxV <= 500) return Math.min(evMaxV + 50, 500, evseMaxV);
  return Math.min(1.1 * evMaxV, evseMaxV);
}
