// HMI node: the driver's requests as held levels in HMI_Request every 100 ms (CONTRACT.md §4: levels,
// never events, so a lost frame loses nothing), and what the driver is shown, decoded from
// packpilot's HMI_Status and HMI_ChargeStatus (for reports: the limiting reason, the plan…).
// The HMI is a user panel: packpilot's silence does not change what the driver asks.
import { SIGNAL_OK } from '../../vehicle/can/codec-status.ts';
import { SimNode, type NodeContext } from './node.ts';
import type { RxMessage } from './rx.ts';
import type { TxMessage } from './tx.ts';

/** What the scenario's `hmi` event can set (sim/scenario/types.ts), plus `reset` as the brief's name. */
export interface HmiInput {
  chargeLimitPct?: number;
  start?: true;
  stop?: true;
  /** Back to Auto (charge when plugged, per the departure plan). */
  auto?: true;
  maxAcCurrentA?: number | null;
  paymentMode?: 'eim' | 'pnc' | null;
  precondition?: boolean;
  departureInMin?: number | null;
  v2l?: 'on' | 'off';
  v2lFloorPct?: number;
  v2lReset?: true;
  reset?: true;
}

export interface HmiLevels {
  chargeLimitPct: number;
  chargeRequest: 'auto' | 'start' | 'stop';
  /** null = no user limit. */
  maxAcCurrentA: number | null;
  paymentMode: 'eim' | 'pnc' | null;
  precondition: boolean;
  departureInMin: number | null;
  v2l: boolean;
  v2lFloorPct: number;
  /** The reset button is held until this time. */
  v2lResetUntilMs: number;
}

/** Start-up levels (PD: an 80 % daily limit and the 20 % V2L floor, reference/v2l.md §1). */
export function defaultHmiLevels(): HmiLevels {
  return {
    chargeLimitPct: 80, chargeRequest: 'auto', maxAcCurrentA: null, paymentMode: null, precondition: false,
    departureInMin: null, v2l: false, v2lFloorPct: 20, v2lResetUntilMs: -Infinity,
  };
}

/** How long a reset press is held in the frame (PD: five frames, so one lost frame changes nothing). */
const RESET_HOLD_MS = 500;
const CHARGE_REQUEST = { auto: 0, start: 1, stop: 2 } as const;
const PAYMENT = { none: 0, eim: 1, pnc: 2 } as const;
const NO_LIMIT_A = 127;
const NOT_SET_MIN = 2047;

/** The driver's display, decoded; label fields are the DBC's VAL_ labels, null when not shown. */
export interface HmiDisplay {
  mode: string | null;
  socPct: number;
  connector: string | null;
  v2lState: string | null;
  faultCount: number;
  sessionPhase: string | null;
  chargePlan: string | null;
  limitingReason: string | null;
  refusalReason: string | null;
  chargePowerW: number;
}

export class HmiNode extends SimNode {
  readonly levels: HmiLevels = defaultHmiLevels();
  private readonly t: Record<string, number> = {};
  private readonly status: RxMessage;
  private readonly charge: RxMessage;
  /** Signal indices of the display fields. */
  private readonly d: Record<'mode' | 'soc' | 'connector' | 'v2l' | 'faults' | 'phase' | 'plan' | 'limiting' | 'refusal' | 'power', number>;
  private readonly shown: HmiDisplay = {
    mode: null, socPct: NaN, connector: null, v2lState: null, faultCount: 0, sessionPhase: null, chargePlan: null,
    limitingReason: null, refusalReason: null, chargePowerW: NaN,
  };
  override readonly hasCommands = false;
  /** What `shown` was decoded from: frames taken and validity of each message (-1: nothing yet).
   *  The display is read every control tick but changes only with a new frame or a timeout. */
  private readonly shownFrom = { statusCount: -1, chargeCount: -1, statusValid: false, chargeValid: false };

  constructor(ctx: NodeContext) {
    super('HMI', ctx);
    const req = this.cyclic('HMI_Request', (tx, nowMs) => this.fillRequest(tx, nowMs));
    for (const s of ['ChargeLimitSoc', 'ChargeRequest', 'MaxAcCurrent', 'PaymentPreference', 'PreconditionRequest',
      'DepartureTime', 'V2lRequest', 'V2lSocFloor', 'V2lReset']) this.t[s] = req.index(`HMI_${s}`);
    this.status = this.rx.watch('HMI_Status');
    this.charge = this.rx.watch('HMI_ChargeStatus');
    const s = this.status;
    const c = this.charge;
    this.d = {
      mode: s.index('HMI_Mode'), soc: s.index('HMI_Soc'), connector: s.index('HMI_ConnectorKind'), v2l: s.index('HMI_V2lState'),
      faults: s.index('HMI_FaultCount'), phase: c.index('HMI_SessionPhase'), plan: c.index('HMI_ChargePlan'),
      limiting: c.index('HMI_LimitingReason'), refusal: c.index('HMI_RefusalReason'), power: c.index('HMI_ChargePower'),
    };
  }

  apply(): void {}

  /** Applies a driver action to the held levels. */
  set(input: HmiInput, nowMs: number): void {
    const l = this.levels;
    if (input.chargeLimitPct !== undefined) l.chargeLimitPct = input.chargeLimitPct;
    if (input.start) l.chargeRequest = 'start';
    if (input.stop) l.chargeRequest = 'stop';
    if (input.auto) l.chargeRequest = 'auto';
    if (input.maxAcCurrentA !== undefined) l.maxAcCurrentA = input.maxAcCurrentA;
    if (input.paymentMode !== undefined) l.paymentMode = input.paymentMode;
    if (input.precondition !== undefined) l.precondition = input.precondition;
    if (input.departureInMin !== undefined) l.departureInMin = input.departureInMin;
    if (input.v2l !== undefined) l.v2l = input.v2l === 'on';
    if (input.v2lFloorPct !== undefined) l.v2lFloorPct = input.v2lFloorPct;
    if (input.v2lReset || input.reset) l.v2lResetUntilMs = nowMs + RESET_HOLD_MS;
  }

  private fillRequest(tx: TxMessage, nowMs: number): void {
    const l = this.levels;
    const v = tx.values;
    tx.setOrSna(this.t.ChargeLimitSoc!, l.chargeLimitPct);
    v[this.t.ChargeRequest!] = CHARGE_REQUEST[l.chargeRequest];
    v[this.t.MaxAcCurrent!] = l.maxAcCurrentA === null ? NO_LIMIT_A : Math.min(l.maxAcCurrentA, NO_LIMIT_A - 1);
    v[this.t.PaymentPreference!] = PAYMENT[l.paymentMode ?? 'none'];
    v[this.t.PreconditionRequest!] = l.precondition ? 1 : 0;
    v[this.t.DepartureTime!] = l.departureInMin === null ? NOT_SET_MIN : Math.min(l.departureInMin, NOT_SET_MIN - 1);
    v[this.t.V2lRequest!] = l.v2l ? 1 : 0;
    tx.setOrSna(this.t.V2lSocFloor!, l.v2lFloorPct);
    v[this.t.V2lReset!] = nowMs < l.v2lResetUntilMs ? 1 : 0;
  }

  /** What the driver sees now (the same object every call; copy to keep). */
  display(nowMs: number): HmiDisplay {
    const d = this.shown;
    const st = this.status.valid(nowMs);
    const ch = this.charge.valid(nowMs);
    const s = this.status;
    const c = this.charge;
    const from = this.shownFrom;
    if (from.statusCount === s.count && from.chargeCount === c.count && from.statusValid === st && from.chargeValid === ch) return d;
    from.statusCount = s.count;
    from.chargeCount = c.count;
    from.statusValid = st;
    from.chargeValid = ch;
    const i = this.d;
    d.mode = st ? label(s, i.mode) : null;
    d.socPct = st ? value(s, i.soc) : NaN;
    d.connector = st ? label(s, i.connector) : null;
    d.v2lState = st ? label(s, i.v2l) : null;
    d.faultCount = st ? value(s, i.faults) : 0;
    d.sessionPhase = ch ? label(c, i.phase) : null;
    d.chargePlan = ch ? label(c, i.plan) : null;
    d.limitingReason = ch ? label(c, i.limiting) : null;
    d.refusalReason = ch ? label(c, i.refusal) : null;
    d.chargePowerW = ch ? value(c, i.power) : NaN;
    return d;
  }
}

/** The signal's value, NaN when packpilot sent it as SNA. */
function value(m: RxMessage, i: number): number {
  return m.status[i] === SIGNAL_OK ? m.values[i]! : NaN;
}

function label(m: RxMessage, i: number): string | null {
  const sig = m.message.signals[i]!;
  const v = m.values[i]!;
  return sig.choices?.get(Math.round((v - sig.offset) / sig.factor)) ?? null;
}
