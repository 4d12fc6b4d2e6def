// Calibration of the plant against published charge curves (reference/curves.md §1, §4), without
// the controller: an ideal EV (sim/plant/ideal-ev.ts) asks for min(charger limits, the cells.md §6
// C-rate map at the pack's mean temperature and SOC, CV taper at 4.20 V/cell) from 10 to 80 %.
// Run: `npx tsx sim/calibrate.ts` prints the figures; test/sim/calibrate.test.ts checks the bands.
import { createCarPlant, type CarPlant } from './plant/car-plant.ts';
import { IdealEv } from './plant/ideal-ev.ts';
import { adapterPreset, stationPreset, vehiclePreset, type AdapterPresetName, type DcChargerPresetName, type VehiclePresetName } from './presets/index.ts';
import { createRandom } from './random.ts';

/** cells.md §6 fast-charge C-rate map (a copy for the ideal EV; the BMS owns the real one). */
const C_RATE_ROWS: readonly (readonly number[])[] = [
  /* SOC %:      0–10 10–30 30–50 50–60 60–70 70–80 80–90 90–100 */
  /* 0–5 °C   */ [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.05, 0.05],
  /* 5–10 °C  */ [0.5, 0.6, 0.6, 0.5, 0.45, 0.4, 0.3, 0.15],
  /* 10–15 °C */ [1.2, 1.5, 1.3, 1.1, 0.9, 0.7, 0.4, 0.2],
  /* 15–25 °C */ [2.0, 2.5, 2.2, 1.8, 1.5, 1.1, 0.6, 0.3],
  /* 25–35 °C */ [2.5, 3.0, 2.6, 2.2, 1.8, 1.3, 0.7, 0.3],
  /* 35–40 °C */ [2.0, 2.5, 2.2, 1.8, 1.4, 1.0, 0.5, 0.2],
  /* 40–45 °C */ [0.5, 0.5, 0.5, 0.4, 0.3, 0.2, 0.1, 0.1],
];
const SOC_EDGES = [0, 10, 30, 50, 60, 70, 80, 90, 100];
const TEMP_EDGES = [0, 5, 10, 15, 25, 35, 40, 45];

/** How "interpolate linearly between cells" is read: between bin centres, or each bin as a range
 *  that holds its value and blends into the next over ±2.5 around every edge. */
export type MapReading = 'centres' | 'ranges';

/** Axis nodes (value, bin index) for a reading. */
function nodes(edges: readonly number[], reading: MapReading): [number[], number[]] {
  const at: number[] = [];
  const bin: number[] = [];
  for (let b = 0; b < edges.length - 1; b++) {
    const lo = edges[b]!;
    const hi = edges[b + 1]!;
    const pts = reading === 'centres' || hi - lo <= 5 ? [(lo + hi) / 2] : [lo + 2.5, hi - 2.5];
    for (const x of pts) {
      at.push(x);
      bin.push(b);
    }
  }
  return [at, bin];
}

const AXES = {
  centres: { soc: nodes(SOC_EDGES, 'centres'), temp: nodes(TEMP_EDGES, 'centres') },
  ranges: { soc: nodes(SOC_EDGES, 'ranges'), temp: nodes(TEMP_EDGES, 'ranges') },
};

/** C-rate for the ideal EV: 0 below 0 °C and from 45 °C (plating, cells.md §3), bilinear inside. */
export function cRateMap(socPct: number, tempC: number, reading: MapReading = 'ranges'): number {
  if (tempC < 0 || tempC >= 45) return 0;
  const { soc, temp } = AXES[reading];
  const [ti, tf] = locate(temp[0], tempC);
  const [si, sf] = locate(soc[0], socPct);
  const row = (t: number): number => {
    const r = C_RATE_ROWS[temp[1][t]!]!;
    return lerp(r[soc[1][si]!]!, r[soc[1][si + 1]!]!, sf);
  };
  return lerp(row(ti), row(ti + 1), tf);
}

function locate(axis: readonly number[], x: number): [number, number] {
  if (x <= axis[0]!) return [0, 0];
  for (let i = 0; i < axis.length - 1; i++) {
    if (x <= axis[i + 1]!) return [i, (x - axis[i]!) / (axis[i + 1]! - axis[i]!)];
  }
  return [axis.length - 2, 1];
}

const lerp = (a: number, b: number, f: number): number => a + (b - a) * f;

export interface CalibrationCase {
  name: string;
  vehicle: VehiclePresetName;
  charger: DcChargerPresetName;
  adapter: AdapterPresetName | null;
  startSocPct: number;
  endSocPct: number;
  cellTempC: number;
  ambientC: number;
  /** What curves.md says, for the report. */
  target: string;
}

export interface CalibrationResult {
  name: string;
  path: 'direct' | 'boost';
  /** From the first ampere to the end SOC. */
  chargeMinutes: number;
  /** Plug-in to first current. */
  setupS: number;
  peakPackKw: number;
  peakChargerKw: number;
  meanPackKw: number;
  maxModuleTempC: number;
  maxPinTempC: number;
  finalStage: string;
  target: string;
}

export const CALIBRATION_CASES: readonly CalibrationCase[] = [
  { name: '800V on hpc-350', vehicle: 'car-800v', charger: 'hpc-350', adapter: 'nacs-to-ccs1-dc', startSocPct: 10, endSocPct: 80, cellTempC: 30, ambientC: 25, target: 'Ioniq 5: 18 min ±15 %, peak 220–240 kW' },
  { name: '400V on supercharger-v3', vehicle: 'car-400v', charger: 'supercharger-v3', adapter: null, startSocPct: 10, endSocPct: 80, cellTempC: 30, ambientC: 25, target: 'Model 3 LR: 250 kW class (C&D 201 kW), 0→80 % 28 min' },
  { name: '800V on supercharger-v3 (boost)', vehicle: 'car-800v', charger: 'supercharger-v3', adapter: null, startSocPct: 10, endSocPct: 80, cellTempC: 30, ambientC: 25, target: 'Ioniq 9 on V3: ≈125 kW limited' },
];

const NOMINAL_TICK_MS = 10;
const MAX_SESSION_MS = 2 * 3600 * 1000;

export function runCalibration(c: CalibrationCase, seed = 1, reading: MapReading = 'ranges', tickMs = NOMINAL_TICK_MS): CalibrationResult {
  const vehicle = vehiclePreset(c.vehicle);
  const plant: CarPlant = createCarPlant(
    { vehicle, station: stationPreset(c.charger), initial: { socPct: c.startSocPct, cellTempC: c.cellTempC, ambientC: c.ambientC } },
    createRandom(seed),
  );
  const groupAh = vehicle.pack.groupCapacityAh;
  const ev = new IdealEv(plant, {
    targetSocPct: c.endSocPct,
    batteryLimitA: (p) => cRateMap(p.pack.socPct, p.pack.meanTempC(), reading) * groupAh,
    evMaxVoltageV: c.vehicle === 'car-800v' ? 820 : 410, // cells.md §5
    cellMaxV: 4.2,
    coolAboveC: 30,
  });
  plant.plug(c.adapter === null ? null : adapterPreset(c.adapter));
  let firstCurrentMs = NaN;
  let endMs = NaN;
  let peakPackW = 0;
  let peakChargerW = 0;
  let energyWs = 0;
  let maxModuleC = -Infinity;
  let maxPinC = -Infinity;
  while (plant.timeMs < MAX_SESSION_MS && ev.stage !== 'done' && ev.stage !== 'failed') {
    ev.step(tickMs);
    plant.step(tickMs);
    const packW = plant.packPowerW;
    if (Number.isNaN(firstCurrentMs) && plant.pack.currentInA > 1) firstCurrentMs = plant.timeMs;
    if (Number.isNaN(endMs) && plant.pack.socPct >= c.endSocPct) endMs = plant.timeMs;
    if (!Number.isNaN(firstCurrentMs) && Number.isNaN(endMs)) energyWs += packW * (tickMs / 1000);
    peakPackW = Math.max(peakPackW, packW);
    const dc = plant.dcCharger!;
    peakChargerW = Math.max(peakChargerW, dc.outputVoltageV * dc.outputCurrentA);
    if (plant.timeMs % 1000 === 0) {
      maxModuleC = Math.max(maxModuleC, plant.pack.moduleTempRangeC().maxC);
      maxPinC = Math.max(maxPinC, plant.maxPinTempC);
    }
  }
  const chargeMs = endMs - firstCurrentMs;
  return {
    name: c.name,
    path: ev.boost ? 'boost' : 'direct',
    chargeMinutes: chargeMs / 60_000,
    setupS: firstCurrentMs / 1000,
    peakPackKw: peakPackW / 1000,
    peakChargerKw: peakChargerW / 1000,
    meanPackKw: energyWs / (chargeMs / 1000) / 1000,
    maxModuleTempC: maxModuleC,
    maxPinTempC: maxPinC,
    finalStage: ev.stage,
    target: c.target,
  };
}

function main(): void {
  const reading: MapReading = process.argv.includes('--centres') ? 'centres' : 'ranges';
  console.log(`C-rate map read as ${reading} (--centres for the other reading)`);
  for (const c of CALIBRATION_CASES) {
    const r = runCalibration(c, 1, reading);
    console.log(
      `${r.name.padEnd(34)} ${r.path.padEnd(6)} ${c.startSocPct}→${c.endSocPct} % ${r.chargeMinutes.toFixed(1)} min` +
        `  peak ${r.peakPackKw.toFixed(0)} kW (charger ${r.peakChargerKw.toFixed(0)})  mean ${r.meanPackKw.toFixed(0)} kW` +
        `  setup ${r.setupS.toFixed(1)} s  Tmax ${r.maxModuleTempC.toFixed(1)} °C  pin ${r.maxPinTempC.toFixed(1)} °C  [${r.finalStage}]` +
        `\n${''.padEnd(34)} target: ${r.target}`,
    );
  }
}

if (process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href) main();
