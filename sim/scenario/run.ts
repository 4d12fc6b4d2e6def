// Runs one scenario: the simulated car (sim/car.ts) and the real packpilot controller and loop on
// one SimNetwork under one SimClock, the timeline applied at its times, the invariants and metrics
// judged on every control tick, until the stop condition. Same scenario and seed → same results
// (apart from wallTimeS and speedX).
import { createSimNetwork, packpilotCodec } from '../../vehicle/can/index.ts';
import { SimClock } from '../../vehicle/clock/index.ts';
import { Controller } from '../../vehicle/controller/controller.ts';
import type { Decision } from '../../vehicle/controller/decisions.ts';
import { startLoop } from '../../vehicle/loop.ts';
import { createSimCar, type SimCar } from '../car.ts';
import { InvariantChecker } from '../invariants.ts';
import type { DcChargerQuirks } from '../plant/ccc-protocol.ts';
import { checkExpectations } from '../report/expectations.ts';
import { MetricsRecorder, round, type ChargeCurvePoint } from '../report/metrics.ts';
import { controllerSetup, invariantLimits } from './run-config.ts';
import { TickObserver } from './run-observe.ts';
import { boundedFaults, faultFromDecision, finalState, isNoisyDecision, mergeEvents, v2lResult, type FaultRecord, type Results } from './run-results.ts';
import type { Scenario, ScenarioEvent } from './types.ts';

export type { Results } from './run-results.ts';

export interface RunProgress {
  simTimeS: number;
  /** The time bound (stop.timeS). */
  endTimeS: number;
  socPct: number;
  /** Stop SOC when the scenario has one. */
  stopSocPct: number | null;
  startSocPct: number;
}

export interface RunOptions {
  /** Overrides the scenario's seed. */
  seed?: number;
  /** Called about once per simulated second. */
  onProgress?: (p: RunProgress) => void;
}

export interface ScenarioRun {
  results: Results;
  /** The charge curve for the plot. */
  curve: ChargeCurvePoint[];
  /** The ticks before the first violation, else null; and the last ticks of the run. */
  failureTicks: string[] | null;
  lastTicks: string[];
}

/** The runner advances simulated time in these steps, checking the stop condition between them (ms). */
const STEP_MS = 100;
const PROGRESS_EVERY_MS = 1000;
/** After a `when` condition (a session ended, V2L stopped, a fault) the run goes on this long so the
 *  final state shows the aftermath: contactors opened, the lock released (PD: mains open ~0.1 s after
 *  a session's end, the lock travels 0.5 s). Never past stop.timeS. */
const SETTLE_AFTER_WHEN_MS = 3000;

export function runScenario(scenario: Scenario, options: RunOptions = {}): Results {
  return runScenarioTraced(scenario, options).results;
}

/** Everything one run wires together. */
interface Rig {
  clock: SimClock;
  car: SimCar;
  controller: Controller;
  checker: InvariantChecker;
  recorder: MetricsRecorder;
  observer: TickObserver;
  decisions: Decision[];
  faults: FaultRecord[];
  notes: string[];
  stop(): void;
}

/** The car and the real controller on one bus and clock, the loop at scenario.tickMs, the observer on every tick. */
function buildRig(scenario: Scenario, seed: number): Rig {
  const clock = new SimClock();
  const network = createSimNetwork({ clock });
  const codec = packpilotCodec();
  const car = createSimCar({
    vehicle: scenario.vehicle, charger: scenario.charger, adapter: scenario.adapter, load: scenario.load,
    initial: scenario.initial, seed, clock, network, codec,
  });
  const setup = controllerSetup(scenario.vehicle);
  const controller = new Controller({ config: setup.config, codec });
  const decisions: Decision[] = [];
  const faults: FaultRecord[] = [];
  const unlisten = controller.onDecision((d) => {
    if (!isNoisyDecision(d)) decisions.push(d);
    const f = faultFromDecision(d, controller.view());
    if (f !== null) faults.push(f);
  });
  const checker = new InvariantChecker(invariantLimits(setup.config));
  const recorder = new MetricsRecorder();
  const observer = new TickObserver(scenario, car, controller, checker, recorder);
  const loop = startLoop({
    bus: network.attach('PACKPILOT'), clock, codec, controller, tickMs: scenario.tickMs,
    observer: { afterTick: (nowMs) => observer.afterTick(nowMs) },
  });
  return {
    clock, car, controller, checker, recorder, observer, decisions, faults, notes: setup.notes,
    stop: () => {
      loop.stop();
      unlisten();
    },
  };
}

export function runScenarioTraced(scenario: Scenario, options: RunOptions = {}): ScenarioRun {
  const wallStart = performance.now();
  const seed = options.seed ?? scenario.seed;
  const rig = buildRig(scenario, seed);
  const { clock, observer } = rig;
  let error: string | null = null;
  for (const e of scenario.events) {
    clock.at(e.atS * 1000, () => {
      if (error !== null) return;
      try {
        applyEvent(rig.car, e);
      } catch (err) {
        error = `event at ${e.atS} s (${e.do}): ${(err as Error).message}`;
      }
    });
  }
  const endMs = scenario.stop.timeS * 1000;
  const running = (): boolean => {
    if (error !== null) return false;
    if (observer.stopWhy === null) return true;
    return clock.nowMs() < Math.min(endMs, observer.stopMetMs + (observer.stopByWhen ? SETTLE_AFTER_WHEN_MS : 0));
  };
  let nextProgressMs = 0;
  while (running()) {
    clock.advanceBy(STEP_MS);
    if (options.onProgress !== undefined && clock.nowMs() >= nextProgressMs) {
      nextProgressMs += PROGRESS_EVERY_MS;
      options.onProgress({
        simTimeS: clock.nowMs() / 1000, endTimeS: scenario.stop.timeS, socPct: observer.sample.socPct,
        stopSocPct: scenario.stop.socPct ?? null, startSocPct: scenario.initial.socPct,
      });
    }
  }
  rig.stop();
  const results = assemble(scenario, rig, seed, error, (performance.now() - wallStart) / 1000);
  rig.car.stop();
  return { results, curve: rig.recorder.curve, failureTicks: observer.firstFailureTicks, lastTicks: observer.lastTicks() };
}

function assemble(scenario: Scenario, rig: Rig, seed: number, error: string | null, wallTimeS: number): Results {
  const simTimeS = rig.clock.nowMs() / 1000;
  const merged = mergeEvents(rig.car.events, rig.decisions, rig.notes);
  const results: Results = {
    name: scenario.name,
    seed,
    ok: false,
    stopReason: error !== null ? 'error' : rig.observer.stopWhy!,
    error,
    simTimeS: round(simTimeS, 2),
    wallTimeS: round(wallTimeS, 2),
    speedX: round(simTimeS / Math.max(wallTimeS, 1e-6), 0),
    ...rig.recorder.result(),
    finalState: finalState(rig.car.truth(), rig.controller.view()),
    faults: boundedFaults(rig.faults),
    events: merged.events,
    eventsOmitted: merged.omitted,
    v2l: v2lResult(rig.observer.v2l),
    violationCount: rig.checker.count,
    violations: rig.checker.violations,
    expectations: [],
    failedExpectations: 0,
  };
  results.expectations = checkExpectations(results, scenario.expect);
  results.failedExpectations = results.expectations.filter((x) => !x.ok).length;
  results.ok = error === null && rig.checker.count === 0 && results.failedExpectations === 0;
  return results;
}

/** One timeline event through the car's own methods (the driver, the station, the fault injector). */
function applyEvent(car: SimCar, e: ScenarioEvent): void {
  switch (e.do) {
    case 'plug':
      car.plug(e.adapter);
      return;
    case 'unplug':
      car.unplug();
      return;
    case 'gear':
      car.gear(e.gear);
      return;
    case 'hmi': {
      const { atS: _atS, do: _do, ...input } = e;
      car.hmi(input);
      return;
    }
    case 'fault': {
      const { atS: _atS, do: _do, fault, ...options } = e;
      car.fault(fault, options);
      return;
    }
    case 'quirk':
      car.quirk(e.quirk, e.value as DcChargerQuirks[typeof e.quirk]);
      return;
  }
}
