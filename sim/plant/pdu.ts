// Power distribution unit: main +/−, precharge, DC-charge +/− contactors and the OBC relay, each
// with closing/opening time and an auxiliary-contact feedback; the precharge RC that charges the HV
// link capacitor toward the pack; link decay after opening; a heartbeat watchdog that opens every
// contactor by itself when packpilot falls silent (DESIGN.md §1); weld / stuck-open fault injection.
import type { Random } from '../random.ts';

export const CONTACTORS = ['mainPos', 'mainNeg', 'precharge', 'dcPos', 'dcNeg', 'obcRelay'] as const;
export type ContactorName = (typeof CONTACTORS)[number];
export type ContactorSet = Record<ContactorName, boolean>;

export interface PduParams {
  /** Armature travel after the coil is energised (PD 30–50 ms, typical EV main contactor). */
  closeMinMs: number;
  closeMaxMs: number;
  /** Release time (PD 10–20 ms). */
  openMinMs: number;
  openMaxMs: number;
  /** Opens everything when no heartbeat for this long (brief: > 300 ms; heartbeat every 100 ms). */
  watchdogMs: number;
  /** HV link (inverter DC-link) capacitance (PD). */
  linkCapacitanceF: number;
  /** Precharge resistor (PD: with 800 µF, τ = 80 ms, 95 % in 240 ms). */
  prechargeOhm: number;
  /** Link decay time constant once isolated (PD 5 s: the inverter's active discharge). */
  linkDecayTauMs: number;
  /** A main or DC contactor closing across more than this counts as a hard (unprecharged) close (PD). */
  hardCloseDeltaV: number;
}

export interface PduEnv {
  /** Pack terminal voltage (inside the contactors). */
  packVoltageV: number;
  /** Voltage on the far side of the DC contactors: the inlet bus (bypass), or the boost converter's
   *  output, which it raises to the link before they close (hv-network.ts topology). */
  inletVoltageV: number;
}

interface ContactorState {
  closed: boolean;
  /** Time left until the armature reaches the commanded position. */
  movingMs: number;
  closeMs: number;
  openMs: number;
  welded: boolean;
  stuckOpen: boolean;
}

export class Pdu {
  /** What packpilot commands (the wrapper writes these from the PDU command frame). */
  readonly cmd: ContactorSet = { mainPos: false, mainNeg: false, precharge: false, dcPos: false, dcNeg: false, obcRelay: false };
  /** Auxiliary-contact feedback (true = closed). */
  readonly feedback: ContactorSet = { mainPos: false, mainNeg: false, precharge: false, dcPos: false, dcNeg: false, obcRelay: false };
  /** Where each contactor actually is (truth; the feedback reports the same while it is healthy). */
  readonly closed: ContactorSet = { mainPos: false, mainNeg: false, precharge: false, dcPos: false, dcNeg: false, obcRelay: false };
  private readonly state = {} as Record<ContactorName, ContactorState>;
  /** Latched after a heartbeat timeout; re-armed by a heartbeat with every command open. */
  watchdogTripped = true;
  watchdogTrips = 0;
  private sinceHeartbeatMs = Infinity;
  linkVoltageV = 0;
  /** Current through the precharge resistor (out of the pack). */
  prechargeCurrentA = 0;
  hardCloseCount = 0;
  lastHardCloseDeltaV = 0;

  constructor(
    readonly params: PduParams,
    random: Random,
  ) {
    for (const name of CONTACTORS) {
      this.state[name] = {
        closed: false,
        movingMs: 0,
        closeMs: random.uniform(params.closeMinMs, params.closeMaxMs),
        openMs: random.uniform(params.openMinMs, params.openMaxMs),
        welded: false,
        stuckOpen: false,
      };
    }
  }

  /** A heartbeat frame from packpilot arrived. */
  heartbeat(): void {
    this.sinceHeartbeatMs = 0;
  }

  /** Fault injection: the contactor's tips weld once closed (or now, if closed). */
  weld(name: ContactorName): void {
    this.state[name].welded = true;
  }

  /** Fault injection: the contactor never closes (coil open, armature jammed). */
  stickOpen(name: ContactorName, stuck = true): void {
    this.state[name].stuckOpen = stuck;
  }

  clearFaults(name: ContactorName): void {
    this.state[name].welded = false;
    this.state[name].stuckOpen = false;
  }

  isClosed(name: ContactorName): boolean {
    return this.state[name].closed;
  }

  get mainsClosed(): boolean {
    return this.state.mainPos.closed && this.state.mainNeg.closed;
  }

  get prechargePathClosed(): boolean {
    return this.state.precharge.closed && this.state.mainNeg.closed;
  }

  get dcClosed(): boolean {
    return this.state.dcPos.closed && this.state.dcNeg.closed;
  }

  step(dtMs: number, env: PduEnv): void {
    if (dtMs <= 0) return;
    this.sinceHeartbeatMs += dtMs;
    if (this.sinceHeartbeatMs > this.params.watchdogMs) {
      if (!this.watchdogTripped) this.watchdogTrips++;
      this.watchdogTripped = true;
    } else if (this.watchdogTripped && !this.anyCommanded()) {
      this.watchdogTripped = false;
    }
    const wasMains = this.mainsClosed;
    const wasDc = this.dcClosed;
    // Named, not a loop over names: keyed access by a varying name is slow, and this runs every tick.
    const c = this.cmd;
    const st = this.state;
    const on = !this.watchdogTripped;
    const closed = this.closed;
    const fb = this.feedback;
    fb.mainPos = closed.mainPos = stepContactor(st.mainPos, c.mainPos && on, dtMs);
    fb.mainNeg = closed.mainNeg = stepContactor(st.mainNeg, c.mainNeg && on, dtMs);
    fb.precharge = closed.precharge = stepContactor(st.precharge, c.precharge && on, dtMs);
    fb.dcPos = closed.dcPos = stepContactor(st.dcPos, c.dcPos && on, dtMs);
    fb.dcNeg = closed.dcNeg = stepContactor(st.dcNeg, c.dcNeg && on, dtMs);
    fb.obcRelay = closed.obcRelay = stepContactor(st.obcRelay, c.obcRelay && on, dtMs);
    if (!wasMains && this.mainsClosed) this.noteClose(Math.abs(env.packVoltageV - this.linkVoltageV));
    if (!wasDc && this.dcClosed) this.noteClose(Math.abs(env.inletVoltageV - this.linkVoltageV));
    this.stepLink(dtMs, env);
  }

  private anyCommanded(): boolean {
    const c = this.cmd;
    return c.mainPos || c.mainNeg || c.precharge || c.dcPos || c.dcNeg || c.obcRelay;
  }

  private noteClose(deltaV: number): void {
    if (deltaV > this.params.hardCloseDeltaV) {
      this.hardCloseCount++;
      this.lastHardCloseDeltaV = deltaV;
    }
  }

  /** Link voltage when the mains are not both closed (the network sets it when they are). */
  private stepLink(dtMs: number, env: PduEnv): void {
    const p = this.params;
    this.prechargeCurrentA = 0;
    if (this.mainsClosed) {
      this.linkVoltageV = env.packVoltageV;
      return;
    }
    if (this.prechargePathClosed) {
      const tauMs = p.prechargeOhm * p.linkCapacitanceF * 1000;
      const before = this.linkVoltageV;
      this.linkVoltageV = env.packVoltageV + (before - env.packVoltageV) * Math.exp(-dtMs / tauMs);
      this.prechargeCurrentA = ((this.linkVoltageV - before) * p.linkCapacitanceF * 1000) / dtMs;
      return;
    }
    this.linkVoltageV *= Math.exp(-dtMs / p.linkDecayTauMs);
  }
}

/** Moves one armature toward its commanded position; returns where it is. */
function stepContactor(s: ContactorState, want: boolean, dtMs: number): boolean {
  const target = (want && !s.stuckOpen) || (s.welded && s.closed);
  if (target === s.closed) {
    s.movingMs = 0;
  } else {
    if (s.movingMs <= 0) s.movingMs = target ? s.closeMs : s.openMs;
    s.movingMs -= dtMs;
    if (s.movingMs <= 0) s.closed = target;
  }
  return s.closed;
}

export function createPdu(params: PduParams, random: Random): Pdu {
  return new Pdu(params, random.fork('pdu'));
}
