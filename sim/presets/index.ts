// Public preset names for scenarios: vehicles, stations, adapters, loads.
export { VEHICLE_PRESETS, vehiclePreset, type VehicleOptions, type VehiclePresetName } from './vehicles.ts';
export {
  AC_EVSES, CHARGER_PRESETS, DC_CHARGERS, stationPreset,
  type AcEvsePresetName, type ChargerOverrides, type ChargerPresetName, type DcChargerPresetName,
} from './chargers.ts';
export { ADAPTERS, adapterPreset, type AdapterPresetName } from './adapters.ts';
export { LOAD_PRESETS, LOAD_PROFILES, constantLoadProfile, loadPreset, type LoadPresetName } from './loads.ts';
