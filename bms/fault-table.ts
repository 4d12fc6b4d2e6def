// The one table of BMS faults: code, text, severity, reaction, debounce and clearing rule.
// The debounce counter is in milliseconds of evidence: it rises by the sample's duration on a bad
// sample and falls by duration × confirmMs / healMs on a good one, so the behaviour does not depend
// on the tick rate. Active at confirmMs (0 = on the first bad sample); healed at 0.
// Clearing: 'selfHeal' clears when healed; 'onReset' needs healed plus a reset request (key cycle or
// HMI); 'service' needs healed plus a service clear (workshop). A cleared fault stays in the history.

export type Severity = 'info' | 'warning' | 'error' | 'critical';

/**
 * What the BMS does while the fault is active, weakest first:
 * derate: limits × derateFactor; stopCharge: charge limit 0, charging not allowed;
 * stopChargeAndDrive: both limits 0, neither allowed (contactors as requested);
 * openContactors: both limits 0 in the same tick, every path opens below the break current or
 * after openMaxWaitMs at the latest; emergencyOpen: as openContactors but at once, under any current.
 */
export type Reaction = 'none' | 'derate' | 'stopCharge' | 'stopChargeAndDrive' | 'openContactors' | 'emergencyOpen';

export const REACTION_RANK: Readonly<Record<Reaction, number>> = {
  none: 0,
  derate: 1,
  stopCharge: 2,
  stopChargeAndDrive: 3,
  openContactors: 4,
  emergencyOpen: 5,
};

export type ClearRule = 'selfHeal' | 'onReset' | 'service';

export type FaultId =
  | 'cellOvervoltage'
  | 'cellOvervoltageWarning'
  | 'cellUndervoltage'
  | 'cellUndervoltageWarning'
  | 'cellDeepDischarge'
  | 'cellOvertemp'
  | 'cellOvertempWarning'
  | 'cellUndertemp'
  | 'cellUndertempWarning'
  | 'cellImbalance'
  | 'cellVoltageSensorInvalid'
  | 'cellVoltageSensorsLost'
  | 'tempSensorInvalid'
  | 'tempSensorsLost'
  | 'currentSensorInvalid'
  | 'packVoltageImplausible'
  | 'chargeOvershoot'
  | 'dischargeOvershoot'
  | 'packOvercurrent'
  | 'isolationWarning'
  | 'isolationFault'
  | 'imdUnavailable'
  | 'imdStandDownTooLong'
  | 'contactorWelded'
  | 'contactorStuckOpen'
  | 'prechargeFailed'
  | 'contactorFeedbackInvalid';

export interface FaultDef {
  readonly id: FaultId;
  /** Diagnostic trouble code as sent on CAN and shown in the workshop. */
  readonly code: number;
  readonly text: string;
  readonly severity: Severity;
  readonly reaction: Reaction;
  readonly confirmMs: number;
  readonly healMs: number;
  readonly clear: ClearRule;
  /** While active, no path may close (critical faults always block). */
  readonly blocksClose: boolean;
}

/* Debounce values are PD unless a source is named; cells.md §2 gives the OV/UV trip delays. */
export const DEFAULT_FAULT_TABLE: readonly FaultDef[] = [
  // cells.md §2 PD: OV fault 4.25 V after 500 ms (SimpBMS); latched: an over-charged cell needs a look.
  { id: 'cellOvervoltage', code: 0x101, text: 'cell above its safety voltage', severity: 'critical', reaction: 'openContactors', confirmMs: 500, healMs: 1000, clear: 'onReset', blocksClose: true },
  { id: 'cellOvervoltageWarning', code: 0x102, text: 'cell above its recommended voltage', severity: 'warning', reaction: 'none', confirmMs: 200, healMs: 2000, clear: 'selfHeal', blocksClose: false },
  // cells.md §2: UV trip delay 2000 ms (LibreSolar); voltage sags under load, so longer than OV.
  { id: 'cellUndervoltage', code: 0x103, text: 'cell below its safety voltage', severity: 'critical', reaction: 'openContactors', confirmMs: 2000, healMs: 1000, clear: 'onReset', blocksClose: false },
  { id: 'cellUndervoltageWarning', code: 0x104, text: 'cell below its recommended voltage', severity: 'warning', reaction: 'none', confirmMs: 500, healMs: 2000, clear: 'selfHeal', blocksClose: false },
  // Below the deep-discharge level copper may have dissolved: charging it risks an internal short.
  { id: 'cellDeepDischarge', code: 0x105, text: 'cell deeply discharged; service needed', severity: 'critical', reaction: 'openContactors', confirmMs: 2000, healMs: 1000, clear: 'service', blocksClose: true },
  // Temperatures change slowly; 2 s filters a noisy NTC without hiding a real trend.
  { id: 'cellOvertemp', code: 0x111, text: 'cell above its safety temperature', severity: 'critical', reaction: 'openContactors', confirmMs: 2000, healMs: 5000, clear: 'onReset', blocksClose: true },
  { id: 'cellOvertempWarning', code: 0x112, text: 'cell above its recommended temperature', severity: 'warning', reaction: 'none', confirmMs: 2000, healMs: 5000, clear: 'selfHeal', blocksClose: false },
  { id: 'cellUndertemp', code: 0x113, text: 'cell below its safety temperature', severity: 'critical', reaction: 'openContactors', confirmMs: 5000, healMs: 5000, clear: 'onReset', blocksClose: false },
  { id: 'cellUndertempWarning', code: 0x114, text: 'cell below its recommended temperature', severity: 'warning', reaction: 'none', confirmMs: 2000, healMs: 5000, clear: 'selfHeal', blocksClose: false },
  { id: 'cellImbalance', code: 0x115, text: 'cell voltage spread high', severity: 'warning', reaction: 'none', confirmMs: 10_000, healMs: 10_000, clear: 'selfHeal', blocksClose: false },
  // An unseen cell cannot be protected against over-charge; 300 ms rides through one bad frame.
  { id: 'cellVoltageSensorInvalid', code: 0x121, text: 'cell voltage reading invalid (open, shorted or stale)', severity: 'warning', reaction: 'stopCharge', confirmMs: 300, healMs: 1000, clear: 'selfHeal', blocksClose: false },
  { id: 'cellVoltageSensorsLost', code: 0x122, text: 'too many invalid cell voltages', severity: 'error', reaction: 'stopChargeAndDrive', confirmMs: 1000, healMs: 2000, clear: 'onReset', blocksClose: true },
  { id: 'tempSensorInvalid', code: 0x123, text: 'temperature sensor invalid (open, shorted or stale)', severity: 'warning', reaction: 'derate', confirmMs: 1000, healMs: 2000, clear: 'selfHeal', blocksClose: false },
  { id: 'tempSensorsLost', code: 0x124, text: 'too many invalid temperature sensors', severity: 'error', reaction: 'stopChargeAndDrive', confirmMs: 2000, healMs: 2000, clear: 'onReset', blocksClose: true },
  // Without the shunt neither SOC nor over-current can be supervised; driving stays possible.
  { id: 'currentSensorInvalid', code: 0x131, text: 'pack current invalid', severity: 'error', reaction: 'stopCharge', confirmMs: 500, healMs: 2000, clear: 'selfHeal', blocksClose: false },
  { id: 'packVoltageImplausible', code: 0x132, text: 'pack voltage disagrees with the sum of cells', severity: 'error', reaction: 'stopCharge', confirmMs: 2000, healMs: 5000, clear: 'selfHeal', blocksClose: false },
  // 2 s: chargers with failing modules oscillate ±10 % (chargers.md quirks) and need time to follow a drop.
  { id: 'chargeOvershoot', code: 0x133, text: 'charge current above the published limit', severity: 'error', reaction: 'stopCharge', confirmMs: 2000, healMs: 5000, clear: 'selfHeal', blocksClose: false },
  { id: 'dischargeOvershoot', code: 0x134, text: 'discharge current above the published limit', severity: 'error', reaction: 'stopChargeAndDrive', confirmMs: 2000, healMs: 5000, clear: 'selfHeal', blocksClose: false },
  // Beyond the fuse-coordinated safety current waiting is worse than breaking under load.
  { id: 'packOvercurrent', code: 0x135, text: 'pack current above its safety limit', severity: 'critical', reaction: 'emergencyOpen', confirmMs: 100, healMs: 1000, clear: 'onReset', blocksClose: true },
  // IMDs average over seconds; pilot.md §7 thresholds (IEC 61851-23:2014 convention).
  { id: 'isolationWarning', code: 0x141, text: 'isolation below the warning level', severity: 'warning', reaction: 'none', confirmMs: 5000, healMs: 10_000, clear: 'selfHeal', blocksClose: false },
  { id: 'isolationFault', code: 0x142, text: 'isolation below the fault level', severity: 'error', reaction: 'stopCharge', confirmMs: 2000, healMs: 10_000, clear: 'onReset', blocksClose: false },
  { id: 'imdUnavailable', code: 0x143, text: 'isolation monitor silent or faulty', severity: 'warning', reaction: 'none', confirmMs: 5000, healMs: 2000, clear: 'selfHeal', blocksClose: false },
  { id: 'imdStandDownTooLong', code: 0x144, text: 'IMD stand-down asked for too long; monitor back on', severity: 'warning', reaction: 'none', confirmMs: 0, healMs: 1000, clear: 'selfHeal', blocksClose: false },
  // The contactor machines latch these themselves (fault until reset, welded until service clear);
  // the table mirrors the machines, so it heals once they are released.
  { id: 'contactorWelded', code: 0x151, text: 'contactor welded', severity: 'critical', reaction: 'openContactors', confirmMs: 0, healMs: 1000, clear: 'selfHeal', blocksClose: true },
  { id: 'contactorStuckOpen', code: 0x152, text: 'contactor did not close or dropped out', severity: 'error', reaction: 'stopChargeAndDrive', confirmMs: 0, healMs: 1000, clear: 'selfHeal', blocksClose: true },
  { id: 'prechargeFailed', code: 0x153, text: 'precharge failed after its retries', severity: 'error', reaction: 'stopChargeAndDrive', confirmMs: 0, healMs: 1000, clear: 'selfHeal', blocksClose: true },
  // A contactor we cannot see must not be closed again; opening a car on the road for it is worse.
  { id: 'contactorFeedbackInvalid', code: 0x154, text: 'contactor feedback unknown', severity: 'warning', reaction: 'none', confirmMs: 500, healMs: 1000, clear: 'selfHeal', blocksClose: true },
];

/** Programmer-error check of a table: unique ids and codes, critical ⇔ an opening reaction. */
export function faultTableProblems(table: readonly FaultDef[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  const codes = new Set<number>();
  for (const f of table) {
    if (ids.has(f.id)) problems.push(`faults: duplicate id ${f.id}`);
    if (codes.has(f.code)) problems.push(`faults.${f.id}.code: duplicate ${f.code}`);
    ids.add(f.id);
    codes.add(f.code);
    const opens = REACTION_RANK[f.reaction] >= REACTION_RANK.openContactors;
    if (opens !== (f.severity === 'critical')) problems.push(`faults.${f.id}: critical severity and an opening reaction go together`);
    if (!(f.confirmMs >= 0) || !(f.healMs > 0)) problems.push(`faults.${f.id}: confirmMs ≥ 0 and healMs > 0`);
  }
  return problems;
}
