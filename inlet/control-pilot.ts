// Control pilot: level state and PWM duty → pilot class and AC offer (reference/pilot.md §1–2).
// A class or a higher offer is believed only after it held acceptDebounceMs (Clara: 5 × 100 ms);
// a drop (lower offer, PWM gone, E/F) acts on the latest sample at once.
import type { PortMemo } from './port-memo.ts';
import type { ControlPilotConfig, DutySegment, PilotClass } from './config.ts';
import type { CpLevel, Reading } from './types.ts';

export interface CpSample {
  state: CpLevel;
  dutyPct: number;
  pwmPresent: boolean;
}

export interface PilotReading {
  pilotClass: PilotClass;
  offerA: number;
}

export interface ControlPilotState {
  accepted: PilotReading;
  candidate: PilotReading;
  candidateSinceMs: number;
  /** PWM (AC or digital) was believed during the session now running. */
  pwmSeenInSession: boolean;
  /** Since when the PWM has been missing, or null. */
  pwmMissingSinceMs: number | null;
}

export interface ControlPilotView {
  /** Latest level, or 'invalid' when the reading is unusable. */
  state: CpLevel | 'invalid';
  dutyPct: number;
  pwmPresent: boolean;
  /** Debounced class. */
  pilotClass: PilotClass;
  /** AC current offered: debounced and latest sample both AC; the lower of the two. */
  acOfferA: number;
  /** 5 % digital communication believed and still present. */
  digital: boolean;
  /** PWM was believed during this session and has gone. */
  pwmLost: boolean;
  /** An EVSE drives the pilot (B, C, D, F or PWM): a cable is plugged into a station. */
  evsePresent: boolean;
}

/** Levels an EVSE drives (B, C, D, F). */
const EVSE_LEVELS: ReadonlySet<CpLevel> = new Set<CpLevel>(['B', 'C', 'D', 'F']);

const NO_PWM: PilotReading = { pilotClass: 'none', offerA: 0 };

export function initialControlPilotState(): ControlPilotState {
  return { accepted: NO_PWM, candidate: NO_PWM, candidateSinceMs: 0, pwmSeenInSession: false, pwmMissingSinceMs: null };
}

/** Duty → class and offered current, from the ordered segment table. */
export function classifyDuty(dutyPct: number, table: readonly DutySegment[]): PilotReading {
  if (!Number.isFinite(dutyPct) || dutyPct < 0) return NO_PWM;
  let seg: DutySegment | undefined;
  for (const s of table) if (dutyPct < s.upToPct || (s.inclusive && dutyPct === s.upToPct)) { seg = s; break; }
  if (seg === undefined) return { pilotClass: 'not-allowed', offerA: 0 };
  if (seg.offer === null) return { pilotClass: seg.pilotClass, offerA: 0 };
  const offerA = 'fixedA' in seg.offer ? seg.offer.fixedA : (dutyPct - seg.offer.offsetPct) * seg.offer.perPctA;
  return { pilotClass: seg.pilotClass, offerA: roundDownTenth(offerA) };
}

function roundDownTenth(a: number): number {
  // Round down so a float error never offers more than the EVSE allowed.
  return Math.floor(a * 10 + 1e-9) / 10;
}

/** What the latest sample says, before debouncing. E and F carry no usable PWM. */
export function rawPilot(sample: CpSample, usable: boolean, config: ControlPilotConfig): PilotReading {
  if (!usable || !sample.pwmPresent || sample.state === 'E' || sample.state === 'F') return NO_PWM;
  return classifyDuty(sample.dutyPct, config.duty);
}

function differs(a: PilotReading, b: PilotReading, tolA: number): boolean {
  return a.pilotClass !== b.pilotClass || Math.abs(a.offerA - b.offerA) > tolA;
}

export function controlPilotStep(
  config: ControlPilotConfig,
  state: ControlPilotState,
  cp: Reading<CpSample>,
  cpUsable: boolean,
  sessionActive: boolean,
  nowMs: number,
  memo?: PortMemo,
): { state: ControlPilotState; view: ControlPilotView } {
  const raw = memo === undefined ? rawPilot(cp.value, cpUsable, config) : keptRaw(memo, cp.value, cpUsable, config);
  let { accepted, candidate, candidateSinceMs } = state;
  if (differs(raw, candidate, config.offerToleranceA)) {
    candidate = raw;
    candidateSinceMs = nowMs;
  }
  if (nowMs - candidateSinceMs >= config.acceptDebounceMs) accepted = candidate;
  const hasPwm = raw.pilotClass === 'ac' || raw.pilotClass === 'digital';
  const believed = accepted.pilotClass === 'ac' || accepted.pilotClass === 'digital';
  const pwmSeenInSession = sessionActive && (state.pwmSeenInSession || believed);
  const pwmMissingSinceMs = hasPwm ? null : (state.pwmMissingSinceMs ?? nowMs);
  const pwmLost = pwmSeenInSession && pwmMissingSinceMs !== null && nowMs - pwmMissingSinceMs >= config.pwmLossConfirmMs;
  const last = memo?.cpView;
  const view: ControlPilotView = last !== undefined && memo!.cpViewSample === cp.value && memo!.cpViewUsable === cpUsable
    && memo!.cpViewAccepted === accepted && memo!.cpViewRaw === raw && last.pwmLost === pwmLost
    ? last : pilotView(cp.value, cpUsable, accepted, raw, hasPwm, pwmLost);
  if (memo !== undefined && view !== last) {
    memo.cpView = view;
    memo.cpViewSample = cp.value;
    memo.cpViewUsable = cpUsable;
    memo.cpViewAccepted = accepted;
    memo.cpViewRaw = raw;
  }
  // Unchanged (every tick of a steady pilot): the same state object.
  const same = accepted === state.accepted && candidate === state.candidate && candidateSinceMs === state.candidateSinceMs
    && pwmSeenInSession === state.pwmSeenInSession && pwmMissingSinceMs === state.pwmMissingSinceMs;
  return { state: same ? state : { accepted, candidate, candidateSinceMs, pwmSeenInSession, pwmMissingSinceMs }, view };
}

/** rawPilot, or the memo's last reading while the sample is the same object (the controller keeps an
 *  unchanged sample) and as usable: every field of it would read the same. */
function keptRaw(memo: PortMemo, sample: CpSample, usable: boolean, config: ControlPilotConfig): PilotReading {
  const last = memo.cpRaw;
  if (last !== undefined && memo.cpRawSample === sample && memo.cpRawUsable === usable) return last;
  const raw = rawPilot(sample, usable, config);
  memo.cpRaw = raw;
  memo.cpRawSample = sample;
  memo.cpRawUsable = usable;
  return raw;
}

/** The view of one pilot sample and the debounced reading (a function of exactly these). */
function pilotView(sample: CpSample, cpUsable: boolean, accepted: PilotReading, raw: PilotReading, hasPwm: boolean, pwmLost: boolean): ControlPilotView {
  const level = cpUsable ? sample.state : 'invalid';
  return {
    state: level,
    dutyPct: cpUsable ? sample.dutyPct : 0,
    pwmPresent: cpUsable && sample.pwmPresent,
    pilotClass: accepted.pilotClass,
    acOfferA: accepted.pilotClass === 'ac' && raw.pilotClass === 'ac' ? Math.min(accepted.offerA, raw.offerA) : 0,
    digital: accepted.pilotClass === 'digital' && raw.pilotClass === 'digital',
    pwmLost,
    evsePresent: (cpUsable && EVSE_LEVELS.has(sample.state)) || hasPwm,
  };
}
