// Builders for BMS tests: a healthy pack at rest unless told otherwise, and a tiny harness that
// runs ticks with contactor feedback that follows the commands (a well-behaved PDU).
import type { BmsConfig } from '../../bms/config.ts';
import type { BmsInput, BmsOutputs, BmsRequests, CellReadings, ContactorName, Feedback, ImdStatus } from '../../bms/io.ts';
import { CONTACTOR_NAMES } from '../../bms/io.ts';
import { pack400v } from '../../bms/presets.ts';
import { bmsStep, createBmsState, type BmsState, type BmsStepResult } from '../../bms/step.ts';

export type FeedbackMap = Record<ContactorName, Feedback>;

export const ALL_OPEN: FeedbackMap = { mainPos: 'open', mainNeg: 'open', precharge: 'open', dcPos: 'open', dcNeg: 'open', obcRelay: 'open' };

export function feedbackFollowing(commands: Readonly<Record<ContactorName, boolean>>): FeedbackMap {
  const fb = { ...ALL_OPEN };
  for (const n of CONTACTOR_NAMES) fb[n] = commands[n] ? 'closed' : 'open';
  return fb;
}

export interface CellOptions {
  cellV?: number;
  tempC?: number;
  /** Receive time of every cell frame; default: fresh whenever read (Infinity). */
  rxMs?: number;
}

export function aCells(cfg: BmsConfig = pack400v, o: CellOptions = {}): CellReadings {
  const n = cfg.pack.seriesCells;
  const nt = cfg.pack.tempSensors;
  return {
    voltageV: new Float64Array(n).fill(o.cellV ?? 3.7),
    voltageValid: new Uint8Array(n).fill(1),
    voltageRxMs: new Float64Array(n).fill(o.rxMs ?? Infinity),
    tempC: new Float64Array(nt).fill(o.tempC ?? 25),
    tempValid: new Uint8Array(nt).fill(1),
    tempRxMs: new Float64Array(nt).fill(o.rxMs ?? Infinity),
  };
}

export const NO_REQUESTS: BmsRequests = {
  mainClose: false,
  dcChargeClose: false,
  obcRelayClose: false,
  emergencyOpen: false,
  imdStandDown: false,
  plugged: false,
  dcSessionRequested: false,
  dcSessionPlanned: false,
  faultReset: false,
  serviceClear: false,
};

export interface InputOptions extends CellOptions {
  cfg?: BmsConfig;
  cells?: CellReadings;
  currentA?: number;
  currentValid?: boolean;
  packV?: number;
  linkV?: number;
  inletV?: number;
  isolationKOhm?: number;
  imdStatus?: ImdStatus;
  feedback?: Partial<FeedbackMap>;
  feedbackValid?: boolean;
  requests?: Partial<BmsRequests>;
}

const reading = <T>(value: T, valid = true) => ({ value, valid, ageMs: 0 });

/** A healthy pack at rest, every contactor open, IMD happy; override what the test is about. */
export function aBmsInput(o: InputOptions = {}): BmsInput {
  const cfg = o.cfg ?? pack400v;
  const cells = o.cells ?? aCells(cfg, o);
  const packV = o.packV ?? (o.cellV ?? 3.7) * cfg.pack.seriesCells;
  return {
    cells,
    packCurrentA: reading(o.currentA ?? 0, o.currentValid ?? true),
    packVoltageV: reading(packV),
    linkVoltageV: reading(o.linkV ?? 0),
    inletVoltageV: reading(o.inletV ?? 0),
    isolationKOhm: reading(o.isolationKOhm ?? 5000),
    imdStatus: reading<ImdStatus>(o.imdStatus ?? 'measuring'),
    contactorFeedback: reading({ ...ALL_OPEN, ...o.feedback }, o.feedbackValid ?? true),
    requests: { ...NO_REQUESTS, ...o.requests },
  };
}

/** Runs ticks; each tick's input may depend on the last outputs (e.g. feedback following commands). */
export class BmsRig {
  state: BmsState;
  nowMs: number;
  last: BmsStepResult | undefined;
  readonly log: BmsStepResult[] = [];

  constructor(cfg: BmsConfig = pack400v, persisted?: { socPct: number; capacityAh: number; uncertaintyPct: number }, startMs = 0) {
    this.state = createBmsState(cfg, persisted);
    this.nowMs = startMs;
  }

  get out(): BmsOutputs {
    if (!this.last) throw new Error('no tick yet');
    return this.last.outputs;
  }

  /** Feedback that follows the previous tick's commands. */
  following(): FeedbackMap {
    return this.last ? feedbackFollowing(this.last.outputs.contactorCommands) : { ...ALL_OPEN };
  }

  tick(input: BmsInput, advanceMs = 10): BmsStepResult {
    this.nowMs += advanceMs;
    this.last = bmsStep(this.state, input, this.nowMs);
    this.state = this.last.state;
    this.log.push(this.last);
    if (this.log.length > 2000) this.log.shift();
    return this.last;
  }

  /** Ticks for durationMs with inputs built per tick. */
  run(durationMs: number, build: (rig: BmsRig) => BmsInput, tickMs = 10): BmsStepResult {
    const end = this.nowMs + durationMs;
    let r = this.last;
    while (this.nowMs < end) r = this.tick(build(this), tickMs);
    return r!;
  }

  eventsSince(count: number) {
    return this.log.slice(-count).flatMap((r) => r.events);
  }
}
