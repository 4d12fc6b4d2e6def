// The whole stack for controller tests: packpilot's Controller on the real tick loop, the simulated
// car around it on one SimNetwork and one SimClock, and a checker of DESIGN.md §7 that reads the
// car's physical truth (and packpilot's outgoing values) after every 10 ms tick.
import { createSimNetwork, packpilotCodec } from '../../../vehicle/can/index.ts';
import { SimClock } from '../../../vehicle/clock/index.ts';
import { startLoop } from '../../../vehicle/loop.ts';
import { Controller } from '../../../vehicle/controller/controller.ts';
import type { ControllerView } from '../../../vehicle/controller/view.ts';
import { CAR_PRESETS } from '../../../vehicle/config/car-config.ts';
import { createSimCar, type SimCar, type SimCarOptions } from '../../../sim/car.ts';
import type { Truth } from '../../../sim/truth.ts';

export const TICK_MS = 10;
/** DESIGN.md §7.2 and reference/pilot.md §7: touch-safe inlet. */
const UNLOCK_MAX_INLET_V = 60;
const UNLOCK_MAX_CURRENT_A = 1;
/** inlet/dc presets: the upward ramp of the request (A/s), with the 10 ms tick's rounding. */
const RAMP_A_PER_S = 50;

export interface Stack {
  clock: SimClock;
  car: SimCar;
  controller: Controller;
  /** Every invariant breach seen so far, with its time (empty is the expectation). */
  violations: string[];
  view(): ControllerView;
  truth(): Truth;
  /** Advances tick by tick, checking the invariants, until done() or maxMs; the time it took (Infinity if never). */
  runUntil(done: (s: Stack) => boolean, maxMs: number): number;
  run(ms: number): void;
}

type Options = Partial<Omit<SimCarOptions, 'clock' | 'network' | 'vehicle'>> & { vehicle: 'car-400v' | 'car-800v' };

export function aStack(o: Options): Stack {
  const clock = new SimClock();
  const network = createSimNetwork({ clock });
  const codec = packpilotCodec();
  const car = createSimCar({ initial: { socPct: 30, cellTempC: 25 }, seed: 1, ...o, clock, network, codec });
  const controller = new Controller({ config: CAR_PRESETS[o.vehicle], codec });
  startLoop({ bus: network.attach('PACKPILOT'), clock, codec, controller, tickMs: TICK_MS });
  const violations: string[] = [];
  const check = invariantChecker(controller, violations);
  const stack: Stack = {
    clock, car, controller, violations,
    view: () => controller.view()!,
    truth: () => car.truth(),
    runUntil(done, maxMs) {
      const start = clock.nowMs();
      while (clock.nowMs() - start < maxMs) {
        clock.advanceBy(TICK_MS);
        check(car.truth(), clock.nowMs());
        if (done(stack)) return clock.nowMs() - start;
      }
      return Infinity;
    },
    run(ms) {
      stack.runUntil(() => false, ms);
    },
  };
  return stack;
}

/** DESIGN.md §7 invariants 1, 2, 3, 4, 7 and 9, from the truth and packpilot's outgoing frames. */
function invariantChecker(controller: Controller, out: string[]): (t: Truth, nowMs: number) => void {
  let lastLock: Truth['lock'] | null = null;
  let lastRequestA = 0;
  const note = (nowMs: number, what: string) => {
    if (out.length < 20) out.push(`${(nowMs / 1000).toFixed(2)} s: ${what}`);
  };
  return (t, nowMs) => {
    const v = controller.view();
    if (v === undefined) return;
    if (t.obcRelayClosed && t.dcClosed) note(nowMs, '1: OBC relay and DC contactors closed together');
    if (lastLock === 'locked' && t.lock !== 'locked' && !t.manualRelease
      && (t.inletVoltageV > UNLOCK_MAX_INLET_V || Math.abs(t.inletCurrentA) > UNLOCK_MAX_CURRENT_A)) {
      note(nowMs, `2: unlocking with ${t.inletVoltageV.toFixed(0)} V, ${t.inletCurrentA.toFixed(1)} A on the inlet`);
    }
    lastLock = t.lock;
    const requestA = v.dc.currentRequestA;
    if (v.dc.plan?.path !== 'boost' && requestA > v.bms.chargeCurrentLimitA + 0.5) note(nowMs, `3: ${requestA.toFixed(0)} A above the BMS ${v.bms.chargeCurrentLimitA.toFixed(0)} A`);
    if (t.station === 'dc' && t.evseMaxCurrentA > 0 && requestA > t.evseMaxCurrentA + 0.5) note(nowMs, `3: ${requestA.toFixed(0)} A above the EVSE ${t.evseMaxCurrentA} A`);
    if (requestA - lastRequestA > (RAMP_A_PER_S * TICK_MS) / 1000 + 0.5) note(nowMs, `3: request rose ${lastRequestA.toFixed(1)} → ${requestA.toFixed(1)} A in one tick`);
    lastRequestA = requestA;
    const ccc = controller.txValues('CCC_EvRequest');
    const limits = controller.txValues('CCC_EvLimits');
    if (ccc && limits && ccc.CCC_EvTargetVoltage! > 0 && ccc.CCC_EvTargetVoltage! > limits.CCC_EvMaxVoltage! - 1 + 0.05) {
      note(nowMs, `4: EVTargetVoltage ${ccc.CCC_EvTargetVoltage} V above EVMaximumVoltageLimit − 1 V (${limits.CCC_EvMaxVoltage} V)`);
    }
    if (t.hardCloses > 0) note(nowMs, '7: a contactor closed without precharge');
    if (t.plugged && !t.driveInhibited) note(nowMs, '9: drive allowed with a connector present');
  };
}

/** DC current into the car (pack side), the truth. */
export const dcFlowing = (minA: number) => (s: Stack): boolean => s.truth().chargerDelivering && s.truth().packCurrentA > minA;
