// Pack monitoring: extremes and means of the cell and temperature arrays (cell-scan.ts) and the
// scalar readings. A reading is valid when the codec accepted it, it is inside the sensor's plausible
// range (outside = open or shorted line) and it is fresh; extremes and means are over valid readings
// only. Scalars become NaN when unusable.
import type { BmsConfig } from './config.ts';
import type { BmsInput, ContactorName, Feedback, Reading } from './io.ts';
import { cellScans, type CellScans } from './cell-scan.ts';

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

/**
 * `memo`: this instance's running aggregates (tables.cellScans), updated from the entries the
 * reader says it changed; without it (or without CellChanges) every entry is scanned. Same result.
 */
export function monitor(input: BmsInput, cfg: BmsConfig, nowMs: number, memo?: CellScans): PackSnapshot {
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
  const scans = memo ?? cellScans();
  const vs = scans.voltages;
  vs.scan(c.voltageV, c.voltageValid, c.voltageRxMs, c.voltageChanges, m.cellVoltageSensorMinV, m.cellVoltageSensorMaxV, m.cellVoltageStaleMs, nowMs);
  const ts = scans.temps;
  ts.scan(c.tempC, c.tempValid, c.tempRxMs, c.tempChanges, m.tempSensorMinC, m.tempSensorMaxC, m.tempStaleMs, nowMs);
  const invalidCells = vs.invalid;
  const invalidTemps = ts.invalid;
  const vSum = vs.sum;
  const validCells = n - invalidCells;
  const validTemps = nt - invalidTemps;
  const meanV = validCells > 0 ? vSum / validCells : NaN;
  const packV = usable(input.packVoltageV, m.voltageStaleMs);
  const fb = input.contactorFeedback;
  return {
    cellCount: n,
    invalidCells,
    cellVoltageMinV: validCells > 0 ? vs.min : NaN,
    cellVoltageMinIndex: vs.minIndex,
    cellVoltageMaxV: validCells > 0 ? vs.max : NaN,
    cellVoltageMaxIndex: vs.maxIndex,
    cellVoltageMeanV: meanV,
    cellVoltageSumV: vSum,
    tempCount: nt,
    invalidTemps,
    cellTempMinC: validTemps > 0 ? ts.min : NaN,
    cellTempMinIndex: ts.minIndex,
    cellTempMaxC: validTemps > 0 ? ts.max : NaN,
    cellTempMaxIndex: ts.maxIndex,
    cellTempMeanC: validTemps > 0 ? ts.sum / validTemps : NaN,
    currentA: usable(input.packCurrentA, m.currentStaleMs),
    packVoltageV: packV,
    packVoltageBestV: !Number.isNaN(packV) ? packV : invalidCells === 0 ? vSum : meanV * n,
    linkVoltageV: usable(input.linkVoltageV, m.voltageStaleMs),
    inletVoltageV: usable(input.inletVoltageV, m.voltageStaleMs),
    isolationKOhm: usable(input.isolationKOhm, m.imdStaleMs),
    feedback: fb.valid && fb.ageMs <= m.feedbackStaleMs ? fb.value : ALL_UNKNOWN,
  };
}

export type Monitor = (input: BmsInput, cfg: BmsConfig, nowMs: number) => PackSnapshot;

/** monitor with its own running aggregates (one per BMS instance, in its tables). */
export function memoMonitor(): Monitor {
  const scans = cellScans();
  return (input, cfg, nowMs) => monitor(input, cfg, nowMs, scans);
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
