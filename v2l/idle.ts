// The idle shortcut: V2L off and no V2L adapter plugged (a whole DC or AC session, or a parked
// car). Such a tick changes nothing but the HMI memory and the tick time, and its outputs depend
// only on the state and the load the inverter reports. So a tick that ended idle keeps its frozen
// outputs in the state (IdleMemo), and the next tick returns that very state and those outputs
// when it would provably compute the same: this runs every tick of every session.
// Not carried over: lastNowMs, which only the monitors read, and they run only while the inverter
// is enabled; a tick that leaves Off still runs them with Off as the state (they do nothing), and
// it refreshes lastNowMs for the ticks after it.
import type { V2lConfig } from './config.ts';
import { isFresh } from './preconditions.ts';
import type { V2lState } from './state.ts';
import type { V2lInput, V2lOutputs } from './types.ts';

export interface IdleMemo {
  readonly config: V2lConfig;
  /** The state fields the outputs were built from (a copied state must still match them). */
  readonly floorPct: number;
  readonly refusal: V2lState['refusal'];
  readonly stopReason: V2lState['stopReason'];
  readonly trip: V2lState['trip'];
  readonly energyDeliveredWh: number;
  readonly loadW: number;
  readonly outputs: V2lOutputs;
}

/** The load the step would sum (tickContext: non-finite legs count 0, summed in leg order). */
function idleLoadW(input: V2lInput, cfg: V2lConfig): number {
  if (!isFresh(input.inverter, cfg.freshness.inverterMaxAgeMs)) return 0;
  const legs = input.inverter.value.legLoadW;
  let sum = 0;
  for (let i = 0; i < legs.length; i++) {
    const w = legs[i]!;
    sum += Number.isFinite(w) ? w : 0;
  }
  return sum;
}

/** The HMI memory readHmi would return equals the one in the state (then no press happened). */
function hmiUnchanged(s: V2lState, input: V2lInput): boolean {
  const mem = s.hmi;
  if (!isFresh(input.hmi, input.config.freshness.hmiMaxAgeMs)) return mem.v2lRequested && mem.resetRequested;
  const h = input.hmi.value;
  return h.v2lRequested === mem.v2lRequested && h.resetRequested === mem.resetRequested && (h.floorPct ?? mem.floorPct) === mem.floorPct;
}

/** The outputs of this tick when it is an idle repeat of the last one, else null (run the full step). */
export function idleOutputs(s: V2lState, input: V2lInput): V2lOutputs | null {
  const m = s.idle;
  const cfg = input.config;
  if (m === null || s.name !== 'off' || m.config !== cfg || s.activeWarnings.length !== 0) return null;
  if (m.floorPct !== s.floorPct || m.refusal !== s.refusal || m.stopReason !== s.stopReason || m.trip !== s.trip || m.energyDeliveredWh !== s.energyDeliveredWh) return null;
  // A usable V2L adapter gives an output and a limit: not idle.
  if (isFresh(input.adapter, cfg.freshness.adapterMaxAgeMs) && input.adapter.value.kind === 'v2l') return null;
  if (!hmiUnchanged(s, input) || idleLoadW(input, cfg) !== m.loadW) return null;
  return m.outputs;
}

/** The memo for a state the full step just built, when that tick was idle; else null. */
export function idleMemo(s: V2lState, input: V2lInput, outputs: V2lOutputs, adapterOutput: boolean): IdleMemo | null {
  if (s.name !== 'off' || adapterOutput || s.activeWarnings.length !== 0) return null;
  Object.freeze(outputs.inverterCommand);
  Object.freeze(outputs.warnings);
  return {
    config: input.config,
    floorPct: s.floorPct,
    refusal: s.refusal,
    stopReason: s.stopReason,
    trip: s.trip,
    energyDeliveredWh: s.energyDeliveredWh,
    loadW: outputs.loadW,
    outputs: Object.freeze(outputs),
  };
}
