// What the DC session reports when something changes (one event per decision, not per tick).
import type { PhaseTrigger, DcPhase } from './phases.ts';
import type { PrechargeNote } from './precharge.ts';
import type { StopKind, StopReason } from './stop-policy.ts';
import type { DcPlan, HoldReason, LimitReason, PaymentMode } from './types.ts';

export type DcQuirk =
  | PrechargeNote
  | 'maxCurrentDropped' | 'underDelivery' | 'isolationWarning' | 'noChargerImd' | 'reNegotiationIgnored'
  | 'weldingSuspected' | 'weldingCheckSkipped' | 'contactorOpenTimeout' | 'evseShutdownWithCurrent';

export type DcEvent =
  | { type: 'phase'; from: DcPhase; to: DcPhase; trigger: PhaseTrigger | 'stop'; stop?: StopReason }
  | { type: 'stop'; reason: StopReason; kind: StopKind; text: string }
  | { type: 'stopEscalated'; reason: StopReason; kind: StopKind }
  | { type: 'payment'; mode: PaymentMode; why: string }
  | { type: 'plan'; plan: DcPlan }
  | { type: 'limit'; reason: LimitReason | null; hold: HoldReason | null; limitA: number }
  | { type: 'retry'; attempt: number; atMs: number }
  | { type: 'unlock'; safe: true }
  | { type: 'quirk'; quirk: DcQuirk; detail?: string };
