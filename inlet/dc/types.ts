// The DC session's physical inputs and outputs. The shell builds the inputs from decoded
// signals (each group carries its validity and age) and sends the outputs; this domain never
// sees CAN. Units go last in names.
import type { DcConfig } from './config.ts';
import type { CccPhase, DcPhase } from './phases.ts';
import type { EvErrorCode, StopKind, StopReason } from './stop-policy.ts';

/** A sensor value with its validity and age (structurally the inlet's Reading<number>). */
export interface DcReading {
  value: number;
  valid: boolean;
  ageMs: number;
}

/** Points (socPct, value) in rising SOC; linear between points, flat beyond the ends. */
export type SocTable = ReadonlyArray<readonly [socPct: number, value: number]>;

/** How the CCC finished the requested phase. For one-shot phases (SessionSetup, Authorization,
 *  ChargeParameterDiscovery, CableCheck, PowerDelivery, SessionStop) 'ongoing' = EVSEProcessing
 *  Ongoing and 'ok' = Finished. For the loops (PreCharge, CurrentDemand, WeldingDetection) each
 *  answer is 'ok' and packpilot decides when the loop ends. 'timeout' = the CCC gave up waiting. */
export type CccResult = 'none' | 'ongoing' | 'ok' | 'failed' | 'timeout';
export type EvseStatus = 'ready' | 'notReady' | 'shutdown' | 'emergencyShutdown' | 'malfunction' | 'isolationMonitoringActive' | 'unknown';
export type IsolationStatus = 'invalid' | 'valid' | 'warning' | 'fault' | 'noImd';
export type EvseNotification = 'none' | 'stopCharging' | 'reNegotiation';
export type PaymentMode = 'eim' | 'pnc';

export interface CccInput {
  /** Last status frame passed counter/CRC/range checks. Content is used only when valid and fresh. */
  valid: boolean;
  rxAgeMs: number;
  /** The phase the CCC is working on; a result counts only for the phase packpilot requested. */
  phaseReported: CccPhase;
  result: CccResult;
  /** Increments with every charger answer the CCC reports (one reading each). */
  resSeq: number;
  protocol: 'din70121' | 'iso15118-2' | 'iso15118-20' | 'unknown';
  evseStatus: EvseStatus;
  isolationStatus: IsolationStatus;
  notification: EvseNotification;
  evseMaxVoltageV: number;
  evseMinVoltageV: number;
  evseMaxCurrentA: number;
  evseMaxPowerW: number;
  presentVoltageV: number;
  presentCurrentA: number;
  paymentOptions: { eim: boolean; pnc: boolean };
}

export type LockStateName = 'unlocked' | 'locking' | 'locked' | 'unlocking' | 'fault';

export interface PortInput {
  connectorPresent: boolean;
  /** The connector, adapter and AC/DC arbitration allow a DC session (OBC relay open, no wrong adapter). */
  dcAllowed: boolean;
  latchPressed: boolean;
  /** Stop at once: CP E/F, PWM lost, manual release. */
  stopNow: boolean;
  stopReason?: string;
  /** 5 % duty: digital communication. */
  cpDigital: boolean;
  /** Cable or adapter current rating. */
  ratingA: number;
  lockState: LockStateName;
  /** Pin-temperature current limit and why. */
  pinLimitA: number;
  pinLimitReason?: string;
  /** The car's own inlet-side sensors (charger side of the DC contactors). */
  inletVoltageV: DcReading;
  inletCurrentA: DcReading;
}

export interface BmsInput {
  valid: boolean;
  chargeCurrentLimitA: number;
  chargePowerLimitW: number;
  packVoltageV: number;
  /** Highest pack voltage in charge (CV). */
  packMaxVoltageV: number;
  /** EVMaximumVoltageLimit to announce, when the pack preset fixes it (410 V / 820 V, cells.md §5). */
  announceMaxVoltageV?: number;
  socPct: number;
  usableCapacityAh: number;
  chargeAllowed: boolean;
  criticalFault: boolean;
  /** Both DC-charge contactors' feedback closed / both open. */
  dcContactorsClosed: boolean;
  dcContactorsOpen: boolean;
  /** Charge-current limit vs SOC at the present temperature (remaining time); default: present limit. */
  chargeCurrentCurve?: SocTable;
  /** Pack voltage in charge vs SOC (planner, remaining time); default: linear to packMaxVoltageV. */
  packVoltageCurve?: SocTable;
}

export interface BoostInput {
  valid: boolean;
  status: 'off' | 'ready' | 'running' | 'fault';
  /** Live thermal derating of the power rating, 0…1. */
  tempLimitFactor: number;
  /** Voltage on the converter's inlet-side link. */
  inputVoltageV: number;
}

export interface HmiInput {
  chargeLimitPct: number;
  startRequested: boolean;
  stopRequested: boolean;
  /** 'pnc' uses Plug & Charge when the config enables it and the charger offers it. */
  paymentPreference: PaymentMode;
  userCurrentLimitA?: number;
}

export interface DcInput {
  ccc: CccInput;
  port: PortInput;
  bms: BmsInput;
  boost: BoostInput;
  hmi: HmiInput;
  config: DcConfig;
}

export type LimitReason = 'battery' | 'charger' | 'inletHot' | 'adapter' | 'boost' | 'user';
/** Why the request is held at 0 A regardless of the limits. */
export type HoldReason = 'notCharging' | 'stopping' | 'commSilence' | 'evseNotReady' | 'criticalFault' | 'invalidData';

export interface CccCommand {
  phaseRequested: CccPhase;
  paymentMode: PaymentMode | null;
  evReady: boolean;
  evErrorCode: EvErrorCode;
  evTargetVoltageV: number;
  evTargetCurrentA: number;
  evMaxVoltageV: number;
  evMaxCurrentA: number;
  evMaxPowerW: number;
  socPct: number;
  chargingComplete: boolean;
  bulkComplete: boolean;
  remainingTimeToFullS: number | null;
  remainingTimeToBulkS: number | null;
}

export interface BoostCommand {
  mode: 'off' | 'bypass' | 'boost';
  inputVoltageSetpointV: number;
  /** Pack-side current limit the converter enforces. */
  outputCurrentLimitA: number;
}

export interface DcPlan {
  path: 'direct' | 'boost' | null;
  code: PlanCode;
  reason: string;
  /** Pack voltage needed up to the charge limit plus margins. */
  neededVoltageV: number;
  /** Boost: inlet bus setpoint. */
  busVoltageV: number | null;
}
export type PlanCode =
  | 'chargerVoltageSufficient' | 'boostNeeded' | 'noBoostFitted' | 'boostUnavailable'
  | 'packBelowChargerMinimum' | 'busOutsideConverterRange' | 'noChargerParameters';

export interface Refusal {
  code: StopReason;
  text: string;
}

export interface DcOutputs {
  phase: DcPhase;
  sessionActive: boolean;
  ccc: CccCommand;
  wantLock: boolean;
  wantDcPath: boolean;
  cpRequest: 'B' | 'C';
  closeDcContactors: boolean;
  imdStandDown: boolean;
  boost: BoostCommand;
  plan: DcPlan | null;
  /** The charge current request (CurrentDemand), inlet side; 0 outside charging. */
  currentRequestA: number;
  /** The lowest limit before the ramp, and why; holdReason when forced to 0. */
  limitA: number;
  limitingReason: LimitReason | null;
  /** The inlet's own words when the pins limit (port.pinLimitReason). */
  limitDetail: string | null;
  holdReason: HoldReason | null;
  stopReason: StopReason | null;
  stopKind: StopKind | null;
  refusal: Refusal | null;
  retryCount: number;
  /** Idle or ended: why no session starts (for the HMI); null when one would. */
  startBlockedBy: string | null;
  remainingTimeToFullS: number | null;
  remainingTimeToBulkS: number | null;
  /** Delivered current, low-pass filtered (display and estimates only). */
  deliveredCurrentFilteredA: number;
}
