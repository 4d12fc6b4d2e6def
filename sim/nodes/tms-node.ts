// TMS node: TMS_Request (Off / Heat / Cool toward a coolant temperature, within an electrical power)
// → the heater, chiller and pump of the TMS model through a proportional regulator; TMS_Status
// every 200 ms. The pump runs whenever the HV link is up (packs are cooled while charging; in the
// model the pump is a link load, so it cannot run without HV). Safe reaction (CONTRACT.md §1, "protects the pack by its own rules"): no valid
// request or heartbeat → no heating, full cooling while the coolant is hot (hysteresis), pump on.
import { SimNode, type NodeContext } from './node.ts';
import type { RxMessage } from './rx.ts';
import type { TxMessage } from './tx.ts';

const MODE_OFF = 0;
const MODE_HEAT = 1;
const MODE_COOL = 2;
const FAULT = { none: 0, heater: 1, chiller: 2, pump: 3, commandTimeout: 6 } as const;
/** Heat per kelvin of error of the coolant regulator (PD: full heater power 3 K below target). */
const REGULATOR_W_PER_K = 2000;
/** Own rules: cool from this coolant temperature down to the lower one (PD, below NMC's 45 °C charge limit). */
const OWN_COOL_ON_C = 35;
const OWN_COOL_OFF_C = 30;
/** Coolant flow heat capacity for the outlet temperature (PD: ~15 L/min of glycol ≈ 875 W/K). */
const FLOW_W_PER_K = 875;

export class TmsNode extends SimNode {
  private readonly request: RxMessage;
  private readonly c: Record<'mode' | 'target' | 'maxW', number>;
  private readonly t: Record<string, number> = {};
  private alive = false;
  private ownCooling = false;

  constructor(ctx: NodeContext) {
    super('TMS', ctx);
    this.request = this.rx.watch('TMS_Request');
    this.c = {
      mode: this.request.index('TMS_ModeRequest'), target: this.request.index('TMS_TargetCoolantTemp'),
      maxW: this.request.index('TMS_MaxPower'),
    };
    const status = this.cyclic('TMS_Status', (tx) => this.fillStatus(tx));
    for (const s of ['Mode', 'FaultCode', 'CoolantInTemp', 'CoolantOutTemp', 'AmbientTemp', 'HeaterPower', 'ChillerPower']) {
      this.t[s] = status.index(`TMS_${s}`);
    }
  }

  apply(nowMs: number): void {
    const tms = this.plant.tms;
    const p = tms.params;
    const hv = this.plant.pdu.mainsClosed;
    const coolantC = tms.coolantTempC;
    this.alive = this.packpilotAlive(nowMs) && this.request.valid(nowMs);
    if (!this.alive) {
      this.ownCooling = coolantC > OWN_COOL_ON_C || (this.ownCooling && coolantC > OWN_COOL_OFF_C);
      tms.cmd.heatW = 0;
      tms.cmd.coolW = this.ownCooling ? p.chillerMaxW : 0;
      tms.cmd.pumpOn = hv;
      return;
    }
    this.ownCooling = false;
    const v = this.request.values;
    const mode = v[this.c.mode]!;
    const errorK = v[this.c.target]! - coolantC;
    const maxW = v[this.c.maxW]!;
    tms.cmd.heatW = mode === MODE_HEAT ? Math.max(0, Math.min(errorK * REGULATOR_W_PER_K, maxW * p.heaterEfficiency)) : 0;
    tms.cmd.coolW = mode === MODE_COOL ? Math.max(0, Math.min(-errorK * REGULATOR_W_PER_K, maxW * p.chillerCop)) : 0;
    tms.cmd.pumpOn = hv;
  }

  private fillStatus(tx: TxMessage): void {
    const tms = this.plant.tms;
    const p = tms.params;
    const v = tx.values;
    v[this.t.Mode!] = tms.heaterW > 0 ? MODE_HEAT : tms.chillerW > 0 ? MODE_COOL : MODE_OFF;
    v[this.t.FaultCode!] = tms.faults.heaterFailed ? FAULT.heater : tms.faults.chillerFailed ? FAULT.chiller
      : tms.faults.pumpFailed ? FAULT.pump : this.alive ? FAULT.none : FAULT.commandTimeout;
    tx.setOrSna(this.t.CoolantInTemp!, tms.coolantTempC);
    const outC = tms.pumpRunning ? tms.coolantTempC + this.plant.pack.heatToCoolantW / FLOW_W_PER_K : tms.coolantTempC;
    tx.setOrSna(this.t.CoolantOutTemp!, outC);
    tx.setOrSna(this.t.AmbientTemp!, this.plant.ambientC);
    tx.setOrSna(this.t.HeaterPower!, tms.heaterW / p.heaterEfficiency);
    tx.setOrSna(this.t.ChillerPower!, tms.chillerW / p.chillerCop);
  }
}
