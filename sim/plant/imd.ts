// Insulation monitoring device on the vehicle HV system: self-test after power-up, a slow filtered
// measurement of the isolation resistance, a stand-down while the charger's own cable check measures
// (two IMDs in parallel disturb each other; DESIGN.md §5), and an isolation-drop fault.
import type { Random } from '../random.ts';

export type ImdStatus = 'selfTest' | 'standby' | 'measuring' | 'ok' | 'warning' | 'fault';

export interface ImdParams {
  /** Power-up self-test (timeouts.md §2: an IMD self-test can take ~20 s; PD 10 s for a vehicle IMD). */
  selfTestMs: number;
  /** After a stand-down the IMD needs a fresh measurement before it reports again (PD). */
  resumeMs: number;
  /** Measurement filter time constant (PD 2 s: injection-pulse IMDs are slow). */
  filterTauMs: number;
  /** Healthy isolation drawn once per car (PD 2–10 MΩ). */
  healthyMinOhm: number;
  healthyMaxOhm: number;
  /** Status thresholds (pilot.md §7: foxBMS warning < 750 kΩ, error < 500 kΩ). */
  warningOhm: number;
  faultOhm: number;
  /** Relative 1σ measurement noise (PD 2 %). */
  noisePct: number;
  /** A new reading this often (PD 100 ms; real IMDs report about every second). */
  updateMs: number;
}

export class Imd {
  readonly cmd = { standDown: false };
  /** The true isolation resistance of the HV system. */
  trueIsolationOhm: number;
  private readonly healthyOhm: number;
  private filteredOhm: number;
  private readyInMs: number;
  private pendingMs = 0;
  status: ImdStatus = 'selfTest';
  /** Measured value; NaN while not valid (self-test, standby, measuring). */
  isolationOhm = NaN;

  constructor(
    readonly params: ImdParams,
    private readonly random: Random,
  ) {
    this.healthyOhm = random.uniform(params.healthyMinOhm, params.healthyMaxOhm);
    this.trueIsolationOhm = this.healthyOhm;
    this.filteredOhm = this.healthyOhm;
    this.readyInMs = params.selfTestMs;
  }

  /** Fault injection: isolation falls to `ohm` (e.g. 50 kΩ: coolant leak into a module). */
  dropIsolation(ohm: number): void {
    this.trueIsolationOhm = ohm;
  }

  restoreIsolation(): void {
    this.trueIsolationOhm = this.healthyOhm;
  }

  step(dtMs: number): void {
    const p = this.params;
    if (this.cmd.standDown) {
      this.status = 'standby';
      this.isolationOhm = NaN;
      this.readyInMs = Math.max(this.readyInMs, p.resumeMs);
      return;
    }
    this.pendingMs += dtMs;
    if (this.pendingMs < p.updateMs) return;
    const ms = this.pendingMs;
    this.pendingMs = 0;
    const k = 1 - Math.exp(-ms / p.filterTauMs);
    // Filter in log space: the decade matters, not the ohms.
    this.filteredOhm = Math.exp(Math.log(this.filteredOhm) + (Math.log(this.trueIsolationOhm) - Math.log(this.filteredOhm)) * k);
    if (this.readyInMs > 0) {
      this.readyInMs -= ms;
      if (this.status !== 'selfTest') this.status = 'measuring';
      this.isolationOhm = NaN;
      if (this.readyInMs > 0) return;
    }
    this.isolationOhm = this.filteredOhm * (1 + this.random.normal(0, p.noisePct / 100));
    this.status = this.isolationOhm < p.faultOhm ? 'fault' : this.isolationOhm < p.warningOhm ? 'warning' : 'ok';
  }
}

export function createImd(params: ImdParams, random: Random): Imd {
  return new Imd(params, random.fork('imd'));
}
