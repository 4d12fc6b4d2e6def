// PDU node: PDU_Command → the contactor coils of the PDU model; PDU_Status from the auxiliary
// contacts. Safe reaction (CONTRACT.md §1): no good heartbeat or PDU_Command for its PpTimeoutMs
// (a corrupted frame is ignored, not a trip), or a safe-state request, opens every contactor and the OBC relay and latches
// PDU_WatchdogTripped until a valid heartbeat and an all-open command are seen. The latch
// matters: re-closing by itself after a gap would close the mains without precharge.
import { SimNode, type NodeContext } from './node.ts';
import type { RxMessage } from './rx.ts';
import type { TxMessage } from './tx.ts';

/** Coil supply reported in PDU_Status (PD: a 12 V net fed by the DC-DC, 13.8 V). */
const SUPPLY_VOLTAGE_V = 13.8;

/** The order of the index arrays below (and of the named stores in apply / fillStatus). */
const ORDER = ['mainPos', 'mainNeg', 'precharge', 'dcPos', 'dcNeg', 'obcRelay'] as const;
const COMMAND_SIGNALS = {
  mainPos: 'PDU_MainPosCmd', mainNeg: 'PDU_MainNegCmd', precharge: 'PDU_PrechargeCmd',
  dcPos: 'PDU_DcChargePosCmd', dcNeg: 'PDU_DcChargeNegCmd', obcRelay: 'PDU_ObcRelayCmd',
} as const;
const STATE_SIGNALS = {
  mainPos: 'PDU_MainPosState', mainNeg: 'PDU_MainNegState', precharge: 'PDU_PrechargeState',
  dcPos: 'PDU_DcChargePosState', dcNeg: 'PDU_DcChargeNegState', obcRelay: 'PDU_ObcRelayState',
} as const;

export class PduNode extends SimNode {
  /** The node's own latch (command timeout, heartbeat loss, safe state); starts tripped. */
  tripped = true;
  private readonly command: RxMessage;
  private readonly commandIdx: Int32Array;
  private readonly stateIdx: Int32Array;
  private readonly status: TxMessage;
  private readonly watchdogIdx: number;
  private readonly heartbeatSeenIdx: number;
  private readonly supplyIdx: number;
  private heartbeatsSeen = 0;

  constructor(ctx: NodeContext) {
    super('PDU', ctx);
    this.command = this.rx.watch('PDU_Command');
    this.commandIdx = Int32Array.from(ORDER, (c) => this.command.index(COMMAND_SIGNALS[c]));
    this.status = this.cyclic('PDU_Status', (tx, nowMs) => this.fillStatus(tx, nowMs));
    this.stateIdx = Int32Array.from(ORDER, (c) => this.status.index(STATE_SIGNALS[c]));
    this.watchdogIdx = this.status.index('PDU_WatchdogTripped');
    this.heartbeatSeenIdx = this.status.index('PDU_HeartbeatSeen');
    this.supplyIdx = this.status.index('PDU_SupplyVoltage');
  }

  apply(nowMs: number): void {
    const pdu = this.plant.pdu;
    const alive = this.packpilotAlive(nowMs);
    const heartbeats = this.heartbeat.count;
    // Feed the PDU model's own heartbeat watchdog once per new heartbeat frame.
    if (alive && heartbeats !== this.heartbeatsSeen) pdu.heartbeat();
    this.heartbeatsSeen = heartbeats;
    const commandOk = this.command.valid(nowMs);
    const v = this.command.values;
    if (!alive || !commandOk) this.tripped = true;
    else if (this.tripped && this.commandIdx.every((i) => v[i] === 0)) this.tripped = false;
    // Named stores (not a loop over names): this runs every tick and keyed access is slow.
    const on = !this.tripped;
    const i = this.commandIdx;
    const cmd = pdu.cmd;
    cmd.mainPos = on && v[i[0]!] === 1;
    cmd.mainNeg = on && v[i[1]!] === 1;
    cmd.precharge = on && v[i[2]!] === 1;
    cmd.dcPos = on && v[i[3]!] === 1;
    cmd.dcNeg = on && v[i[4]!] === 1;
    cmd.obcRelay = on && v[i[5]!] === 1;
  }

  private fillStatus(tx: TxMessage, nowMs: number): void {
    const pdu = this.plant.pdu;
    const fb = pdu.feedback;
    const i = this.stateIdx;
    const v = tx.values;
    v[i[0]!] = fb.mainPos ? 1 : 0;
    v[i[1]!] = fb.mainNeg ? 1 : 0;
    v[i[2]!] = fb.precharge ? 1 : 0;
    v[i[3]!] = fb.dcPos ? 1 : 0;
    v[i[4]!] = fb.dcNeg ? 1 : 0;
    v[i[5]!] = fb.obcRelay ? 1 : 0;
    tx.values[this.watchdogIdx] = this.tripped || pdu.watchdogTripped ? 1 : 0;
    tx.values[this.heartbeatSeenIdx] = this.heartbeatValid(nowMs) ? 1 : 0;
    tx.values[this.supplyIdx] = SUPPLY_VOLTAGE_V;
  }
}
