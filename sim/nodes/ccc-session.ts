// The CCC's own logic around the charger model (sim/plant/dc-charger.ts): what the CAN phases mean
// for it, the parts of the session the model does not run itself, and what the CCC reports.
// - ServiceDiscoveryAuthorization (CCC_PhaseRequest 2) is run here: the model folds SLAC, SDP and
//   setup into SessionSetup and goes straight on to ChargeParameterDiscovery.
// - Response timeouts per phase (reference/timeouts.md §1–2 defaults) → PhaseResult Timeout.
// - No DC charger at the other end (AC station, V2L adapter, nothing): SLAC never matches.
// - Safe reaction (CONTRACT.md §1): no valid CCC_EvRequest or heartbeat → request 0 A and end the
//   session (PowerDelivery stop, then SessionStop).
import type { DcCharger } from '../plant/dc-charger.ts';
import type { CccCommand, CccStatus, DcPhase } from '../plant/ccc-protocol.ts';
import type { Random } from '../random.ts';

/** CCC_PhaseRequest / CCC_PhaseReported values (packpilot.dbc VAL_). */
export const PHASE = {
  none: 0, sessionSetup: 1, serviceDiscoveryAuthorization: 2, chargeParameterDiscovery: 3, cableCheck: 4,
  preCharge: 5, powerDeliveryStart: 6, currentDemand: 7, powerDeliveryStop: 8, weldingDetection: 9, sessionStop: 10,
} as const;
const PLANT_PHASE_BY_CAN: readonly (DcPhase | 'auth')[] = [
  'none', 'sessionSetup', 'auth', 'chargeParameterDiscovery', 'cableCheck', 'preCharge', 'powerDeliveryStart',
  'currentDemand', 'powerDeliveryStop', 'weldingDetection', 'sessionStop',
];

/** CCC_PhaseResult values. */
export const RESULT = { idle: 0, ongoing: 1, ok: 2, failed: 3, timeout: 4, sequenceError: 5, connectionLost: 6 } as const;
/** CCC_LinkState values. */
export const LINK = { noLink: 0, slacInProgress: 1, slacMatched: 2, sdpDone: 3, connected: 4, slacFailed: 5, connectionLost: 6 } as const;

/** Response timeout per phase, ms (reference/timeouts.md §1 defaults; SessionSetup = §2 communication setup). */
export const PHASE_TIMEOUT_MS: Readonly<Record<Exclude<DcPhase, 'none'>, number>> = {
  sessionSetup: 20_000, chargeParameterDiscovery: 5000, cableCheck: 5000, preCharge: 2000,
  powerDeliveryStart: 6000, currentDemand: 1000, powerDeliveryStop: 6000, weldingDetection: 2000, sessionStop: 2000,
};
/** ServiceDiscovery + PaymentServiceSelection + Authorization round trips (PD; EIM itself is in SessionSetup's time). */
const AUTH_RESPONSE_MS: readonly [number, number] = [100, 400];

type AuthState = 'idle' | 'ongoing' | 'ok' | 'failed' | 'sequenceError';

/** What packpilot asks, as the node decoded it. */
export interface CccRequest {
  /** CCC_PhaseRequest raw value, 0…10. */
  phase: number;
  targetVoltageV: number;
  targetCurrentA: number;
  socPct: number;
  ready: boolean;
  /** CCC_PaymentMode: 0 EIM, 1 PnC. */
  paymentPnc: boolean;
}

export class CccSession {
  auth: AuthState = 'idle';
  private authDueMs = NaN;
  private lastResponses = -1;
  private lastPhase: DcPhase = 'none';
  private lastProgressMs = 0;
  timedOut = false;
  /** The phase the charger has answered at least once since it was asked (a PreChargeRes…). */
  answeredPhase: DcPhase | null = null;
  linkEverUp = false;
  /** Time packpilot began asking for a session with no DC charger mated (SLAC without a partner). */
  private slacSinceMs = NaN;
  /** The node is ending the session on its own (packpilot silent). */
  stopping = false;

  constructor(
    readonly pncOffered: boolean,
    private readonly random: Random,
  ) {}

  reset(): void {
    this.auth = 'idle';
    this.authDueMs = NaN;
    this.timedOut = false;
    this.answeredPhase = null;
    this.linkEverUp = false;
    this.slacSinceMs = NaN;
    this.stopping = false;
  }

  /** Follows packpilot's valid request: fills the model's command. */
  follow(req: CccRequest, cmd: CccCommand, status: CccStatus, nowMs: number): void {
    this.stopping = false;
    cmd.evTargetVoltageV = req.targetVoltageV;
    cmd.evTargetCurrentA = req.targetCurrentA;
    cmd.evSocPct = req.socPct;
    cmd.evReady = req.ready;
    const wanted = PLANT_PHASE_BY_CAN[req.phase] ?? 'none';
    if (wanted !== 'auth') {
      cmd.phase = wanted;
      return;
    }
    // The model stays on its last phase while the CCC runs the authorization exchange.
    if (this.auth === 'idle') {
      const after = status.phase === 'sessionSetup' && status.processing === 'finished' && status.responseCode === 'ok';
      this.auth = after ? 'ongoing' : 'sequenceError';
      this.authDueMs = nowMs + this.random.uniform(AUTH_RESPONSE_MS[0], AUTH_RESPONSE_MS[1]);
    }
    if (this.auth === 'ongoing' && nowMs >= this.authDueMs) this.auth = req.paymentPnc && !this.pncOffered ? 'failed' : 'ok';
  }

  /** packpilot silent: request 0 A and walk the model to the end of its session. */
  stopAlone(cmd: CccCommand, status: CccStatus): void {
    this.stopping = true;
    cmd.evTargetCurrentA = 0;
    const p = status.phase;
    const done = status.processing === 'finished';
    if (p === 'powerDeliveryStart' || p === 'currentDemand') cmd.phase = 'powerDeliveryStop';
    else if (p === 'powerDeliveryStop') cmd.phase = done ? 'sessionStop' : 'powerDeliveryStop';
    else if (p === 'sessionSetup' && !(done && status.responseCode === 'ok')) cmd.phase = 'none';
    else if (p !== 'none' && p !== 'sessionStop') cmd.phase = 'sessionStop';
  }

  /** Progress bookkeeping for timeouts and the link, once per tick (before the next physics step). */
  observe(status: CccStatus, mated: boolean, requestedPhase: number, nowMs: number): void {
    if (status.responseCount !== this.lastResponses || status.phase !== this.lastPhase) {
      const sameAsked = status.phase === this.lastPhase;
      this.answeredPhase = sameAsked && status.responseCount !== this.lastResponses ? status.phase : sameAsked ? this.answeredPhase : null;
      this.lastResponses = status.responseCount;
      this.lastPhase = status.phase;
      this.lastProgressMs = nowMs;
      this.timedOut = false;
    }
    const waiting = status.processing === 'waiting' || status.processing === 'ongoing';
    if (waiting && status.phase !== 'none' && nowMs - this.lastProgressMs > PHASE_TIMEOUT_MS[status.phase]) this.timedOut = true;
    if (status.linkUp) this.linkEverUp = true;
    // A failed or refused authorization may be asked again once packpilot has asked something else.
    if (requestedPhase !== PHASE.serviceDiscoveryAuthorization && this.auth !== 'ok') this.auth = 'idle';
    const asking = requestedPhase !== PHASE.none;
    if (mated || !asking) this.slacSinceMs = NaN;
    else if (Number.isNaN(this.slacSinceMs)) this.slacSinceMs = nowMs;
  }

  /** With no DC charger mated: is a (hopeless) SLAC running, and has it given up? */
  slacAlone(nowMs: number): 'none' | 'trying' | 'failed' {
    if (Number.isNaN(this.slacSinceMs)) return 'none';
    return nowMs - this.slacSinceMs > PHASE_TIMEOUT_MS.sessionSetup ? 'failed' : 'trying';
  }
}

/** Request loops the EV ends (ISO 15118-2 / DIN 70121: PreChargeRes, CurrentDemandRes and
 *  WeldingDetectionRes carry no EVSEProcessing): every answer with ResponseCode OK is reported
 *  as Ok (inlet/dc/README.md "CCC contract"). CableCheckRes does say Ongoing until it finishes. */
export const EV_ENDED_LOOPS: ReadonlySet<DcPhase> = new Set(['preCharge', 'currentDemand', 'weldingDetection']);

/** CCC_PhaseReported value of the model's phase. */
export function canPhase(p: DcPhase): number {
  return PHASE[p];
}

export function isMated(charger: DcCharger | null, plugSource: string | undefined): boolean {
  return charger !== null && plugSource === 'dc';
}
