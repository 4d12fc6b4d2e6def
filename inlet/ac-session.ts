// AC charge session FSM (transition table). S2 (state C) closes only when ready: offer present,
// BMS allows, OBC ready, relay confirmed closed, inlet locked. Stops ramp the setpoint to 0 at
// once, open S2 when the current is gone (or at a deadline), then release the relay once AC is
// gone. A stop either waits for a restart, completes at the SOC limit, or needs a new plug-in.
import type { AcSessionConfig, ObcConfig } from './config.ts';
import { acSetpoint, conversionVoltageV, type AcLimitReason } from './ac-limits.ts';
import { waitForSchedule } from './ac-schedule.ts';
import {
  limitSocPct, mustStop, whyNotStart, STOPS_COUNTED_AS_FAILURE, STOPS_NEEDING_REPLUG,
  type AcSessionInput, type AcStopCause, type AcWaitReason,
} from './ac-conditions.ts';

export type AcStateName = 'idle' | 'waiting' | 'scheduled' | 'preparing' | 'charging' | 'stopping' | 'releasing' | 'complete' | 'stopped';
type After = 'waiting' | 'complete' | 'stopped';

export interface AcSessionState {
  name: AcStateName;
  deadlineMs: number | null;
  /** Where the stop sequence ends. */
  after: After;
  stopCause: AcStopCause | 'limit-reached' | 'faults-exhausted' | null;
  restartAtMs: number;
  failures: number;
  /** The SOC limit in force when the session completed. */
  completeAtLimitPct: number | null;
}

export type AcEvent =
  | 'unplugged' | 'dc-active' | 'must-stop' | 'limit-reached' | 'prepare-timeout' | 'ready'
  | 'current-gone' | 'deadline' | 'ac-gone' | 'plugged' | 'schedule-wait' | 'schedule-due' | 'can-start' | 'resume';

export const AC_EVENT_PRIORITY: readonly AcEvent[] = [
  'unplugged', 'dc-active', 'must-stop', 'limit-reached', 'prepare-timeout', 'ready', 'current-gone',
  'ac-gone', 'deadline', 'plugged', 'schedule-wait', 'schedule-due', 'can-start', 'resume',
];

export interface AcCtx { input: AcSessionInput; cfg: AcSessionConfig; nowMs: number; stop: AcStopCause | null }
type Handler = (s: AcSessionState, c: AcCtx) => AcSessionState;

const go = (name: AcStateName): Handler => (s) => ({ ...s, name, deadlineMs: null });
const idle: Handler = (s) => ({ ...initialAcSessionState(), restartAtMs: s.restartAtMs });
const prepare: Handler = (s, c) => ({ ...s, name: 'preparing', deadlineMs: c.nowMs + c.cfg.prepareDeadlineMs, stopCause: null });
const release: Handler = (s, c) => ({ ...s, name: 'releasing', deadlineMs: c.nowMs + c.cfg.acOffDeadlineMs });
const complete: Handler = (s, c) => ({ ...s, name: 'complete', deadlineMs: null, completeAtLimitPct: limitSocPct(c.input) });
const finish: Handler = (s, c) => ({ ...s, name: s.after, deadlineMs: null,
  completeAtLimitPct: s.after === 'complete' ? limitSocPct(c.input) : null });

function stopWith(cause: AcStopCause | 'limit-reached'): Handler {
  return (s, c) => {
    const failures = s.failures + (cause !== 'limit-reached' && STOPS_COUNTED_AS_FAILURE.has(cause) ? 1 : 0);
    const exhausted = failures > c.cfg.maxFaultRestarts;
    const replug = cause !== 'limit-reached' && STOPS_NEEDING_REPLUG.has(cause);
    const after: After = cause === 'limit-reached' ? 'complete' : exhausted || replug ? 'stopped' : 'waiting';
    const delayMs = failures > s.failures ? c.cfg.faultRestartDelayMs : c.cfg.restartDelayMs;
    return { ...s, name: 'stopping', deadlineMs: c.nowMs + c.cfg.rampDownDeadlineMs, after, failures,
      stopCause: exhausted ? 'faults-exhausted' : cause, restartAtMs: c.nowMs + delayMs };
  };
}
const stopNow: Handler = (s, c) => stopWith(c.stop ?? 'unplugged')(s, c);

/** The transition table. Events not listed for a state are ignored on purpose. */
export const AC_TABLE: Record<AcStateName, Partial<Record<AcEvent, Handler>>> = {
  idle: { plugged: go('waiting') },
  waiting: { unplugged: idle, 'dc-active': idle, 'limit-reached': complete, 'schedule-wait': go('scheduled'), 'can-start': prepare },
  scheduled: { unplugged: idle, 'dc-active': idle, 'limit-reached': complete, 'schedule-due': go('waiting') },
  preparing: {
    unplugged: stopWith('unplugged'), 'dc-active': stopWith('dc-session'), 'must-stop': stopNow,
    'limit-reached': stopWith('limit-reached'), 'prepare-timeout': stopWith('prepare-timeout'), ready: go('charging'),
  },
  charging: { unplugged: stopWith('unplugged'), 'dc-active': stopWith('dc-session'), 'must-stop': stopNow, 'limit-reached': stopWith('limit-reached') },
  stopping: { 'current-gone': release, deadline: release },
  releasing: { 'ac-gone': finish, deadline: finish },
  complete: { unplugged: idle, 'dc-active': idle, resume: go('waiting') },
  stopped: { unplugged: idle },
};

export function initialAcSessionState(): AcSessionState {
  return { name: 'idle', deadlineMs: null, after: 'waiting', stopCause: null, restartAtMs: 0, failures: 0, completeAtLimitPct: null };
}

export function isAcActive(name: AcStateName): boolean {
  return name === 'preparing' || name === 'charging' || name === 'stopping' || name === 'releasing';
}

function limitsFor(obc: ObcConfig, i: AcSessionInput) {
  return acSetpoint(obc, { offerA: i.acOfferA, ratingA: i.ratingA, pinLimitA: i.pinLimitA,
    userMaxA: i.hmi.maxAcCurrentA, acVoltageV: i.obc?.acVoltageV ?? null, bms: i.bms });
}

/** DC power into the pack at the present setpoint (for the departure-time estimate). */
function expectedPowerW(obc: ObcConfig, i: AcSessionInput): number {
  const acV = conversionVoltageV(obc, i.obc?.acVoltageV ?? null);
  return limitsFor(obc, i).setpointA * acV * obc.efficiency;
}

export function acEvents(s: AcSessionState, c: AcCtx, obc: ObcConfig, waitReason: AcWaitReason | null): Set<AcEvent> {
  const { input: i, cfg, nowMs } = c;
  const e = new Set<AcEvent>();
  const soc = i.bms?.socPct ?? null;
  const limit = limitSocPct(i);
  if (!i.plugPresent) e.add('unplugged');
  if (i.dcActive) e.add('dc-active');
  if (c.stop !== null) e.add('must-stop');
  if (soc !== null && soc >= limit) e.add('limit-reached');
  if (s.deadlineMs !== null && nowMs >= s.deadlineMs) e.add(s.name === 'preparing' ? 'prepare-timeout' : 'deadline');
  if (i.relayConfirmed && (i.lockLocked || !cfg.requireLock) && i.obc?.ready === true) e.add('ready');
  if (i.inletCurrentA !== null && i.inletCurrentA < cfg.stoppedBelowA) e.add('current-gone');
  if (i.obc !== null && i.obc.acVoltageV < obc.acPresentFromV) e.add('ac-gone');
  if (i.plugPresent && !i.dcActive) e.add('plugged');
  const estimate = { socPct: soc ?? 0, limitSocPct: limit, packUsableEnergyWh: cfg.packUsableEnergyWh,
    expectedPowerW: expectedPowerW(obc, i), marginMs: cfg.scheduleMarginMs };
  if (waitForSchedule(i.hmi.schedule, estimate, nowMs)) e.add('schedule-wait');
  else e.add('schedule-due');
  if (waitReason === null) e.add('can-start');
  const raised = s.completeAtLimitPct !== null && limit > s.completeAtLimitPct;
  if (soc !== null && (soc < limit - cfg.resumeBelowLimitPct || (raised && soc < limit))) e.add('resume');
  return e;
}

export interface AcSessionView {
  state: AcStateName;
  wantAcPath: boolean;
  wantLock: boolean;
  /** The EV requests energy (S2 closed, state C). */
  s2Closed: boolean;
  obcCurrentSetpointA: number;
  /** Why the session is where it is (the binding limit while charging). */
  reason: AcWaitReason | AcLimitReason | 'preparing' | 'stopping' | 'complete' | 'stopped' | 'faults-exhausted' | 'idle';
  limitReason: AcLimitReason | null;
}

export interface AcStepResult { state: AcSessionState; view: AcSessionView; cause: AcEvent | null }

/** The view of an idle session (shared and frozen: an idle AC session is stepped every tick of a DC session). */
const IDLE_VIEW: AcSessionView = Object.freeze({
  state: 'idle', wantAcPath: false, wantLock: false, s2Closed: false, obcCurrentSetpointA: 0, limitReason: null, reason: 'idle',
});

/** Idle and nothing to start: no plug, or a DC or V2L session runs. The idle row lists only
 *  'plugged', so the step's result needs none of the other inputs. */
export function acStaysIdle(s: AcSessionState, plugPresent: boolean, dcActive: boolean): boolean {
  return s.name === 'idle' && !(plugPresent && !dcActive);
}

/** acSessionStep's result while acStaysIdle holds (the same state object when nothing changes). */
export function idleAcStep(s: AcSessionState, plugPresent: boolean): AcStepResult {
  return { state: plugPresent || s.failures === 0 ? s : { ...s, failures: 0 }, view: IDLE_VIEW, cause: null };
}

export function acSessionStep(cfg: AcSessionConfig, obc: ObcConfig, s: AcSessionState, input: AcSessionInput, nowMs: number): AcStepResult {
  if (acStaysIdle(s, input.plugPresent, input.dcActive)) return idleAcStep(s, input.plugPresent);
  const stop = mustStop(input, s.name === 'charging', cfg.requireLock);
  const wait = whyNotStart(input, cfg, s.restartAtMs, nowMs);
  const ctx: AcCtx = { input, cfg, nowMs, stop };
  const events = acEvents(s, ctx, obc, wait);
  const row = AC_TABLE[s.name];
  const cause = AC_EVENT_PRIORITY.find((e) => events.has(e) && row[e] !== undefined) ?? null;
  let next = cause === null ? s : row[cause]!(s, ctx);
  if (!input.plugPresent && !isAcActive(next.name)) next = { ...next, failures: 0 };
  return { state: next, view: acView(next, input, cfg, obc, wait), cause };
}

function acView(s: AcSessionState, i: AcSessionInput, cfg: AcSessionConfig, obc: ObcConfig, wait: AcWaitReason | null): AcSessionView {
  const active = isAcActive(s.name);
  const base = { state: s.name, wantAcPath: active, wantLock: active && cfg.requireLock, s2Closed: false, obcCurrentSetpointA: 0, limitReason: null };
  switch (s.name) {
    case 'charging': {
      const limit = limitsFor(obc, i);
      return { ...base, s2Closed: true, obcCurrentSetpointA: limit.setpointA, reason: limit.reason, limitReason: limit.reason };
    }
    case 'stopping': return { ...base, s2Closed: true, reason: 'stopping' };
    case 'releasing': return { ...base, reason: 'stopping' };
    case 'stopped': return { ...base, reason: s.stopCause === 'faults-exhausted' ? 'faults-exhausted' : 'stopped' };
    case 'complete': return { ...base, reason: 'complete' };
    case 'scheduled': return { ...base, reason: 'scheduled' };
    case 'preparing': return { ...base, reason: 'preparing' };
    case 'waiting': return { ...base, reason: wait ?? 'preparing' };
    case 'idle': return { ...base, reason: 'idle' };
  }
}
