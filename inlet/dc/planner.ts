// Direct or boost (DESIGN.md §4 "400 V / 800 V"): the charger charges the pack directly when its
// maximum voltage reaches what the pack needs up to the charge limit plus margin; otherwise the
// boost converter runs the inlet bus at a voltage the charger can hold and raises it to the pack.
// No converter fitted (or it is faulted) → DC is refused with the reason. The plan says why.
import type { BoostSpec, PlannerConfig } from './config.ts';
import { packVoltageAt, type PackVoltageSource } from './soc-table.ts';
import type { BoostInput, DcPlan } from './types.ts';

export interface PlannerInput {
  evseMaxVoltageV: number;
  evseMinVoltageV: number;
  pack: PackVoltageSource;
  chargeLimitPct: number;
  boostSpec: BoostSpec;
  boost: BoostInput;
}

const v = (x: number): string => `${Math.round(x)} V`;

export function planDcPath(input: PlannerInput, config: PlannerConfig): DcPlan {
  const { evseMaxVoltageV: evseMax, evseMinVoltageV, pack, boostSpec, boost } = input;
  const evseMin = Number.isFinite(evseMinVoltageV) ? Math.max(0, evseMinVoltageV) : 0;
  const targetSocPct = Math.min(100, input.chargeLimitPct + config.targetSocMarginPct);
  const neededVoltageV = Math.min(packVoltageAt(targetSocPct, pack), pack.packMaxVoltageV) + config.voltageMarginV;
  const refuse = (code: DcPlan['code'], reason: string): DcPlan => ({ path: null, code, reason, neededVoltageV, busVoltageV: null });

  if (!Number.isFinite(evseMax) || evseMax <= 0 || !Number.isFinite(pack.packVoltageV)) {
    return refuse('noChargerParameters', 'charger voltage limits or pack voltage unknown');
  }
  if (evseMin > pack.packVoltageV) {
    return refuse('packBelowChargerMinimum', `charger minimum ${v(evseMin)} is above the pack's ${v(pack.packVoltageV)}`);
  }
  const need = `${v(neededVoltageV)} needed up to ${Math.round(targetSocPct)} %`;
  if (evseMax >= neededVoltageV) {
    return { path: 'direct', code: 'chargerVoltageSufficient', reason: `direct: charger reaches ${v(evseMax)}, ${need}`, neededVoltageV, busVoltageV: null };
  }
  if (!boostSpec.fitted) {
    return refuse('noBoostFitted', `charger reaches only ${v(evseMax)}, ${need}, and no boost converter is fitted`);
  }
  if (!boost.valid || boost.status === 'fault') {
    return refuse('boostUnavailable', `charger reaches only ${v(evseMax)}, ${need}, and the boost converter is unavailable`);
  }
  // A boost only steps up: the bus stays below the pack, below the charger's maximum, inside the converter's range.
  const busV = Math.min(Math.min(evseMax, boostSpec.maxInputVoltageV) - config.busMarginV, pack.packVoltageV - config.boostMinStepUpV);
  const busFloorV = Math.max(evseMin, boostSpec.minInputVoltageV);
  if (!(busV >= busFloorV)) {
    return refuse('busOutsideConverterRange', `no inlet bus voltage fits charger ${v(evseMin)}–${v(evseMax)} and converter ${v(boostSpec.minInputVoltageV)}–${v(boostSpec.maxInputVoltageV)}`);
  }
  return {
    path: 'boost', code: 'boostNeeded', neededVoltageV, busVoltageV: busV,
    reason: `boost: charger reaches only ${v(evseMax)}, ${need}; inlet bus at ${v(busV)}`,
  };
}
