// SHUNT node: pack current every 10 ms (the physics tick, so each frame carries the mean of its
// cycle and coulomb counting loses nothing) and the three HV voltages every 20 ms, from the
// shunt model's measured values (gain, offset, noise and the `shunt-offset` fault included).
// It has no commands; packpilot's silence changes nothing here.
import { SimNode, type NodeContext } from './node.ts';
import type { TxMessage } from './tx.ts';

const STATE_OK = 0;

export class ShuntNode extends SimNode {
  private readonly currentIdx: number;
  private readonly tempIdx: number;
  private readonly stateIdx: number;
  private readonly packIdx: number;
  private readonly linkIdx: number;
  private readonly inletIdx: number;
  override readonly hasCommands = false;

  constructor(ctx: NodeContext) {
    super('SHUNT', ctx);
    const current = this.cyclic('SHUNT_Current', (tx) => this.fillCurrent(tx));
    this.currentIdx = current.index('SHUNT_PackCurrent');
    this.tempIdx = current.index('SHUNT_Temp');
    this.stateIdx = current.index('SHUNT_State');
    const voltages = this.cyclic('SHUNT_Voltages', (tx) => this.fillVoltages(tx));
    this.packIdx = voltages.index('SHUNT_PackVoltage');
    this.linkIdx = voltages.index('SHUNT_LinkVoltage');
    this.inletIdx = voltages.index('SHUNT_InletVoltage');
  }

  apply(): void {}

  private fillCurrent(tx: TxMessage): void {
    tx.values[this.currentIdx] = this.plant.shunt.currentA;
    // The shunt sits in the pack enclosure; its temperature follows the coolant loop (PD).
    tx.setOrSna(this.tempIdx, this.plant.tms.coolantTempC);
    tx.values[this.stateIdx] = STATE_OK;
  }

  private fillVoltages(tx: TxMessage): void {
    const s = this.plant.shunt;
    tx.values[this.packIdx] = s.packVoltageV;
    tx.values[this.linkIdx] = s.linkVoltageV;
    tx.values[this.inletIdx] = s.inletVoltageV;
  }
}
