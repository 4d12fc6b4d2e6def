// Vehicle presets `car-400v` and `car-800v` (reference/cells.md §5) with every plant model's
// parameters. Values marked PD are project defaults; each says why.
import type { VehicleParams } from '../plant/car-plant.ts';
import type { PackParams } from '../plant/pack.ts';

export type VehiclePresetName = 'car-400v' | 'car-800v';
export const VEHICLE_PRESETS: readonly VehiclePresetName[] = ['car-400v', 'car-800v'];

export interface VehicleOptions {
  /** Default: true for car-800v, false for car-400v. */
  boostConverter?: boolean;
  boostMaxPowerKw?: number;
  /** Scales every group's capacity (an older or smaller pack). */
  capacityScale?: number;
}

const PACK_COMMON = {
  chemistry: 'nmc',
  resistanceMohmAh: 50, // cells.md §4 PD
  polarizationShare: 0.3, // PD: relaxation visible after rest
  polarizationTauS: 20, // PD
  capacitySpreadPct: 1, // PD 1σ
  resistanceSpreadPct: 3, // PD 1σ
  socSpreadPct: 0.3, // PD 1σ initial imbalance
  specificEnergyWhPerKg: 200, // cells.md §4 PD
  coolantUaWPerK: 1000, // PD: ~9 K cell-to-coolant at 9 kW; at 600 W/K (15 K) the hottest sensor left the 25–35 °C row (cells.md §6) mid-session, where the Ioniq 5 holds > 2C (curves.md §3)
  stagnantCoolantShare: 0.1, // PD
  ambientUaWPerK: 15, // PD: an enclosure loses a few K per hour
  coolingSpreadPct: 8, // PD: modules near the coolant inlet run cooler
  sensorsPerModule: 2, // 32 / 64 sensors
  sensorOffsetSigmaC: 0.3, // PD
  cellUpdateMs: 50, // PD: see PackParams
} as const satisfies Partial<PackParams>;

const PACK_400: PackParams = { ...PACK_COMMON, seriesCount: 96, groupCapacityAh: 216, moduleCount: 16, interconnectOhm: 0.01 };
const PACK_800: PackParams = { ...PACK_COMMON, seriesCount: 192, groupCapacityAh: 111, moduleCount: 32, interconnectOhm: 0.015 };

function base(name: string, pack: PackParams, minV: number, maxV: number): VehicleParams {
  return {
    name,
    pack,
    cmu: {
      voltageResolutionV: 0.001, // brief: 1 mV
      tempResolutionC: 0.1, // packpilot.dbc CMU_CellTempNN factor
      voltageNoiseV: 0.001,
      tempNoiseC: 0.2,
      voltageOffsetSigmaV: 0.0005,
      shortedVoltageV: 0,
      shortedTempC: 150,
    },
    shunt: { currentGainErrorPct: 0.3, currentOffsetA: 0.2, currentNoiseA: 0.3, voltageGainErrorPct: 0.2, voltageNoiseV: 0.3 },
    imd: {
      selfTestMs: 10_000, resumeMs: 3000, filterTauMs: 2000, healthyMinOhm: 2e6, healthyMaxOhm: 10e6,
      warningOhm: 750e3, faultOhm: 500e3, noisePct: 2, updateMs: 100, // pilot.md §7 foxBMS thresholds
    },
    pdu: {
      closeMinMs: 30, closeMaxMs: 50, openMinMs: 10, openMaxMs: 20, watchdogMs: 300,
      linkCapacitanceF: 800e-6, prechargeOhm: 100, linkDecayTauMs: 5000, hardCloseDeltaV: 50,
    },
    inlet: {
      handleLatchedOhm: 150, handlePressedOhm: 480, ppPullUpOhm: 330, ppPullDownOhm: 2700, ppSupplyV: 5, // pilot.md §3
      ppToleranceSigmaPct: 1,
      lockTravelMinMs: 300, lockTravelMaxMs: 600,
      pinContactOhm: 0.2e-3, pinContactSpreadPct: 10, pinHeatCapacityJPerK: 400, pinToAmbientKPerW: 0.8,
      measureTauMs: 20,
    },
    boost: null,
    obc: { maxAcCurrentA: 48, maxPowerW: 11_500, efficiency: 0.93, rampAps: 10, minLinkV: minV, maxLinkV: maxV, minAcV: 90 },
    inverter: {
      ratedW: 9600, splitPhase: true, legVoltageV: 120, frequencyHz: 60, efficiency: 0.9, rampOnMs: 1000, // v2l.md §2 PD
      hardTripPct: 250, heatCapacityJPerK: 3000, toCoolantWPerK: 30, overTempC: 90, minLinkV: minV,
    },
    tms: {
      // PD chiller 12 kW: cells.md §5 puts the 3C I²R heat at ~11 kW (800 V) / 13 kW (400 V); a 7 kW
      // chiller saturated at 3C and the pack drifted out of the best band (cells.md §6).
      heaterMaxW: 6000, chillerMaxW: 12_000, heaterRampWPerS: 2000, chillerRampWPerS: 1000, heaterEfficiency: 0.98,
      chillerCop: 2.5, coolantHeatCapacityJPerK: 50_000, coolantAmbientUaWPerK: 20, chillerMinCoolantC: 10,
      heaterMaxCoolantC: 60,
    },
    auxLoadW: 300,
  };
}

/** PD boost: 125 kW reproduces the Ioniq 9 on a V3 Supercharger (curves.md §1: 126 kW). */
const BOOST_800 = {
  maxPowerW: 125_000, maxInputCurrentA: 350, maxOutputCurrentA: 250, maxInputVoltageV: 500, efficiency: 0.97,
  rampAps: 200, switchMs: 100, heatCapacityJPerK: 5000, toCoolantWPerK: 100, derateStartC: 75, derateEndC: 90,
};

export function vehiclePreset(name: VehiclePresetName, options: VehicleOptions = {}): VehicleParams {
  const scale = options.capacityScale ?? 1;
  const is800 = name === 'car-800v';
  const pack = is800 ? PACK_800 : PACK_400;
  const scaled = { ...pack, groupCapacityAh: pack.groupCapacityAh * scale };
  // Pack window: deep-discharge 2.50 V to 4.20 V × series, with margin (cells.md §5).
  const v = is800 ? base(name, scaled, 480, 820) : base(name, scaled, 240, 410);
  if (options.boostConverter ?? is800) {
    v.boost = { ...BOOST_800 };
    if (options.boostMaxPowerKw !== undefined) v.boost.maxPowerW = options.boostMaxPowerKw * 1000;
  }
  return v;
}
