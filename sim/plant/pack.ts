// The traction battery: series cell groups with OCV(SOC), internal resistance with one polarisation
// RC, seeded cell-to-cell spread, interconnect resistance, and a lumped thermal model per module
// exchanging heat with the coolant loop (owned by tms.ts) and the ambient.
// Sign convention everywhere in sim/plant: current positive INTO the pack (charging).
import type { Random } from '../random.ts';
import { CHEMISTRY, GRID_STEPS_PER_PCT, OcvCurve, resistanceMultiplier } from './cell-data.ts';
import type { PackEnv, PackInit, PackParams } from './pack-params.ts';

export type { PackEnv, PackInit, PackParams } from './pack-params.ts';

/** A current change larger than this updates the cells at once (PD). */
const CURRENT_JUMP_A = 20;

/** Sensors sit on the cold (plate) side and the warm side of a module (PD weights). */
const SENSOR_POSITION_WEIGHTS = [-0.15, 0.15, 0, 0.3];

export class Pack {
  readonly cellCount: number;
  readonly cellsPerModule: number;
  readonly sensorCount: number;
  readonly chargeVoltageV: number;
  readonly nominalEnergyWh: number;
  readonly massKg: number;
  readonly heatCapacityJPerK: number;

  readonly cellSocPct: Float64Array;
  /** Terminal voltage of each series group (refreshCellVoltages() brings it to the present current). */
  readonly cellVoltageV: Float64Array;
  /** OCV + polarisation of each group (its Thevenin source). */
  readonly cellEmfV: Float64Array;
  readonly cellPolarizationV: Float64Array;
  readonly cellCapacityAh: Float64Array;
  private readonly r0At25: Float64Array;
  private readonly r1At25: Float64Array;
  private readonly invR1At25: Float64Array;
  private readonly invCapacityAh: Float64Array;
  /** Σ R0 at 25 °C of each module's groups. */
  private readonly moduleR0At25: Float64Array;
  readonly moduleTempC: Float64Array;
  readonly moduleHeatW: Float64Array;
  private readonly moduleUa: Float64Array;
  private readonly moduleMult: Float64Array;
  /** True temperature at each sensor's location (the CMU quantises it). */
  readonly sensorTempC: Float64Array;
  private readonly sensorOffsetC: Float64Array;
  private readonly curve: OcvCurve;

  currentInA = 0;
  /** Thevenin source for the network solve: Σ(OCV + polarisation). */
  emfV = 0;
  /** Thevenin resistance: Σ R0(T) + interconnect. */
  resistanceOhm = 0;
  terminalVoltageV = 0;
  socPct = 0;
  cellVoltageMinV = 0;
  cellVoltageMaxV = 0;
  heatW = 0;
  heatToCoolantW = 0;
  heatToAmbientW = 0;
  private alphaDtMs = -1;
  private alpha = 1;
  private accMs = 0;
  private accAs = 0;
  private accA2s = 0;
  private lastUpdateA = 0;

  constructor(
    readonly params: PackParams,
    init: PackInit,
    random: Random,
  ) {
    const p = params;
    if (p.seriesCount % p.moduleCount !== 0) throw new Error('seriesCount must be a multiple of moduleCount');
    const chem = CHEMISTRY[p.chemistry];
    this.curve = new OcvCurve(chem.ocv);
    this.chargeVoltageV = chem.chargeVoltageV;
    this.cellCount = p.seriesCount;
    this.cellsPerModule = p.seriesCount / p.moduleCount;
    this.sensorCount = p.moduleCount * p.sensorsPerModule;
    this.nominalEnergyWh = p.seriesCount * p.groupCapacityAh * this.curve.meanV();
    this.massKg = this.nominalEnergyWh / p.specificEnergyWhPerKg;
    this.heatCapacityJPerK = this.massKg * chem.cpJPerKgK;

    const n = this.cellCount;
    this.cellSocPct = new Float64Array(n);
    this.cellVoltageV = new Float64Array(n);
    this.cellEmfV = new Float64Array(n);
    this.cellPolarizationV = new Float64Array(n);
    this.cellCapacityAh = new Float64Array(n);
    this.r0At25 = new Float64Array(n);
    this.r1At25 = new Float64Array(n);
    this.invR1At25 = new Float64Array(n);
    this.invCapacityAh = new Float64Array(n);
    this.moduleR0At25 = new Float64Array(p.moduleCount);
    const cells = random.fork('cells');
    const groupOhm = p.resistanceMohmAh / 1000 / p.groupCapacityAh;
    for (let i = 0; i < n; i++) {
      this.cellCapacityAh[i] = p.groupCapacityAh * Math.max(0.5, 1 + cells.normal(0, p.capacitySpreadPct / 100));
      const r = groupOhm * Math.max(0.5, 1 + cells.normal(0, p.resistanceSpreadPct / 100));
      this.r0At25[i] = r * (1 - p.polarizationShare);
      this.r1At25[i] = r * p.polarizationShare;
      this.invR1At25[i] = 1 / this.r1At25[i]!;
      this.invCapacityAh[i] = 1 / this.cellCapacityAh[i]!;
      this.cellSocPct[i] = init.socPct + cells.normal(0, p.socSpreadPct);
      const mod = Math.floor(i / this.cellsPerModule);
      this.moduleR0At25[mod] = this.moduleR0At25[mod]! + this.r0At25[i]!;
    }

    const m = p.moduleCount;
    this.moduleTempC = new Float64Array(m).fill(init.tempC);
    this.moduleHeatW = new Float64Array(m);
    this.moduleMult = new Float64Array(m);
    this.moduleUa = new Float64Array(m);
    const cooling = random.fork('cooling');
    for (let k = 0; k < m; k++) {
      this.moduleUa[k] = (p.coolantUaWPerK / m) * Math.max(0.3, 1 + cooling.normal(0, p.coolingSpreadPct / 100));
    }
    this.sensorTempC = new Float64Array(this.sensorCount).fill(init.tempC);
    this.sensorOffsetC = new Float64Array(this.sensorCount);
    const sensors = random.fork('sensors');
    for (let s = 0; s < this.sensorCount; s++) this.sensorOffsetC[s] = sensors.normal(0, p.sensorOffsetSigmaC);
    this.updateCells({ currentInA: 0, coolantTempC: init.tempC, pumpOn: false, ambientC: init.tempC });
  }

  /** Module a cell group sits in. */
  moduleOfCell(cell: number): number {
    return Math.floor(cell / this.cellsPerModule);
  }

  /** Module a temperature sensor sits on. */
  moduleOfSensor(sensor: number): number {
    return Math.floor(sensor / this.params.sensorsPerModule);
  }

  ocvV(socPct: number): number {
    return this.curve.voltageV(socPct);
  }

  /** Resistance of a cell group at its module's present temperature (R0 + R1). */
  cellResistanceOhm(cell: number): number {
    const k = resistanceMultiplier(this.moduleTempC[this.moduleOfCell(cell)]!);
    return (this.r0At25[cell]! + this.r1At25[cell]!) * k;
  }

  /** Largest charge current that keeps every group at or below vMaxV right now (instantaneous R0). */
  currentForCellVoltageA(vMaxV: number): number {
    let best = Infinity;
    for (let i = 0; i < this.cellCount; i++) {
      const r0 = this.r0At25[i]! * this.moduleMult[(i / this.cellsPerModule) | 0]!;
      const a = (vMaxV - this.cellEmfV[i]!) / r0;
      if (a < best) best = a;
    }
    return best;
  }

  step(dtMs: number, env: PackEnv): void {
    const current = env.currentInA;
    const dtS = dtMs / 1000;
    this.currentInA = current;
    this.accMs += dtMs;
    this.accAs += current * dtS;
    this.accA2s += current * current * dtS;
    if (this.accMs >= this.params.cellUpdateMs || Math.abs(current - this.lastUpdateA) > CURRENT_JUMP_A) this.updateCells(env);
    this.terminalVoltageV = this.emfV + current * this.resistanceOhm;
  }

  /** Cell voltages and their min/max at the present current (the CMU calls this before sampling). */
  refreshCellVoltages(): void {
    const perModule = this.cellsPerModule;
    const current = this.currentInA;
    let vMin = Infinity;
    let vMax = -Infinity;
    for (let mod = 0, i = 0; mod < this.params.moduleCount; mod++) {
      const ik = current * this.moduleMult[mod]!;
      for (const end = i + perModule; i < end; i++) {
        const v = this.cellEmfV[i]! + ik * this.r0At25[i]!;
        this.cellVoltageV[i] = v;
        if (v < vMin) vMin = v;
        if (v > vMax) vMax = v;
      }
    }
    this.cellVoltageMinV = vMin;
    this.cellVoltageMaxV = vMax;
  }

  /** Advances every cell by the accumulated charge (the hot loop: every cell, every update). */
  private updateCells(env: PackEnv): void {
    const p = this.params;
    const dtS = this.accMs / 1000;
    if (this.accMs !== this.alphaDtMs) {
      this.alpha = Math.exp(-dtS / p.polarizationTauS);
      this.alphaDtMs = this.accMs;
    }
    const alpha = this.alpha;
    const beta = 1 - alpha;
    const meanA = dtS > 0 ? this.accAs / dtS : env.currentInA;
    const meanA2 = dtS > 0 ? this.accA2s / dtS : 0;
    const m = p.moduleCount;
    const perModule = this.cellsPerModule;
    const socStep = (this.accAs * 100) / 3600;
    const grid = this.curve.grid;
    const top = 100 * GRID_STEPS_PER_PCT;
    const pol = this.cellPolarizationV;
    const socs = this.cellSocPct;
    const emfs = this.cellEmfV;
    const r1s = this.r1At25;
    const invR1s = this.invR1At25;
    const invCaps = this.invCapacityAh;
    const r0s = this.r0At25;
    const volts = this.cellVoltageV;
    // Terminal voltages at the present current in the same pass (what refreshCellVoltages() gives).
    const current = this.currentInA;
    let vMin = Infinity;
    let vMax = -Infinity;
    let emf = 0;
    let r0Sum = 0;
    let socSum = 0;
    for (let mod = 0, i = 0; mod < m; mod++) {
      const k = resistanceMultiplier(this.moduleTempC[mod]!);
      this.moduleMult[mod] = k;
      const ik = meanA * k;
      const iv = current * k;
      let rcHeat = 0;
      for (const end = i + perModule; i < end; i++) {
        const v1 = pol[i]! * alpha + ik * r1s[i]! * beta;
        pol[i] = v1;
        rcHeat += v1 * v1 * invR1s[i]!;
        const soc = socs[i]! + socStep * invCaps[i]!;
        socs[i] = soc;
        let ocv: number;
        const x = soc * GRID_STEPS_PER_PCT;
        if (x > 0 && x < top) {
          const j = x | 0;
          const lo = grid[j]!;
          ocv = lo + (grid[j + 1]! - lo) * (x - j);
        } else ocv = this.curve.voltageV(soc);
        const e = ocv + v1;
        emfs[i] = e;
        emf += e;
        socSum += soc;
        const v = e + iv * r0s[i]!;
        volts[i] = v;
        if (v < vMin) vMin = v;
        if (v > vMax) vMax = v;
      }
      const r0 = k * this.moduleR0At25[mod]!;
      r0Sum += r0;
      this.moduleHeatW[mod] = meanA2 * (r0 + p.interconnectOhm / m) + rcHeat / k;
    }
    this.emfV = emf;
    this.resistanceOhm = r0Sum + p.interconnectOhm;
    this.socPct = socSum / this.cellCount;
    this.cellVoltageMinV = vMin;
    this.cellVoltageMaxV = vMax;
    this.stepThermal(dtS, env);
    this.accMs = 0;
    this.accAs = 0;
    this.accA2s = 0;
    this.lastUpdateA = env.currentInA;
  }

  private stepThermal(dtS: number, env: PackEnv): void {
    const p = this.params;
    const m = p.moduleCount;
    const cModule = this.heatCapacityJPerK / m;
    const uaShare = env.pumpOn ? 1 : p.stagnantCoolantShare;
    const uaAmbient = p.ambientUaWPerK / m;
    let heat = 0;
    let toCoolant = 0;
    let toAmbient = 0;
    for (let k = 0; k < m; k++) {
      const t = this.moduleTempC[k]!;
      const qCool = this.moduleUa[k]! * uaShare * (t - env.coolantTempC);
      const qAmb = uaAmbient * (t - env.ambientC);
      const q = this.moduleHeatW[k]!;
      this.moduleTempC[k] = t + ((q - qCool - qAmb) * dtS) / cModule;
      heat += q;
      toCoolant += qCool;
      toAmbient += qAmb;
    }
    this.heatW = heat;
    this.heatToCoolantW = toCoolant;
    this.heatToAmbientW = toAmbient;
    const perModule = p.sensorsPerModule;
    for (let s = 0; s < this.sensorCount; s++) {
      const mod = (s / perModule) | 0;
      const t = this.moduleTempC[mod]!;
      const w = SENSOR_POSITION_WEIGHTS[s % perModule % SENSOR_POSITION_WEIGHTS.length]!;
      this.sensorTempC[s] = t + this.sensorOffsetC[s]! + w * (t - env.coolantTempC);
    }
  }

  /** Coldest and hottest module (truth, for metrics). */
  moduleTempRangeC(): { minC: number; maxC: number } {
    let minC = Infinity;
    let maxC = -Infinity;
    for (const t of this.moduleTempC) {
      if (t < minC) minC = t;
      if (t > maxC) maxC = t;
    }
    return { minC, maxC };
  }

  meanTempC(): number {
    let sum = 0;
    for (const t of this.moduleTempC) sum += t;
    return sum / this.moduleTempC.length;
  }
}

export function createPack(params: PackParams, init: PackInit, random: Random): Pack {
  return new Pack(params, init, random.fork('pack'));
}
