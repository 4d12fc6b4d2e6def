// The controller's configuration for a scenario's vehicle: the real preset (vehicle/config), with the
// scenario's vehicle overrides applied where the controller has a matching setting.
import { BOOST_CONVERTERS, CAR_PRESETS, type CarConfig } from '../../vehicle/config/car-config.ts';
import type { InvariantLimits } from '../invariants.ts';
import type { VehicleSpec } from './types.ts';

export interface ControllerSetup {
  config: CarConfig;
  /** Overrides the controller cannot know (plant-only), said once in the results' events. */
  notes: string[];
}

/**
 * boostConverter → dc.boost.fitted and shell.boostFitted; boostMaxPowerKw → dc.boost.maxPowerW.
 * capacityScale changes only the simulated cells: packpilot's BMS learns capacity from OCV anchors,
 * as it would on an aged car, so its configured nominal capacity stays.
 */
export function controllerSetup(vehicle: VehicleSpec): ControllerSetup {
  const preset = CAR_PRESETS[vehicle.preset];
  const notes: string[] = [];
  let dc = preset.dc;
  let shell = preset.shell;
  if (vehicle.boostConverter !== undefined && vehicle.boostConverter !== dc.boost.fitted) {
    dc = { ...dc, boost: vehicle.boostConverter ? BOOST_CONVERTERS.fitted : BOOST_CONVERTERS.none };
    shell = { ...shell, boostFitted: vehicle.boostConverter };
  }
  if (vehicle.boostMaxPowerKw !== undefined) {
    if (dc.boost.fitted) dc = { ...dc, boost: { ...dc.boost, maxPowerW: vehicle.boostMaxPowerKw * 1000 } };
    else notes.push('vehicle.boostMaxPowerKw: no boost converter fitted, ignored by the controller');
  }
  if (vehicle.capacityScale !== undefined && vehicle.capacityScale !== 1) {
    notes.push(`vehicle.capacityScale ${vehicle.capacityScale}: simulated cells only (the BMS learns capacity)`);
  }
  return { config: dc === preset.dc && shell === preset.shell ? preset : { ...preset, dc, shell }, notes };
}

/** The bounds the invariant checker holds the controller to, from the same configuration. */
export function invariantLimits(config: CarConfig): InvariantLimits {
  const ch = config.bms.chemistry;
  return {
    chargeTempMinC: ch.chargeTempMinC,
    chargeTempMaxC: ch.chargeTempMaxC,
    cellSafetyV: ch.cellVoltageHighV.safety,
    packMaxVoltageV: config.bms.pack.maxVoltageV,
    rampUpAPerS: config.dc.current.rampUpAPerS,
    openMaxWaitMs: config.bms.contactors.openMaxWaitMs,
  };
}
