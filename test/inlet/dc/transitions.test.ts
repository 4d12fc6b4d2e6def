// Every row of the transition table, as (state, input, now) → next phase. The last test checks
// that this list and the table in inlet/dc/phases.ts name exactly the same transitions.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { TRANSITIONS, type DcPhase, type PhaseTrigger } from '../../../inlet/dc/index.ts';
import { reading } from './builders.ts';
import { aStateIn, answer, stepIn, type StepCase } from './steps.ts';

const t = suite('dc transitions');

type Row = StepCase & { phase: DcPhase; on: PhaseTrigger };
const row = (phase: DcPhase, on: PhaseTrigger, expect: DcPhase, c: Partial<StepCase> = {}): Row =>
  ({ phase, on, expect, name: `${phase} --${on}--> ${expect}`, state: c.state ?? aStateIn(phase), ...c });

const BOOST_NEEDED = { ccc: { evseMaxVoltageV: 300, evseMinVoltageV: 150 } };

export const ROWS: Row[] = [
  row('idle', 'start', 'sessionSetup'),
  row('sessionSetup', 'cccOk', 'authorization', { input: { ccc: answer('sessionSetup', 'ok') } }),
  row('sessionSetup', 'cccFailed', 'errorCurrentDecay', { input: { ccc: answer('sessionSetup', 'failed') }, stop: 'cccFailed' }),
  row('sessionSetup', 'cccTimeout', 'errorCurrentDecay', { input: { ccc: answer('sessionSetup', 'timeout') }, stop: 'cccTimeout' }),
  row('sessionSetup', 'budget', 'errorCurrentDecay', { state: aStateIn('sessionSetup', { lastAnswerAtMs: 21_000 }), nowMs: 22_000, stop: 'cccTimeout' }),
  row('authorization', 'cccOk', 'parameterDiscovery', { input: { ccc: answer('authorization', 'ok') } }),
  row('authorization', 'cccFailed', 'sessionStop', { input: { ccc: answer('authorization', 'failed') }, stop: 'authorizationFailed' }),
  row('authorization', 'cccTimeout', 'errorCurrentDecay', { nowMs: 2_001, stop: 'cccTimeout' }),
  row('authorization', 'budget', 'sessionStop', { state: aStateIn('authorization', { lastAnswerAtMs: 119_500 }), nowMs: 120_000, stop: 'authorizationTimeout' }),
  row('parameterDiscovery', 'cccOk', 'planning', { input: { ccc: answer('parameterDiscovery', 'ok') } }),
  row('parameterDiscovery', 'cccFailed', 'errorCurrentDecay', { input: { ccc: answer('parameterDiscovery', 'failed') }, stop: 'cccFailed' }),
  row('parameterDiscovery', 'cccTimeout', 'errorCurrentDecay', { nowMs: 5_001, stop: 'cccTimeout' }),
  row('parameterDiscovery', 'budget', 'errorCurrentDecay', { state: aStateIn('parameterDiscovery', { lastAnswerAtMs: 59_000 }), nowMs: 60_000, stop: 'cccTimeout' }),
  row('planning', 'planned', 'locking'),
  row('planning', 'refused', 'sessionStop', { input: BOOST_NEEDED, stop: 'planRefused' }),
  row('planning', 'budget', 'errorCurrentDecay', { input: { ccc: { valid: false } }, nowMs: 1_000, stop: 'cccTimeout' }),
  row('locking', 'locked', 'cableCheck', { input: { port: { lockState: 'locked' } } }),
  row('locking', 'lockFault', 'errorCurrentDecay', { input: { port: { lockState: 'fault' } }, stop: 'lockFault' }),
  row('locking', 'budget', 'errorCurrentDecay', { input: { port: { lockState: 'locking' } }, nowMs: 4_000, stop: 'lockFault' }),
  row('cableCheck', 'cccOk', 'preCharge', { input: { ccc: answer('cableCheck', 'ok', { isolationStatus: 'valid' }) } }),
  row('cableCheck', 'cccFailed', 'errorCurrentDecay', { input: { ccc: answer('cableCheck', 'failed', { isolationStatus: 'valid' }) }, stop: 'cableCheckFailed' }),
  row('cableCheck', 'cccTimeout', 'errorCurrentDecay', { nowMs: 5_001, stop: 'cccTimeout' }),
  row('cableCheck', 'budget', 'errorCurrentDecay', { state: aStateIn('cableCheck', { lastAnswerAtMs: 59_900 }), nowMs: 60_000, stop: 'cableCheckTimeout' }),
  row('preCharge', 'matched', 'closingContactors', {
    state: aStateIn('preCharge', { precharge: { readings: 2, noted: [] } }),
    input: { ccc: answer('preCharge', 'ok', { presentVoltageV: 350 }), port: { inletVoltageV: reading(351) } },
  }),
  row('preCharge', 'cccFailed', 'errorCurrentDecay', { input: { ccc: answer('preCharge', 'failed') }, stop: 'cccFailed' }),
  row('preCharge', 'cccTimeout', 'errorCurrentDecay', { nowMs: 2_001, stop: 'cccTimeout' }),
  row('preCharge', 'budget', 'errorCurrentDecay', { state: aStateIn('preCharge', { lastAnswerAtMs: 9_990 }), nowMs: 10_000, stop: 'prechargeTimeout' }),
  row('closingContactors', 'closed', 'contactorSettle', { input: { bms: { dcContactorsClosed: true, dcContactorsOpen: false } } }),
  row('closingContactors', 'cccFailed', 'errorCurrentDecay', { input: { ccc: answer('closingContactors', 'failed') }, stop: 'cccFailed' }),
  row('closingContactors', 'cccTimeout', 'errorCurrentDecay', { state: aStateIn('closingContactors', {}, -1_500), nowMs: 510, stop: 'cccTimeout' }),
  row('closingContactors', 'budget', 'errorCurrentDecay', { nowMs: 1_000, stop: 'contactorFault' }),
  row('contactorSettle', 'budget', 'powerDeliveryStart', { nowMs: 450 }),
  row('contactorSettle', 'cccFailed', 'errorCurrentDecay', { input: { ccc: answer('contactorSettle', 'failed') }, stop: 'cccFailed' }),
  row('contactorSettle', 'cccTimeout', 'errorCurrentDecay', { input: { ccc: answer('contactorSettle', 'timeout') }, stop: 'cccTimeout' }),
  row('powerDeliveryStart', 'cccOk', 'currentDemand', { input: { ccc: answer('powerDeliveryStart', 'ok') } }),
  row('powerDeliveryStart', 'cccFailed', 'errorCurrentDecay', { input: { ccc: answer('powerDeliveryStart', 'failed') }, stop: 'cccFailed' }),
  row('powerDeliveryStart', 'cccTimeout', 'errorCurrentDecay', { input: { ccc: answer('powerDeliveryStart', 'timeout') }, stop: 'cccTimeout' }),
  row('powerDeliveryStart', 'budget', 'errorCurrentDecay', { state: aStateIn('powerDeliveryStart', { lastAnswerAtMs: 5_900 }), nowMs: 6_000, stop: 'cccTimeout' }),
  row('currentDemand', 'cccFailed', 'errorCurrentDecay', { input: { ccc: answer('currentDemand', 'failed') }, stop: 'cccFailed' }),
  row('currentDemand', 'cccTimeout', 'errorCurrentDecay', { nowMs: 1_001, stop: 'commLoss' }),
  row('stopRampDown', 'currentLow', 'powerDeliveryStop', { state: aStateIn('stopRampDown', { phaseAnswers: 1 }) }),
  row('stopRampDown', 'budget', 'powerDeliveryStop', { input: { port: { inletCurrentA: reading(100) } }, state: aStateIn('stopRampDown', { lastAnswerAtMs: 1_400 }), nowMs: 1_500 }),
  row('stopRampDown', 'cccFailed', 'powerDeliveryStop', { input: { ccc: answer('stopRampDown', 'failed'), port: { inletCurrentA: reading(100) } } }),
  row('stopRampDown', 'cccTimeout', 'errorCurrentDecay', { input: { port: { inletCurrentA: reading(100) } }, nowMs: 1_001, stop: 'commLoss' }),
  row('powerDeliveryStop', 'cccOk', 'currentDecay', { input: { ccc: answer('powerDeliveryStop', 'ok') } }),
  row('powerDeliveryStop', 'cccFailed', 'errorCurrentDecay', { input: { ccc: answer('powerDeliveryStop', 'failed') }, stop: 'cccFailed' }),
  row('powerDeliveryStop', 'cccTimeout', 'errorCurrentDecay', { input: { ccc: answer('powerDeliveryStop', 'timeout') }, stop: 'cccTimeout' }),
  row('powerDeliveryStop', 'budget', 'errorCurrentDecay', { state: aStateIn('powerDeliveryStop', { lastAnswerAtMs: 5_900 }), nowMs: 6_000, stop: 'cccTimeout' }),
  row('currentDecay', 'currentLow', 'openingContactors', { nowMs: 300 }),
  row('currentDecay', 'budget', 'openingContactors', { input: { port: { inletCurrentA: reading(50) } }, nowMs: 2_000 }),
  row('openingContactors', 'opened', 'weldingDetection', { input: { bms: { dcContactorsClosed: false, dcContactorsOpen: true } } }),
  row('openingContactors', 'budget', 'weldingDetection', { nowMs: 1_000 }),
  row('weldingDetection', 'weldingDone', 'sessionStop', { input: { ccc: answer('weldingDetection', 'ok', { presentVoltageV: 30 }) } }),
  row('weldingDetection', 'roundsExhausted', 'sessionStop', { state: aStateIn('weldingDetection', { phaseAnswers: 9 }), input: { ccc: answer('weldingDetection', 'ok', { presentVoltageV: 300 }), port: { inletVoltageV: reading(300) } } }),
  row('weldingDetection', 'cccFailed', 'sessionStop', { input: { ccc: answer('weldingDetection', 'failed', { presentVoltageV: 300 }) } }),
  row('weldingDetection', 'cccTimeout', 'sessionStop', { nowMs: 2_001 }),
  row('weldingDetection', 'budget', 'sessionStop', { state: aStateIn('weldingDetection', { lastAnswerAtMs: 19_900 }), nowMs: 20_000 }),
  row('sessionStop', 'released', 'ended', { state: aStateIn('sessionStop', { cccAnswered: true }) }),
  row('sessionStop', 'unplugged', 'idle', { input: { port: { connectorPresent: false } } }),
  row('errorCurrentDecay', 'currentLow', 'errorOpening', { state: aStateIn('errorCurrentDecay', { stop: { reason: 'commLoss', kind: 'error', atMs: 0 } }) }),
  row('errorCurrentDecay', 'budget', 'errorOpening', { state: aStateIn('errorCurrentDecay', { stop: { reason: 'commLoss', kind: 'error', atMs: 0 } }), input: { port: { inletCurrentA: reading(80) } }, nowMs: 2_000 }),
  row('errorOpening', 'opened', 'errorSettle', { input: { bms: { dcContactorsClosed: false, dcContactorsOpen: true } } }),
  row('errorOpening', 'budget', 'errorSettle', { nowMs: 1_000 }),
  row('errorSettle', 'released', 'ended', { state: aStateIn('errorSettle', { stop: { reason: 'overVoltage', kind: 'error', atMs: 0 } }), nowMs: 1_000 }),
  row('errorSettle', 'releasedRetry', 'retryWait', { state: aStateIn('errorSettle', { stop: { reason: 'commLoss', kind: 'error', atMs: 0 } }), nowMs: 1_000 }),
  row('errorSettle', 'unplugged', 'idle', { input: { port: { connectorPresent: false } } }),
  row('ended', 'start', 'sessionSetup', { input: { hmi: { startRequested: true } } }),
  row('ended', 'unplugged', 'idle', { input: { port: { connectorPresent: false } } }),
  row('retryWait', 'budget', 'sessionSetup', { nowMs: 5_000 }),
  row('retryWait', 'unplugged', 'idle', { input: { port: { connectorPresent: false } } }),
];

for (const r of ROWS) {
  t(r.name, () => {
    const { state, outputs } = stepIn(r.state, r.input, r.nowMs ?? 10);
    assert.is(state.phase, r.expect);
    if (r.stop !== undefined) assert.is(outputs.stopReason, r.stop);
  });
}

t('the rows above are exactly the transition table', () => {
  const inTable = Object.entries(TRANSITIONS).flatMap(([phase, rows]) => Object.keys(rows).map((on) => `${phase}/${on}`)).sort();
  const tested = ROWS.map((r) => `${r.phase}/${r.on}`).sort();
  assert.equal(tested, inTable);
});

t('a phase one tick short of its budget stays', () => {
  assert.is(stepIn(aStateIn('contactorSettle'), {}, 449).state.phase, 'contactorSettle');
  assert.is(stepIn(aStateIn('currentDecay'), {}, 299).state.phase, 'currentDecay');
  assert.is(stepIn(aStateIn('retryWait'), {}, 4_999).state.phase, 'retryWait');
});

t('planning waits for fresh charger limits instead of planning on stale ones', () => {
  assert.is(stepIn(aStateIn('planning'), { ccc: { valid: false } }, 999).state.phase, 'planning');
  assert.is(stepIn(aStateIn('planning'), { ccc: { rxAgeMs: 5_000 } }, 10).state.phase, 'planning');
});

t('an answer for another phase than the one requested is ignored', () => {
  const { state } = stepIn(aStateIn('cableCheck'), { ccc: { phaseReported: 'chargeParameterDiscovery', result: 'ok', resSeq: 1 } });
  assert.is(state.phase, 'cableCheck');
});

t('a repeated answer (same sequence number) counts once', () => {
  const first = stepIn(aStateIn('weldingDetection'), { ccc: answer('weldingDetection', 'ok', { presentVoltageV: 300 }), port: { inletVoltageV: reading(300) } });
  const again = stepIn(first.state, { ccc: answer('weldingDetection', 'ok', { presentVoltageV: 300 }), port: { inletVoltageV: reading(300) } }, 20);
  assert.is(first.state.phaseAnswers, 1);
  assert.is(again.state.phaseAnswers, 1);
});

t.run();
