// The DC session as data: phase names, what each phase asks of the CCC, port, BMS and boost
// converter (its profile), the transition table, and where each phase goes on a stop.
// Sequence: DESIGN.md §4; normal and error stop sequences: reference/timeouts.md §4.
// An event a phase does not list is ignored on purpose (e.g. a user stop while already stopping).
import type { StopKind, StopReason } from './stop-policy.ts';

export const DC_PHASES = [
  'idle', 'sessionSetup', 'authorization', 'parameterDiscovery', 'planning', 'locking',
  'cableCheck', 'preCharge', 'closingContactors', 'contactorSettle', 'powerDeliveryStart', 'currentDemand',
  'stopRampDown', 'powerDeliveryStop', 'currentDecay', 'openingContactors', 'weldingDetection', 'sessionStop',
  'errorCurrentDecay', 'errorOpening', 'errorSettle', 'ended', 'retryWait',
] as const;
export type DcPhase = (typeof DC_PHASES)[number];

/** What packpilot asks the CCC to do. 'abort': tell the charger EVReady=false with the error code
 *  if the link still works, then send nothing more (error stop). */
export type CccPhase =
  | 'none' | 'sessionSetup' | 'authorization' | 'chargeParameterDiscovery' | 'cableCheck' | 'preCharge'
  | 'powerDeliveryStart' | 'currentDemand' | 'powerDeliveryStop' | 'weldingDetection' | 'sessionStop' | 'abort';

/** Things that move a phase on; derived each tick from the inputs (triggers.ts). */
export type PhaseTrigger =
  | 'start' | 'cccOk' | 'cccFailed' | 'cccTimeout' | 'budget' | 'planned' | 'refused' | 'locked' | 'lockFault'
  | 'matched' | 'closed' | 'currentLow' | 'opened' | 'weldingDone' | 'roundsExhausted'
  | 'released' | 'releasedRetry' | 'unplugged';

export type Destination = DcPhase | { stop: StopReason };

export interface PhaseProfile {
  ccc: CccPhase;
  /** Charger responses are expected: the phase's response timeout applies. */
  responses: boolean;
  cp: 'B' | 'C';
  /** 'hold' = want locked; 'keep' = hold only if already locked; 'release' = like keep, unlock once safe. */
  lock: 'off' | 'hold' | 'keep' | 'release';
  /** 'keep' = hold closed only if the feedback says closed, never close anew. */
  contactors: 'open' | 'close' | 'keep';
  /** Ask the vehicle IMD to stand down: only while the charger's cable check measures the
   *  insulation (DESIGN.md §5; CONTRACT.md IMD_Command; the BMS bounds a stand-down to the cable-check loop). */
  imdStandDown: boolean;
  /** The charger's insulation verdict (EVSEIsolationStatus) is in force: a Fault stops the session. */
  chargerIsolation: boolean;
  /** The converter path (bypass or boost) is engaged. */
  path: boolean;
  evReady: boolean;
  current: 'none' | 'precharge' | 'zero' | 'charge';
  /** The lock must read locked; anything else is a lost lock (manual release). */
  lockExpected: boolean;
  /** Both contactors' feedback must read closed. */
  contactorsExpected: boolean;
  guards: { overVoltage: boolean; unaskedCurrent: boolean; overCurrent: boolean };
}

const G_NONE = { overVoltage: false, unaskedCurrent: false, overCurrent: false };
const G_LIVE = { overVoltage: true, unaskedCurrent: true, overCurrent: false };
const G_CHARGE = { overVoltage: true, unaskedCurrent: false, overCurrent: true };
const G_STOP = { overVoltage: true, unaskedCurrent: false, overCurrent: false };

const rest: PhaseProfile = {
  ccc: 'none', responses: false, cp: 'B', lock: 'off', contactors: 'open', imdStandDown: false, chargerIsolation: false, path: false,
  evReady: false, current: 'none', lockExpected: false, contactorsExpected: false, guards: G_NONE,
};
const setup = (ccc: CccPhase, responses = true): PhaseProfile => ({ ...rest, ccc, responses });
/** Plug locked, inlet may be live, the charger's IMD watches the insulation. */
const live = (ccc: CccPhase, patch: Partial<PhaseProfile>): PhaseProfile => ({
  ...rest, ccc, responses: true, cp: 'C', lock: 'hold', chargerIsolation: true, path: true, evReady: true,
  lockExpected: true, guards: G_LIVE, ...patch,
});

export const PHASE_PROFILES: Record<DcPhase, PhaseProfile> = {
  idle: rest,
  sessionSetup: setup('sessionSetup'),
  authorization: setup('authorization'),
  parameterDiscovery: setup('chargeParameterDiscovery'),
  planning: setup('chargeParameterDiscovery', false),
  locking: { ...setup('chargeParameterDiscovery', false), lock: 'hold', path: true },
  cableCheck: live('cableCheck', { imdStandDown: true }),
  preCharge: live('preCharge', { current: 'precharge' }),
  // The PreCharge loop continues while the contactors close and settle (the charger keeps holding).
  closingContactors: live('preCharge', { current: 'precharge', contactors: 'close' }),
  contactorSettle: live('preCharge', { current: 'precharge', contactors: 'close', contactorsExpected: true }),
  powerDeliveryStart: live('powerDeliveryStart', { current: 'zero', contactors: 'close', contactorsExpected: true, guards: G_CHARGE }),
  currentDemand: live('currentDemand', { current: 'charge', contactors: 'close', contactorsExpected: true, guards: G_CHARGE }),
  // Normal stop (timeouts.md §4): one CurrentDemand at 0 A, PowerDelivery(stop), CP B, wait, open.
  stopRampDown: live('currentDemand', { current: 'zero', contactors: 'close', guards: G_STOP }),
  powerDeliveryStop: live('powerDeliveryStop', { current: 'zero', contactors: 'close', evReady: false, guards: G_STOP }),
  currentDecay: live('powerDeliveryStop', { responses: false, cp: 'B', current: 'zero', contactors: 'close', evReady: false, guards: G_STOP }),
  openingContactors: live('powerDeliveryStop', { responses: false, cp: 'B', current: 'zero', evReady: false, guards: G_STOP }),
  weldingDetection: live('weldingDetection', { cp: 'B', current: 'zero', evReady: false, chargerIsolation: false, path: false, guards: G_NONE }),
  sessionStop: { ...setup('sessionStop'), lock: 'release' },
  // Error stop (timeouts.md §4): CP B at once, 0 A, open when current has decayed or at the bound.
  errorCurrentDecay: { ...rest, ccc: 'abort', lock: 'keep', contactors: 'keep', path: true, current: 'zero' },
  errorOpening: { ...rest, ccc: 'abort', lock: 'keep', path: true, current: 'zero' },
  errorSettle: { ...rest, ccc: 'abort', lock: 'release', current: 'zero' },
  ended: rest,
  retryWait: rest,
};

const failOnComms = { cccFailed: { stop: 'cccFailed' }, cccTimeout: { stop: 'cccTimeout' } } as const;

export const TRANSITIONS: Record<DcPhase, Partial<Record<PhaseTrigger, Destination>>> = {
  idle: { start: 'sessionSetup' },
  sessionSetup: { cccOk: 'authorization', ...failOnComms, budget: { stop: 'cccTimeout' } },
  authorization: { cccOk: 'parameterDiscovery', cccFailed: { stop: 'authorizationFailed' }, cccTimeout: { stop: 'cccTimeout' }, budget: { stop: 'authorizationTimeout' } },
  parameterDiscovery: { cccOk: 'planning', ...failOnComms, budget: { stop: 'cccTimeout' } },
  planning: { planned: 'locking', refused: { stop: 'planRefused' }, budget: { stop: 'cccTimeout' } },
  locking: { locked: 'cableCheck', lockFault: { stop: 'lockFault' }, budget: { stop: 'lockFault' } },
  cableCheck: { cccOk: 'preCharge', cccFailed: { stop: 'cableCheckFailed' }, cccTimeout: { stop: 'cccTimeout' }, budget: { stop: 'cableCheckTimeout' } },
  // PreCharge, CurrentDemand and WeldingDetection are loops: each answer is a reading, the EV ends them.
  preCharge: { matched: 'closingContactors', ...failOnComms, budget: { stop: 'prechargeTimeout' } },
  closingContactors: { closed: 'contactorSettle', ...failOnComms, budget: { stop: 'contactorFault' } },
  contactorSettle: { budget: 'powerDeliveryStart', ...failOnComms },
  powerDeliveryStart: { cccOk: 'currentDemand', ...failOnComms, budget: { stop: 'cccTimeout' } },
  currentDemand: { cccFailed: { stop: 'cccFailed' }, cccTimeout: { stop: 'commLoss' } },
  stopRampDown: { currentLow: 'powerDeliveryStop', budget: 'powerDeliveryStop', cccFailed: 'powerDeliveryStop', cccTimeout: { stop: 'commLoss' } },
  powerDeliveryStop: { cccOk: 'currentDecay', ...failOnComms, budget: { stop: 'cccTimeout' } },
  currentDecay: { currentLow: 'openingContactors', budget: 'openingContactors' },
  openingContactors: { opened: 'weldingDetection', budget: 'weldingDetection' },
  // Chargers that answer WeldingDetection with FAILED or not at all (chargers.md #15): go on,
  // our own inlet sensor still gates the unlock.
  weldingDetection: { weldingDone: 'sessionStop', roundsExhausted: 'sessionStop', cccFailed: 'sessionStop', cccTimeout: 'sessionStop', budget: 'sessionStop' },
  sessionStop: { released: 'ended', unplugged: 'idle' },
  errorCurrentDecay: { currentLow: 'errorOpening', budget: 'errorOpening' },
  errorOpening: { opened: 'errorSettle', budget: 'errorSettle' },
  errorSettle: { released: 'ended', releasedRetry: 'retryWait', unplugged: 'idle' },
  ended: { start: 'sessionSetup', unplugged: 'idle' },
  retryWait: { budget: 'sessionSetup', unplugged: 'idle' },
};

const beforeContactors = { normal: 'sessionStop', error: 'errorCurrentDecay', emergency: 'errorCurrentDecay' } as const;
const contactorsClosing = { normal: 'openingContactors', error: 'errorCurrentDecay', emergency: 'errorCurrentDecay' } as const;
const charging = { normal: 'stopRampDown', error: 'errorCurrentDecay', emergency: 'errorCurrentDecay' } as const;
const stoppingNormally = { error: 'errorCurrentDecay', emergency: 'errorCurrentDecay' } as const;

/** Where a stop of each kind leads from each phase. Absent: ignored (already stopping or at rest). */
export const STOP_ROUTES: Record<DcPhase, Partial<Record<StopKind, DcPhase>>> = {
  idle: {},
  sessionSetup: beforeContactors, authorization: beforeContactors, parameterDiscovery: beforeContactors,
  planning: beforeContactors, locking: beforeContactors, cableCheck: beforeContactors, preCharge: beforeContactors,
  closingContactors: contactorsClosing, contactorSettle: contactorsClosing,
  powerDeliveryStart: charging, currentDemand: charging,
  stopRampDown: stoppingNormally, powerDeliveryStop: stoppingNormally, currentDecay: stoppingNormally, openingContactors: stoppingNormally,
  // Contactors are open from here on; the sequence finishes as it is, the unlock stays gated.
  weldingDetection: {}, sessionStop: {},
  errorCurrentDecay: {}, errorOpening: {}, errorSettle: {},
  ended: {},
  retryWait: { normal: 'ended', error: 'ended', emergency: 'ended' },
};

/** A session is under way (mode arbitration's dcSessionActive). */
export function isSessionActive(phase: DcPhase): boolean {
  return phase !== 'idle' && phase !== 'ended' && phase !== 'retryWait';
}
