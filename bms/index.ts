// The BMS domain's public surface. Pure: the shell builds BmsInput from CAN signals each tick,
// calls bmsStep, sends the outputs and logs the events. See bms/README.md.
export { bmsStep, createBmsState, bmsFaultHistory, mainPathPhase } from './step.ts';
export type { BmsState, BmsStepResult } from './step.ts';
export type {
  ActiveFault,
  BmsEvent,
  BmsInput,
  BmsOutputs,
  BmsRequests,
  CellChanges,
  CellReadings,
  ContactorName,
  Feedback,
  ImdStatus,
  IsolationVerdict,
  MainPathPhase,
  LimitReason,
  MainPathState,
  PersistedBms,
  Reading,
  SwitchPathState,
  TmsMode,
  TmsReason,
  TmsRequest,
} from './io.ts';
export { CONTACTOR_NAMES } from './io.ts';
export type { BmsConfig, ChemistryConfig, CrateMap, Curve, PackConfig, Tiers } from './config.ts';
export { validateBmsConfig } from './config-check.ts';
export { pack400v, pack800v, pack400vLfp, PACK_400V, PACK_800V } from './presets.ts';
export { NMC, LFP } from './chemistries.ts';
export { DEFAULT_FAULT_TABLE } from './fault-table.ts';
export type { ClearRule, FaultDef, FaultId, Reaction, Severity } from './fault-table.ts';
export { sensorStatus } from './monitoring.ts';
export type { SensorStatus } from './monitoring.ts';
export { crateAt, bestTempBand } from './crate-map.ts';
export { socFromOcv } from './soc.ts';
