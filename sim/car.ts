// The simulated car around packpilot (DESIGN.md §1, §8): every plant model (sim/plant) and one CAN
// node per DBC node on one SimNetwork and one clock. Physics advances in lockstep with the clock on
// a fixed 10 ms tick (a timer of its own): nodes read their commands into the models, the models
// step, then every node sends what is due, in CAN-id order. The scenario runner drives it through
// plug / unplug / hmi / gear / fault / quirk and reads truth().
import type { Clock, TimerHandle } from '../vehicle/clock/clock.ts';
import type { Codec, SimNetwork } from '../vehicle/can/index.ts';
import { packpilotCodec } from '../vehicle/can/index.ts';
import { createRandom } from './random.ts';
import { createCarPlant, type CarPlant } from './plant/car-plant.ts';
import type { DcChargerQuirks } from './plant/ccc-protocol.ts';
import {
  BoostNode, CccNode, CmuNode, HmiNode, ImdNode, InletNode, InvNode, ObcNode, PduNode, RxHub, ShuntNode, TmsNode, VehNode,
  type HmiInput, type Mute, type NodeContext, type SimNode, type SimNodeName, type TxSchedule,
} from './nodes/index.ts';
import {
  plantOptions, resolveAdapter, type AdapterChoice, type ChargerChoice, type LoadChoice, type SimCarInitial, type VehicleChoice,
} from './car-setup.ts';
import { injectFault, type FaultOptions } from './car-faults.ts';
import { emptyTruth, refreshTruth, type Truth, type TruthSources } from './truth.ts';
import type { FaultName, Gear, QuirkName } from './scenario/types.ts';

/** Physics tick: the SHUNT_Current cycle, so each current frame is the mean of exactly one step. */
export const PHYSICS_TICK_MS = 10;

export interface SimCarOptions {
  vehicle: VehicleChoice;
  charger?: ChargerChoice | null;
  /** What plug() plugs when called without an argument. */
  adapter?: AdapterChoice | null;
  load?: LoadChoice | null;
  initial: SimCarInitial;
  seed: number;
  clock: Clock;
  network: SimNetwork;
  /** Default: packpilot's DBC, compiled once per process. */
  codec?: Codec;
}

export interface CarEvent {
  tMs: number;
  kind: 'plug' | 'unplug' | 'unplug-refused' | 'latch' | 'manual-release' | 'hmi' | 'gear' | 'fault' | 'fault-cleared' | 'quirk';
  detail: string;
}

export interface SimCar {
  readonly plant: CarPlant;
  readonly nodes: ReadonlyMap<SimNodeName, SimNode>;
  /** What happened to the car from outside, in order. */
  readonly events: readonly CarEvent[];
  /** Plugs the station's connector (through an adapter) or an outlet adapter; default: the car's `adapter`. */
  plug(adapter?: AdapterChoice | null): void;
  /** Pulls the plug; false (and nothing changes) while the lock holds it. */
  unplug(): boolean;
  /** The handle's latch button (PP 150 → 480 Ω). */
  pressLatch(pressed: boolean): void;
  /** The inlet's emergency release cable. */
  manualRelease(): void;
  /** Sets the HMI's held request levels. */
  hmi(input: HmiInput): void;
  /** The driver's gear selector (the car leaves P only while packpilot allows driving). */
  gear(g: Gear): void;
  fault(name: FaultName, options?: FaultOptions): void;
  /** Switches a charger quirk on now (sim/plant/ccc-protocol.ts DcChargerQuirks). */
  quirk(name: QuirkName, value?: DcChargerQuirks[QuirkName]): void;
  /** The physical state now (one object refreshed per call). */
  truth(): Truth;
  /** Stops the physics timer and detaches every node. */
  stop(): void;
}

export function createSimCar(options: SimCarOptions): SimCar {
  return new Car(options);
}

class Car implements SimCar {
  readonly plant: CarPlant;
  readonly nodes = new Map<SimNodeName, SimNode>();
  readonly events: CarEvent[] = [];
  private readonly clock: Clock;
  private readonly defaultAdapter: AdapterChoice | null;
  private readonly order: SimNode[] = [];
  /** The nodes with commands to apply before each physics step (in `order`). */
  private readonly appliers: SimNode[];
  private readonly schedules: TxSchedule[];
  /** When each schedule is due next (same order): most ticks send 8 of the 40. */
  private readonly dueMs: Float64Array;
  private readonly hmiNode: HmiNode;
  private readonly vehNode: VehNode;
  private readonly pduNode: PduNode;
  private readonly truthView: Truth;
  /** What refreshTruth reads besides the plant: one object refilled per truth() call (it runs every tick). */
  private readonly truthSources: TruthSources;
  /** Which nodes truthView.silenced lists, one bit per node in `order` (it changes only with a fault). */
  private silencedMask = 0;
  /** Each node's silence switch, in `order`. */
  private readonly mutes: Mute[];
  private readonly hub: RxHub;
  private nextTickMs: number;
  private stopped = false;
  private timer: TimerHandle | undefined;
  private readonly tickBound = (): void => this.tick();

  constructor(o: SimCarOptions) {
    this.clock = o.clock;
    this.defaultAdapter = o.adapter ?? null;
    const random = createRandom(o.seed);
    this.plant = createCarPlant(plantOptions(o.vehicle, o.charger, o.load, o.initial), random);
    const nodeRandom = random.fork('nodes');
    this.nextTickMs = o.clock.nowMs() + PHYSICS_TICK_MS;
    const codec = o.codec ?? packpilotCodec();
    this.hub = new RxHub(o.network, codec);
    const ctx = (name: SimNodeName): NodeContext => ({
      codec, network: o.network, hub: this.hub, plant: this.plant, random: nodeRandom.fork(name),
      startMs: this.nextTickMs,
    });
    const add = <N extends SimNode>(node: N): N => {
      this.nodes.set(node.name, node);
      this.order.push(node);
      return node;
    };
    add(new CmuNode(ctx('CMU')));
    add(new ShuntNode(ctx('SHUNT')));
    add(new ImdNode(ctx('IMD')));
    this.pduNode = add(new PduNode(ctx('PDU')));
    add(new InletNode(ctx('INLET')));
    add(new CccNode(ctx('CCC')));
    if (this.plant.boost !== null) add(new BoostNode(ctx('BOOST')));
    add(new ObcNode(ctx('OBC')));
    add(new InvNode(ctx('INV')));
    add(new TmsNode(ctx('TMS')));
    this.hmiNode = add(new HmiNode(ctx('HMI')));
    this.vehNode = add(new VehNode(ctx('VEH'), o.initial.gear ?? 'P'));
    this.appliers = this.order.filter((n) => n.hasCommands);
    this.mutes = this.order.map((n) => n.mute);
    // Frames due at the same tick leave in CAN-id order, as arbitration would send them.
    this.schedules = this.order.flatMap((n) => n.schedules).sort((a, b) => a.id - b.id);
    this.dueMs = Float64Array.from(this.schedules, (s) => s.firstDueMs);
    this.truthView = emptyTruth(this.hmiNode.display(o.clock.nowMs()));
    this.truthSources = {
      plant: this.plant, gear: 'P', gearRequest: 'P', driveInhibited: true, pduTripped: false,
      silenced: this.truthView.silenced, display: this.truthView.display, nowMs: 0,
    };
    this.timer = this.clock.at(this.nextTickMs, this.tickBound);
  }

  private tick(): void {
    if (this.stopped) return;
    const nowMs = this.clock.nowMs();
    const appliers = this.appliers;
    for (let i = 0; i < appliers.length; i++) appliers[i]!.apply(nowMs, PHYSICS_TICK_MS);
    this.plant.step(PHYSICS_TICK_MS);
    const schedules = this.schedules;
    const due = this.dueMs;
    for (let i = 0; i < schedules.length; i++) if (nowMs >= due[i]!) due[i] = schedules[i]!.run(nowMs);
    this.nextTickMs += PHYSICS_TICK_MS;
    this.timer = this.clock.at(this.nextTickMs, this.tickBound);
  }

  private note(kind: CarEvent['kind'], detail: string): void {
    this.events.push({ tMs: this.clock.nowMs(), kind, detail });
  }

  plug(adapter?: AdapterChoice | null): void {
    const spec = resolveAdapter(adapter === undefined ? this.defaultAdapter : adapter);
    if (this.plant.inlet.plug !== null) throw new Error('plug: something is already plugged in (unplug first)');
    this.plant.plug(spec);
    this.note('plug', spec?.name ?? 'handle');
  }

  unplug(): boolean {
    const ok = this.plant.unplug();
    this.note(ok ? 'unplug' : 'unplug-refused', ok ? '' : `lock ${this.plant.inlet.lockPosition}`);
    return ok;
  }

  pressLatch(pressed: boolean): void {
    this.plant.inlet.pressLatch(pressed);
    this.note('latch', pressed ? 'pressed' : 'released');
  }

  manualRelease(): void {
    this.plant.inlet.manualRelease();
    this.note('manual-release', '');
  }

  hmi(input: HmiInput): void {
    this.hmiNode.set(input, this.clock.nowMs());
    this.note('hmi', JSON.stringify(input));
  }

  gear(g: Gear): void {
    this.vehNode.requestGear(g);
    this.note('gear', g);
  }

  fault(name: FaultName, options: FaultOptions = {}): void {
    const clear = injectFault(this.plant, this.nodes, name, options);
    const what = describeFault(name, options);
    this.note('fault', what);
    if (options.durationS !== undefined) {
      this.clock.at(this.clock.nowMs() + options.durationS * 1000, () => {
        clear();
        this.note('fault-cleared', what);
      });
    }
  }

  quirk(name: QuirkName, value?: DcChargerQuirks[QuirkName]): void {
    const dc = this.plant.dcCharger;
    if (dc === null) throw new Error(`quirk ${name}: the car has no DC charger to apply it to`);
    (dc.quirks as Record<string, unknown>)[name] = value ?? true;
    this.note('quirk', `${name}=${JSON.stringify(value ?? true)}`);
  }

  truth(): Truth {
    const nowMs = this.clock.nowMs();
    const mutes = this.mutes;
    const silenced = this.truthView.silenced;
    let mask = 0;
    for (let i = 0; i < mutes.length; i++) if (mutes[i]!.on) mask |= 1 << i;
    if (mask !== this.silencedMask) {
      this.silencedMask = mask;
      silenced.length = 0;
      for (const n of this.order) if (n.silenced) silenced.push(n.name);
    }
    const src = this.truthSources;
    const veh = this.vehNode;
    src.nowMs = nowMs;
    src.gear = veh.gear;
    src.gearRequest = veh.gearRequest;
    src.driveInhibited = veh.driveInhibited;
    src.pduTripped = this.pduNode.tripped;
    src.silenced = silenced;
    src.display = this.hmiNode.display(nowMs);
    return refreshTruth(this.truthView, src);
  }

  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
    this.timer = undefined;
    this.hub.close();
    for (const n of this.order) n.close();
  }
}

function describeFault(name: FaultName, o: FaultOptions): string {
  const parts = Object.entries(o).map(([k, v]) => `${k}=${String(v)}`);
  return parts.length > 0 ? `${name} (${parts.join(', ')})` : name;
}
