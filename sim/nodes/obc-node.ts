// OBC node: OBC_Command → the onboard charger model's enable and AC current setpoint; OBC_Status
// and OBC_DcOutput every 100 ms. The model takes one AC setpoint, so the node folds packpilot's DC
// voltage and current limits and the BMS charge limits (a lost BMS frame counts as 0, CONTRACT.md
// §3) into it through the power balance. The AC relay is the PDU's (OBC_RelayState NotOwned).
// Safe reaction (CONTRACT.md §1): no valid command or heartbeat → ramp to 0 A, then turn off.
import { SimNode, type NodeContext } from './node.ts';
import type { RxMessage } from './rx.ts';
import type { TxMessage } from './tx.ts';

const STATE = { off: 0, standby: 1, charging: 2, derating: 3, fault: 4 } as const;
const FAULT = { none: 0, hardware: 6, commandTimeout: 7 } as const;
const RELAY_NOT_OWNED = 2;
/** AC current below which the OBC may switch off after a command loss (PD). */
const OFF_BELOW_A = 0.5;
/** Bound on that ramp-down (PD: 48 A at the model's 10 A/s is 4.8 s). */
const OFF_AFTER_MS = 6000;
/** Power-stage temperature above the coolant per watt of loss (PD: 0.02 K/W, 16 K at 800 W). */
const TEMP_RISE_K_PER_W = 0.02;

export class ObcNode extends SimNode {
  private readonly command: RxMessage;
  private readonly currentLimits: RxMessage;
  private readonly powerLimits: RxMessage;
  private readonly c: Record<'enable' | 'ac' | 'dcV' | 'dcA' | 'bmsA' | 'bmsW' | 'bmsV', number>;
  private readonly t: Record<string, number> = {};
  private safeSinceMs = NaN;
  private alive = false;
  /** packpilot's AC setpoint as received (for the Derating state). */
  private requestedAcA = 0;

  constructor(ctx: NodeContext) {
    super('OBC', ctx);
    this.command = this.rx.watch('OBC_Command');
    this.currentLimits = this.rx.watch('BMS_CurrentLimits');
    this.powerLimits = this.rx.watch('BMS_PowerLimits');
    this.c = {
      enable: this.command.index('OBC_Enable'), ac: this.command.index('OBC_AcCurrentSetpoint'),
      dcV: this.command.index('OBC_DcVoltageLimit'), dcA: this.command.index('OBC_DcCurrentLimit'),
      bmsA: this.currentLimits.index('BMS_ChargeCurrentLimit'), bmsV: this.currentLimits.index('BMS_MaxChargeVoltage'),
      bmsW: this.powerLimits.index('BMS_ChargePowerLimit'),
    };
    const status = this.cyclic('OBC_Status', (tx) => this.fillStatus(tx));
    for (const s of ['State', 'FaultCode', 'Temp', 'RelayState', 'AcVoltage', 'AcCurrent']) this.t[s] = status.index(`OBC_${s}`);
    const dc = this.cyclic('OBC_DcOutput', (tx) => this.fillDc(tx));
    for (const s of ['DcVoltage', 'DcCurrent', 'MaxAcCurrent']) this.t[s] = dc.index(`OBC_${s}`);
  }

  /** RMS on the OBC's input: the AC station's output through the PDU's OBC relay. */
  get acVoltageV(): number {
    const p = this.plant;
    return p.inlet.plug?.source === 'ac' && p.pdu.isClosed('obcRelay') ? (p.acEvse?.acVoltageV ?? 0) : 0;
  }

  apply(nowMs: number): void {
    const obc = this.plant.obc;
    this.alive = this.packpilotAlive(nowMs) && this.command.valid(nowMs);
    if (!this.alive) {
      obc.cmd.acCurrentSetpointA = 0;
      if (!obc.cmd.enable) return;
      if (Number.isNaN(this.safeSinceMs)) this.safeSinceMs = nowMs;
      if (obc.acCurrentA < OFF_BELOW_A || nowMs - this.safeSinceMs >= OFF_AFTER_MS) obc.cmd.enable = false;
      return;
    }
    this.safeSinceMs = NaN;
    const v = this.command.values;
    const linkV = this.plant.linkVoltageV;
    const acV = this.acVoltageV;
    const bmsA = this.currentLimits.valid(nowMs) ? this.currentLimits.values[this.c.bmsA]! : 0;
    const bmsV = this.currentLimits.valid(nowMs) ? this.currentLimits.values[this.c.bmsV]! : 0;
    const bmsW = this.powerLimits.valid(nowMs) ? this.powerLimits.values[this.c.bmsW]! : 0;
    const dcA = Math.min(v[this.c.dcA]!, bmsA, linkV > 1 ? bmsW / linkV : Infinity);
    const atVoltage = linkV >= Math.min(v[this.c.dcV]!, bmsV);
    const acFromDcA = acV > 1 ? (dcA * linkV) / (obc.params.efficiency * acV) : Infinity;
    this.requestedAcA = v[this.c.ac]!;
    obc.cmd.enable = v[this.c.enable] === 1;
    obc.cmd.acCurrentSetpointA = atVoltage ? 0 : Math.max(0, Math.min(this.requestedAcA, acFromDcA));
  }

  /** AC current the OBC can take now (rating at this input voltage). */
  private get capabilityA(): number {
    const p = this.plant.obc.params;
    const acV = this.acVoltageV;
    return acV > 1 ? Math.min(p.maxAcCurrentA, p.maxPowerW / acV) : p.maxAcCurrentA;
  }

  private fillStatus(tx: TxMessage): void {
    const obc = this.plant.obc;
    const v = tx.values;
    const derating = obc.status === 'running' && this.capabilityA < this.requestedAcA;
    v[this.t.State!] = obc.status === 'fault' ? STATE.fault : obc.status === 'off' ? STATE.off
      : obc.status === 'waitingAc' ? STATE.standby : derating ? STATE.derating : STATE.charging;
    v[this.t.FaultCode!] = obc.faults.failed ? FAULT.hardware : this.alive ? FAULT.none : FAULT.commandTimeout;
    tx.setOrSna(this.t.Temp!, this.plant.tms.coolantTempC + obc.lossW * TEMP_RISE_K_PER_W);
    v[this.t.RelayState!] = RELAY_NOT_OWNED;
    tx.setOrSna(this.t.AcVoltage!, this.acVoltageV);
    tx.setOrSna(this.t.AcCurrent!, obc.acCurrentA);
  }

  private fillDc(tx: TxMessage): void {
    const obc = this.plant.obc;
    tx.setOrSna(this.t.DcVoltage!, this.plant.linkVoltageV);
    tx.setOrSna(this.t.DcCurrent!, obc.dcCurrentA);
    tx.setOrSna(this.t.MaxAcCurrent!, this.capabilityA);
  }
}
