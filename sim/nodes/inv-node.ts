// INV node: INV_Command → the V2L inverter model's enable and power limit (capped by the BMS
// discharge power limit; a lost BMS_PowerLimits counts as 0 W, CONTRACT.md §3); INV_Status,
// INV_Legs and INV_Currents every 100 ms. Output voltage and frequency are the model's
// (the setting signals are accepted, not modelled). A trip latches until INV_TripReset (with the
// output on or off) or a fresh enable. Safe reaction (CONTRACT.md §1): no valid command or
// heartbeat → output off at once.
import type { InverterFault } from '../plant/inverter.ts';
import { SimNode, type NodeContext } from './node.ts';
import type { RxMessage } from './rx.ts';
import type { TxMessage } from './tx.ts';

const STATE = { off: 0, starting: 1, supplying: 2, stopping: 3, tripped: 4, fault: 5 } as const;
const TRIP: Readonly<Record<InverterFault, number>> = { none: 0, overload: 1, overtemp: 4, undervoltage: 7, failed: 9 };
const TRIP_COMMAND_TIMEOUT = 8;

export class InvNode extends SimNode {
  private readonly command: RxMessage;
  private readonly powerLimits: RxMessage;
  private readonly c: Record<'enable' | 'limit' | 'reset' | 'bmsW', number>;
  private readonly t: Record<string, number> = {};
  private alive = false;
  private lastReset = 0;

  constructor(ctx: NodeContext) {
    super('INV', ctx);
    this.command = this.rx.watch('INV_Command');
    this.powerLimits = this.rx.watch('BMS_PowerLimits');
    this.c = {
      enable: this.command.index('INV_Enable'), limit: this.command.index('INV_PowerLimit'),
      reset: this.command.index('INV_TripReset'), bmsW: this.powerLimits.index('BMS_DischargePowerLimit'),
    };
    const status = this.cyclic('INV_Status', (tx) => this.fillStatus(tx));
    for (const s of ['State', 'TripReason', 'Frequency', 'LeakageCurrent', 'Temp']) this.t[s] = status.index(`INV_${s}`);
    const legs = this.cyclic('INV_Legs', (tx) => this.fillLegs(tx));
    for (const s of ['L1Voltage', 'L2Voltage', 'L1Power', 'L2Power']) this.t[s] = legs.index(`INV_${s}`);
    const currents = this.cyclic('INV_Currents', (tx) => this.fillCurrents(tx));
    for (const s of ['L1Current', 'L2Current', 'DcCurrent']) this.t[s] = currents.index(`INV_${s}`);
  }

  apply(nowMs: number): void {
    const inv = this.plant.inverter;
    this.alive = this.packpilotAlive(nowMs) && this.command.valid(nowMs);
    if (!this.alive) {
      inv.cmd.enable = false;
      return;
    }
    const v = this.command.values;
    const bmsW = this.powerLimits.valid(nowMs) ? this.powerLimits.values[this.c.bmsW]! * inv.params.efficiency : 0;
    const limitW = Math.min(v[this.c.limit]!, bmsW);
    const reset = v[this.c.reset]!;
    // A rising TripReset edge clears the latched trip, whatever the enable (packpilot resets with the
    // output off, CONTRACT.md INV_TripReset), and gives the model a fresh enable.
    const resetEdge = reset === 1 && this.lastReset === 0 && inv.fault !== 'none';
    this.lastReset = reset;
    if (resetEdge) inv.resetTrip();
    const want = v[this.c.enable] === 1;
    // Tripped: hold the enable as asked so nothing but a TripReset or packpilot's own off → on
    // clears it. Otherwise the model reads a limit of 0 as "no limit": no power means no output.
    inv.cmd.enable = inv.fault !== 'none' ? want && !resetEdge : want && limitW > 0;
    inv.cmd.powerLimitW = limitW;
  }

  private fillStatus(tx: TxMessage): void {
    const inv = this.plant.inverter;
    const v = tx.values;
    v[this.t.State!] = inv.status === 'running' ? STATE.supplying : inv.status === 'starting' ? STATE.starting
      : inv.status === 'fault' ? (inv.fault === 'failed' ? STATE.fault : STATE.tripped) : STATE.off;
    v[this.t.TripReason!] = inv.fault !== 'none' ? TRIP[inv.fault] : this.alive ? TRIP.none : TRIP_COMMAND_TIMEOUT;
    tx.setOrSna(this.t.Frequency!, inv.frequencyHz > 0 ? inv.frequencyHz : NaN);
    tx.setOrSna(this.t.LeakageCurrent!, inv.leakageMa);
    tx.setOrSna(this.t.Temp!, inv.temperatureC);
  }

  private fillLegs(tx: TxMessage): void {
    const inv = this.plant.inverter;
    const split = inv.params.splitPhase;
    tx.setOrSna(this.t.L1Voltage!, inv.legVoltageV[0]);
    tx.setOrSna(this.t.L2Voltage!, split ? inv.legVoltageV[1] : NaN);
    tx.setOrSna(this.t.L1Power!, inv.legPowerW[0]);
    tx.setOrSna(this.t.L2Power!, split ? inv.legPowerW[1] : NaN);
  }

  private fillCurrents(tx: TxMessage): void {
    const inv = this.plant.inverter;
    const split = inv.params.splitPhase;
    tx.setOrSna(this.t.L1Current!, inv.legCurrentA[0]);
    tx.setOrSna(this.t.L2Current!, split ? inv.legCurrentA[1] : NaN);
    tx.setOrSna(this.t.DcCurrent!, inv.dcCurrentA);
  }
}
