// The V2L domain's state between ticks and what entering each FSM state does.
import type { V2lConfig } from './config.ts';
import { STATE_DEADLINES, type Transition } from './fsm.ts';
import { HMI_MEMORY_AT_START, type HmiMemory } from './hmi-requests.ts';
import type { IdleMemo } from './idle.ts';
import { COLD_OVERLOAD, type OverloadState } from './overload.ts';
import { EMPTY_LOAD_AVERAGE, type LoadAverageState } from './runtime-estimate.ts';
import { TRIP_TEXTS, type TripFinding } from './trips.ts';
import type { Refusal, StopReason, Trip, V2lEvent, V2lStateName, WarningCode } from './types.ts';

export interface V2lState {
  name: V2lStateName;
  /** When the present FSM state was entered. */
  sinceMs: number;
  /** The previous tick's time, null before the first tick (not advanced by idle ticks: v2l/idle.ts). */
  lastNowMs: number | null;
  /** The SOC floor in force (the HMI's last valid choice). */
  floorPct: number;
  /** The present state's deadline (checking, starting, stopping), else null. */
  deadlineMs: number | null;
  /** When the soft start began. */
  rampStartMs: number | null;
  overload: OverloadState;
  /** Since when the output has been out of range, null while in range. */
  outputBadSinceMs: number | null;
  loadAverage: LoadAverageState;
  /** AC energy of the present (or last) session. */
  energyDeliveredWh: number;
  /** The last tick in which the inverter was enabled. */
  lastEnabledMs: number | null;
  /** The last refusal, shown until the next request. */
  refusal: Refusal | null;
  stopReason: StopReason | null;
  trip: Trip | null;
  /** A user reset is pending until then (the inverter clears its own latch meanwhile). */
  resetPendingUntilMs: number | null;
  /** The reset was pressed with the V2L request held on: start again once it completes. */
  restartOnReset: boolean;
  /** The HMI levels seen last tick (edges start V2L, levels do not). */
  hmi: HmiMemory;
  activeWarnings: readonly WarningCode[];
  /** The last tick was idle (Off, no V2L adapter): its outputs, to repeat while nothing changes. */
  idle: IdleMemo | null;
}

export function initialV2lState(cfg: V2lConfig, nowMs = 0): V2lState {
  return {
    name: 'off',
    sinceMs: nowMs,
    lastNowMs: null,
    floorPct: cfg.floor.defaultPct,
    deadlineMs: null,
    rampStartMs: null,
    overload: COLD_OVERLOAD,
    outputBadSinceMs: null,
    loadAverage: EMPTY_LOAD_AVERAGE,
    energyDeliveredWh: 0,
    lastEnabledMs: null,
    refusal: null,
    stopReason: null,
    trip: null,
    resetPendingUntilMs: null,
    restartOnReset: false,
    hmi: HMI_MEMORY_AT_START,
    activeWarnings: [],
    idle: null,
  };
}

/** Why a transition happened, as far as the entered state needs to know. */
export interface TransitionCause {
  refusal: Refusal | null;
  trip: TripFinding | null;
  /** For 'off-requested': the user, or the HMI lost. */
  stop?: StopReason;
}

export interface Entered {
  state: V2lState;
  events: V2lEvent[];
}

function causeText(t: Transition, c: TransitionCause): string {
  if (t.event === 'off-requested' && c.stop) return `${t.event}: ${c.stop}`;
  if (t.event === 'tripped' || (t.event === 'timeout' && c.trip)) return `${t.event}: ${c.trip?.reason ?? ''}`;
  if (c.refusal && (t.event === 'precondition-failed' || t.event === 'timeout')) return `${t.event}: ${c.refusal.code}`;
  return t.event;
}

/** The state after taking transition `t` at `nowMs`, with the events worth logging. */
export function enterState(s: V2lState, t: Transition, c: TransitionCause, nowMs: number, cfg: V2lConfig): Entered {
  const deadlineKey = STATE_DEADLINES[t.to];
  const next: V2lState = {
    ...s,
    name: t.to,
    sinceMs: nowMs,
    deadlineMs: deadlineKey ? nowMs + cfg.timing[deadlineKey] : null,
  };
  const events: V2lEvent[] = [{ kind: 'state-changed', from: s.name, to: t.to, cause: causeText(t, c) }];
  switch (t.to) {
    case 'checking':
      return { state: { ...next, refusal: null, stopReason: null, trip: null }, events };
    case 'starting': {
      const resumed = s.lastEnabledMs !== null && nowMs - s.lastEnabledMs <= cfg.estimator.resumeWindowMs;
      return {
        state: {
          ...next,
          rampStartMs: nowMs,
          overload: COLD_OVERLOAD,
          outputBadSinceMs: null,
          energyDeliveredWh: 0,
          loadAverage: resumed ? s.loadAverage : EMPTY_LOAD_AVERAGE,
          activeWarnings: [],
        },
        events,
      };
    }
    case 'supplying':
      return { state: next, events };
    case 'stopping': {
      const reason: StopReason = t.event === 'off-requested' ? (c.stop ?? 'user') : (c.refusal?.code ?? 'user');
      events.push({ kind: 'stopped', reason });
      return { state: { ...next, stopReason: reason, rampStartMs: null }, events };
    }
    case 'off': {
      if (s.name === 'fault') {
        return { state: { ...next, trip: null, refusal: null, resetPendingUntilMs: null }, events };
      }
      const refused = s.name === 'checking' && t.event !== 'off-requested' ? c.refusal : null;
      if (refused) events.push({ kind: 'refused', refusal: refused });
      return { state: { ...next, refusal: refused, rampStartMs: null, activeWarnings: [] }, events };
    }
    case 'fault': {
      const finding = c.trip ?? { reason: 'inverter-fault', detail: 'unspecified' };
      const trip: Trip = { reason: finding.reason, latched: true, text: TRIP_TEXTS[finding.reason], atMs: nowMs };
      events.push({ kind: 'tripped', trip, detail: finding.detail });
      return {
        state: { ...next, trip, rampStartMs: null, resetPendingUntilMs: null, restartOnReset: false, activeWarnings: [] },
        events,
      };
    }
  }
}
