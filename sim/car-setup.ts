// From the scenario vocabulary (sim/scenario/types.ts: preset names with overrides) to the plant
// models' parameters (sim/presets). Resolved parameter objects are accepted as they are, so tests
// and tools can build a car from hand-made parameters too.
import type { CarPlantOptions, Station, VehicleParams } from './plant/car-plant.ts';
import type { AdapterSpec } from './plant/inlet-hw.ts';
import type { LoadOptions, LoadProfile } from './plant/loads.ts';
import { adapterPreset, constantLoadProfile, loadPreset, stationPreset, vehiclePreset } from './presets/index.ts';
import type { AdapterName, ChargerPreset, ChargerSpec, Gear, LoadPreset, LoadSpec, VehiclePreset, VehicleSpec } from './scenario/types.ts';

export type VehicleChoice = VehiclePreset | VehicleSpec | VehicleParams;
export type ChargerChoice = ChargerPreset | ChargerSpec | Station;
export type LoadChoice = LoadPreset | LoadSpec | LoadProfile;
export type AdapterChoice = AdapterName | 'v2h' | AdapterSpec;

export interface SimCarInitial {
  socPct: number;
  /** Default 25 °C. */
  cellTempC?: number;
  /** Default: cellTempC. */
  ambientC?: number;
  /** Default P. */
  gear?: Gear;
}

export function resolveVehicle(v: VehicleChoice): VehicleParams {
  if (typeof v === 'string') return vehiclePreset(v);
  if ('pack' in v) return v;
  const { preset, ...options } = v;
  return vehiclePreset(preset, options);
}

export function resolveStation(c: ChargerChoice | null | undefined): Station {
  if (c === null || c === undefined) return null;
  if (typeof c === 'string') return stationPreset(c);
  if ('kind' in c) return c;
  const { preset, ...overrides } = c;
  return stationPreset(preset, overrides);
}

export function resolveAdapter(a: AdapterChoice | null | undefined): AdapterSpec | null {
  if (a === null || a === undefined) return null;
  return typeof a === 'string' ? adapterPreset(a) : a;
}

export function resolveLoad(l: LoadChoice | null | undefined): { profile: LoadProfile | null; options: LoadOptions } {
  if (l === null || l === undefined) return { profile: null, options: {} };
  if (typeof l === 'string') return { profile: loadPreset(l), options: {} };
  if ('loads' in l) return { profile: l, options: {} };
  const options: LoadOptions = l.scale !== undefined ? { scale: l.scale } : {};
  if (l.preset !== undefined) return { profile: loadPreset(l.preset), options };
  if (l.constantW !== undefined) return { profile: constantLoadProfile(l.constantW), options };
  return { profile: null, options };
}

export function plantOptions(
  vehicle: VehicleChoice, charger: ChargerChoice | null | undefined, load: LoadChoice | null | undefined, initial: SimCarInitial,
): CarPlantOptions {
  const cellTempC = initial.cellTempC ?? 25;
  const l = resolveLoad(load);
  return {
    vehicle: resolveVehicle(vehicle),
    station: resolveStation(charger),
    loads: l.profile,
    loadOptions: l.options,
    initial: { socPct: initial.socPct, cellTempC, ambientC: initial.ambientC ?? cellTempC },
  };
}
