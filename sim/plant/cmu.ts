// Cell monitoring units: measure every series group's voltage and every temperature sensor, quantise
// them as the CAN signals do, and inject sensor faults. One CMU per module (cells and sensors of that
// module). Sampling is on demand (`sample`) so the wrapper pays only at its frame rate.
// A reading of NaN means "signal not available" (the DBC's SNA raw value).
import type { Random } from '../random.ts';
import type { Pack } from './pack.ts';

export type SensorFault = 'open' | 'short' | 'stuck';

export interface CmuParams {
  /** cells.md / brief: cell voltages to 1 mV. */
  voltageResolutionV: number;
  /** Set to the DBC temperature signal's factor. */
  tempResolutionC: number;
  /** Triangular noise half-width before quantisation (PD: ±1 mV, ±0.2 K). */
  voltageNoiseV: number;
  tempNoiseC: number;
  /** 1σ per-channel offset (calibration tolerance, PD). */
  voltageOffsetSigmaV: number;
  /** A shorted voltage channel reads 0 V; a shorted NTC reads far above range (PD). */
  shortedVoltageV: number;
  shortedTempC: number;
}

export class Cmu {
  readonly cmuCount: number;
  readonly cellsPerCmu: number;
  readonly sensorsPerCmu: number;
  /** Latest sampled values, quantised; NaN = SNA. */
  readonly cellVoltageV: Float64Array;
  readonly temperatureC: Float64Array;
  private readonly voltageOffsetV: Float64Array;
  private readonly cellFaults: (SensorFault | null)[];
  private readonly sensorFaults: (SensorFault | null)[];
  /** Voltage channels with an open wire, and temperature sensors open or shorted (what reads SNA). */
  openCells = 0;
  railSensors = 0;
  /** Channels with any fault: while both are 0, sample() takes the plain path (no fault lookups). */
  private faultedCells = 0;
  private faultedSensors = 0;
  samples = 0;

  constructor(
    readonly params: CmuParams,
    pack: Pack,
    private readonly random: Random,
  ) {
    this.cmuCount = pack.params.moduleCount;
    this.cellsPerCmu = pack.cellsPerModule;
    this.sensorsPerCmu = pack.params.sensorsPerModule;
    this.cellVoltageV = new Float64Array(pack.cellCount);
    this.temperatureC = new Float64Array(pack.sensorCount);
    this.voltageOffsetV = new Float64Array(pack.cellCount);
    const offsets = random.fork('offsets');
    for (let i = 0; i < pack.cellCount; i++) this.voltageOffsetV[i] = offsets.normal(0, params.voltageOffsetSigmaV);
    this.cellFaults = new Array<SensorFault | null>(pack.cellCount).fill(null);
    this.sensorFaults = new Array<SensorFault | null>(pack.sensorCount).fill(null);
    this.sample(pack);
  }

  setCellFault(cell: number, fault: SensorFault | null): void {
    if (cell < 0 || cell >= this.cellFaults.length) throw new RangeError(`no cell ${cell}`);
    this.openCells += (fault === 'open' ? 1 : 0) - (this.cellFaults[cell] === 'open' ? 1 : 0);
    this.faultedCells += (fault !== null ? 1 : 0) - (this.cellFaults[cell] !== null ? 1 : 0);
    this.cellFaults[cell] = fault;
  }

  setSensorFault(sensor: number, fault: SensorFault | null): void {
    if (sensor < 0 || sensor >= this.sensorFaults.length) throw new RangeError(`no sensor ${sensor}`);
    this.railSensors += (atRail(fault) ? 1 : 0) - (atRail(this.sensorFaults[sensor]!) ? 1 : 0);
    this.faultedSensors += (fault !== null ? 1 : 0) - (this.sensorFaults[sensor] !== null ? 1 : 0);
    this.sensorFaults[sensor] = fault;
  }

  cellFault(cell: number): SensorFault | null {
    return this.cellFaults[cell] ?? null;
  }

  sensorFault(sensor: number): SensorFault | null {
    return this.sensorFaults[sensor] ?? null;
  }

  /** Measures the pack now. */
  sample(pack: Pack): void {
    pack.refreshCellVoltages();
    if (this.faultedCells === 0 && this.faultedSensors === 0) this.sampleHealthy(pack);
    else this.sampleWithFaults(pack);
    this.samples++;
  }

  /** Every channel healthy (the usual case, once per voltage cycle): the same draws and arithmetic
   *  as sampleWithFaults, without a fault lookup per channel. */
  private sampleHealthy(pack: Pack): void {
    const p = this.params;
    const r = this.random;
    const cells = this.cellVoltageV;
    const trueV = pack.cellVoltageV;
    const offsetV = this.voltageOffsetV;
    const noiseV = p.voltageNoiseV;
    const resolutionV = p.voltageResolutionV;
    for (let i = 0; i < cells.length; i++) {
      const v = trueV[i]! + offsetV[i]! + (r.next() + r.next() - 1) * noiseV;
      cells[i] = quantise(v, resolutionV);
    }
    const temps = this.temperatureC;
    const trueC = pack.sensorTempC;
    const noiseC = p.tempNoiseC;
    const resolutionC = p.tempResolutionC;
    for (let s = 0; s < temps.length; s++) {
      const t = trueC[s]! + (r.next() + r.next() - 1) * noiseC;
      temps[s] = quantise(t, resolutionC);
    }
  }

  private sampleWithFaults(pack: Pack): void {
    const p = this.params;
    const r = this.random;
    for (let i = 0; i < this.cellVoltageV.length; i++) {
      const fault = this.cellFaults[i];
      if (fault === 'stuck') continue;
      if (fault === 'open') this.cellVoltageV[i] = NaN;
      else if (fault === 'short') this.cellVoltageV[i] = p.shortedVoltageV;
      else {
        const v = pack.cellVoltageV[i]! + this.voltageOffsetV[i]! + (r.next() + r.next() - 1) * p.voltageNoiseV;
        this.cellVoltageV[i] = quantise(v, p.voltageResolutionV);
      }
    }
    for (let s = 0; s < this.temperatureC.length; s++) {
      const fault = this.sensorFaults[s];
      if (fault === 'stuck') continue;
      if (fault === 'open') this.temperatureC[s] = NaN;
      else if (fault === 'short') this.temperatureC[s] = p.shortedTempC;
      else {
        const t = pack.sensorTempC[s]! + (r.next() + r.next() - 1) * p.tempNoiseC;
        this.temperatureC[s] = quantise(t, p.tempResolutionC);
      }
    }
  }
}

/** An open or shorted NTC sits at a rail: the CMU reports it as SNA. */
export function atRail(fault: SensorFault | null): boolean {
  return fault === 'open' || fault === 'short';
}

export function quantise(x: number, step: number): number {
  return Math.round(x / step) * step;
}

export function createCmu(params: CmuParams, pack: Pack, random: Random): Cmu {
  return new Cmu(params, pack, random.fork('cmu'));
}
