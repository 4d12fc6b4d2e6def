// Every per-phase response timeout and phase budget from the config table, and the session
// budgets: one tick before the limit nothing happens, at the limit the table's destination.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  DC_CONFIG_DEFAULT, DC_PHASE_TIMING, DC_PHASES, PHASE_PROFILES, STOP_ROUTES, TRANSITIONS, stopPolicy,
  type DcPhase, type Destination,
} from '../../../inlet/dc/index.ts';
import { reading, type InputOverrides } from './builders.ts';
import { aStateIn, stepIn } from './steps.ts';

const t = suite('dc timeouts');

function destination(phase: DcPhase, d: Destination | undefined): { phase: DcPhase; stop?: string } | undefined {
  if (d === undefined) return undefined;
  if (typeof d === 'string') return { phase: d };
  return { phase: STOP_ROUTES[phase][stopPolicy(d.stop).kind]!, stop: d.stop };
}

/** Inputs that keep a phase from progressing by itself, so only the clock can move it. */
const STALL: Partial<Record<DcPhase, InputOverrides>> = {
  planning: { ccc: { valid: false } },
  locking: { port: { lockState: 'locking' } },
  stopRampDown: { port: { inletCurrentA: reading(100) } },
  currentDecay: { port: { inletCurrentA: reading(100) } },
  errorCurrentDecay: { port: { inletCurrentA: reading(100) } },
  errorSettle: { port: { lockState: 'locked', inletVoltageV: reading(300) } },
  sessionStop: { port: { lockState: 'locked', inletVoltageV: reading(300) } },
};
const errorStop = { stop: { reason: 'commLoss' as const, kind: 'error' as const, atMs: 0 } };

for (const phase of DC_PHASES) {
  const timing = DC_PHASE_TIMING[phase];
  const timeoutMs = timing.responseTimeoutMs;
  const onTimeout = destination(phase, TRANSITIONS[phase].cccTimeout);
  if (timeoutMs !== undefined && onTimeout !== undefined && PHASE_PROFILES[phase].responses && (timing.budgetMs ?? Infinity) > timeoutMs) {
    t(`${phase}: no answer for ${timeoutMs} ms is tolerated, one more ms is a timeout → ${onTimeout.phase}`, () => {
      assert.is(stepIn(aStateIn(phase), STALL[phase], timeoutMs).state.phase, phase);
      const after = stepIn(aStateIn(phase), STALL[phase], timeoutMs + 1);
      assert.is(after.state.phase, onTimeout.phase);
      if (onTimeout.stop) assert.is(after.outputs.stopReason, onTimeout.stop);
    });
  }
  const onBudget = destination(phase, TRANSITIONS[phase].budget);
  const budgetMs = phase === 'retryWait' ? DC_CONFIG_DEFAULT.retry.backoffMs
    : phase === 'errorCurrentDecay' ? DC_CONFIG_DEFAULT.stop.errorDecayMaxMs : timing.budgetMs;
  if (budgetMs !== undefined && onBudget !== undefined) {
    t(`${phase}: budget ${budgetMs} ms → ${onBudget.phase}`, () => {
      const fresh = (now: number) => aStateIn(phase, { lastAnswerAtMs: now - 1, ...(phase === 'errorCurrentDecay' ? errorStop : {}) });
      assert.is(stepIn(fresh(budgetMs - 1), STALL[phase], budgetMs - 1).state.phase, phase);
      const after = stepIn(fresh(budgetMs), STALL[phase], budgetMs);
      assert.is(after.state.phase, onBudget.phase);
      if (onBudget.stop) assert.is(after.outputs.stopReason, onBudget.stop);
    });
  }
}

t('errorCurrentDecay waits 2 s for an error stop but only 500 ms for an emergency', () => {
  const emergency = aStateIn('errorCurrentDecay', { stop: { reason: 'criticalFault', kind: 'emergency', atMs: 0 } });
  assert.is(stepIn(emergency, STALL.errorCurrentDecay, 499).state.phase, 'errorCurrentDecay');
  assert.is(stepIn(emergency, STALL.errorCurrentDecay, 500).state.phase, 'errorOpening');
});

t('minimum dwells: CP B held 300 ms before the contactors open, 1 s settle before unlocking after an error', () => {
  assert.is(stepIn(aStateIn('currentDecay'), {}, 299).state.phase, 'currentDecay');
  assert.is(stepIn(aStateIn('currentDecay'), {}, 300).state.phase, 'openingContactors');
  const settle = aStateIn('errorSettle', { stop: { reason: 'overVoltage', kind: 'error', atMs: 0 } });
  const early = stepIn(settle, { port: { lockState: 'locked' } }, 999);
  assert.is(early.outputs.wantLock, true, 'no unlock before the 1 s settle');
  assert.is(stepIn(settle, { port: { lockState: 'locked' } }, 1_000).outputs.wantLock, false);
});

t('setup budget: 300 s from SessionSetup to CurrentDemand', () => {
  const slow = aStateIn('cableCheck', { sessionStartedAtMs: 0, lastAnswerAtMs: 299_990 }, 299_000);
  assert.is(stepIn(slow, {}, 299_999).state.phase, 'cableCheck');
  const late = stepIn(slow, {}, 300_000);
  assert.is(late.state.phase, 'errorCurrentDecay');
  assert.is(late.outputs.stopReason, 'setupBudget');
});

t('ready-to-charge budget: 150 s from ChargeParameterDiscovery to PowerDelivery (DIN)', () => {
  const slow = aStateIn('preCharge', { sessionStartedAtMs: 100_000, discoveryStartedAtMs: 100_000, lastAnswerAtMs: 249_990 }, 245_000);
  assert.is(stepIn(slow, {}, 249_999).state.phase, 'preCharge');
  assert.is(stepIn(slow, {}, 250_000).outputs.stopReason, 'setupBudget');
});

t('the setup budget does not apply once charging', () => {
  const charging = aStateIn('currentDemand', { sessionStartedAtMs: 0, chargeStartedAtMs: 200_000, lastAnswerAtMs: 999_990 }, 200_000);
  assert.is(stepIn(charging, {}, 1_000_000).state.phase, 'currentDemand');
});

t('a charge budget, when configured, ends charging normally', () => {
  const config = { ...DC_CONFIG_DEFAULT, budgets: { ...DC_CONFIG_DEFAULT.budgets, chargeMs: 3_600_000 } };
  const charging = aStateIn('currentDemand', { chargeStartedAtMs: 0, lastAnswerAtMs: 3_599_990 });
  assert.is(stepIn(charging, { config }, 3_599_999).state.phase, 'currentDemand');
  const done = stepIn(charging, { config }, 3_600_000);
  assert.is(done.state.phase, 'stopRampDown');
  assert.is(done.outputs.stopReason, 'chargeBudget');
});

t('answers keep a slow phase alive: CableCheck Ongoing every 4 s for 55 s (Supercharger V3) does not time out', () => {
  let state = aStateIn('cableCheck');
  for (let now = 4_000, seq = 1; now <= 56_000; now += 4_000, seq++) {
    state = stepIn(state, { ccc: { phaseReported: 'cableCheck', result: 'ongoing', resSeq: seq } }, now).state;
    assert.is(state.phase, 'cableCheck', `at ${now} ms`);
  }
});

t.run();
