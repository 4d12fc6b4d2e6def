// The controller: one tick reads the signal store, runs the domains in order (BMS → mode →
// inlet port → DC session → V2L) and keeps the one view that CAN, the API and the logs use.
// Requests between domains that come "later" in the order (e.g. the DC session asking the BMS
// to close the DC contactors) take effect on the next tick, 10 ms later.
import { bmsStep, createBmsState, bmsFaultHistory, type BmsState, type PersistedBms } from '../../bms/index.ts';
import { createInletPort, type InletPort, type InletState } from '../../inlet/index.ts';
import { dcSessionStep, initialDcSessionState, type DcSessionState, type SocTable } from '../../inlet/dc/index.ts';
import { v2lStep, initialV2lState, type V2lState } from '../../v2l/index.ts';
import type { Codec, CompiledMessage, SignalStore } from '../can/index.ts';
import type { HmiCommand } from '../api/protocol.ts';
import type { CarConfig } from '../config/car-config.ts';
import type { LoopController } from '../loop.ts';
import { initialModeState, modeStep, type ModeInput, type ModeState } from '../mode/mode.ts';
import { CellReader } from './cells.ts';
import { describeEvents, type Decision } from './decisions.ts';
import { BmsInputReader } from './inputs-bms.ts';
import { DcInputReader, chargeCurrentCurve, packVoltageCurve, type DcContext } from './inputs-dc.ts';
import { InletInputReader } from './inputs-inlet.ts';
import { V2lInputReader } from './inputs-v2l.ts';
import { POWER_MESSAGES, type Composer } from './outputs-power.ts';
import { STATUS_MESSAGES } from './outputs-status.ts';
import { RequestKeeper } from './requests.ts';
import { HmiReader, SettingsKeeper, type Settings } from './settings.ts';
import { Signals, type Sig } from './signals.ts';
import { TxValues } from './tx.ts';
import type { ControllerView } from './view.ts';

export interface ControllerOptions {
  config: CarConfig;
  codec: Codec;
  /** SOC and capacity saved by the last run, when trusted. */
  persisted?: PersistedBms;
  startMs?: number;
}

const COMPOSERS: Readonly<Record<string, Composer>> = { ...POWER_MESSAGES, ...STATUS_MESSAGES };

/** How often the remaining-time curve is rebuilt from the pack's temperature (ms, PD: it moves slowly). */
const CURVE_REFRESH_MS = 10_000;

/** Everything that reads the store, made once for the store the loop hands in (signals resolved then). */
interface Readers {
  signals: Signals;
  packCurrent: Sig;
  hmi: HmiReader;
  bms: BmsInputReader;
  inlet: InletInputReader;
  dc: DcInputReader;
  v2l: V2lInputReader;
}

/** The settings as the view shows them: the last snapshot again while nothing changed (a copy per tick otherwise). */
function settingsSnapshot(s: Settings, last: Settings | undefined): Settings {
  if (
    last !== undefined && last.chargeLimitPct === s.chargeLimitPct && last.maxAcCurrentA === s.maxAcCurrentA
    && last.paymentPreference === s.paymentPreference && last.precondition === s.precondition
    && last.departureInMin === s.departureInMin && last.v2lOn === s.v2lOn && last.v2lFloorPct === s.v2lFloorPct
  ) return last;
  return { ...s };
}

/** An AC session that holds the inlet (no array per call: this runs every tick). */
function acBusy(state: string): boolean {
  return state === 'preparing' || state === 'charging' || state === 'stopping';
}

export class Controller implements LoopController {
  readonly config: CarConfig;
  private readonly codec: Codec;
  private readonly tx: TxValues;
  private readonly port: InletPort;
  readonly settings: SettingsKeeper;
  private readers: Readers | undefined;
  private bms: BmsState;
  private inlet: InletState;
  private dc: DcSessionState;
  private v2l: V2lState;
  private mode: ModeState;
  /** The driver's Stop holds AC off until Start or unplug (the DC session keeps its own). */
  private acStopHeld = false;
  private current: ControllerView | undefined;
  private readonly packVoltage: SocTable;
  private chargeCurve: { atMs: number; table: SocTable; curves: DcContext['curves'] } = { atMs: -Infinity, table: [], curves: { chargeCurrent: [], packVoltage: [] } };
  private readonly requests = new RequestKeeper();
  private readonly listeners = new Set<(d: Decision) => void>();

  constructor(options: ControllerOptions) {
    const { config, codec } = options;
    const startMs = options.startMs ?? 0;
    this.config = config;
    this.codec = codec;
    this.tx = new TxValues(codec);
    this.port = createInletPort(config.inlet);
    this.settings = new SettingsKeeper(config.shell);
    this.bms = createBmsState(config.bms, options.persisted);
    this.inlet = this.port.initialState();
    this.dc = initialDcSessionState(startMs);
    this.v2l = initialV2lState(config.v2l, startMs);
    this.mode = initialModeState(startMs);
    this.packVoltage = packVoltageCurve(config.bms);
  }

  /** The latest decisions of every domain; undefined before the first tick. */
  view(): ControllerView | undefined {
    return this.current;
  }

  onDecision(listener: (d: Decision) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A user command from the API or dashboard; applied at the next tick. */
  command(c: HmiCommand): { ok: true } | { ok: false; reason: string } {
    const connector = this.current?.inlet.connector;
    if ((c.cmd === 'charge-start' || c.cmd === 'charge-stop') && !connector?.present) {
      return { ok: false, reason: 'nothing is plugged in' };
    }
    if (c.cmd === 'v2l-on' && connector?.kind !== 'v2l-adapter' && connector?.kind !== 'v2h-device') {
      return { ok: false, reason: 'no V2L adapter is plugged in' };
    }
    this.settings.command(c);
    return { ok: true };
  }

  /** What survives a restart (the shell saves it). */
  persistable(): { bms: PersistedBms; faultHistory: ReturnType<typeof bmsFaultHistory> } | undefined {
    const b = this.current?.bms;
    if (!b || !Number.isFinite(b.socPct)) return undefined;
    return { bms: { socPct: b.socPct, capacityAh: b.capacityAh, uncertaintyPct: b.socUncertaintyPct }, faultHistory: bmsFaultHistory(this.bms) };
  }

  faultHistory(): ReturnType<typeof bmsFaultHistory> {
    return bmsFaultHistory(this.bms);
  }

  /** Composed only when the loop sends the message, from the latest view. */
  txValues(message: string): Readonly<Record<string, number>> | undefined {
    const compose = COMPOSERS[message];
    const m = this.codec.messageByName(message);
    if (compose === undefined || m === undefined || this.current === undefined) return undefined;
    const values = new Float64Array(m.signals.length).fill(NaN);
    const writer = this.tx.writer(m, values);
    writer.begin();
    compose(this.current, writer);
    const out: Record<string, number> = {};
    m.signals.forEach((s, i) => {
      if (!Number.isNaN(values[i])) out[s.name] = values[i]!;
    });
    return out;
  }

  /** The loop's fast path: the same composer, writing by signal index into the loop's array. */
  txComposer(message: CompiledMessage, values: Float64Array): (() => boolean) | undefined {
    const compose = COMPOSERS[message.name];
    if (compose === undefined) return undefined;
    const writer = this.tx.writer(message, values);
    return () => {
      const v = this.current;
      if (v === undefined) return false;
      writer.begin();
      compose(v, writer);
      return true;
    };
  }

  tick(store: SignalStore, nowMs: number): void {
    const r = this.readersFor(store);
    const prev = this.current;
    const cfg = this.config;
    const pulses = this.settings.tick(r.hmi, nowMs);
    const s = this.settings.settings;
    const feedback = r.bms.feedback(nowMs);
    this.acStopHeld = (this.acStopHeld || pulses.chargeStop) && !pulses.chargeStart && (prev === undefined || prev.inlet.connector.present);

    const req = this.requests;
    const bms = bmsStep(this.bms, r.bms.build(req.bmsRequests(prev), feedback, nowMs), nowMs);
    const gear = r.inlet.gear(nowMs);
    const modeInput: ModeInput = {
      gear: gear.valid ? gear.value.gear : undefined,
      speedKph: gear.valid ? gear.value.speedKph : 0,
      // Until the inlet has spoken once, assume something may be plugged (invariant 9).
      plugged: prev === undefined || prev.inlet.connector.present || prev.inlet.driveInhibit,
      acSessionActive: prev !== undefined && acBusy(prev.inlet.acSession.state),
      dcSessionActive: prev?.dc.sessionActive ?? false,
      v2lActive: prev !== undefined && (prev.v2l.state === 'starting' || prev.v2l.state === 'supplying' || prev.v2l.state === 'stopping'),
      criticalFault: bms.outputs.criticalFault,
    };
    const mode = modeStep(this.mode, modeInput, nowMs);

    const inlet = this.port.step(this.inlet, r.inlet.build({
      feedback, bms: bms.outputs,
      hmi: req.inlet(s.maxAcCurrentA, s.chargeLimitPct, this.acStopHeld),
      dcRequest: req.dcRequest(prev),
      v2lRequest: req.v2lRequest(prev),
      vehicle: gear,
    }, nowMs), nowMs);

    const dcIn = r.dc.build({
      config: cfg.dc, bmsConfig: cfg.bms, bms: bms.outputs, feedback, inlet: inlet.outputs,
      hmi: req.dcHmi(s.chargeLimitPct, pulses.chargeStart, pulses.chargeStop, s.paymentPreference === 'pnc' ? 'pnc' : 'eim'),
      announceMaxVoltageV: cfg.shell.announceMaxVoltageV,
      curves: this.curves(bms.outputs.cellTempMeanC, nowMs),
    }, nowMs);
    // Mode arbitration has the last word on DC: never out of Park (DESIGN.md §7).
    dcIn.port.dcAllowed &&= mode.permissions.dcChargeAllowed || (prev?.dc.sessionActive === true && mode.state.mode === 'dc-charge');
    const dc = dcSessionStep(this.dc, dcIn, nowMs);

    const v2l = v2lStep(this.v2l, r.v2l.build({
      config: cfg.v2l, inlet: inlet.outputs, bms: bms.outputs, feedback,
      chargingActive: dc.outputs.sessionActive || acBusy(inlet.outputs.acSession.state),
      nominalVoltageV: cfg.shell.nominalVoltageV,
      hmi: req.v2lHmi(s.v2lOn && !pulses.v2lRetrigger, pulses.v2lReset, s.v2lFloorPct),
    }, nowMs), nowMs);

    this.bms = bms.state;
    this.mode = mode.state;
    this.inlet = inlet.state;
    this.dc = dc.state;
    this.v2l = v2l.state;
    const packCurrentA = r.signals.peek(r.packCurrent, nowMs);
    const packCurrentValid = r.signals.store.peekValid;
    this.current = {
      nowMs, mode: mode.state, permissions: mode.permissions,
      bms: bms.outputs, inlet: inlet.outputs, dc: dc.outputs, v2l: v2l.outputs, settings: settingsSnapshot(s, prev?.settings),
      packCurrentA: packCurrentValid ? packCurrentA : NaN, bmsConfig: cfg.bms, shell: cfg.shell,
    };
    if (this.listeners.size > 0 && (mode.event !== undefined || bms.events.length + inlet.events.length + dc.events.length + v2l.events.length > 0)) {
      for (const d of describeEvents(nowMs, mode.event, bms.events, inlet.events, dc.events, v2l.events)) for (const l of this.listeners) l(d);
    }
  }

  /** The readers of the loop's store, made on the first tick (one loop, one store, for a controller's life). */
  private readersFor(store: SignalStore): Readers {
    if (this.readers !== undefined) return this.readers;
    const signals = new Signals(store, this.codec);
    const cells = new CellReader(store, this.config.bms.pack.seriesCells, this.config.bms.pack.tempSensors);
    const readers: Readers = {
      signals, packCurrent: signals.sig('SHUNT_PackCurrent'), hmi: new HmiReader(signals),
      bms: new BmsInputReader(signals, cells), inlet: new InletInputReader(signals), dc: new DcInputReader(signals), v2l: new V2lInputReader(signals),
    };
    this.readers = readers;
    return readers;
  }

  /** The DC session's curves: the same object until the charge-current curve is rebuilt. */
  private curves(tempC: number, nowMs: number): DcContext['curves'] {
    if (nowMs - this.chargeCurve.atMs >= CURVE_REFRESH_MS || this.chargeCurve.table.length === 0) {
      const table = chargeCurrentCurve(this.config.bms, Number.isFinite(tempC) ? tempC : 25);
      this.chargeCurve = { atMs: nowMs, table, curves: { chargeCurrent: table, packVoltage: this.packVoltage } };
    }
    return this.chargeCurve.curves;
  }
}
