// The results JSON of a run (issue #7 item 4; `expect` metric paths refer to these fields), and
// the bounded event list merged from the controller's decisions and what happened to the car.
import type { Decision } from '../../vehicle/controller/decisions.ts';
import type { ControllerView } from '../../vehicle/controller/view.ts';
import type { CarEvent } from '../car.ts';
import type { ExpectationResult } from '../report/expectations.ts';
import type { Metrics } from '../report/metrics.ts';
import { round } from '../report/metrics.ts';
import type { Violation } from '../invariants.ts';
import type { Truth } from '../truth.ts';
import type { V2lTrack } from './run-observe.ts';

export interface FinalState {
  /** packpilot's mode, DC session phase, AC session state and V2L state at the end. */
  mode: string;
  sessionPhase: string;
  /** Why the last DC session stopped (inlet/dc/stop-policy.ts), null when none stopped. */
  dcStopReason: string | null;
  acSession: string;
  v2lState: string;
  /** The inlet lock's physical position and what packpilot believes. */
  lock: string;
  lockState: string;
  /** Physical contactor positions; `allOpen` when none is closed. */
  contactors: Truth['contactors'] & { allOpen: boolean };
  plugged: boolean;
}

export interface FaultRecord {
  /** BMS fault code (hex), or "dc:<stop reason>", "v2l:<trip reason>", "inlet:<lock fault>". */
  code: string;
  text: string;
  atS: number;
}

export interface Results extends Metrics {
  name: string;
  seed: number;
  ok: boolean;
  /** Why the run ended: the stop condition met, or the time bound. */
  stopReason: string;
  /** A scenario the car could not carry out (e.g. plugging twice); the run is not ok. */
  error: string | null;
  simTimeS: number;
  wallTimeS: number;
  speedX: number;
  finalState: FinalState;
  faults: FaultRecord[];
  events: { atS: number; what: string }[];
  /** Events left out of the middle of a long list. */
  eventsOmitted: number;
  v2l: {
    runtimeS: number;
    estimatedRuntimeS: number | null;
    estimateAtS: number | null;
    /** (estimate − what actually followed) ÷ what followed, % — meaningful when the run supplied to the floor. */
    estimateErrorPct: number | null;
    energyWh: number;
  } | null;
  violationCount: number;
  violations: Violation[];
  expectations: ExpectationResult[];
  failedExpectations: number;
}

/** PD: events kept from the start and from the end of a run (the stop sequence matters most). */
const EVENTS_HEAD = 200;
const EVENTS_TAIL = 100;
const MAX_FAULTS = 50;

/** Decisions left out of the event list: they change with every amp and are in limitingReasonsS. */
export function isNoisyDecision(d: Decision): boolean {
  return d.source === 'dc' && d.detail['type'] === 'limit';
}

export function faultFromDecision(d: Decision, view: ControllerView | undefined): FaultRecord | null {
  const x = d.detail;
  const atS = round(d.tMs / 1000, 3);
  if (d.source === 'bms' && x['kind'] === 'faultActive') {
    const id = String(x['id']);
    const text = view?.bms.faults.find((f) => f.id === id)?.text ?? id;
    return { code: `0x${Number(x['code']).toString(16)}`, text: `${id}: ${text}`, atS };
  }
  if (d.source === 'dc' && x['type'] === 'stop' && x['kind'] !== 'normal') return { code: `dc:${String(x['reason'])}`, text: String(x['text']), atS };
  if (d.source === 'v2l' && x['kind'] === 'tripped') {
    const trip = x['trip'] as { reason: string; text: string };
    return { code: `v2l:${trip.reason}`, text: trip.text, atS };
  }
  if (d.source === 'inlet' && x['type'] === 'lock' && x['fault'] != null) return { code: `inlet:${String(x['fault'])}`, text: d.what, atS };
  return null;
}

export function boundedFaults(faults: FaultRecord[]): FaultRecord[] {
  return faults.slice(0, MAX_FAULTS);
}

/** Car events and decisions in time order (a car event first at equal times: it is the cause). */
export function mergeEvents(car: readonly CarEvent[], decisions: readonly Decision[], notes: string[]): { events: Results['events']; omitted: number } {
  const all: { tMs: number; what: string }[] = notes.map((n) => ({ tMs: 0, what: `note: ${n}` }));
  let i = 0;
  let j = 0;
  while (i < car.length || j < decisions.length) {
    const c = car[i];
    const d = decisions[j];
    if (c !== undefined && (d === undefined || c.tMs <= d.tMs)) {
      all.push({ tMs: c.tMs, what: `car: ${c.kind}${c.detail ? ` ${c.detail}` : ''}` });
      i++;
    } else if (d !== undefined) {
      all.push({ tMs: d.tMs, what: `${d.source}: ${d.what}` });
      j++;
    }
  }
  const keep = all.length > EVENTS_HEAD + EVENTS_TAIL ? [...all.slice(0, EVENTS_HEAD), ...all.slice(-EVENTS_TAIL)] : all;
  return { events: keep.map((e) => ({ atS: round(e.tMs / 1000, 3), what: e.what })), omitted: all.length - keep.length };
}

export function finalState(t: Truth, v: ControllerView | undefined): FinalState {
  const c = t.contactors;
  return {
    mode: v?.mode.mode ?? 'unknown',
    sessionPhase: v?.dc.phase ?? 'unknown',
    dcStopReason: v?.dc.stopReason ?? null,
    acSession: v?.inlet.acSession.state ?? 'unknown',
    v2lState: v?.v2l.state ?? 'unknown',
    lock: t.lock,
    lockState: v?.inlet.lock.state ?? 'unknown',
    contactors: { ...c, allOpen: !(c.mainPos || c.mainNeg || c.precharge || c.dcPos || c.dcNeg || c.obcRelay) },
    plugged: t.plugged,
  };
}

export function v2lResult(track: V2lTrack): Results['v2l'] {
  if (!track.used) return null;
  return {
    runtimeS: round(track.supplyingS, 1),
    estimatedRuntimeS: track.estimatedRuntimeS === null ? null : round(track.estimatedRuntimeS, 0),
    estimateAtS: track.estimateAtS === null ? null : round(track.estimateAtS, 1),
    estimateErrorPct: estimateError(track),
    energyWh: round(track.energyWh, 1),
  };
}

function estimateError(track: V2lTrack): number | null {
  if (track.estimatedRuntimeS === null || track.estimateAtS === null) return null;
  const followedS = track.supplyingS - track.estimateAtS;
  return followedS > 0 ? round(((track.estimatedRuntimeS - followedS) / followedS) * 100, 1) : null;
}
