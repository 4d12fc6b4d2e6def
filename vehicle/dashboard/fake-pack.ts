// The pack behind the fake source: a plausible, deterministic model good enough to make the
// dashboard move like a real DC session (not the simulator's plant; no physics is claimed).
// Cells share one OCV line with a fixed per-cell offset and a little noise; temperatures follow
// a lumped heat balance; the inlet pins heat with I². Every random number comes from the seed.
import type { LimitingReason } from '../status.ts';

/** mulberry32: a tiny seeded generator, so a fake session is the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Made-up constants of a 96s NMC pack of about 77 kWh on a 150 kW charger (illustrative only). */
export const FAKE_PACK = {
  capacityWh: 77_400,
  cellOcvEmptyV: 3.45,
  cellOcvSpanV: 0.72,
  cellResistanceOhm: 0.0009,
  cellSpreadV: 0.012,
  cellNoiseV: 0.0015,
  tempSpreadC: 1.6,
  ambientC: 24,
  heatCapacityJPerK: 380_000,
  coolingWPerK: 520,
  pinHeatKPerA2: 0.00032,
  pinTimeConstantS: 90,
  pinDerateStartC: 60,
  pinLimitC: 70,
  rampAPerS: 60,
} as const;

export interface Evse {
  maxVoltageV: number;
  minVoltageV: number;
  maxCurrentA: number;
  maxPowerW: number;
}

export interface PackModel {
  socPct: number;
  currentA: number;
  packTempC: number;
  pinTempsC: [number, number];
  cellOffsetsV: number[];
  tempOffsetsC: number[];
  cellVoltagesV: number[];
  tempsC: number[];
}

export function newPack(random: () => number, cellCount: number, sensorCount: number, socPct: number): PackModel {
  const spread = (n: number, width: number) => Array.from({ length: n }, () => (random() - 0.5) * width);
  const pack: PackModel = {
    socPct,
    currentA: 0,
    packTempC: FAKE_PACK.ambientC,
    pinTempsC: [FAKE_PACK.ambientC + 2, FAKE_PACK.ambientC + 1],
    cellOffsetsV: spread(cellCount, FAKE_PACK.cellSpreadV),
    // Sensors at the pack's middle run warmer than at its ends (coolant enters at the ends).
    tempOffsetsC: spread(sensorCount, FAKE_PACK.tempSpreadC).map((o, i) => o + 1.2 * Math.sin((Math.PI * i) / Math.max(1, sensorCount - 1))),
    cellVoltagesV: [],
    tempsC: [],
  };
  measure(pack, random);
  return pack;
}

export function cellOcvV(socPct: number): number {
  return FAKE_PACK.cellOcvEmptyV + (FAKE_PACK.cellOcvSpanV * socPct) / 100;
}

export function packVoltageV(p: PackModel): number {
  return p.cellVoltagesV.reduce((a, v) => a + v, 0);
}

/** The limits in force on the current request, and which one bites. */
export function currentLimits(p: PackModel, evse: Evse, userCapA: number | null): { targetA: number; reason: LimitingReason } {
  const voltageV = Math.max(1, packVoltageV(p));
  const batteryA = p.socPct < 50 ? 400 : p.socPct < 80 ? 400 - ((p.socPct - 50) / 30) * 280 : Math.max(30, 120 - (p.socPct - 80) * 4.5);
  const chargerA = Math.min(evse.maxCurrentA, evse.maxPowerW / voltageV);
  const pin = Math.max(...p.pinTempsC);
  const pinA = pin <= FAKE_PACK.pinDerateStartC ? Infinity
    : 400 * Math.max(0.15, 1 - (pin - FAKE_PACK.pinDerateStartC) / (FAKE_PACK.pinLimitC - FAKE_PACK.pinDerateStartC));
  const candidates: [number, LimitingReason][] = [[batteryA, 'battery'], [chargerA, 'charger'], [pinA, 'inletHot']];
  if (userCapA !== null) candidates.push([userCapA, 'user']);
  const [targetA, reason] = candidates.reduce((a, b) => (b[0] < a[0] ? b : a));
  return { targetA, reason };
}

/** Advances the pack by dtS with the current ramping toward targetA. */
export function stepPack(p: PackModel, targetA: number, dtS: number, random: () => number): void {
  const maxStepA = FAKE_PACK.rampAPerS * dtS;
  p.currentA = targetA < p.currentA ? targetA : Math.min(targetA, p.currentA + maxStepA);
  const powerW = packVoltageV(p) * p.currentA;
  p.socPct = Math.min(100, p.socPct + ((powerW * dtS) / 3600 / FAKE_PACK.capacityWh) * 100);
  const heatW = p.currentA ** 2 * FAKE_PACK.cellResistanceOhm * p.cellOffsetsV.length;
  p.packTempC += ((heatW - FAKE_PACK.coolingWPerK * (p.packTempC - FAKE_PACK.ambientC)) * dtS) / FAKE_PACK.heatCapacityJPerK;
  const pinSteadyC = FAKE_PACK.ambientC + FAKE_PACK.pinHeatKPerA2 * p.currentA ** 2;
  const k = Math.min(1, dtS / FAKE_PACK.pinTimeConstantS);
  p.pinTempsC = [p.pinTempsC[0] + (pinSteadyC + 2 - p.pinTempsC[0]) * k, p.pinTempsC[1] + (pinSteadyC - p.pinTempsC[1]) * k];
  measure(p, random);
}

function measure(p: PackModel, random: () => number): void {
  const ocv = cellOcvV(p.socPct);
  p.cellVoltagesV = p.cellOffsetsV.map((o) => ocv + o + p.currentA * FAKE_PACK.cellResistanceOhm + (random() - 0.5) * FAKE_PACK.cellNoiseV);
  p.tempsC = p.tempOffsetsC.map((o) => p.packTempC + o * (1 + (p.packTempC - FAKE_PACK.ambientC) / 10) + (random() - 0.5) * 0.2);
}
