// Station presets: DC chargers (reference/chargers.md §1) and AC EVSEs (§2), public names.
import type { AcEvseProfile } from '../plant/ac-evse.ts';
import type { DcChargerQuirks } from '../plant/ccc-protocol.ts';
import type { Station } from '../plant/car-plant.ts';
import type { DcChargerProfile } from '../plant/dc-charger.ts';

export type DcChargerPresetName = 'supercharger-v3' | 'supercharger-v4' | 'hpc-350' | 'dcfc-150' | 'dcfc-50';
export type AcEvsePresetName = 'ac-l2-48' | 'ac-l2-32' | 'ac-l2-16' | 'ac-l1-12';
export type ChargerPresetName = DcChargerPresetName | AcEvsePresetName;

/** PD dynamics shared by the DC profiles: ramps and discharge as seen in field traces. */
const DC_COMMON = {
  currentRampUpAps: 100, // PD: full current in a few seconds
  currentRampDownAps: 400, // PD
  emergencyRampDownAps: 5000, // PD: ~0.1 s from 500 A
  voltageRampVps: 200, // PD: precharge to 800 V in 4 s
  cableCheckMinS: 2, // brief: 2–10 s
  cableCheckMaxS: 10,
  dischargeTauMs: 800, // timeouts.md §4 Compleo: 400 → 109 V in ~1 s
  cpReadyMs: 500, // PD
} as const;

export const DC_CHARGERS: Readonly<Record<DcChargerPresetName, DcChargerProfile>> = {
  // ≈50–500 V; 250 kW at 360–400 V needs 625–695 A (chargers.md §1: ≈630–700 A peak); PD 680 A.
  // Cable check slower (chargers.md #7, #8): PD 8–16 s.
  'supercharger-v3': {
    ...DC_COMMON, name: 'supercharger-v3', connector: 'nacs', minVoltageV: 50, maxVoltageV: 500, maxCurrentA: 680,
    maxPowerW: 250_000, cableCheckMinS: 8, cableCheckMaxS: 16,
  },
  // 1000 V, 615 A post label, 500 kW for cars; Vmin "400 V class" → PD 200 V (below a 96s pack's 240 V deep discharge).
  'supercharger-v4': {
    ...DC_COMMON, name: 'supercharger-v4', connector: 'nacs', minVoltageV: 200, maxVoltageV: 1000, maxCurrentA: 615,
    maxPowerW: 500_000,
  },
  'hpc-350': { ...DC_COMMON, name: 'hpc-350', connector: 'ccs1', minVoltageV: 150, maxVoltageV: 920, maxCurrentA: 500, maxPowerW: 350_000 },
  'dcfc-150': { ...DC_COMMON, name: 'dcfc-150', connector: 'ccs1', minVoltageV: 150, maxVoltageV: 920, maxCurrentA: 350, maxPowerW: 150_000 },
  'dcfc-50': { ...DC_COMMON, name: 'dcfc-50', connector: 'ccs1', minVoltageV: 50, maxVoltageV: 500, maxCurrentA: 125, maxPowerW: 50_000 },
};

const AC_COMMON = { cpReadyMs: 500, contactorCloseMs: 1000, contactorOpenMs: 100 } as const; // PD

export const AC_EVSES: Readonly<Record<AcEvsePresetName, AcEvseProfile>> = {
  'ac-l2-48': { ...AC_COMMON, name: 'ac-l2-48', connector: 'nacs', voltageV: 240, maxCurrentA: 48 }, // wall unit, 80 %
  'ac-l2-32': { ...AC_COMMON, name: 'ac-l2-32', connector: 'nacs', voltageV: 240, maxCurrentA: 32 }, // mobile connector, 53.3 %
  'ac-l2-16': { ...AC_COMMON, name: 'ac-l2-16', connector: 'j1772', voltageV: 240, maxCurrentA: 16 }, // 26.7 %
  'ac-l1-12': { ...AC_COMMON, name: 'ac-l1-12', connector: 'j1772', voltageV: 120, maxCurrentA: 12 }, // cordset, 20 %
};

export const CHARGER_PRESETS: readonly ChargerPresetName[] = [
  ...(Object.keys(DC_CHARGERS) as DcChargerPresetName[]),
  ...(Object.keys(AC_EVSES) as AcEvsePresetName[]),
];

export interface ChargerOverrides {
  maxVoltageV?: number;
  minVoltageV?: number;
  maxCurrentA?: number;
  maxPowerKw?: number;
  quirks?: DcChargerQuirks;
}

/** A station from a preset name with the scenario's overrides (current/power apply to AC too). */
export function stationPreset(name: ChargerPresetName, o: ChargerOverrides = {}): Station {
  if (name in DC_CHARGERS) {
    const base = DC_CHARGERS[name as DcChargerPresetName];
    const profile: DcChargerProfile = {
      ...base,
      maxVoltageV: o.maxVoltageV ?? base.maxVoltageV,
      minVoltageV: o.minVoltageV ?? base.minVoltageV,
      maxCurrentA: o.maxCurrentA ?? base.maxCurrentA,
      maxPowerW: o.maxPowerKw !== undefined ? o.maxPowerKw * 1000 : base.maxPowerW,
    };
    return { kind: 'dc', profile, quirks: { ...o.quirks } };
  }
  if (name in AC_EVSES) {
    const base = AC_EVSES[name as AcEvsePresetName];
    return { kind: 'ac', profile: { ...base, maxCurrentA: o.maxCurrentA ?? base.maxCurrentA } };
  }
  throw new Error(`unknown charger preset "${name}"; known: ${CHARGER_PRESETS.join(', ')}`);
}
