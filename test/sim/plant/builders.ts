// Builders shared by the plant tests.
import { createCarPlant, type CarPlant, type Station } from '../../../sim/plant/car-plant.ts';
import type { LoadProfile } from '../../../sim/plant/loads.ts';
import { createPack, type Pack, type PackParams } from '../../../sim/plant/pack.ts';
import { vehiclePreset, type VehicleOptions, type VehiclePresetName } from '../../../sim/presets/index.ts';
import { createRandom } from '../../../sim/random.ts';

export function aPack(
  over: { vehicle?: VehiclePresetName; socPct?: number; tempC?: number; seed?: number; params?: Partial<PackParams> } = {},
): Pack {
  const v = vehiclePreset(over.vehicle ?? 'car-400v');
  return createPack({ ...v.pack, ...over.params }, { socPct: over.socPct ?? 50, tempC: over.tempC ?? 25 }, createRandom(over.seed ?? 1));
}

export function aCarPlant(
  over: {
    vehicle?: VehiclePresetName; vehicleOptions?: VehicleOptions; station?: Station; loads?: LoadProfile;
    socPct?: number; tempC?: number; ambientC?: number; seed?: number;
  } = {},
): CarPlant {
  const tempC = over.tempC ?? 25;
  return createCarPlant(
    {
      vehicle: vehiclePreset(over.vehicle ?? 'car-400v', over.vehicleOptions),
      station: over.station ?? null,
      loads: over.loads ?? null,
      initial: { socPct: over.socPct ?? 50, cellTempC: tempC, ambientC: over.ambientC ?? tempC },
    },
    createRandom(over.seed ?? 1),
  );
}

/** Steps `fn` every dtMs for totalMs (fn gets the elapsed time). */
export function run(totalMs: number, dtMs: number, fn: (tMs: number) => void): void {
  for (let t = dtMs; t <= totalMs + 1e-9; t += dtMs) fn(t);
}

export const near = (a: number, b: number, tol: number, what = ''): boolean => {
  if (Math.abs(a - b) > tol) throw new Error(`${what}: ${a} not within ${tol} of ${b}`);
  return true;
};

/** Every field of a model, exactly (a -0 differs from 0): for shortcuts that must equal the full step bit for bit. */
export const exactSnapshot = (o: object): string => JSON.stringify(o, (_k, v: unknown) => (Object.is(v, -0) ? '-0' : v));
