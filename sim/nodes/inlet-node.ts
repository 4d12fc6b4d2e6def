// INLET node: INLET_Command → S2 and the lock motor of the inlet model; INLET_Status (PP ohms, CP
// state and duty, S2, lock, manual release) every 20 ms and the pin temperatures every 100 ms.
// Safe reaction (CONTRACT.md §1): no valid command or heartbeat → S2 opens (state B), the lock
// stays where it is; the manual release always works (it acts on the model directly).
import type { CpState } from '../plant/inlet-hw.ts';
import { SimNode, type NodeContext } from './node.ts';
import type { RxMessage } from './rx.ts';
import type { TxMessage } from './tx.ts';

const LOCK_REQUEST_LOCK = 1;
const LOCK_REQUEST_UNLOCK = 2;
const CP_REQUEST_C = 1;
const CP_STATE: Readonly<Record<CpState, number>> = { A: 0, B: 1, C: 2, D: 3, E: 4, F: 5 };
const LOCK_UNLOCKED = 0;
const LOCK_LOCKED = 1;
const LOCK_MOVING = 2;
const LOCK_FAULT = 3;
/** INLET_PpResistance: 65534 = open (nothing plugged), the largest real reading is one below. */
const PP_OPEN_OHM = 65534;
/** Stall detection: a lock still moving after 1.5 × its longest travel reports Fault (PD). */
const LOCK_STALL_FACTOR = 1.5;
/** Below this measured duty there is no PWM (pilot.md §2: < 3 % = no PWM). */
const PWM_PRESENT_MIN_PCT = 3;

export class InletNode extends SimNode {
  private readonly command: RxMessage;
  private readonly lockReqIdx: number;
  private readonly cpReqIdx: number;
  private readonly s: Record<'pp' | 'cp' | 'duty' | 'pwm' | 's2' | 'lock' | 'release', number>;
  private readonly t: Record<'dcPos' | 'dcNeg' | 'ac', number>;
  private movingSinceMs = NaN;
  private lockStalled = false;

  constructor(ctx: NodeContext) {
    super('INLET', ctx);
    this.command = this.rx.watch('INLET_Command');
    this.lockReqIdx = this.command.index('INLET_LockRequest');
    this.cpReqIdx = this.command.index('INLET_CpStateRequest');
    const status = this.cyclic('INLET_Status', (tx) => this.fillStatus(tx));
    this.s = {
      pp: status.index('INLET_PpResistance'), cp: status.index('INLET_CpState'), duty: status.index('INLET_CpDuty'),
      pwm: status.index('INLET_CpPwmPresent'), s2: status.index('INLET_S2Closed'), lock: status.index('INLET_LockState'),
      release: status.index('INLET_ManualRelease'),
    };
    const temps = this.cyclic('INLET_Temps', (tx) => this.fillTemps(tx));
    this.t = { dcPos: temps.index('INLET_DcPosPinTemp'), dcNeg: temps.index('INLET_DcNegPinTemp'), ac: temps.index('INLET_AcPinTemp') };
  }

  apply(nowMs: number): void {
    const inlet = this.plant.inlet;
    if (this.packpilotAlive(nowMs) && this.command.valid(nowMs)) {
      const v = this.command.values;
      const lock = v[this.lockReqIdx];
      if (lock === LOCK_REQUEST_LOCK) inlet.cmd.lock = true;
      else if (lock === LOCK_REQUEST_UNLOCK) inlet.cmd.lock = false;
      inlet.cmd.s2Closed = v[this.cpReqIdx] === CP_REQUEST_C;
    } else {
      inlet.cmd.s2Closed = false;
    }
    this.watchLock(nowMs);
  }

  /** The inlet controller's stall detection on the lock motor. */
  private watchLock(nowMs: number): void {
    const inlet = this.plant.inlet;
    const moving = inlet.lockPosition === 'locking' || inlet.lockPosition === 'unlocking';
    if (!moving) {
      this.movingSinceMs = NaN;
      this.lockStalled = false;
      return;
    }
    if (Number.isNaN(this.movingSinceMs)) this.movingSinceMs = nowMs;
    this.lockStalled = nowMs - this.movingSinceMs > inlet.params.lockTravelMaxMs * LOCK_STALL_FACTOR;
  }

  private fillStatus(tx: TxMessage): void {
    const inlet = this.plant.inlet;
    const v = tx.values;
    const r = inlet.ppResistanceOhm;
    v[this.s.pp] = Number.isFinite(r) ? Math.min(Math.round(r), PP_OPEN_OHM - 1) : PP_OPEN_OHM;
    v[this.s.cp] = CP_STATE[inlet.cpState];
    v[this.s.duty] = inlet.cpDutyPct;
    v[this.s.pwm] = inlet.cpDutyPct >= PWM_PRESENT_MIN_PCT ? 1 : 0;
    v[this.s.s2] = inlet.cmd.s2Closed ? 1 : 0;
    const fb = inlet.lockFeedback;
    v[this.s.lock] = this.lockStalled ? LOCK_FAULT : fb === 'locked' ? LOCK_LOCKED : fb === 'unlocked' ? LOCK_UNLOCKED : LOCK_MOVING;
    v[this.s.release] = inlet.manuallyReleased ? 1 : 0;
  }

  private fillTemps(tx: TxMessage): void {
    const pins = this.plant.inlet.pinTempC;
    tx.setOrSna(this.t.dcPos, pins[0]);
    tx.setOrSna(this.t.dcNeg, pins[1]);
    tx.setOrSna(this.t.ac, NaN); // NACS inlet: AC shares the DC pins, no separate AC pins
  }
}
