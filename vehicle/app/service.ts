// The running service: the controller on the tick loop over a bus and a clock, with the
// recorder, pino decision log, persisted state, local API, dashboard and systemd notifications
// around it. Everything is injected (bus, clocks, paths), so tests run it on a SimClock with no
// real timers; main.ts builds the real thing.
import type { PersistedBms } from '../../bms/index.ts';
import { startApiServer, type ApiServer } from '../api/server.ts';
import type { HmiCommand } from '../api/protocol.ts';
import { packpilotCodec, type CanBus, type CanFrame, type Codec } from '../can/index.ts';
import type { Clock } from '../clock/clock.ts';
import type { CarConfig } from '../config/car-config.ts';
import { Controller } from '../controller/controller.ts';
import { startDashboard, type Dashboard } from '../dashboard/index.ts';
import { startLoop, type RunningLoop } from '../loop.ts';
import { loadPersistedState, savePersistedState, type FaultHistoryEntry } from '../persist/persisted-state.ts';
import { Recorder } from '../recorder/recorder.ts';
import type { SystemdNotifier } from '../systemd/notify.ts';
import { ServiceBackend } from './backend.ts';
import { FaultBook } from './fault-book.ts';
import { RunRecorder } from './recording.ts';
import { every, type Periodic } from './periodic.ts';

/** pino's Logger fits. */
export interface ServiceLog {
  info(fields: object, msg: string): void;
  warn(fields: object, msg: string): void;
  error(fields: object, msg: string): void;
}

export interface ServiceOptions {
  config: CarConfig;
  bus: CanBus;
  /** The loop's clock: RealClock on the car, a SimClock in the demo and tests. */
  clock: Clock;
  /** Clock for the service's own chores (flush, save, status events, watchdog): wall time. */
  wallClock: Clock;
  codec?: Codec;
  /** Recording folder, or null for none. */
  recordDir: string | null;
  /** State file, or null to neither load nor save. */
  stateFile: string | null;
  api: { control: string; readOnly?: string } | null;
  dashboard: { host: string; port: number; token: string | null | undefined } | null;
  log: ServiceLog;
  notifier?: SystemdNotifier;
  /** Called after every control tick (the demo's script and invariant checks). */
  afterTick?: (nowMs: number) => void;
  /** Chores' periods (ms of wall time); defaults from DESIGN.md §9 and the brief. */
  periods?: Partial<Periods>;
}

export interface Periods {
  flushMs: number;
  saveMs: number;
  statusEventMs: number;
  /** Late ticks are summed up in one warning per this period, never one per tick. */
  lateReportMs: number;
}

const DEFAULT_PERIODS: Periods = { flushMs: 200, saveMs: 60_000, statusEventMs: 1000, lateReportMs: 10_000 };
/** A tick later than this (ms) counts as not on time for the watchdog (PD: 10 ticks of 10 ms). */
const WATCHDOG_LATE_MS = 100;
/** A tick this late (ms) is counted in the late-loop warning (PD: two 10 ms ticks; the PDU's command timeout is 60 ms). */
const LATE_TICK_MS = 20;

export interface RunningService {
  readonly controller: Controller;
  readonly backend: ServiceBackend;
  readonly loop: RunningLoop;
  readonly dashboard: Dashboard | undefined;
  /** Where the persisted state came from, or why none was used. */
  readonly persistedNote: string;
  /** Resolves after the first tick. */
  readonly ready: Promise<void>;
  /** Saves the state now (also on a period and at stop). */
  save(): void;
  /** Stops everything in order and saves the state; safe to call twice. */
  stop(): Promise<void>;
}

export async function startService(o: ServiceOptions): Promise<RunningService> {
  const periods = { ...DEFAULT_PERIODS, ...o.periods };
  const codec = o.codec ?? packpilotCodec();
  const { persisted, savedFaults, note } = loadState(o.stateFile);
  o.log.info({ stateFile: o.stateFile, persisted }, note);
  const startMs = o.clock.nowMs();
  const controller = new Controller({ config: o.config, codec, persisted, startMs });
  const faultBook = new FaultBook(() => controller.faultHistory(), savedFaults);
  const backend = new ServiceBackend(controller, faultBook);
  const rec = o.recordDir === null ? undefined : new RunRecorder(new Recorder({ dir: o.recordDir, maxFileBytes: o.config.shell.recorder.maxFileBytes, maxTotalBytes: o.config.shell.recorder.maxTotalBytes }), o.bus.name);

  const stopLogging = controller.onDecision((d) => {
    rec?.decision(d);
    o.log.info({ tMs: Math.round(d.tMs), source: d.source, ...d.detail }, d.what);
  });
  const stopCommandLog = backend.subscribe((e) => {
    if (e.event !== 'command') return;
    const { command, ok, reason } = e.data as { command: HmiCommand; ok: boolean; reason?: string };
    rec?.command(o.clock.nowMs(), command, { ok });
    o.log.info({ command, ok, reason }, `user command ${command.cmd}${ok ? '' : ` refused: ${reason}`}`);
  });

  let lastTickMs = -Infinity;
  let lastLateMs = 0;
  const late = { ticks: 0, maxMs: 0 };
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const loop = startLoop({
    bus: o.bus, clock: o.clock, codec, controller, tickMs: o.config.shell.tickMs,
    observer: {
      frame: rec ? (dir, f, nowMs) => rec.frame(dir, f, dir === 'rx' ? (f as CanFrame).timestampMs ?? nowMs : nowMs) : undefined,
      afterTick: (nowMs, lateMs) => {
        rec?.tick(nowMs);
        backend.afterTick();
        if (lastTickMs === -Infinity) {
          markReady();
          o.notifier?.ready(`controlling ${o.bus.name}`);
        }
        lastTickMs = nowMs;
        lastLateMs = lateMs;
        if (lateMs > LATE_TICK_MS) {
          late.ticks++;
          late.maxMs = Math.max(late.maxMs, lateMs);
        }
        o.afterTick?.(nowMs);
      },
      encodeError: (message, error) => o.log.error({ message, err: error.message }, 'cannot encode an outgoing message'),
    },
  });
  // Written now, before any frame or tick (both come from timers): replay rebuilds the
  // controller at startMs and the loop's transmit grid at loopStartMs. Tick records are written
  // in afterTick, after the tick's tx frames: replay runs each tick where its marker stands.
  rec?.run(startMs, { config: o.config, persisted: persisted ?? null, tickMs: o.config.shell.tickMs, loopStartMs: loop.startMs, bus: o.bus.name, startedAt: new Date().toISOString() });
  backend.attachStore(loop.store);

  const save = (): void => {
    if (o.stateFile === null) return;
    const p = controller.persistable();
    if (!p) return;
    try {
      savePersistedState(o.stateFile, {
        socPct: p.bms.socPct, socUncertaintyPct: p.bms.uncertaintyPct, capacityAh: p.bms.capacityAh,
        faultHistory: faultBook.persistable(), savedAt: new Date().toISOString(),
      });
    } catch (err) {
      o.log.warn({ err: (err as Error).message, stateFile: o.stateFile }, 'could not save the state');
    }
  };

  const chores: Periodic[] = [
    every(o.wallClock, periods.flushMs, () => rec?.flush()),
    every(o.wallClock, periods.saveMs, save),
    every(o.wallClock, periods.statusEventMs, () => backend.publishStatus()),
    every(o.wallClock, periods.lateReportMs, () => {
      if (late.ticks === 0) return;
      o.log.warn({ lateTicks: late.ticks, maxLateMs: Math.round(late.maxMs) }, `control loop ran late: ${late.ticks} ticks more than ${LATE_TICK_MS} ms late (worst ${Math.round(late.maxMs)} ms)`);
      late.ticks = 0;
      late.maxMs = 0;
    }),
  ];
  const watchdogMs = o.notifier?.watchdogIntervalMs;
  if (watchdogMs !== undefined) {
    let ticksSeen = 0;
    chores.push(every(o.wallClock, watchdogMs, () => {
      // Only while ticks run on time: a stalled or late loop lets systemd restart us.
      if (loop.ticks > ticksSeen && lastLateMs < WATCHDOG_LATE_MS) o.notifier!.watchdog();
      ticksSeen = loop.ticks;
    }));
  }

  let api: ApiServer | undefined;
  let dashboard: Dashboard | undefined;
  try {
    if (o.api) api = await startApiServer(backend, { controlSocketPath: o.api.control, readOnlySocketPath: o.api.readOnly });
    if (o.dashboard) {
      dashboard = await startDashboard({ source: backend.dashboardSource(), port: o.dashboard.port, host: o.dashboard.host, token: o.dashboard.token, log: o.log });
    }
  } catch (err) {
    loop.stop();
    for (const c of chores) c.cancel();
    stopLogging();
    stopCommandLog();
    backend.close();
    await api?.close();
    await o.bus.close();
    rec?.close();
    throw err;
  }

  let stopping: Promise<void> | undefined;
  return {
    controller, backend, loop, dashboard, ready, save,
    persistedNote: note,
    stop() {
      stopping ??= (async () => {
        o.notifier?.stopping();
        loop.stop();
        for (const c of chores) c.cancel();
        stopLogging();
        stopCommandLog();
        await o.bus.close();
        await api?.close();
        await dashboard?.close();
        backend.close();
        rec?.close();
        save();
        o.log.info({ ticks: loop.ticks }, 'stopped');
      })();
      return stopping;
    },
  };
}

function loadState(path: string | null): { persisted: PersistedBms | undefined; savedFaults: FaultHistoryEntry[]; note: string } {
  if (path === null) return { persisted: undefined, savedFaults: [], note: 'no state file: SOC from the cells at rest' };
  const r = loadPersistedState(path);
  if (!r.ok) return { persisted: undefined, savedFaults: [], note: `saved state not used: ${r.reason}` };
  const s = r.state;
  return {
    persisted: { socPct: s.socPct, capacityAh: s.capacityAh, uncertaintyPct: s.socUncertaintyPct },
    savedFaults: s.faultHistory,
    note: `saved state loaded from ${path} (saved ${s.savedAt})`,
  };
}
