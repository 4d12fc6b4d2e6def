// Pack monitoring: one pass over the cell and temperature arrays. A reading is valid when the codec
// accepted it, it is inside the sensor's plausible range (outside = open or shorted line) and it is
// fresh; extremes and means are over valid readings only. Scalars become NaN when unusable.
import type { BmsConfig } from './config.ts';
import type { BmsInput, ContactorName, Feedback, Reading } from './io.ts';

export interface PackSnapshot {
  readonly cellCount: number;
  readonly invalidCells: number;
  readonly cellVoltageMinV: number;
  readonly cellVoltageMinIndex: number;
  readonly cellVoltageMaxV: number;
  readonly cellVoltageMaxIndex: number;
  readonly cellVoltageMeanV: number;
  /** Σ of valid cells (complete only when invalidCells = 0). */
  readonly cellVoltageSumV: number;
  readonly tempCount: number;
  readonly invalidTemps: number;
  readonly cellTempMinC: number;
  readonly cellTempMinIndex: number;
  readonly cellTempMaxC: number;
  readonly cellTempMaxIndex: number;
  readonly cellTempMeanC: number;
  readonly currentA: number;
  readonly packVoltageV: number;
  /** Pack voltage sensor, else Σ cells when all are valid, else mean × count. */
  readonly packVoltageBestV: number;
  readonly linkVoltageV: number;
  readonly inletVoltageV: number;
  readonly isolationKOhm: number;
  readonly feedback: Readonly<Record<ContactorName, Feedback>>;
}

const ALL_UNKNOWN: Readonly<Record<ContactorName, Feedback>> = Object.freeze({
  mainPos: 'unknown',
  mainNeg: 'unknown',
  precharge: 'unknown',
  dcPos: 'unknown',
  dcNeg: 'unknown',
  obcRelay: 'unknown',
});

/** The value of a usable reading, else NaN. */
export function usable(r: Reading, staleMs: number): number {
  return r.valid && r.ageMs <= staleMs ? r.value : NaN;
}

export function monitor(input: BmsInput, cfg: BmsConfig, nowMs: number): PackSnapshot {
  const m = cfg.monitoring;
  const c = input.cells;
  const n = cfg.pack.seriesCells;
  const nt = cfg.pack.tempSensors;
  if (c.voltageV.length !== n || c.voltageValid.length !== n || c.voltageRxMs.length !== n) {
    throw new Error(`bms: cell arrays must have ${n} entries`);
  }
  if (c.tempC.length !== nt || c.tempValid.length !== nt || c.tempRxMs.length !== nt) {
    throw new Error(`bms: temperature arrays must have ${nt} entries`);
  }
  const vLo = m.cellVoltageSensorMinV;
  const vHi = m.cellVoltageSensorMaxV;
  const vOldest = nowMs - m.cellVoltageStaleMs;
  let invalidCells = 0;
  let vMin = Infinity;
  let vMax = -Infinity;
  let vMinI = -1;
  let vMaxI = -1;
  let vSum = 0;
  const volts = c.voltageV;
  const vValid = c.voltageValid;
  const vRxMs = c.voltageRxMs;
  for (let i = 0; i < n; i++) {
    const v = volts[i]!;
    if (vValid[i] === 1 && v >= vLo && v <= vHi && vRxMs[i]! >= vOldest) {
      vSum += v;
      if (v < vMin) {
        vMin = v;
        vMinI = i;
      }
      if (v > vMax) {
        vMax = v;
        vMaxI = i;
      }
    } else invalidCells++;
  }
  const tLo = m.tempSensorMinC;
  const tHi = m.tempSensorMaxC;
  const tOldest = nowMs - m.tempStaleMs;
  let invalidTemps = 0;
  let tMin = Infinity;
  let tMax = -Infinity;
  let tMinI = -1;
  let tMaxI = -1;
  let tSum = 0;
  const temps = c.tempC;
  const tValid = c.tempValid;
  const tRxMs = c.tempRxMs;
  for (let i = 0; i < nt; i++) {
    const t = temps[i]!;
    if (tValid[i] === 1 && t >= tLo && t <= tHi && tRxMs[i]! >= tOldest) {
      tSum += t;
      if (t < tMin) {
        tMin = t;
        tMinI = i;
      }
      if (t > tMax) {
        tMax = t;
        tMaxI = i;
      }
    } else invalidTemps++;
  }
  const validCells = n - invalidCells;
  const validTemps = nt - invalidTemps;
  const meanV = validCells > 0 ? vSum / validCells : NaN;
  const packV = usable(input.packVoltageV, m.voltageStaleMs);
  const fb = input.contactorFeedback;
  return {
    cellCount: n,
    invalidCells,
    cellVoltageMinV: validCells > 0 ? vMin : NaN,
    cellVoltageMinIndex: vMinI,
    cellVoltageMaxV: validCells > 0 ? vMax : NaN,
    cellVoltageMaxIndex: vMaxI,
    cellVoltageMeanV: meanV,
    cellVoltageSumV: vSum,
    tempCount: nt,
    invalidTemps,
    cellTempMinC: validTemps > 0 ? tMin : NaN,
    cellTempMinIndex: tMinI,
    cellTempMaxC: validTemps > 0 ? tMax : NaN,
    cellTempMaxIndex: tMaxI,
    cellTempMeanC: validTemps > 0 ? tSum / validTemps : NaN,
    currentA: usable(input.packCurrentA, m.currentStaleMs),
    packVoltageV: packV,
    packVoltageBestV: !Number.isNaN(packV) ? packV : invalidCells === 0 ? vSum : meanV * n,
    linkVoltageV: usable(input.linkVoltageV, m.voltageStaleMs),
    inletVoltageV: usable(input.inletVoltageV, m.voltageStaleMs),
    isolationKOhm: usable(input.isolationKOhm, m.imdStaleMs),
    feedback: fb.valid && fb.ageMs <= m.feedbackStaleMs ? fb.value : ALL_UNKNOWN,
  };
}

/** Why a cell or temperature reading is invalid, for dashboards (not needed by the step). */
export type SensorStatus = 'ok' | 'codecInvalid' | 'stale' | 'belowRange' | 'aboveRange';

export function sensorStatus(value: number, valid: number, rxMs: number, min: number, max: number, staleMs: number, nowMs: number): SensorStatus {
  if (valid !== 1) return 'codecInvalid';
  if (!(nowMs - rxMs <= staleMs)) return 'stale';
  if (!(value >= min)) return 'belowRange';
  if (value > max) return 'aboveRange';
  return 'ok';
}
