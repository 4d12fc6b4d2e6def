// The DC fast-charging session: public surface. Everything here is pure.
export { dcSessionStep, type DcStepResult } from './session.ts';
export { initialDcSessionState, type DcSessionState, type DcStop } from './state.ts';
export type {
  DcInput, DcOutputs, CccInput, PortInput, BmsInput, BoostInput, HmiInput, DcReading, SocTable,
  CccResult, EvseStatus, IsolationStatus, EvseNotification, PaymentMode, LockStateName,
  CccCommand, BoostCommand, DcPlan, PlanCode, Refusal, LimitReason, HoldReason,
} from './types.ts';
export type { DcEvent, DcQuirk } from './events.ts';
export { DC_PHASES, PHASE_PROFILES, TRANSITIONS, STOP_ROUTES, isSessionActive, type DcPhase, type CccPhase, type PhaseTrigger, type PhaseProfile, type Destination } from './phases.ts';
export { STOP_POLICIES, stopPolicy, type StopReason, type StopKind, type StopPolicy, type EvErrorCode } from './stop-policy.ts';
export { validateDcConfig, type DcConfig, type BoostSpec, type PhaseTiming } from './config.ts';
export { DC_CONFIG_DEFAULT, DC_CONFIG_800V_BOOST, DC_PHASE_TIMING, NO_BOOST, BOOST_125KW } from './presets.ts';
export { planDcPath, type PlannerInput } from './planner.ts';
export { chargeLimits, lowestLimit, rampRequest, type Limit, type LimitInputs } from './current-request.ts';
export { announcedMaxVoltageV, clampTargetVoltageV } from './voltage-request.ts';
export { remainingTimeS } from './remaining-time.ts';
export { selectPayment } from './payment.ts';
