// Configuration types of the inlet domain. Values live in presets.ts; every number there has a
// unit in its name and a one-line reason or a reference.
import type { ConnectorKind, LatchPosition } from './types.ts';

/** One proximity-pilot band: a resistance window and what it means. */
export interface PpBand {
  /** Stable name used in events and logs, e.g. "nacs-latched". */
  name: string;
  kind: Exclude<ConnectorKind, 'none' | 'unknown'>;
  latch: LatchPosition;
  nominalOhm: number;
  minOhm: number;
  maxOhm: number;
  /** Current cap of the cable or adapter; null when PP codes none (the charger's offer rules). */
  ratingA: number | null;
  acAllowed: boolean;
  dcAllowed: boolean;
  v2l: boolean;
  why: string;
}

export interface ProximityConfig {
  bands: PpBand[];
  /** At or above this the PP circuit is open: nothing plugged. */
  nothingAboveOhm: number;
  /** A new band must hold this long before it is believed. */
  debounceMs: number;
}

export type PilotClass = 'none' | 'digital' | 'error' | 'ac' | 'not-allowed';

/** One duty-cycle segment. Segments are ordered; the first that holds the duty wins. */
export interface DutySegment {
  /** Upper bound of the segment, in % duty. */
  upToPct: number;
  /** Whether a duty equal to upToPct belongs to this segment. */
  inclusive: boolean;
  pilotClass: PilotClass;
  /** Offered AC current: fixed, or linear `(duty − offsetPct) × perPctA`; null = no current. */
  offer: { fixedA: number } | { perPctA: number; offsetPct: number } | null;
}

export interface ControlPilotConfig {
  duty: DutySegment[];
  /** A pilot class or offer must hold this long before it is believed (raise only; drops act at once). */
  acceptDebounceMs: number;
  /** Offer changes smaller than this do not restart the debounce. */
  offerToleranceA: number;
  /** PWM missing this long during a session is a loss (0 = at once). */
  pwmLossConfirmMs: number;
}

export interface LockConfig {
  /** The actuator must report the end position within this time per attempt. */
  travelDeadlineMs: number;
  /** Attempts per lock or unlock before the lock is declared faulty. */
  maxAttempts: number;
  /** Locked but feedback no longer says so for this long: fault. */
  positionLostDeadlineMs: number;
}

export interface SafetyConfig {
  /** Unlock only below this inlet voltage (car's own sensor). */
  unlockBelowV: number;
  /** Unlock only below this |inlet current|. */
  unlockBelowA: number;
  /** AC on the pins counts as live at or above this RMS voltage. */
  acLiveFromV: number;
  /** The car counts as moving at or above this speed. */
  movingFromKph: number;
}

export interface PinConfig {
  /** Pin temperature limit. */
  limitC: number;
  /** Full current until this far below the limit (native connector). */
  fullBelowLimitK: number;
  /** Full current until this far below the limit with an adapter in the path. */
  fullBelowLimitAdapterK: number;
  /** Stop (0 A) at or above limit + this. */
  stopAboveLimitK: number;
  /** Current allowed at the limit (end of the linear ramp). */
  atLimitA: number;
  /** After a stop, current returns only below limit − this. */
  resumeBelowLimitK: number;
  /** With one of two sensors invalid, cap at this fraction of the rating. */
  oneSensorInvalidFraction: number;
  /** With no valid sensor, cap at this current. */
  noSensorCapA: number;
  plausibleMinC: number;
  plausibleMaxC: number;
}

export interface PathConfig {
  /** OBC relay feedback must say closed within this after the grant. */
  relayCloseDeadlineMs: number;
  /** OBC relay feedback must say open within this after the release. */
  relayOpenDeadlineMs: number;
}

export interface ObcConfig {
  maxCurrentA: number;
  /** AC input power rating. */
  maxPowerW: number;
  /** DC-out over AC-in. */
  efficiency: number;
  /** Below this setpoint the OBC cannot regulate: ask 0. */
  minCurrentA: number;
  /** Used for conversions before the OBC reports the AC voltage (high = conservative current). */
  assumedAcVoltageV: number;
  /** An OBC-reported AC voltage below this is "no AC yet". */
  acPresentFromV: number;
}

export interface AcSessionConfig {
  /** Lock the inlet before S2 closes. */
  requireLock: boolean;
  /** Relay and lock must be confirmed within this after preparing starts. */
  prepareDeadlineMs: number;
  /** Current counts as stopped below this. */
  stoppedBelowA: number;
  /** Setpoint 0 → S2 opens when current is gone or at this deadline. */
  rampDownDeadlineMs: number;
  /** S2 open → relay released when AC is gone or at this deadline. */
  acOffDeadlineMs: number;
  /** Wait before a new start after an ordinary stop. */
  restartDelayMs: number;
  /** Wait before a new start after an OBC or relay failure. */
  faultRestartDelayMs: number;
  /** Failures per plug-in before giving up. */
  maxFaultRestarts: number;
  /** After "complete", restart when SOC falls this far below the limit. */
  resumeBelowLimitPct: number;
  /** Charge limit used while the HMI is silent. */
  defaultChargeLimitSocPct: number;
  /** Usable pack energy for the departure-time estimate. */
  packUsableEnergyWh: number;
  /** Start this much earlier than the estimate for departure-time charging. */
  scheduleMarginMs: number;
}

/** Maximum age of each input group before it counts as missing. */
export interface StalenessConfig {
  inletNodeMs: number;
  /** Inlet-bus voltage and current (SHUNT). */
  shuntMs: number;
  pduMs: number;
  bmsMs: number;
  obcMs: number;
  hmiMs: number;
  vehicleMs: number;
}

export interface InletConfig {
  inletType: 'nacs' | 'ccs1';
  /** The car's inlet part rating; caps every path. */
  inletRatingA: number;
  proximity: ProximityConfig;
  controlPilot: ControlPilotConfig;
  lock: LockConfig;
  safety: SafetyConfig;
  pin: PinConfig;
  path: PathConfig;
  obc: ObcConfig;
  ac: AcSessionConfig;
  staleAfterMs: StalenessConfig;
}
