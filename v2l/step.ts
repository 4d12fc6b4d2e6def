// One V2L tick: v2lStep(state, input, nowMs) → { state, outputs, events }. Pure: no clock, no I/O.
//
// Order: apply the floor choice → measure (limit, monitors over the last interval) → take at most
// two transitions (so a press is answered in the same tick: off → checking → off with a reason)
// → outputs from the final state. Every precondition is checked again in the same tick the
// command is built, so the inverter is never enabled while charging, out of Park or at the floor.
import { selectTransition, type FsmEvent, type Transition } from './fsm.ts';
import { runMonitors, tickContext, type TickContext } from './monitors.ts';
import { buildOutputs } from './outputs.ts';
import { readHmi, type Presses } from './hmi-requests.ts';
import { findRefusal, isFresh, refusal } from './preconditions.ts';
import { applyFloorRequest } from './soc-floor.ts';
import { enterState, type TransitionCause, type V2lState } from './state.ts';
import { idleMemo, idleOutputs } from './idle.ts';
import { detectTrip, resetBlocker, type MonitorResults, type TripFinding } from './trips.ts';
import type { Refusal, V2lEvent, V2lInput, V2lOutputs } from './types.ts';

export interface V2lStepResult {
  state: V2lState;
  outputs: V2lOutputs;
  events: V2lEvent[];
}

/**
 * Passes per tick: a press is answered in the tick it arrives (off → checking → off with a
 * reason, or on to starting; fault → off → checking for reset and on together). Any other
 * transition waits for the next tick's feedback, which then answers the new command.
 */
const MAX_TRANSITIONS_PER_TICK = 2;

function mayChain(from: V2lState['name'], t: Transition): boolean {
  return t.to === 'checking' || from === 'fault';
}

interface Findings {
  present: Set<FsmEvent>;
  refusal: Refusal | null;
  trip: TripFinding | null;
}

/** Why Checking gave up waiting: the first thing that never came. */
function checkTimeoutRefusal(input: V2lInput): Refusal {
  const cfg = input.config;
  if (!isFresh(input.bms, cfg.freshness.bmsMaxAgeMs) || !input.bms.value.mainContactorsClosed) {
    return refusal('battery-disconnected', 'contactors did not close');
  }
  if (!isFresh(input.inverter, cfg.freshness.inverterMaxAgeMs)) return refusal('inverter-unavailable');
  return refusal('inverter-fault', `reports ${input.inverter.value.state}`);
}

function findEvents(
  s: V2lState,
  input: V2lInput,
  presses: Presses,
  ctx: TickContext,
  mon: MonitorResults,
  nowMs: number,
): Findings {
  const cfg = input.config;
  const present = new Set<FsmEvent>();
  const trip = detectTrip(s.name, input, mon);
  if (trip) present.add('tripped');
  const phase = s.name === 'checking' ? 'start' : 'run';
  const checked = s.name === 'checking' || s.name === 'starting' || s.name === 'supplying';
  const refused = checked ? findRefusal(input, s.floorPct, phase) : null;
  if (refused) present.add('precondition-failed');
  if (presses.off) present.add('off-requested');
  else if (presses.on) present.add('on-requested');
  if (s.deadlineMs !== null && nowMs >= s.deadlineMs) present.add('timeout');
  const inv = ctx.inverterFresh ? input.inverter.value : null;
  if (inv?.state === 'off' && inv.tripReason === null) present.add('inverter-off');
  const rampDone = s.rampStartMs !== null && nowMs - s.rampStartMs >= cfg.timing.softStartMs;
  if (inv?.state === 'running' && rampDone) present.add('inverter-running');
  if (ctx.bmsFresh && input.bms.value.mainContactorsClosed && inv?.state === 'off' && inv.tripReason === null) {
    present.add('ready');
  }
  if (s.name === 'fault' && s.trip && s.resetPendingUntilMs !== null && !resetBlocker(s.trip.reason, input, cfg)) {
    present.add('reset');
  }
  return { present, refusal: refused, trip };
}

function causeOf(t: Transition, f: Findings, s: V2lState, input: V2lInput, presses: Presses): TransitionCause {
  if (t.event === 'off-requested') return { refusal: null, trip: null, stop: presses.hmiLost ? 'hmi-lost' : 'user' };
  if (t.event === 'tripped') return { refusal: null, trip: f.trip };
  if (t.event === 'precondition-failed') return { refusal: f.refusal, trip: null };
  if (t.event === 'timeout' && s.name === 'checking') return { refusal: checkTimeoutRefusal(input), trip: null };
  if (t.event === 'timeout') {
    const reason = s.name === 'stopping' ? ('stop-timeout' as const) : ('start-timeout' as const);
    return { refusal: null, trip: { reason, detail: `inverter reports ${input.inverter.value.state}` } };
  }
  return { refusal: null, trip: null };
}

/** Presses that change no state: a reset starts its window; 'on' in Fault is refused. */
function handlePresses(s: V2lState, input: V2lInput, presses: Presses, nowMs: number, events: V2lEvent[]): V2lState {
  if (s.name !== 'fault') return s;
  let next = s;
  if (presses.reset) {
    next = { ...next, resetPendingUntilMs: nowMs + input.config.timing.resetWindowMs, restartOnReset: !presses.off };
  }
  if (presses.on && !presses.reset) {
    const r = refusal('trip-latched', s.trip?.reason);
    events.push({ kind: 'refused', refusal: r });
    next = { ...next, refusal: r };
  }
  return next;
}

/** A reset whose cause did not clear within its window is refused with that cause. */
function expireReset(s: V2lState, input: V2lInput, nowMs: number, events: V2lEvent[]): V2lState {
  if (s.name !== 'fault' || s.resetPendingUntilMs === null || nowMs < s.resetPendingUntilMs) return s;
  const blocker = (s.trip && resetBlocker(s.trip.reason, input, input.config)) ?? refusal('trip-latched');
  events.push({ kind: 'reset-refused', refusal: blocker });
  return { ...s, resetPendingUntilMs: null, refusal: blocker };
}

export function v2lStep(prev: V2lState, input: V2lInput, nowMs: number): V2lStepResult {
  // Idle (Off, no V2L adapter) and nothing changed: the same state and the same frozen outputs.
  const idle = idleOutputs(prev, input);
  if (idle !== null) return { state: prev, outputs: idle, events: [] };
  const events: V2lEvent[] = [];
  const dtMs = prev.lastNowMs === null ? 0 : Math.max(0, nowMs - prev.lastNowMs);
  const hmi = readHmi(input, prev.hmi);
  let presses = hmi.presses;
  const floor = applyFloorRequest(prev.floorPct, presses.floorPct, input.config.floor);
  if (floor.event) events.push(floor.event);
  // A plain copy, then this tick's fields (V8 is slower at a spread with overrides); same keys, same order.
  let s: V2lState = { ...prev };
  s.lastNowMs = nowMs;
  s.floorPct = floor.floorPct;
  s.hmi = hmi.memory;

  const ctx = tickContext(input, s.floorPct);
  const mon = runMonitors(s, input, ctx, dtMs, nowMs);
  s = mon.state;
  events.push(...mon.events);
  s = handlePresses(s, input, presses, nowMs, events);

  for (let pass = 0; pass < MAX_TRANSITIONS_PER_TICK; pass++) {
    const found = findEvents(s, input, presses, ctx, mon.results, nowMs);
    const t = selectTransition(s.name, found.present);
    if (!t) break;
    const from = s.name;
    // A reset pressed with the request held on is the user's action to start again.
    if (t.event === 'reset') presses = { ...presses, on: s.restartOnReset && !presses.off };
    const entered = enterState(s, t, causeOf(t, found, s, input, presses), nowMs, input.config);
    s = entered.state;
    events.push(...entered.events);
    if (!mayChain(from, t)) break;
  }
  s = expireReset(s, input, nowMs, events);

  const built = buildOutputs(s, input, ctx, nowMs);
  events.push(...built.events);
  built.state.idle = idleMemo(built.state, input, built.outputs, ctx.out !== null);
  return { state: built.state, outputs: built.outputs, events };
}
