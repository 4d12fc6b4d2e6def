// A simple pack for BMS tests: every cell at the same true SOC with a small fixed voltage spread,
// terminal voltage = OCV(SOC) + I·R, a shunt with gain and offset error, contactor feedback that
// follows the commands and a link that precharges instantly. Not the simulator's plant (sim/).
import type { BmsConfig } from '../../bms/config.ts';
import type { BmsInput, BmsRequests, CellReadings, ContactorName, Feedback } from '../../bms/io.ts';
import { interpolate } from '../../bms/interp.ts';
import { NO_REQUESTS } from './builders.ts';

export interface PackModelOptions {
  socPct: number;
  tempC?: number;
  /** Measured = true × (1 + gainError) + offsetA. */
  gainError?: number;
  offsetA?: number;
  /** True capacity; defaults to the nominal. */
  capacityAh?: number;
  /** Cell i sits spreadMv × (i / n − 0.5) off the mean. */
  spreadMv?: number;
}

export class PackModel {
  trueSocPct: number;
  currentA = 0;
  readonly cells: CellReadings;
  private readonly capacityAh: number;
  private readonly cellOhm: number;

  constructor(
    readonly cfg: BmsConfig,
    readonly o: PackModelOptions,
  ) {
    this.trueSocPct = o.socPct;
    this.capacityAh = o.capacityAh ?? cfg.pack.nominalCapacityAh;
    this.cellOhm = cfg.pack.packResistanceMOhm / 1000 / cfg.pack.seriesCells;
    const n = cfg.pack.seriesCells;
    const nt = cfg.pack.tempSensors;
    this.cells = {
      voltageV: new Float64Array(n),
      voltageValid: new Uint8Array(n).fill(1),
      voltageRxMs: new Float64Array(n),
      tempC: new Float64Array(nt).fill(o.tempC ?? 25),
      tempValid: new Uint8Array(nt).fill(1),
      tempRxMs: new Float64Array(nt),
    };
  }

  /** Advances the true state by dtMs at the present current (positive charges). */
  advance(dtMs: number): void {
    this.trueSocPct += ((this.currentA * dtMs) / 3_600_000 / this.capacityAh) * 100;
  }

  input(nowMs: number, commands: Readonly<Record<ContactorName, boolean>> | undefined, requests: Partial<BmsRequests> = {}): BmsInput {
    const n = this.cfg.pack.seriesCells;
    const ocv = interpolate(this.cfg.chemistry.ocvVBySocPct, this.trueSocPct);
    const spread = (this.o.spreadMv ?? 0) / 1000;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const v = ocv + this.currentA * this.cellOhm + spread * (i / n - 0.5);
      this.cells.voltageV[i] = v;
      this.cells.voltageRxMs[i] = nowMs;
      sum += v;
    }
    this.cells.tempRxMs.fill(nowMs);
    const fb = (name: ContactorName): Feedback => (commands?.[name] ? 'closed' : 'open');
    const linkUp = commands?.precharge || commands?.mainPos;
    const measuredA = this.currentA * (1 + (this.o.gainError ?? 0)) + (this.o.offsetA ?? 0);
    const r = <T>(value: T) => ({ value, valid: true, ageMs: 0 });
    return {
      cells: this.cells,
      packCurrentA: r(measuredA),
      packVoltageV: r(sum),
      linkVoltageV: r(linkUp ? sum : 0),
      inletVoltageV: r(commands?.dcPos ? sum : 0),
      isolationKOhm: r(5000),
      imdStatus: r('measuring' as const),
      contactorFeedback: r({ mainPos: fb('mainPos'), mainNeg: fb('mainNeg'), precharge: fb('precharge'), dcPos: fb('dcPos'), dcNeg: fb('dcNeg'), obcRelay: fb('obcRelay') }),
      requests: { ...NO_REQUESTS, ...requests },
    };
  }
}
