// The conditions the AC session FSM reacts to: why it must stop, why it may not start.
import type { AcSessionConfig } from './config.ts';
import type { AcSchedule } from './ac-schedule.ts';
import type { StopReason } from './stop-conditions.ts';
import type { PilotClass } from './config.ts';

export interface AcBms {
  chargeCurrentLimitA: number;
  chargePowerLimitW: number;
  packVoltageV: number;
  socPct: number;
  chargeAllowed: boolean;
}

export interface AcObc {
  ready: boolean;
  fault: boolean;
  acVoltageV: number;
}

export interface AcHmi {
  maxAcCurrentA: number | null;
  chargeLimitSocPct: number;
  schedule: AcSchedule;
  /** The driver asked not to charge (HMI_ChargeRequest Stop), held until Start, Auto or unplug. */
  stopRequested?: boolean;
}

export interface AcSessionInput {
  plugPresent: boolean;
  /** The connector permits AC now: latched, settled, AC band, no refusal. */
  acConnector: boolean;
  acOfferA: number;
  pilotClass: PilotClass;
  /** Immediate stop condition from the port, or null. */
  stop: StopReason | null;
  dcActive: boolean;
  /** Null when the reading is unusable. */
  bms: AcBms | null;
  obc: AcObc | null;
  /** Path granted to AC last tick and the relay's feedback says closed. */
  relayConfirmed: boolean;
  lockLocked: boolean;
  lockFault: boolean;
  /** |inlet current|, or null when unusable. */
  inletCurrentA: number | null;
  parked: boolean;
  hmi: AcHmi;
  ratingA: number;
  pinLimitA: number;
}

/** Why a running session must stop now (and not because it is complete). */
export type AcStopCause =
  | StopReason | 'not-ac-connector' | 'no-offer' | 'battery-not-allowed' | 'battery-invalid'
  | 'obc-fault' | 'obc-invalid' | 'not-parked' | 'relay-lost' | 'prepare-timeout' | 'dc-session' | 'user-stop';

/** Stops that need a new plug-in before AC may start again. */
export const STOPS_NEEDING_REPLUG: ReadonlySet<AcStopCause> = new Set<AcStopCause>(['manual-release', 'user-unlock', 'lock-fault', 'path-fault']);
/** Stops that count against the per-plug-in failure budget. */
export const STOPS_COUNTED_AS_FAILURE: ReadonlySet<AcStopCause> = new Set<AcStopCause>(['obc-fault', 'relay-lost', 'prepare-timeout']);

export function mustStop(i: AcSessionInput, charging: boolean, requireLock: boolean): AcStopCause | null {
  if (i.stop !== null) return i.stop;
  if (i.dcActive) return 'dc-session';
  if (i.hmi.stopRequested === true) return 'user-stop';
  if (!i.acConnector) return 'not-ac-connector';
  if (i.acOfferA <= 0) return 'no-offer';
  if (i.bms === null) return 'battery-invalid';
  if (!i.bms.chargeAllowed) return 'battery-not-allowed';
  if (i.obc === null) return 'obc-invalid';
  if (i.obc.fault) return 'obc-fault';
  if (!i.parked) return 'not-parked';
  if (i.lockFault) return 'lock-fault';
  if (charging && !i.relayConfirmed) return 'relay-lost';
  if (charging && requireLock && !i.lockLocked) return 'lock-lost';
  return null;
}

export type AcWaitReason =
  | AcStopCause | 'digital-pilot' | 'obc-not-ready' | 'restart-delay' | 'limit-reached' | 'scheduled';

/** Why a waiting session may not prepare now, or null when it may. */
export function whyNotStart(i: AcSessionInput, c: AcSessionConfig, restartAtMs: number, nowMs: number): AcWaitReason | null {
  if (i.pilotClass === 'digital' && i.acOfferA <= 0) return 'digital-pilot';
  const stop = mustStop(i, false, c.requireLock);
  if (stop !== null) return stop;
  if (!i.obc!.ready) return 'obc-not-ready';
  if (i.bms!.socPct >= limitSocPct(i)) return 'limit-reached';
  if (nowMs < restartAtMs) return 'restart-delay';
  return null;
}

export function limitSocPct(i: AcSessionInput): number {
  return Math.min(100, Math.max(0, i.hmi.chargeLimitSocPct));
}
