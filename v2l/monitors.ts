// What each tick measures before deciding: the output for the adapter, the power limit, and
// the monitors that integrate over the last interval (overload budget, output quality,
// load average, delivered energy). They run under the previous tick's command.
import { ENABLED_STATES } from './fsm.ts';
import { legDemandW, overloadRatio, stepOverload } from './overload.ts';
import { isOutputInRange } from './output-quality.ts';
import { selectOutput, type EffectiveOutput } from './output-select.ts';
import { computePowerLimit, type PowerLimit } from './power-limit.ts';
import { isFresh } from './preconditions.ts';
import { averageLoadW, updateLoadAverage } from './runtime-estimate.ts';
import type { V2lState } from './state.ts';
import type { MonitorResults } from './trips.ts';
import type { V2lEvent, V2lInput } from './types.ts';

export interface TickContext {
  /** The output for the plugged adapter; null without a usable V2L adapter. */
  out: EffectiveOutput | null;
  /** The limit in force; null without an output or battery data. */
  limit: PowerLimit | null;
  inverterFresh: boolean;
  bmsFresh: boolean;
  legLoadW: readonly number[];
  loadW: number;
}

const MS_PER_HOUR = 3_600_000;

export function tickContext(input: V2lInput, floorPct: number): TickContext {
  const cfg = input.config;
  const { adapter, bms, inverter } = input;
  const adapterUsable = isFresh(adapter, cfg.freshness.adapterMaxAgeMs) && adapter.value.kind === 'v2l';
  const out = adapterUsable ? selectOutput(cfg.output, adapter.value) : null;
  const inverterFresh = isFresh(inverter, cfg.freshness.inverterMaxAgeMs);
  const bmsFresh = isFresh(bms, cfg.freshness.bmsMaxAgeMs);
  const temperatureC = inverterFresh ? inverter.value.temperatureC : null;
  const limit = out && bmsFresh ? computePowerLimit(out, bms.value, temperatureC, floorPct, cfg) : null;
  const legLoadW = inverterFresh ? inverter.value.legLoadW.map((w) => (Number.isFinite(w) ? w : 0)) : [];
  return { out, limit, inverterFresh, bmsFresh, legLoadW, loadW: legLoadW.reduce((a, w) => a + w, 0) };
}

export interface MonitorUpdate {
  state: V2lState;
  results: MonitorResults;
  events: V2lEvent[];
}

export function runMonitors(s: V2lState, input: V2lInput, ctx: TickContext, dtMs: number, nowMs: number): MonitorUpdate {
  const cfg = input.config;
  const events: V2lEvent[] = [];
  const results: MonitorResults = { overloadTripped: false, overloadRatio: 0, outputOutOfRange: false };
  if (!ENABLED_STATES.has(s.name) || !ctx.inverterFresh) return { state: s, results, events };
  let next = s;
  const supplying = s.name === 'supplying';
  if (ctx.out && ctx.limit) {
    // During the soft start the voltage is low by design: judge the measured load there.
    const demand = supplying
      ? legDemandW(ctx.legLoadW, input.inverter.value.legVoltageV, ctx.out.lineVoltageV, cfg.outputQuality.regulationBandPct)
      : ctx.legLoadW;
    const ratio = overloadRatio(demand, ctx.limit.powerLimitW, ctx.out.legLimitW);
    const step = stepOverload(s.overload, ratio, dtMs, cfg.overload);
    next = { ...next, overload: step.state };
    results.overloadRatio = ratio;
    results.overloadTripped = step.tripped;
  }
  if (supplying && ctx.out) {
    const atLimit = results.overloadRatio > 1;
    const inRange = isOutputInRange(input.inverter.value, ctx.out, cfg.outputQuality, atLimit);
    const badSince = inRange ? null : (s.outputBadSinceMs ?? nowMs);
    next = { ...next, outputBadSinceMs: badSince };
    results.outputOutOfRange = badSince !== null && nowMs - badSince >= cfg.outputQuality.debounceMs;
  }
  const avg = updateLoadAverage(s.loadAverage, ctx.loadW, dtMs, cfg.estimator);
  if (avg.restarted) events.push({ kind: 'estimate-restarted', averageLoadW: averageLoadW(avg.state) ?? 0 });
  next = {
    ...next,
    loadAverage: avg.state,
    energyDeliveredWh: s.energyDeliveredWh + (Math.max(0, ctx.loadW) * dtMs) / MS_PER_HOUR,
  };
  return { state: next, results, events };
}
