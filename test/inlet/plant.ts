// A tiny inlet plant for port tests: the lock, OBC relay and DC contactors follow their commands
// (after an optional travel time), the station energises AC while S2 is closed and its PWM is on,
// and the OBC draws its setpoint. Deterministic; time is the test's.
import type { InletInput, InletOutputs, InletState, InletEvent } from '../../inlet/index.ts';
import { inletPortStep } from '../../inlet/port-step.ts';
import type { InletConfig } from '../../inlet/config.ts';
import { anInletInput, ok } from './builders.ts';

export interface Plant {
  lock: 'unlocked' | 'locked' | 'moving';
  lockTargetAtMs: number | null;
  lockTarget: 'unlocked' | 'locked' | null;
  relay: 'open' | 'closed';
  dcClosed: boolean;
  acOn: boolean;
  currentA: number;
  /** Extra inlet-bus voltage (e.g. a welded DC contactor), V. */
  busV: number;
}

export const aPlant = (o: Partial<Plant> = {}): Plant => ({
  lock: 'unlocked', lockTargetAtMs: null, lockTarget: null, relay: 'open', dcClosed: false, acOn: false, currentA: 0, busV: 0, ...o,
});

export interface PlantOptions {
  lockTravelMs: number;
  /** The lock never moves (stuck). */
  lockStuck: boolean;
}

export function plantInput(p: Plant, station: Partial<InletInput>): InletInput {
  return anInletInput({
    lockFeedback: ok(p.lock),
    obcRelay: ok(p.relay),
    dcContactorPositive: ok(p.dcClosed ? 'closed' : 'open'),
    dcContactorNegative: ok(p.dcClosed ? 'closed' : 'open'),
    inletVoltageV: ok(p.busV),
    inletCurrentA: ok(p.currentA),
    obc: ok({ ready: true, fault: false, acVoltageV: p.acOn && p.relay === 'closed' ? 240 : 0 }),
    ...station,
  });
}

export function plantFollow(p: Plant, out: InletOutputs, input: InletInput, nowMs: number, opt: PlantOptions): Plant {
  let { lock, lockTarget, lockTargetAtMs } = p;
  const cmd = out.lock.command === 'lock' ? 'locked' : out.lock.command === 'unlock' ? 'unlocked' : null;
  if (!opt.lockStuck && cmd !== null && cmd !== lock && cmd !== lockTarget) {
    lockTarget = cmd;
    lockTargetAtMs = nowMs + opt.lockTravelMs;
    if (opt.lockTravelMs > 0) lock = 'moving';
  }
  if (lockTarget !== null && lockTargetAtMs !== null && nowMs >= lockTargetAtMs) {
    lock = lockTarget;
    lockTarget = null;
    lockTargetAtMs = null;
  }
  const relay = out.path.obcRelayCommand;
  const pwm = input.cp.valid && input.cp.value.pwmPresent && input.cp.value.dutyPct >= 8;
  const acOn = out.acSession.s2Closed && pwm;
  const currentA = acOn && relay === 'closed' ? Math.min(out.acSession.obcCurrentSetpointA, out.cp.acOfferA) : 0;
  return { ...p, lock, lockTarget, lockTargetAtMs, relay, acOn, currentA };
}

export interface Trace {
  state: InletState;
  plant: Plant;
  outputs: InletOutputs[];
  inputs: InletInput[];
  events: (InletEvent & { atMs: number })[];
  last: InletOutputs;
}

/** Runs the port and the plant from fromMs to toMs (inclusive) every stepMs. */
export function simulate(
  config: InletConfig,
  start: { state: InletState; plant: Plant },
  station: (nowMs: number, plant: Plant) => Partial<InletInput>,
  fromMs: number,
  toMs: number,
  opt: Partial<PlantOptions> = {},
  stepMs = 10,
): Trace {
  const o: PlantOptions = { lockTravelMs: 200, lockStuck: false, ...opt };
  let { state, plant } = start;
  const outputs: InletOutputs[] = [];
  const inputs: InletInput[] = [];
  const events: Trace['events'] = [];
  for (let now = fromMs; now <= toMs; now += stepMs) {
    const input = plantInput(plant, station(now, plant));
    const r = inletPortStep(config, state, input, now);
    state = r.state;
    outputs.push(r.outputs);
    inputs.push(input);
    for (const e of r.events) events.push({ ...e, atMs: now });
    plant = plantFollow(plant, r.outputs, input, now, o);
  }
  return { state, plant, outputs, inputs, events, last: outputs[outputs.length - 1]! };
}
