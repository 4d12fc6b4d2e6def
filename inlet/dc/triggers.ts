// Which triggers hold this tick, most urgent first: the plug leaving (where the phase expects it),
// then stops by severity (emergency, error, normal), then the phase's own progress. The transition
// table decides which of them the present phase listens to; the first one it lists wins.
import { PHASE_PROFILES, type DcPhase, type PhaseTrigger } from './phases.ts';
import { selectPayment, type PaymentChoice } from './payment.ts';
import { planDcPath } from './planner.ts';
import type { DcSessionState } from './state.ts';
import type { DcView } from './observe.ts';
import { budgetSpent, currentIsLow, minDwellDone } from './stop-sequence.ts';
import { stopPolicy, type StopReason } from './stop-policy.ts';
import type { DcInput, DcPlan } from './types.ts';

export type Trigger =
  | { on: Exclude<PhaseTrigger, 'cccOk' | 'planned' | 'refused'> }
  | { on: 'cccOk'; payment?: PaymentChoice }
  | { on: 'planned'; plan: DcPlan }
  | { on: 'refused'; plan: DcPlan }
  | { on: 'stop'; reason: StopReason };

export interface TriggerContext {
  state: DcSessionState;
  input: DcInput;
  view: DcView;
  nowMs: number;
  guardTrip: StopReason | null;
  prechargeMatched: boolean;
}

export function deriveTriggers(c: TriggerContext): Trigger[] {
  const out: Trigger[] = [];
  if (!c.input.port.connectorPresent) out.push(on('unplugged'));
  pushStopReasons(c, out);
  PROGRESS[c.state.phase](c, out);
  return out;
}

type SimpleTrigger = Exclude<PhaseTrigger, 'cccOk' | 'planned' | 'refused'>;
/** Every simple trigger name (a Record, so the compiler checks none is missing). */
const SIMPLE_NAMES: Readonly<Record<SimpleTrigger, true>> = {
  start: true, cccFailed: true, cccTimeout: true, budget: true, locked: true, lockFault: true, matched: true, closed: true,
  currentLow: true, opened: true, weldingDone: true, roundsExhausted: true, released: true, releasedRetry: true, unplugged: true,
};
/** One shared frozen trigger per name, made at load (triggers are derived every tick: a property
 *  read, not a map lookup, for each trigger a phase might fire). */
const SIMPLE = Object.fromEntries(Object.keys(SIMPLE_NAMES).map((n) => [n, Object.freeze({ on: n })])) as unknown as Readonly<Record<SimpleTrigger, Trigger>>;
function on(name: SimpleTrigger): Trigger {
  return SIMPLE[name];
}

/** A stop trigger when the reason holds (module level, no closure per tick). */
function keep(out: Trigger[], r: StopReason | false): void {
  if (r !== false) out.push({ on: 'stop', reason: r });
}

/** Stop triggers for the reasons that hold now, by severity, onto `out` (no list of reasons per tick).
 *  The phase's stop route decides whether they matter. */
function pushStopReasons(c: TriggerContext, out: Trigger[]): void {
  const { state: s, input: { port, bms, ccc, boost, config }, view: v, nowMs } = c;
  const p = PHASE_PROFILES[s.phase];
  const talking = v.cccFresh && p.ccc !== 'none' && p.ccc !== 'abort';
  // Evaluated in this order, kept when not false (pushed rather than filtered: this runs every tick).
  keep(out, bms.criticalFault && 'criticalFault');
  keep(out, port.stopNow && 'portStop');
  keep(out, talking && ccc.evseStatus === 'emergencyShutdown' && 'evseEmergencyShutdown');
  keep(out, !port.connectorPresent && 'unplugged');
  keep(out, p.lockExpected && port.lockState !== 'locked' && 'lockLost');
  keep(out, talking && p.chargerIsolation && ccc.isolationStatus === 'fault' && 'isolationFault');
  keep(out, c.guardTrip ?? false);
  keep(out, talking && ccc.evseStatus === 'malfunction' && 'evseMalfunction');
  keep(out, p.contactorsExpected && !bms.dcContactorsClosed && 'contactorFault');
  keep(out, !port.dcAllowed && 'dcNotAllowed');
  keep(out, p.path && usesConverter(s, config.boost.fitted) && (!boost.valid || boost.status === 'fault') && 'boostFault');
  keep(out, setupOverrun(s, config.budgets, nowMs) && 'setupBudget');
  keep(out, s.userInhibit && 'user');
  keep(out, port.latchPressed && 'latchPressed');
  keep(out, talking && ccc.evseStatus === 'shutdown' && 'evseShutdown');
  keep(out, talking && ccc.notification === 'stopCharging' && 'evseStopNotification');
  keep(out, isFull(c) && 'full');
  keep(out, bms.valid && !bms.chargeAllowed && 'bmsNotAllowed');
  keep(out, held(s.evseNotReadySinceMs, config.guards.evseNotReadyMaxMs, nowMs) && 'evseNotReady');
  keep(out, s.chargeStartedAtMs !== null && config.budgets.chargeMs !== null && nowMs - s.chargeStartedAtMs >= config.budgets.chargeMs && 'chargeBudget');
}

const held = (since: number | null, forMs: number, nowMs: number): boolean => since !== null && nowMs - since >= forMs;

function usesConverter(s: DcSessionState, fitted: boolean): boolean {
  return s.plan?.path === 'boost' || (s.plan?.path === 'direct' && fitted);
}

const SETUP_PHASES: ReadonlySet<DcPhase> = new Set(['sessionSetup', 'authorization', 'parameterDiscovery', 'planning', 'locking',
  'cableCheck', 'preCharge', 'closingContactors', 'contactorSettle', 'powerDeliveryStart']);

function setupOverrun(s: DcSessionState, budgets: DcInput['config']['budgets'], nowMs: number): boolean {
  if (!SETUP_PHASES.has(s.phase)) return false;
  return (s.sessionStartedAtMs !== null && nowMs - s.sessionStartedAtMs >= budgets.setupMs)
    || (s.discoveryStartedAtMs !== null && nowMs - s.discoveryStartedAtMs >= budgets.readyToChargeMs);
}

function isFull(c: TriggerContext): boolean {
  const soc = c.view.socPct;
  if (soc !== undefined && soc >= c.view.chargeLimitPct) return true;
  return held(c.state.taperLowSinceMs, c.input.config.full.taperCompleteHoldMs, c.nowMs);
}

/** A DC session may start: plug seated and allowed, digital pilot, battery willing, not at the limit. */
export function startBlockedBy(c: Pick<TriggerContext, 'state' | 'input' | 'view'>): string | null {
  const { state: s, input: { port, bms }, view: v } = c;
  if (!port.connectorPresent) return 'no connector';
  if (s.latched !== null) return `${s.latched}: unplug first`;
  if (!port.dcAllowed) return 'DC not allowed by the inlet';
  if (!port.cpDigital) return 'no digital control pilot';
  if (port.stopNow || port.latchPressed) return 'inlet stop or latch pressed';
  if (port.lockState === 'fault') return 'lock fault';
  if (s.userInhibit) return 'stopped by the user';
  if (!v.bmsValid || !bms.chargeAllowed || bms.criticalFault) return 'battery does not allow charging';
  if (v.socPct === undefined || v.socPct >= v.chargeLimitPct) return 'at the charge limit';
  return null;
}

/** A phase's own progress: pushes its triggers onto `out`, in order (no arrays per tick). */
type Progress = (c: TriggerContext, out: Trigger[]) => void;

const when = (out: Trigger[], cond: boolean, t: Trigger): void => { if (cond) out.push(t); };
const budget: Progress = (c, out) => when(out, budgetSpent(c.state, c.input.config, c.nowMs), on('budget'));

/** The CCC's answer for this phase, and silence past the phase's response timeout. */
const comms: Progress = (c, out) => {
  const { view: v, state: s, input: { config }, nowMs } = c;
  const timeoutMs = config.phases[s.phase].responseTimeoutMs;
  const silent = PHASE_PROFILES[s.phase].responses && timeoutMs !== undefined && nowMs - s.lastAnswerAtMs > timeoutMs;
  when(out, v.answer === 'failed', on('cccFailed'));
  when(out, v.answer === 'timeout' || silent, on('cccTimeout'));
};
const CCC_OK: Trigger = Object.freeze({ on: 'cccOk' });
const okThen: Progress = (c, out) => when(out, c.view.answer === 'ok', CCC_OK);
const oneShot: Progress = (c, out) => { comms(c, out); okThen(c, out); budget(c, out); };
const lockReleased = (c: TriggerContext): boolean => c.input.port.lockState === 'unlocked' || c.input.port.lockState === 'fault';

const start: Progress = (c, out) => {
  const wanted = c.view.startEdge || (c.state.phase === 'idle' && c.input.config.hmi.autoStart);
  when(out, wanted && startBlockedBy(c) === null, on('start'));
};

const PROGRESS: Record<DcPhase, Progress> = {
  idle: start,
  sessionSetup: (c, out) => {
    if (c.view.answer !== 'ok') { comms(c, out); budget(c, out); return; }
    const payment = selectPayment(c.input.ccc.paymentOptions, c.input.config.hmi.plugAndChargeEnabled, c.input.hmi.paymentPreference);
    out.push(payment.mode === null ? { on: 'stop', reason: 'paymentUnavailable' } : { on: 'cccOk', payment });
  },
  authorization: oneShot,
  parameterDiscovery: oneShot,
  planning: (c, out) => {
    const { input: { bms, boost, config }, view: v } = c;
    if (!v.cccFresh) { budget(c, out); return; } // plan only on the charger's present limits
    const plan = planDcPath({
      evseMaxVoltageV: v.evseMaxVoltageV ?? 0, evseMinVoltageV: c.input.ccc.evseMinVoltageV,
      pack: { ...bms, packVoltageV: v.bmsValid ? bms.packVoltageV : Number.NaN }, chargeLimitPct: v.chargeLimitPct,
      boostSpec: config.boost, boost,
    }, config.planner);
    // The charger's limits come in their own frame and may trail its answer by a cycle: wait for
    // them within the phase budget instead of refusing on a value not yet received.
    if (plan.code === 'noChargerParameters') { budget(c, out); return; }
    out.push(plan.path === null ? { on: 'refused', plan } : { on: 'planned', plan });
  },
  locking: (c, out) => {
    when(out, c.input.port.lockState === 'fault', on('lockFault'));
    when(out, c.input.port.lockState === 'locked', on('locked'));
    budget(c, out);
  },
  // Finished counts only with an isolation verdict; 'invalid' means the charger has not measured yet.
  cableCheck: (c, out) => { comms(c, out); if (c.input.ccc.isolationStatus !== 'invalid') okThen(c, out); budget(c, out); },
  preCharge: (c, out) => { comms(c, out); when(out, c.prechargeMatched, on('matched')); budget(c, out); },
  closingContactors: (c, out) => { comms(c, out); when(out, c.input.bms.dcContactorsClosed, on('closed')); budget(c, out); },
  contactorSettle: (c, out) => { comms(c, out); budget(c, out); },
  powerDeliveryStart: oneShot,
  currentDemand: comms,
  stopRampDown: (c, out) => {
    comms(c, out);
    when(out, c.state.phaseAnswers >= 1 && currentIsLow(c.view, false, c.input.config), on('currentLow'));
    budget(c, out);
  },
  powerDeliveryStop: oneShot,
  currentDecay: (c, out) => {
    when(out, minDwellDone(c.state, c.input.config, c.nowMs) && currentIsLow(c.view, false, c.input.config), on('currentLow'));
    budget(c, out);
  },
  openingContactors: (c, out) => { when(out, c.input.bms.dcContactorsOpen, on('opened')); budget(c, out); },
  weldingDetection: (c, out) => {
    const { view: v, input: { config } } = c;
    const done = v.answer === 'ok' && v.evsePresentV !== undefined && v.evsePresentV < config.stop.weldingDoneV
      && (v.inletV === undefined || v.inletV < config.stop.unlockMaxInletV);
    when(out, done, on('weldingDone'));
    when(out, c.state.phaseAnswers >= config.stop.weldingMaxRounds, on('roundsExhausted'));
    comms(c, out);
    budget(c, out);
  },
  sessionStop: (c, out) => when(out, c.state.cccAnswered && lockReleased(c), on('released')),
  errorCurrentDecay: (c, out) => { when(out, currentIsLow(c.view, c.input.bms.dcContactorsOpen, c.input.config), on('currentLow')); budget(c, out); },
  errorOpening: (c, out) => { when(out, c.input.bms.dcContactorsOpen, on('opened')); budget(c, out); },
  errorSettle: (c, out) => when(out, minDwellDone(c.state, c.input.config, c.nowMs) && lockReleased(c), on(retryAllowed(c) ? 'releasedRetry' : 'released')),
  ended: start,
  retryWait: budget,
};

/** Automatic retry: only for a stop whose policy allows it, within the limit, plug still there. */
export function retryAllowed(c: Pick<TriggerContext, 'state' | 'input'>): boolean {
  const { state: s, input: { port, config } } = c;
  return s.stop !== null && stopPolicy(s.stop.reason).retry && s.retryCount < config.retry.maxAutoRetries
    && port.connectorPresent && port.dcAllowed && !s.userInhibit && s.latched === null;
}
