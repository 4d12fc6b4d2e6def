// The frame of every simulated CAN node: its own view of the network, what it hears (PP_Heartbeat
// and its command frames, with validity), and its cyclic messages. The car calls, every physics
// tick: apply() on each node (commands → plant), then the plant's step, then the due
// transmissions of every node in CAN-id order (the order arbitration would give frames queued
// together). A silenced node (fault `can-silence`) keeps listening but sends nothing.
import type { Codec, SimBus, SimNetwork } from '../../vehicle/can/index.ts';
import type { CarPlant } from '../plant/car-plant.ts';
import type { Random } from '../random.ts';
import { NodeRx, type RxHub, type RxMessage } from './rx.ts';
import { TxMessage } from './tx.ts';

/** The DBC nodes the simulator plays (every node of packpilot.dbc but PACKPILOT). */
export const SIM_NODE_NAMES = ['CMU', 'SHUNT', 'IMD', 'PDU', 'INLET', 'CCC', 'BOOST', 'OBC', 'INV', 'TMS', 'HMI', 'VEH'] as const;
export type SimNodeName = (typeof SIM_NODE_NAMES)[number];

export interface NodeContext {
  codec: Codec;
  network: SimNetwork;
  /** The car's shared listener; the node's own view only sends. */
  hub: RxHub;
  plant: CarPlant;
  /** This node's own seeded stream. */
  random: Random;
  /** Time of the first physics tick: every cyclic message starts its grid here. */
  startMs: number;
}

/** Something that sends on a schedule. The car runs it at the first physics tick at or after its
 *  due time (firstDueMs, then what run returns), so a tick with nothing due costs one comparison. */
export interface TxSchedule {
  readonly id: number;
  readonly node: SimNode;
  readonly firstDueMs: number;
  /** Sends what is due at nowMs; returns when it is due next (> nowMs). */
  run(nowMs: number): number;
}

/** A node's silence switch, one shape for every node: schedules and the car read it per frame and
 *  per tick, where `node.silenced` would be a load over twelve node classes. */
export interface Mute {
  on: boolean;
}

/** A plain cyclic message on its GenMsgCycleTime grid. */
class PeriodicTx implements TxSchedule {
  readonly id: number;
  readonly firstDueMs: number;
  private dueMs: number;
  private readonly bus: SimBus;
  private readonly mute: Mute;

  constructor(
    readonly node: SimNode,
    private readonly tx: TxMessage,
    private readonly cycleMs: number,
    startMs: number,
    private readonly fill: (tx: TxMessage, nowMs: number) => void,
  ) {
    this.id = tx.message.id;
    this.dueMs = startMs;
    this.firstDueMs = startMs;
    this.bus = node.bus;
    this.mute = node.mute;
  }

  run(nowMs: number): number {
    if (nowMs < this.dueMs) return this.dueMs;
    // Stay on the grid; a late tick skips missed slots instead of bursting. The usual case (due
    // within one cycle) is one step: the skip count below is then exactly 1, without the division.
    const lateMs = nowMs - this.dueMs + 1e-9;
    this.dueMs += lateMs <= this.cycleMs ? this.cycleMs : this.cycleMs * Math.max(1, Math.ceil(lateMs / this.cycleMs));
    if (this.mute.on) return this.dueMs;
    this.fill(this.tx, nowMs);
    this.tx.send(this.bus);
    return this.dueMs;
  }
}

export abstract class SimNode {
  readonly mute: Mute = { on: false };
  readonly bus: SimBus;
  readonly schedules: TxSchedule[] = [];
  protected readonly rx: NodeRx;
  protected readonly plant: CarPlant;
  protected readonly codec: Codec;
  protected readonly startMs: number;
  protected readonly heartbeat: RxMessage;
  private readonly safeStateIndex: number;

  constructor(
    readonly name: SimNodeName,
    ctx: NodeContext,
  ) {
    this.codec = ctx.codec;
    this.plant = ctx.plant;
    this.startMs = ctx.startMs;
    this.bus = ctx.network.attach(name);
    this.rx = new NodeRx(ctx.hub);
    this.heartbeat = this.rx.watch('PP_Heartbeat');
    this.safeStateIndex = this.heartbeat.index('PP_SafeStateRequest');
  }

  /** Sends nothing while set (fault can-silence). */
  get silenced(): boolean {
    return this.mute.on;
  }

  set silenced(on: boolean) {
    this.mute.on = on;
  }

  /** Reads the commands it holds (validity at nowMs) into its plant model, before the physics step. */
  abstract apply(nowMs: number, dtMs: number): void;

  /** False for a node without commands (its apply does nothing): the car then skips it every tick. */
  readonly hasCommands: boolean = true;

  /**
   * packpilot is alive (valid, fresh heartbeat) and does not ask for the safe state. When false,
   * every node treats its commands as absent (PP_Heartbeat comment in the DBC).
   */
  packpilotAlive(nowMs: number): boolean {
    return this.heartbeat.valid(nowMs) && this.heartbeat.values[this.safeStateIndex] === 0;
  }

  heartbeatValid(nowMs: number): boolean {
    return this.heartbeat.valid(nowMs);
  }

  /** Registers a cyclic message; `fill` writes its values right before each send. */
  protected cyclic(name: string, fill: (tx: TxMessage, nowMs: number) => void): TxMessage {
    const tx = new TxMessage(this.codec, name);
    const cycleMs = tx.message.message.cycleTimeMs;
    if (cycleMs === undefined) throw new Error(`sim node: ${name} has no GenMsgCycleTime`);
    this.schedules.push(new PeriodicTx(this, tx, cycleMs, this.startMs, fill));
    return tx;
  }

  close(): void {
    void this.bus.close();
  }
}
