// The inlet port's input, output, state and event types (the composed step in port-step.ts).
import type { AcBms, AcObc } from './ac-conditions.ts';
import type { AcSchedule } from './ac-schedule.ts';
import { initialAcSessionState, type AcEvent, type AcSessionState, type AcSessionView, type AcStateName } from './ac-session.ts';
import type { PilotClass } from './config.ts';
import { initialControlPilotState, type ControlPilotState, type ControlPilotView, type CpSample } from './control-pilot.ts';
import { initialLockState, type LockCommand, type LockEvent, type LockFault, type LockState, type LockStateName } from './lock.ts';
import { initialPathState, type PathFault, type PathName, type PathRefusal, type PathState, type PathView } from './path-arbitration.ts';
import { initialPinState, type PinLimitReason, type PinState } from './pin-derating.ts';
import { initialProximityState, type ConnectorView, type ProximityState } from './proximity.ts';
import type { StopNow, StopReason } from './stop-conditions.ts';
import type { ContactFeedback, Gear, LockFeedback, Reading } from './types.ts';
import type { Refusal, RefusalCode } from './wrong-adapter.ts';

/** What the DC session (inlet/dc/) asks of the port. */
export interface DcRequest {
  active: boolean;
  wantLock: boolean;
  wantDcPath: boolean;
}

/** What the V2L domain asks of the port: V2L drives AC out through the OBC relay. */
export interface V2lRequest {
  active: boolean;
  wantLock: boolean;
  wantAcPath: boolean;
}

export interface HmiInput {
  /** The user's maximum AC current, or null for none. */
  maxAcCurrentA: number | null;
  chargeLimitSocPct: number;
  schedule: AcSchedule;
  /** The driver asked not to charge on AC (held until Start, Auto or unplug); absent = false. */
  stopRequested?: boolean;
  /** The user asks to free the cable (HMI button). */
  unlockRequest: boolean;
}

export interface InletInput {
  /** PP resistance; an open circuit may read as Infinity. */
  ppOhm: Reading<number>;
  cp: Reading<CpSample>;
  lockFeedback: Reading<LockFeedback>;
  manualRelease: Reading<boolean>;
  /** The two DC-pin sensors. */
  pinTempsC: readonly [Reading<number>, Reading<number>];
  /** Inlet-bus voltage and current measured by the car. */
  inletVoltageV: Reading<number>;
  inletCurrentA: Reading<number>;
  obcRelay: Reading<ContactFeedback>;
  dcContactorPositive: Reading<ContactFeedback>;
  dcContactorNegative: Reading<ContactFeedback>;
  bms: Reading<AcBms>;
  obc: Reading<AcObc>;
  hmi: Reading<HmiInput>;
  vehicle: Reading<{ gear: Gear; speedKph: number }>;
  dcRequest: DcRequest;
  v2lRequest: V2lRequest;
}

export interface LockView {
  state: LockStateName;
  command: LockCommand;
  fault: LockFault | null;
  /** The manual release was pulled during this session. */
  manualRelease: boolean;
  /** State locked and the feedback says locked this tick. */
  lockedConfirmed: boolean;
}

export interface InletOutputs {
  connector: Omit<ConnectorView, 'raw'> & { rawBand: string };
  cp: ControlPilotView;
  lock: LockView;
  path: PathView;
  /** Pin-temperature limit on the DC path (ramp from the cable/adapter rating). */
  pinLimitA: number;
  pinLimitReason: PinLimitReason;
  /** The same temperatures on the AC path (ramp from min(rating, OBC maximum)). */
  pinLimitAcA: number;
  pinMaxTempC: number | null;
  acSession: AcSessionView;
  /** Invariant 9: something is (or may be) plugged. */
  driveInhibit: boolean;
  refusal: Refusal | null;
  /** Stop any running session now (current to zero this tick). */
  stopNow: StopNow | null;
  /** Inlet voltage and current proven below the unlock thresholds this tick. */
  inletDead: boolean;
  /**
   * A DC session may run or start: the plug allows DC, nothing is refused, and the DC path is
   * granted or free (OBC relay proven open, no path fault). The DC session's `dcAllowed`.
   */
  dcSessionAllowed: boolean;
}

export type InletEvent =
  | { type: 'connector'; from: string; to: string }
  | { type: 'pilot'; from: PilotClass; to: PilotClass; offerA: number }
  | { type: 'lock'; from: LockStateName; to: LockStateName; cause: LockEvent | null; fault: LockFault | null }
  | { type: 'path'; from: PathName; to: PathName; fault: PathFault | null }
  | { type: 'path-refused'; path: 'ac' | 'dc'; reason: PathRefusal }
  | { type: 'ac-session'; from: AcStateName; to: AcStateName; cause: AcEvent | null; reason: string }
  | { type: 'refusal'; code: RefusalCode | null; text: string | null }
  | { type: 'stop-now'; reason: StopReason; text: string }
  | { type: 'pin-limit'; reason: PinLimitReason; limitA: number }
  | { type: 'drive-inhibit'; inhibit: boolean }
  | { type: 'guard'; invariant: 1 | 2; detail: string };

/** Values remembered only to report changes once. */
export interface InletMemo {
  refusal: RefusalCode | null;
  stop: StopReason | null;
  driveInhibit: boolean | null;
  pinReason: PinLimitReason;
  pathRefusal: string | null;
}

export interface InletState {
  proximity: ProximityState;
  cp: ControlPilotState;
  lock: LockState;
  path: PathState;
  pin: PinState;
  ac: AcSessionState;
  memo: InletMemo;
}

export interface InletStepResult {
  state: InletState;
  outputs: InletOutputs;
  events: InletEvent[];
}

export function initialInletState(): InletState {
  return {
    proximity: initialProximityState(),
    cp: initialControlPilotState(),
    lock: initialLockState(),
    path: initialPathState(),
    pin: initialPinState(),
    ac: initialAcSessionState(),
    memo: { refusal: null, stop: null, driveInhibit: null, pinReason: 'none', pathRefusal: null },
  };
}
