// The V2L domain's public surface (DESIGN.md §6). vehicle/ builds a V2lInput from CAN signals
// each tick, calls v2lStep, and sends the outputs; nothing else is needed from this folder.
export { v2lStep, type V2lStepResult } from './step.ts';
export { initialV2lState, type V2lState } from './state.ts';
export { DEFAULT_V2L_CONFIG, OUTPUT_PRESETS, v2lConfigFor } from './presets.ts';
export { v2lConfigProblems } from './config.ts';
export type {
  V2lConfig,
  OutputMode,
  OutputSpec,
  ExportPath,
  OverloadConfig,
  OverloadPoint,
  ThermalConfig,
  FloorConfig,
  TimingConfig,
  FreshnessConfig,
  OutputQualityConfig,
  EstimatorConfig,
} from './config.ts';
export { V2L_TRANSITIONS, EVENT_PRIORITY, type FsmEvent } from './fsm.ts';
export { overloadTripTimeS } from './overload.ts';
export { energyAboveFloorWh } from './soc-floor.ts';
export type * from './types.ts';
