// Helpers for table tests of single steps: a state in a phase, inputs consistent with that phase
// (lock locked where it must be, contactors closed where they are), plus the test's overrides.
import { dcSessionStep, PHASE_PROFILES, type DcPhase, type DcSessionState, type DcStepResult } from '../../../inlet/dc/index.ts';
import { aDcInput, aStateIn, reading, type InputOverrides } from './builders.ts';

const CLOSED_PHASES: ReadonlySet<DcPhase> = new Set(['contactorSettle', 'powerDeliveryStart', 'currentDemand', 'stopRampDown',
  'powerDeliveryStop', 'currentDecay', 'openingContactors', 'errorCurrentDecay', 'errorOpening']);

/** Inputs as the world would show them in `phase`, with nothing new happening. */
export function inputsIn(phase: DcPhase, o: InputOverrides = {}): InputOverrides {
  const p = PHASE_PROFILES[phase];
  const locked = (p.lock === 'hold' && phase !== 'locking') || p.lock === 'keep';
  const closed = CLOSED_PHASES.has(phase);
  return {
    ...o,
    ccc: { phaseReported: p.ccc, resSeq: 0, ...(closed ? { presentVoltageV: 349 } : {}), ...o.ccc },
    port: { lockState: locked ? 'locked' : 'unlocked', ...(closed ? { inletVoltageV: reading(349) } : {}), ...o.port },
    bms: { dcContactorsClosed: closed, dcContactorsOpen: !closed, ...o.bms },
  };
}

export interface StepCase {
  name: string;
  state: DcSessionState;
  input?: InputOverrides;
  nowMs?: number;
  expect: DcPhase;
  stop?: string;
}

export function stepIn(state: DcSessionState, o: InputOverrides = {}, nowMs = 10): DcStepResult {
  return dcSessionStep(state, aDcInput(inputsIn(state.phase, o)), nowMs);
}

/** A new CCC answer for the phase the state is in. */
export function answer(phase: DcPhase, result: 'ok' | 'failed' | 'timeout' | 'ongoing', extra: InputOverrides['ccc'] = {}): InputOverrides['ccc'] {
  return { phaseReported: PHASE_PROFILES[phase].ccc, result, resSeq: 1, ...extra };
}

export { aStateIn };
