// VEH node: the rest of the car. The driver asks for a gear; the car leaves Park only while
// packpilot's VEH_Interlock allows driving (a missing or invalid frame counts as DriveInhibit,
// CONTRACT.md §3), so DESIGN 7.9 is physical here: a plugged car does not drive off. Park is
// always allowed. The car does not move in the simulator (speed 0).
import type { Gear } from '../scenario/types.ts';
import { SimNode, type NodeContext } from './node.ts';
import type { RxMessage } from './rx.ts';
import type { TxMessage } from './tx.ts';

const GEAR_VALUE: Readonly<Record<Gear, number>> = { P: 0, R: 1, N: 2, D: 3 };
const ALLOWED = 0;

export class VehNode extends SimNode {
  /** The gear engaged. */
  gear: Gear;
  /** The gear the driver asks for. */
  gearRequest: Gear;
  /** Shift requests refused because driving was inhibited. */
  refusedShifts = 0;
  private readonly interlock: RxMessage;
  private readonly inhibitIdx: number;
  private readonly t: Record<string, number> = {};
  private inhibited = true;

  constructor(ctx: NodeContext, initialGear: Gear) {
    super('VEH', ctx);
    this.gear = initialGear;
    this.gearRequest = initialGear;
    this.interlock = this.rx.watch('VEH_Interlock');
    this.inhibitIdx = this.interlock.index('VEH_DriveInhibit');
    const status = this.cyclic('VEH_Status', (tx) => this.fillStatus(tx));
    for (const s of ['Gear', 'Speed', 'Ready', 'Ignition']) this.t[s] = status.index(`VEH_${s}`);
  }

  /** Driving is inhibited as the car sees it now (missing interlock = inhibited). */
  get driveInhibited(): boolean {
    return this.inhibited;
  }

  requestGear(gear: Gear): void {
    this.gearRequest = gear;
  }

  apply(nowMs: number): void {
    this.inhibited = !(this.interlock.valid(nowMs) && this.interlock.values[this.inhibitIdx] === ALLOWED);
    if (this.gearRequest === this.gear) return;
    if (this.gearRequest === 'P' || !this.inhibited) this.gear = this.gearRequest;
    else {
      this.refusedShifts++;
      this.gearRequest = this.gear; // the selector springs back; the driver has to ask again
    }
  }

  private fillStatus(tx: TxMessage): void {
    const v = tx.values;
    v[this.t.Gear!] = GEAR_VALUE[this.gear];
    v[this.t.Speed!] = 0;
    v[this.t.Ready!] = this.gear !== 'P' && !this.inhibited ? 1 : 0;
    v[this.t.Ignition!] = 1;
  }
}
