// Adapter presets (reference/pilot.md §6, all PD: no public values exist).
import type { AdapterSpec } from '../plant/inlet-hw.ts';

export type AdapterPresetName = 'nacs-to-ccs1-dc' | 'j1772-to-nacs-ac' | 'v2l' | 'v2h';

/** Two more mated contact pairs per DC pin (PD 0.1 mΩ): an adapter heats the inlet pins more. */
const ADAPTER_PIN_EXTRA_OHM = 0.1e-3;

export const ADAPTERS: Readonly<Record<AdapterPresetName, AdapterSpec>> = {
  'nacs-to-ccs1-dc': { name: 'nacs-to-ccs1-dc', kind: 'dc', seriesOhm: 150, ratingA: 400, ratingV: 1000, pinExtraOhm: ADAPTER_PIN_EXTRA_OHM },
  'j1772-to-nacs-ac': { name: 'j1772-to-nacs-ac', kind: 'ac', seriesOhm: 680, ratingA: 48, ratingV: 277, pinExtraOhm: ADAPTER_PIN_EXTRA_OHM },
  v2l: { name: 'v2l', kind: 'v2l', fixedOhm: 2200, ratingA: 16, ratingV: 120, pinExtraOhm: 0 },
  v2h: { name: 'v2h', kind: 'v2h', fixedOhm: 3300, ratingA: 40, ratingV: 240, pinExtraOhm: 0 },
};

export function adapterPreset(name: AdapterPresetName): AdapterSpec {
  const a = ADAPTERS[name];
  if (a === undefined) throw new Error(`unknown adapter "${name}"; known: ${Object.keys(ADAPTERS).join(', ')}`);
  return a;
}
