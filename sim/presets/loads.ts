// Load presets for V2L (reference/v2l.md §3).
import { constantLoadProfile, type LoadProfile } from '../plant/loads.ts';

export type LoadPresetName = 'house-essentials' | 'jobsite-tools' | 'space-heater';

export const LOAD_PROFILES: Readonly<Record<LoadPresetName, LoadProfile>> = {
  // v2l.md §3 PD table exactly; lights "evening 6 h" = 18:00–24:00. Mean ≈ 0.51 kW.
  'house-essentials': {
    name: 'house-essentials',
    description: 'fridge, furnace blower, sump pump, LED lights, router (v2l.md §3)',
    loads: [
      { name: 'fridge', leg: 'L1', runW: 150, surgeW: 1800, surgeS: 0.5, pattern: { kind: 'cycle', periodS: 1200, onS: 480 }, leakageMa: 0.3 },
      { name: 'furnace-blower', leg: 'L1', runW: 700, surgeW: 2000, surgeS: 1.0, pattern: { kind: 'cycle', periodS: 900, onS: 450 }, leakageMa: 0.3 },
      { name: 'sump-pump', leg: 'L2', runW: 800, surgeW: 2200, surgeS: 0.5, pattern: { kind: 'cycle', periodS: 900, onS: 60 }, leakageMa: 0.5 },
      { name: 'led-lights', leg: 'L2', runW: 90, surgeW: 0, surgeS: 0, pattern: { kind: 'window', fromHour: 18, toHour: 24 }, leakageMa: 0.1 },
      { name: 'router-modem', leg: 'L1', runW: 20, surgeW: 0, surgeS: 0, pattern: { kind: 'always' }, leakageMa: 0.1 },
    ],
  },
  // PD (picked here): a 7¼" circular saw (~11 A) cutting 20 s every 2 min and a pancake compressor
  // (~10 A) refilling 45 s every 4 min, phased so they never run together; work lights and a tool
  // battery charger always on. Running peak 1.55 kW ≤ 1.9 kW (v2l.md: 120 V 16 A outlet); starts
  // 3.0 / 2.8 kW for 0.25 / 0.5 s stay inside the 200 % / 0.5 s surge allowance. Mean ≈ 0.69 kW.
  'jobsite-tools': {
    name: 'jobsite-tools',
    description: 'circular saw and compressor bursts, work lights, battery charger (120 V, ≤ 1.9 kW running)',
    loads: [
      { name: 'circular-saw', leg: 'L1', runW: 1300, surgeW: 3000, surgeS: 0.25, pattern: { kind: 'cycle', periodS: 120, onS: 20, phaseS: 0 }, leakageMa: 0.5 },
      { name: 'compressor', leg: 'L1', runW: 1200, surgeW: 2800, surgeS: 0.5, pattern: { kind: 'cycle', periodS: 240, onS: 45, phaseS: 200 }, leakageMa: 0.5 },
      { name: 'work-lights', leg: 'L1', runW: 100, surgeW: 0, surgeS: 0, pattern: { kind: 'always' }, leakageMa: 0.1 },
      { name: 'battery-charger', leg: 'L1', runW: 150, surgeW: 0, surgeS: 0, pattern: { kind: 'always' }, leakageMa: 0.2 },
    ],
  },
  'space-heater': {
    name: 'space-heater',
    description: '1.5 kW resistive heater, constant',
    loads: [{ name: 'space-heater', leg: 'L1', runW: 1500, surgeW: 0, surgeS: 0, pattern: { kind: 'always' }, leakageMa: 0.2 }],
  },
};

export const LOAD_PRESETS = Object.keys(LOAD_PROFILES) as LoadPresetName[];

export function loadPreset(name: LoadPresetName): LoadProfile {
  const p = LOAD_PROFILES[name];
  if (p === undefined) throw new Error(`unknown load preset "${name}"; known: ${LOAD_PRESETS.join(', ')}`);
  return p;
}

export { constantLoadProfile };
