// The inlet domain's public surface (the DC session in inlet/dc/ has its own).
import type { InletConfig } from './config.ts';
import { inletPortStep } from './port-step.ts';
import { createPortMemo } from './port-memo.ts';
import { initialInletState, type InletInput, type InletState, type InletStepResult } from './port-types.ts';

export type * from './config.ts';
export type * from './types.ts';
export type * from './port-types.ts';
export type { AcBms, AcObc, AcHmi, AcStopCause, AcWaitReason } from './ac-conditions.ts';
export type { AcSchedule } from './ac-schedule.ts';
export type { AcLimitReason } from './ac-limits.ts';
export type { AcStateName, AcSessionView } from './ac-session.ts';
export type { ControlPilotView, CpSample } from './control-pilot.ts';
export type { LockCommand, LockFault, LockStateName } from './lock.ts';
export type { PathFault, PathName, PathRefusal, PathView } from './path-arbitration.ts';
export type { PinLimitReason } from './pin-derating.ts';
export type { ConnectorView } from './proximity.ts';
export type { StopNow, StopReason } from './stop-conditions.ts';
export type { Refusal, RefusalCode } from './wrong-adapter.ts';

export { isUsable } from './types.ts';
export { NACS_INLET, CCS1_INLET, NACS_PP_BANDS, CCS1_PP_BANDS, J1772_DUTY_TABLE, withWindow } from './presets.ts';
export { inletConfigProblems } from './config-check.ts';
export { ppOhmsToVolts, ppVoltsToOhms } from './pp-circuit.ts';
export { classifyDuty } from './control-pilot.ts';
export { decodePp } from './proximity.ts';
export { REFUSAL_TEXT } from './wrong-adapter.ts';
export { inletPortStep, initialInletState };

/** A port bound to one configuration: `step(state, input, nowMs) → { state, outputs, events }`. */
export interface InletPort {
  config: InletConfig;
  initialState(): InletState;
  step(state: InletState, input: InletInput, nowMs: number): InletStepResult;
}

export function createInletPort(config: InletConfig): InletPort {
  // This port's own memo of views that repeat while the plug sits still (port-memo.ts).
  const memo = createPortMemo();
  return {
    config,
    initialState: initialInletState,
    step: (state, input, nowMs) => inletPortStep(config, state, input, nowMs, memo),
  };
}
