// The V2L domain's inputs and outputs in physical units. vehicle/ builds the input from CAN
// signals each tick and sends the outputs; nothing here knows about frames.
import type { ExportPath, OutputMode, V2lConfig } from './config.ts';

/** A value from a sensor or another controller, as the codec decoded it (same shape as inlet's). */
export interface Reading<T> {
  value: T;
  /** False when the codec saw a bad counter, CRC, range or a missing frame. */
  valid: boolean;
  /** Time since the value was received. */
  ageMs: number;
}

export type Gear = 'P' | 'R' | 'N' | 'D';

/**
 * What the inlet's PP decoding found: 'v2l' is any load device (outlet adapter or a split-phase
 * home device, reference/pilot.md §6); 'other' is a charge connector or charge adapter.
 */
export type AdapterKind = 'none' | 'v2l' | 'other' | 'unknown';

export interface AdapterInfo {
  kind: AdapterKind;
  /** Continuous current per leg the adapter is built for. */
  ratedCurrentA: number;
  /** Highest voltage it is built for (leg-to-leg for a split-phase device). */
  ratedVoltageV: number;
  /** True for a 120/240 V split-phase device (L1, L2, N). */
  splitPhase: boolean;
}

export interface VehicleMotion {
  gear: Gear;
  speedKph: number;
}

export interface BmsData {
  socPct: number;
  /** The BMS's present discharge limit for the whole pack (all consumers). */
  dischargeCurrentLimitA: number;
  packVoltageV: number;
  /** Energy between 0 and 100 % SOC as the BMS knows it now (capacity × SOH × nominal V). */
  energyCapacityWh: number;
  /** Feedback of both main contactors closed: the inverter's DC input is live. */
  mainContactorsClosed: boolean;
}

/** INV_State (vehicle/can/CONTRACT.md): 'running' is the contract's Supplying. */
export type InverterState = 'off' | 'starting' | 'running' | 'stopping' | 'tripped' | 'fault';
/** INV_TripReason: the inverter's own protection. */
export type InverterTripReason =
  | 'overload'
  | 'ground-fault'
  | 'short-circuit'
  | 'over-temperature'
  | 'output-overvoltage'
  | 'output-undervoltage'
  | 'input-undervoltage'
  | 'command-timeout'
  | 'hardware-fault';

export interface InverterFeedback {
  state: InverterState;
  /** RMS line-to-neutral voltage per leg (L1, L2); an unused leg may be NaN (SNA). */
  legVoltageV: readonly number[];
  /** Real power per leg; an unused leg may be NaN (SNA). */
  legLoadW: readonly number[];
  /** Residual (PE) current. */
  leakageMa: number;
  /** Power-stage temperature. */
  temperatureC: number;
  frequencyHz: number;
  /** The inverter's own protection, when it tripped by itself. */
  tripReason: InverterTripReason | null;
}

/**
 * The driver's requests as levels (HMI_Request: a lost frame loses nothing). V2L starts on a
 * rising edge of v2lRequested (or a reset edge while it is held on), never on the level alone.
 */
export interface HmiRequests {
  v2lRequested: boolean;
  resetRequested: boolean;
  /** The chosen floor (20–80 % in 10 % steps), or null when SNA. */
  floorPct: number | null;
}

export interface V2lInput {
  config: V2lConfig;
  adapter: Reading<AdapterInfo>;
  vehicle: Reading<VehicleMotion>;
  /** Any charging session (AC or DC) is active or being set up (from arbitration). */
  chargingActive: boolean;
  /** A fault elsewhere that forbids V2L (BMS safety limit, isolation, ...). */
  blockingFault: { active: boolean; code: string | null };
  bms: Reading<BmsData>;
  inverter: Reading<InverterFeedback>;
  /** Stale or invalid HMI data turns V2L off (CONTRACT.md: missing HMI_Request → V2L off). */
  hmi: Reading<HmiRequests>;
}

// ---- reasons the HMI can show ----

export type RefusalCode =
  | 'export-path-unsupported'
  | 'no-adapter'
  | 'adapter-unknown'
  | 'adapter-not-v2l'
  | 'adapter-incompatible'
  | 'vehicle-data-invalid'
  | 'not-in-park'
  | 'vehicle-moving'
  | 'charging-active'
  | 'blocking-fault'
  | 'battery-data-invalid'
  | 'battery-disconnected'
  | 'soc-at-floor'
  | 'battery-limit-low'
  | 'inverter-unavailable'
  | 'inverter-fault'
  | 'inverter-hot'
  | 'ground-fault'
  | 'trip-latched';

export interface Refusal {
  code: RefusalCode;
  text: string;
}

/** Why a session ended without a trip: the user, the HMI lost, or a precondition that no longer holds. */
export type StopReason = 'user' | 'hmi-lost' | RefusalCode;

export type TripReason =
  | 'overload'
  | 'ground-fault'
  | 'over-temperature'
  | 'short-circuit'
  | 'inverter-fault'
  | 'inverter-comms'
  | 'output-out-of-range'
  | 'start-timeout'
  | 'stop-timeout';

export interface Trip {
  reason: TripReason;
  /** Every trip needs a user action before V2L may start again (DESIGN.md §6). */
  latched: true;
  text: string;
  atMs: number;
}

export type WarningCode = 'near-floor' | 'overload' | 'inverter-hot';

export interface Warning {
  code: WarningCode;
  text: string;
}

/** What sets the power limit in force. */
export type LimitReason = 'inverter' | 'inverter-temperature' | 'adapter' | 'battery';

// ---- outputs ----

/** INV_Command. The inverter ramps its own output over ~1 s after enable (v2l.md §2 PD). */
export interface InverterCommand {
  enable: boolean;
  /** '240-split' feeds L1 and L2; a 120 V outlet adapter on a split-phase inverter gets '120'. */
  voltageSetting: OutputMode;
  frequencyHz: number;
  /** Continuous output limit (INV_PowerLimit); 0 when disabled. */
  powerLimitW: number;
  /** Asks the inverter to clear its own latched trip (sent while a user reset is pending). */
  resetTrip: boolean;
}

export interface RuntimeEstimate {
  /** Time until the floor at the averaged load. */
  estimatedS: number;
  hours: number;
  minutes: number;
  seconds: number;
  /** The average does not yet cover a full appliance cycle: show as provisional. */
  settled: boolean;
  /** The estimate hit the configured maximum. */
  capped: boolean;
  /** The averaged AC load it is based on. */
  averageLoadW: number;
}

export type V2lStateName = 'off' | 'checking' | 'starting' | 'supplying' | 'stopping' | 'fault';

export interface V2lOutputs {
  state: V2lStateName;
  exportPath: ExportPath;
  inverterCommand: InverterCommand;
  /** V2L needs the pack connected: the BMS closes the main contactors on this request. */
  requestMainContactors: boolean;
  /** The continuous limit in force (sent to the inverter while enabled); 0 when unknown. */
  powerLimitW: number;
  limitReason: LimitReason | null;
  /** Power shown as available: narrows over the last 1 % above the SOC floor (advice to shed load). */
  availablePowerW: number;
  /** Present AC load, all legs. */
  loadW: number;
  floorPct: number;
  refusal: Refusal | null;
  stopReason: StopReason | null;
  trip: Trip | null;
  warnings: Warning[];
  runtime: RuntimeEstimate | null;
  /** AC energy delivered in the present (or last) session. */
  energyDeliveredWh: number;
}

/** Decisions worth a log line (one per change, never per tick). */
export type V2lEvent =
  | { kind: 'state-changed'; from: V2lStateName; to: V2lStateName; cause: string }
  | { kind: 'refused'; refusal: Refusal }
  | { kind: 'stopped'; reason: StopReason }
  | { kind: 'tripped'; trip: Trip; detail: string }
  | { kind: 'warning'; warning: Warning }
  | { kind: 'floor-changed'; floorPct: number }
  | { kind: 'floor-rejected'; requestedPct: number }
  | { kind: 'reset-refused'; refusal: Refusal }
  | { kind: 'estimate-restarted'; averageLoadW: number };
