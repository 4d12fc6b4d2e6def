// IMD node: IMD_Command (Measure / StandDown / SelfTest) → the IMD model's stand-down; IMD_Status
// from its filtered measurement. Safe reaction (CONTRACT.md §1): no valid command or heartbeat →
// measure (a stand-down ends), so the vehicle is never left without insulation monitoring.
import type { ImdStatus } from '../plant/imd.ts';
import { SimNode, type NodeContext } from './node.ts';
import type { RxMessage } from './rx.ts';
import type { TxMessage } from './tx.ts';

const REQUEST_STAND_DOWN = 1;
/** IMD_State values (packpilot.dbc VAL_). */
const STATE: Readonly<Record<ImdStatus, number>> = { ok: 0, warning: 1, fault: 2, selfTest: 3, standby: 4, measuring: 5 };
/** IMD_IsolationResistance: 65534 = at or above the measuring range. */
const RANGE_TOP_KOHM = 65534;

export class ImdNode extends SimNode {
  private readonly command: RxMessage;
  private readonly requestIdx: number;
  private readonly resistanceIdx: number;
  private readonly stateIdx: number;
  private readonly errorIdx: number;

  constructor(ctx: NodeContext) {
    super('IMD', ctx);
    this.command = this.rx.watch('IMD_Command');
    this.requestIdx = this.command.index('IMD_Request');
    const status = this.cyclic('IMD_Status', (tx) => this.fillStatus(tx));
    this.resistanceIdx = status.index('IMD_IsolationResistance');
    this.stateIdx = status.index('IMD_State');
    this.errorIdx = status.index('IMD_DeviceError');
  }

  apply(nowMs: number): void {
    const valid = this.packpilotAlive(nowMs) && this.command.valid(nowMs);
    this.plant.imd.cmd.standDown = valid && this.command.values[this.requestIdx] === REQUEST_STAND_DOWN;
  }

  private fillStatus(tx: TxMessage): void {
    const imd = this.plant.imd;
    const kOhm = imd.isolationOhm / 1000;
    tx.setOrSna(this.resistanceIdx, kOhm > RANGE_TOP_KOHM ? RANGE_TOP_KOHM : kOhm);
    tx.values[this.stateIdx] = STATE[imd.status];
    tx.values[this.errorIdx] = 0;
  }
}
