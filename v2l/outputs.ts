// The tick's outputs from the final state: the inverter command, the contactor request, what
// the HMI shows (limit, warnings, reasons, runtime) and the warnings that just appeared.
import { CONTACTOR_STATES, ENABLED_STATES } from './fsm.ts';
import type { TickContext } from './monitors.ts';
import { estimateRuntime } from './runtime-estimate.ts';
import { energyAboveFloorWh, isNearFloor } from './soc-floor.ts';
import type { V2lState } from './state.ts';
import { thermalDerateFraction } from './thermal.ts';
import type { InverterCommand, RuntimeEstimate, V2lEvent, V2lInput, V2lOutputs, Warning } from './types.ts';

export interface BuiltOutputs {
  state: V2lState;
  outputs: V2lOutputs;
  events: V2lEvent[];
}

function warningsFor(s: V2lState, input: V2lInput, ctx: TickContext): Warning[] {
  const cfg = input.config;
  const out: Warning[] = [];
  if (s.overload.heat >= cfg.overload.warnLevel) {
    out.push({ code: 'overload', text: 'Too much load: switch some appliances off or V2L will trip.' });
  }
  if (ctx.bmsFresh && isNearFloor(input.bms.value.socPct, s.floorPct, cfg.floor)) {
    const soc = input.bms.value.socPct.toFixed(0);
    const kw = ((ctx.limit?.availablePowerW ?? 0) / 1000).toFixed(1);
    out.push({ code: 'near-floor', text: `Battery at ${soc} %: V2L stops at ${s.floorPct} %. Keep loads below ${kw} kW.` });
  }
  if (ctx.inverterFresh && thermalDerateFraction(input.inverter.value.temperatureC, cfg.thermal) < 1) {
    out.push({ code: 'inverter-hot', text: 'V2L inverter hot: power reduced.' });
  }
  return out;
}

function command(s: V2lState, input: V2lInput, ctx: TickContext, enabled: boolean): InverterCommand {
  const cfg = input.config;
  const voltageSetting = ctx.out?.mode ?? cfg.output.mode;
  const frequencyHz = ctx.out?.frequencyHz ?? cfg.output.frequencyHz;
  if (!enabled || !ctx.limit) {
    const resetTrip = s.name === 'fault' && s.resetPendingUntilMs !== null;
    return { enable: false, voltageSetting, frequencyHz, powerLimitW: 0, resetTrip };
  }
  return { enable: true, voltageSetting, frequencyHz, powerLimitW: ctx.limit.powerLimitW, resetTrip: false };
}

export function buildOutputs(s: V2lState, input: V2lInput, ctx: TickContext, nowMs: number): BuiltOutputs {
  const cfg = input.config;
  const enabled = ENABLED_STATES.has(s.name) && ctx.out !== null && ctx.limit !== null;
  const warnings = enabled ? warningsFor(s, input, ctx) : [];
  const events: V2lEvent[] = warnings
    .filter((w) => !s.activeWarnings.includes(w.code))
    .map((warning) => ({ kind: 'warning', warning }));
  let runtime: RuntimeEstimate | null = null;
  if (enabled && ctx.bmsFresh) {
    const { socPct, energyCapacityWh } = input.bms.value;
    runtime = estimateRuntime(s.loadAverage, energyAboveFloorWh(socPct, s.floorPct, energyCapacityWh), cfg);
  }
  // A plain copy, then the two fields (V8 is slower at a spread with overrides); same keys, same order.
  const state: V2lState = { ...s };
  state.activeWarnings = warnings.map((w) => w.code);
  state.lastEnabledMs = enabled ? nowMs : s.lastEnabledMs;
  const outputs: V2lOutputs = {
    state: s.name,
    exportPath: cfg.exportPath,
    inverterCommand: command(s, input, ctx, enabled),
    requestMainContactors: CONTACTOR_STATES.has(s.name),
    powerLimitW: ctx.limit?.powerLimitW ?? 0,
    limitReason: ctx.limit?.reason ?? null,
    availablePowerW: ctx.limit?.availablePowerW ?? 0,
    loadW: ctx.loadW,
    floorPct: s.floorPct,
    refusal: s.refusal,
    stopReason: s.stopReason,
    trip: s.trip,
    warnings,
    runtime,
    energyDeliveredWh: s.energyDeliveredWh,
  };
  return { state, outputs, events };
}
