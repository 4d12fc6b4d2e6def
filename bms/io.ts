// What the BMS step reads and writes, in physical units. The shell (vehicle/) builds the input from
// decoded CAN signals and maps the outputs onto the DBC; the domain never sees frames.
import type { FaultId, Reaction, Severity } from './fault-table.ts';

/** A scalar from a sensor or another controller, as the codec decoded it. */
export interface Reading<T = number> {
  readonly value: T;
  /** False when the codec saw a bad counter, CRC, range or a missing frame. */
  readonly valid: boolean;
  /** Time since the value was received. */
  readonly ageMs: number;
}

export type ContactorName = 'mainPos' | 'mainNeg' | 'precharge' | 'dcPos' | 'dcNeg' | 'obcRelay';
export const CONTACTOR_NAMES: readonly ContactorName[] = ['mainPos', 'mainNeg', 'precharge', 'dcPos', 'dcNeg', 'obcRelay'];

/** Feedback of contactor i in CONTACTOR_NAMES order, read by name (a keyed read per tick is slow). */
export function feedbackAt(fb: Readonly<Record<ContactorName, Feedback>>, i: number): Feedback {
  switch (i) {
    case 0: return fb.mainPos;
    case 1: return fb.mainNeg;
    case 2: return fb.precharge;
    case 3: return fb.dcPos;
    case 4: return fb.dcNeg;
    case 5: return fb.obcRelay;
    default: throw new Error(`bms: no contactor ${i}`);
  }
}

/** Auxiliary-contact feedback; 'unknown' when the PDU says so. */
export type Feedback = 'open' | 'closed' | 'unknown';

export type ImdStatus = 'measuring' | 'selfTest' | 'fault';

/**
 * Per-cell arrays (index = cell in series order, 0-based) and per-sensor temperature arrays.
 * Typed arrays so a 192-cell pass allocates nothing. Validity 1 = the codec accepted the frame.
 * Receive times are on the same clock as nowMs.
 */
export interface CellReadings {
  readonly voltageV: Float64Array;
  readonly voltageValid: Uint8Array;
  readonly voltageRxMs: Float64Array;
  readonly tempC: Float64Array;
  readonly tempValid: Uint8Array;
  readonly tempRxMs: Float64Array;
  /** What changed in the voltage arrays since the previous fill (absent: assume everything). */
  readonly voltageChanges?: CellChanges;
  readonly tempChanges?: CellChanges;
}

/**
 * A reader's account of which entries of one array group (value, validity, receive time) a fill
 * may have changed, so monitoring can update running aggregates instead of scanning every cell.
 * The reader refills the same arrays in place; this object is the same one every fill.
 */
export interface CellChanges {
  /** Bumped by every fill that may have changed an entry; equal: no entry changed but by time. */
  readonly version: number;
  /** Entries the fill that made `version` may have changed, in `positions[0..count)`; −1: any. */
  readonly count: number;
  readonly positions: Int32Array;
  /** Validity also falls to 0 by time alone once nowMs − rxMs > this (Infinity: never). */
  readonly validTimeoutMs: number;
}

export interface BmsRequests {
  /** Mode arbitration wants HV on the bus (drive, charge or V2L). */
  readonly mainClose: boolean;
  /** The inlet wants the DC-charge contactors closed (its charger has precharged the cable). */
  readonly dcChargeClose: boolean;
  /** The DC-charge contactors join the inlet to the boost converter, not to the link: the inlet is
   *  then matched against the converter's input by the DC session, never against the link (a 500 V
   *  charger feeding an 800 V pack). Absent = false. */
  readonly dcViaConverter?: boolean;
  /** The inlet wants the OBC relay closed (AC charge, or V2L through the pins). */
  readonly obcRelayClose: boolean;
  /** Crash, service disconnect, inlet emergency: open every path now, under any current. */
  readonly emergencyOpen: boolean;
  /** The charger's cable check is measuring: the vehicle IMD must stand down. */
  readonly imdStandDown: boolean;
  /** Something is in the inlet. */
  readonly plugged: boolean;
  /** A DC session is requested now (plugged). */
  readonly dcSessionRequested: boolean;
  /** A DC session is planned (HMI or navigation request on CAN). */
  readonly dcSessionPlanned: boolean;
  /** Key cycle or HMI reset: clears 'onReset' faults and the contactor fault latch. */
  readonly faultReset: boolean;
  /** Workshop: clears 'service' faults (weld, deep discharge) and the fault history. */
  readonly serviceClear: boolean;
}

export interface BmsInput {
  readonly cells: CellReadings;
  /** Positive charges the pack (current into the battery). */
  readonly packCurrentA: Reading;
  readonly packVoltageV: Reading;
  /** HV bus behind the main contactors (inverter DC link). */
  readonly linkVoltageV: Reading;
  /** Inlet DC bus in front of the DC-charge contactors. */
  readonly inletVoltageV: Reading;
  readonly isolationKOhm: Reading;
  readonly imdStatus: Reading<ImdStatus>;
  readonly contactorFeedback: Reading<Readonly<Record<ContactorName, Feedback>>>;
  readonly requests: BmsRequests;
}

/** What the shell persists and hands back at start-up. */
export interface PersistedBms {
  readonly socPct: number;
  readonly capacityAh: number;
  readonly uncertaintyPct: number;
}

export type LimitReason =
  | 'rated'
  | 'socTempMap'
  | 'cellVoltageHigh'
  | 'cellVoltageLow'
  | 'cellTempHigh'
  | 'cellTempLow'
  | 'chargeTempWindow'
  | 'deepDischarge'
  | 'full'
  | 'sensorsInvalid'
  | 'faultDerate'
  | 'faultStop'
  | 'contactorsOpening';

export type MainPathState =
  | 'open'
  | 'closingNeg'
  | 'precharging'
  | 'prechargeCooldown'
  | 'closingPos'
  | 'releasingPrecharge'
  | 'closed'
  | 'opening'
  | 'openingConfirm'
  | 'fault'
  | 'welded';

/** The five phases DESIGN.md §5 names, for displays and the CAN status (BMS_ContactorState). */
export type MainPathPhase = 'open' | 'precharging' | 'closed' | 'opening' | 'fault';

export type IsolationVerdict = 'ok' | 'warning' | 'fault' | 'stoodDown' | 'unknown';

export type SwitchPathState = 'open' | 'closing' | 'closed' | 'opening' | 'openingConfirm' | 'fault' | 'welded';

export type TmsMode = 'off' | 'heat' | 'cool';
export type TmsReason = 'none' | 'dcSessionRequested' | 'dcSessionPlanned' | 'protectiveCooling';

export interface TmsRequest {
  readonly mode: TmsMode;
  /** Cell temperature to reach (NaN when off). */
  readonly targetC: number;
  /** Coolant inlet temperature that moves the cells toward targetC (NaN when off). */
  readonly coolantTargetC: number;
  readonly maxPowerW: number;
  readonly reason: TmsReason;
}

export interface ActiveFault {
  readonly id: FaultId;
  readonly code: number;
  readonly text: string;
  readonly severity: Severity;
  readonly reaction: Reaction;
  /** First activation since the last service clear, and the last bad sample. */
  readonly firstMs: number;
  readonly lastMs: number;
  readonly occurrences: number;
}

export interface BmsOutputs {
  readonly chargeCurrentLimitA: number;
  readonly dischargeCurrentLimitA: number;
  readonly chargePowerLimitW: number;
  readonly dischargePowerLimitW: number;
  readonly chargeLimitReason: LimitReason;
  readonly dischargeLimitReason: LimitReason;
  /** No fault forbids charging (the limit may still be 0 for temperature or SOC). */
  readonly chargeAllowed: boolean;
  readonly driveAllowed: boolean;
  readonly criticalFault: boolean;
  readonly socPct: number;
  readonly socUncertaintyPct: number;
  readonly sohPct: number;
  /** Learned capacity, for the shell to persist with socPct and socUncertaintyPct. */
  readonly capacityAh: number;
  /** Best pack voltage estimate (sensor, else Σ cells); NaN if unknown. */
  readonly packVoltageV: number;
  /** Cell extremes over valid readings, 0-based index; NaN / −1 when none is valid. */
  readonly cellVoltageMinV: number;
  readonly cellVoltageMinIndex: number;
  readonly cellVoltageMaxV: number;
  readonly cellVoltageMaxIndex: number;
  readonly cellVoltageMeanV: number;
  readonly cellImbalanceMv: number;
  readonly cellTempMinC: number;
  readonly cellTempMinIndex: number;
  readonly cellTempMaxC: number;
  readonly cellTempMaxIndex: number;
  readonly cellTempMeanC: number;
  readonly invalidCellVoltageCount: number;
  readonly invalidTempCount: number;
  readonly contactorCommands: Readonly<Record<ContactorName, boolean>>;
  readonly mainState: MainPathState;
  readonly dcState: SwitchPathState;
  readonly obcState: SwitchPathState;
  readonly imdStandDown: boolean;
  /** Isolation per volt of the pack's maximum voltage; NaN when not measured. */
  readonly isolationOhmPerV: number;
  /** Debounced verdict (the isolation faults), or why there is none. */
  readonly isolationState: IsolationVerdict;
  /** Pack voltage not to exceed while charging (charge voltage × series cells) … */
  readonly maxChargeVoltageV: number;
  /** … and not to go below while discharging (cut-off × series cells). */
  readonly minDischargeVoltageV: number;
  readonly tmsRequest: TmsRequest;
  /** Active faults of every severity. */
  readonly faults: readonly ActiveFault[];
  /** Ids of the active warnings (severity warning or info). */
  readonly warnings: readonly FaultId[];
}

export type BmsEvent =
  | { readonly kind: 'contactor'; readonly path: 'main' | 'dc' | 'obc'; readonly from: string; readonly to: string; readonly event: string }
  | { readonly kind: 'faultActive'; readonly id: FaultId; readonly code: number }
  | { readonly kind: 'faultCleared'; readonly id: FaultId; readonly code: number }
  | { readonly kind: 'socCorrected'; readonly source: 'ocv' | 'full'; readonly fromPct: number; readonly toPct: number }
  | { readonly kind: 'capacityLearned'; readonly fromAh: number; readonly toAh: number }
  | { readonly kind: 'tms'; readonly mode: TmsMode; readonly reason: TmsReason };
