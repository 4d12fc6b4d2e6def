// CMU node: one logical cell-monitoring master (CONTRACT.md §4). It measures the whole pack once
// per CMU_CellVoltages cycle and sends every populated mux value once per cycle, in ascending
// order, spread evenly over the cycle (slot k at cycleStart + k × cycle / count; a slot goes out
// at the first physics tick at or after its time, so a 10 ms tick carries 3–4 of the 64 frames).
// Temperatures likewise on their own cycle. Cells or sensors past the pack's count, an open wire,
// and an open or shorted temperature sensor are SNA; a shorted voltage channel reads its (implausible) value.
// CMU_Status every 100 ms: Degraded while any channel is SNA. No commands.
import type { SimBus } from '../../vehicle/can/index.ts';
import { SimNode, type Mute, type NodeContext, type TxSchedule } from './node.ts';
import { TxMessage } from './tx.ts';
import { muxPages } from './mux-page.ts';
import { atRail } from '../plant/cmu.ts';

const CELLS_PER_FRAME = 3;
const SENSORS_PER_FRAME = 4;
const STATE = { init: 0, ok: 1, degraded: 2, fault: 3 } as const;

/** Multiplexed message: `count` frames per cycle, each at its own slot time. */
class MuxTx implements TxSchedule {
  readonly id: number;
  readonly firstDueMs: number;
  private cycleStartMs: number;
  private next = 0;
  /** When slot `next` is due: cycleStartMs + next × cycleMs / count, kept as computed (no division per check). */
  private slotMs: number;
  /** next × cycleMs / count for every slot, made once (the same arithmetic, not one division per frame). */
  private readonly offsetMs: Float64Array;
  private readonly bus: SimBus;
  private readonly mute: Mute;

  constructor(
    readonly node: SimNode,
    private readonly tx: TxMessage,
    private readonly count: number,
    private readonly cycleMs: number,
    startMs: number,
    private readonly fill: (tx: TxMessage, mux: number) => void,
    private readonly onCycleStart: () => void,
  ) {
    this.id = tx.message.id;
    this.cycleStartMs = startMs;
    this.slotMs = startMs;
    this.firstDueMs = startMs;
    this.bus = node.bus;
    this.mute = node.mute;
    this.offsetMs = new Float64Array(count);
    for (let k = 0; k < count; k++) this.offsetMs[k] = (k * cycleMs) / count;
  }

  run(nowMs: number): number {
    while (this.slotMs <= nowMs) {
      if (this.next === 0) this.onCycleStart();
      if (!this.mute.on) {
        this.fill(this.tx, this.next);
        this.tx.send(this.bus);
      }
      if (++this.next === this.count) {
        this.next = 0;
        this.cycleStartMs += this.cycleMs;
      }
      this.slotMs = this.cycleStartMs + this.offsetMs[this.next]!;
    }
    return this.slotMs;
  }
}

export class CmuNode extends SimNode {
  /** Complete voltage cycles sent (the first one ends the Init state). */
  cycles = 0;
  private readonly cellCount: number;
  private readonly sensorCount: number;
  /** Signal index of each slot in the page messages (mux-page.ts) for voltages and temperatures. */
  private readonly vIdx: Int32Array;
  private readonly tIdx: Int32Array;
  private readonly vMuxIdx: number;
  private readonly tMuxIdx: number;
  private readonly st: Record<string, number> = {};
  override readonly hasCommands = false;

  constructor(ctx: NodeContext) {
    super('CMU', ctx);
    const pack = this.plant.pack;
    this.cellCount = pack.cellCount;
    this.sensorCount = pack.sensorCount;
    const vPages = muxPages(this.codec, 'CMU_CellVoltages');
    const tPages = muxPages(this.codec, 'CMU_CellTemps');
    if (vPages.slotIndex.length !== CELLS_PER_FRAME || tPages.slotIndex.length !== SENSORS_PER_FRAME) {
      throw new Error('CMU: the DBC changed the cells or sensors per frame');
    }
    // A page's switch differs from the frame before, so its payload never repeats.
    const volts = new TxMessage(this.codec, vPages.page, { repeats: false });
    const temps = new TxMessage(this.codec, tPages.page, { repeats: false });
    const vFrames = Math.ceil(this.cellCount / CELLS_PER_FRAME);
    const tFrames = Math.ceil(this.sensorCount / SENSORS_PER_FRAME);
    if (vFrames > vPages.pageCount || tFrames > tPages.pageCount) throw new Error('CMU: more cells or sensors than the DBC carries');
    this.vMuxIdx = vPages.switchIndex;
    this.tMuxIdx = tPages.switchIndex;
    this.vIdx = vPages.slotIndex;
    this.tIdx = tPages.slotIndex;
    const cycle = (tx: TxMessage): number => tx.message.message.cycleTimeMs!;
    this.schedules.push(
      new MuxTx(this, volts, vFrames, cycle(volts), this.startMs, (tx, k) => this.fillVoltages(tx, k), () => this.measure()),
      new MuxTx(this, temps, tFrames, cycle(temps), this.startMs, (tx, k) => this.fillTemps(tx, k), () => {}),
    );
    const status = this.cyclic('CMU_Status', (tx) => this.fillStatus(tx));
    for (const s of ['State', 'CellCount', 'SensorCount', 'OpenWireDetected', 'ChainCommError', 'AdcError', 'BalancingActive']) {
      this.st[s] = status.index(`CMU_${s}`);
    }
  }

  apply(): void {}

  /** One measurement of every channel, at the start of each voltage cycle. */
  private measure(): void {
    this.plant.cmu.sample(this.plant.pack);
    this.cycles++;
  }

  private fillVoltages(tx: TxMessage, mux: number): void {
    const cells = this.plant.cmu.cellVoltageV;
    tx.values[this.vMuxIdx] = mux;
    for (let s = 0; s < CELLS_PER_FRAME; s++) {
      const cell = mux * CELLS_PER_FRAME + s;
      tx.setOrSna(this.vIdx[s]!, cell < this.cellCount ? cells[cell]! : NaN);
    }
  }

  private fillTemps(tx: TxMessage, mux: number): void {
    const cmu = this.plant.cmu;
    tx.values[this.tMuxIdx] = mux;
    for (let s = 0; s < SENSORS_PER_FRAME; s++) {
      const sensor = mux * SENSORS_PER_FRAME + s;
      // The CMU sees an open or shorted NTC at a rail and reports SNA (CONTRACT.md CMU_CellTemps).
      const bad = sensor >= this.sensorCount || atRail(cmu.sensorFault(sensor));
      tx.setOrSna(this.tIdx[s]!, bad ? NaN : cmu.temperatureC[sensor]!);
    }
  }

  private fillStatus(tx: TxMessage): void {
    const cmu = this.plant.cmu;
    const openWire = cmu.openCells > 0;
    const badSensor = cmu.railSensors > 0;
    const degraded = openWire || badSensor; // what it reports as SNA; a shorted voltage channel looks like a value
    const v = tx.values;
    v[this.st.State!] = this.cycles === 0 ? STATE.init : degraded ? STATE.degraded : STATE.ok;
    v[this.st.CellCount!] = this.cellCount;
    v[this.st.SensorCount!] = this.sensorCount;
    v[this.st.OpenWireDetected!] = openWire ? 1 : 0;
    v[this.st.ChainCommError!] = 0;
    v[this.st.AdcError!] = 0;
    v[this.st.BalancingActive!] = 0;
  }
}
