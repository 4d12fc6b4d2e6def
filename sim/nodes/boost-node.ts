// BOOST node: BOOST_Command → the converter model's mode and input-current limit; BOOST_Input /
// BOOST_Output every 50 ms, BOOST_Status every 100 ms. The model takes one input-current limit, so
// the node folds the output-current limit and the BMS charge limits (BMS_CurrentLimits,
// BMS_PowerLimits; a lost one counts as 0, CONTRACT.md §3) into it through the power balance.
// The input-voltage setpoint is not modelled: the charger holds the bus in the plant.
// Safe reaction (CONTRACT.md §1): no valid command or heartbeat → ramp to 0 A, then turn off.
import type { BoostMode } from '../plant/boost.ts';
import { SimNode, type NodeContext } from './node.ts';
import type { RxMessage } from './rx.ts';
import type { TxMessage } from './tx.ts';

const MODES: readonly BoostMode[] = ['off', 'bypass', 'boost'];
/** BOOST_Mode values. */
const MODE = { off: 0, bypass: 1, boost: 2, starting: 3, stopping: 4, fault: 5 } as const;
const FAULT = { none: 0, overtemperature: 5, hardware: 6, commandTimeout: 7 } as const;
/** Current below which the converter may open its path after a command loss (PD). */
const OFF_BELOW_A = 1;
/** Bound on the ramp-down after a command loss before it turns off anyway (PD: 350 A at 200 A/s). */
const OFF_AFTER_MS = 2000;

export class BoostNode extends SimNode {
  private readonly command: RxMessage;
  private readonly currentLimits: RxMessage;
  private readonly powerLimits: RxMessage;
  private readonly c: Record<'mode' | 'outA' | 'inA' | 'bmsA' | 'bmsW', number>;
  private readonly t: Record<string, number> = {};
  private safeSinceMs = NaN;

  constructor(ctx: NodeContext) {
    super('BOOST', ctx);
    if (this.plant.boost === null) throw new Error('BOOST node on a car without a boost converter');
    this.command = this.rx.watch('BOOST_Command');
    this.currentLimits = this.rx.watch('BMS_CurrentLimits');
    this.powerLimits = this.rx.watch('BMS_PowerLimits');
    this.c = {
      mode: this.command.index('BOOST_ModeRequest'), outA: this.command.index('BOOST_OutputCurrentLimit'),
      inA: this.command.index('BOOST_InputCurrentLimit'), bmsA: this.currentLimits.index('BMS_ChargeCurrentLimit'),
      bmsW: this.powerLimits.index('BMS_ChargePowerLimit'),
    };
    const input = this.cyclic('BOOST_Input', (tx) => this.fillInput(tx));
    this.t.inV = input.index('BOOST_InputVoltage');
    this.t.inA = input.index('BOOST_InputCurrent');
    const output = this.cyclic('BOOST_Output', (tx) => this.fillOutput(tx));
    this.t.outV = output.index('BOOST_OutputVoltage');
    this.t.outA = output.index('BOOST_OutputCurrent');
    const status = this.cyclic('BOOST_Status', (tx, nowMs) => this.fillStatus(tx, nowMs));
    for (const s of ['Mode', 'Temp', 'Derating', 'FaultCode', 'MaxPowerAvailable']) this.t[s] = status.index(`BOOST_${s}`);
  }

  private get boost() {
    return this.plant.boost!;
  }

  apply(nowMs: number): void {
    const b = this.boost;
    if (!(this.packpilotAlive(nowMs) && this.command.valid(nowMs))) {
      this.rampOff(nowMs);
      return;
    }
    this.safeSinceMs = NaN;
    const v = this.command.values;
    const vOut = this.plant.linkVoltageV;
    const bmsA = this.currentLimits.valid(nowMs) ? this.currentLimits.values[this.c.bmsA]! : 0;
    const bmsW = this.powerLimits.valid(nowMs) ? this.powerLimits.values[this.c.bmsW]! : 0;
    const outA = Math.min(v[this.c.outA]!, bmsA, vOut > 1 ? bmsW / vOut : Infinity);
    const vIn = b.inputVoltageV;
    const inFromOutA = vIn > 1 && vOut > 1 ? (outA * vOut) / (b.params.efficiency * vIn) : outA > 0 ? Infinity : 0;
    b.cmd.mode = MODES[v[this.c.mode]!] ?? 'off';
    b.cmd.inputCurrentLimitA = Math.max(0, Math.min(v[this.c.inA]!, inFromOutA));
  }

  /** Command lost: current to zero first, then off (a bypass cannot regulate: wait for the current to go). */
  private rampOff(nowMs: number): void {
    const b = this.boost;
    b.cmd.inputCurrentLimitA = 0;
    if (b.cmd.mode === 'off') return;
    if (Number.isNaN(this.safeSinceMs)) this.safeSinceMs = nowMs;
    const flowingA = b.mode === 'bypass' ? Math.abs(this.plant.pinCurrentA) : b.acceptCurrentA;
    if (flowingA < OFF_BELOW_A || nowMs - this.safeSinceMs >= OFF_AFTER_MS) b.cmd.mode = 'off';
  }

  private fillInput(tx: TxMessage): void {
    const b = this.boost;
    const bypass = b.mode === 'bypass';
    tx.setOrSna(this.t.inV!, this.plant.inletVoltageV);
    tx.setOrSna(this.t.inA!, bypass ? this.plant.pinCurrentA : b.mode === 'boost' ? b.inputCurrentA : 0);
  }

  private fillOutput(tx: TxMessage): void {
    const b = this.boost;
    tx.setOrSna(this.t.outV!, this.plant.linkVoltageV);
    tx.setOrSna(this.t.outA!, b.mode === 'bypass' ? this.plant.pinCurrentA : b.mode === 'boost' ? b.outputCurrentA : 0);
  }

  private fillStatus(tx: TxMessage, nowMs: number): void {
    const b = this.boost;
    const v = tx.values;
    const st = b.status;
    v[this.t.Mode!] = st === 'fault' ? MODE.fault
      : st === 'switching' ? (b.cmd.mode === 'off' ? MODE.stopping : MODE.starting)
      : st === 'bypass' ? MODE.bypass : st === 'off' ? MODE.off : MODE.boost;
    tx.setOrSna(this.t.Temp!, b.temperatureC);
    v[this.t.Derating!] = st === 'derating' ? 1 : 0;
    const timedOut = !(this.packpilotAlive(nowMs) && this.command.valid(nowMs));
    v[this.t.FaultCode!] = b.faults.failed ? FAULT.hardware
      : b.temperatureC >= b.params.derateEndC ? FAULT.overtemperature
      : timedOut ? FAULT.commandTimeout : FAULT.none;
    tx.setOrSna(this.t.MaxPowerAvailable!, b.deratedMaxPowerW);
  }
}
