// The driver's side: charge limit, stop and start, payment preference, own current limit.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DC_CONFIG_DEFAULT, selectPayment } from '../../../inlet/dc/index.ts';
import { aWorld, eventsOf, inPhase, runFor, runUntil } from './fake-world.ts';
import { aStateIn, answer, stepIn } from './steps.ts';

const t = suite('dc hmi');

t('plugging in starts a session by itself; below the charge limit only', () => {
  assert.is(stepIn(aStateIn('idle')).state.phase, 'sessionSetup');
  const atLimit = stepIn(aStateIn('idle'), { bms: { socPct: 90 }, hmi: { chargeLimitPct: 90 } });
  assert.is(atLimit.state.phase, 'idle');
});

t('idle tells the HMI why no session starts', () => {
  assert.is(stepIn(aStateIn('idle'), { bms: { socPct: 90 }, hmi: { chargeLimitPct: 90 } }).outputs.startBlockedBy, 'at the charge limit');
  assert.is(stepIn(aStateIn('idle'), { port: { cpDigital: false } }).outputs.startBlockedBy, 'no digital control pilot');
  assert.is(stepIn(aStateIn('idle'), { port: { dcAllowed: false } }).outputs.startBlockedBy, 'DC not allowed by the inlet');
  assert.is(stepIn(aStateIn('idle'), { hmi: { stopRequested: true } }).outputs.startBlockedBy, 'stopped by the user');
  assert.is(stepIn(aStateIn('idle')).outputs.startBlockedBy, null);
});

t('with auto-start off, a start press is needed', () => {
  const config = { ...DC_CONFIG_DEFAULT, hmi: { ...DC_CONFIG_DEFAULT.hmi, autoStart: false } };
  assert.is(stepIn(aStateIn('idle'), { config }).state.phase, 'idle');
  assert.is(stepIn(aStateIn('idle'), { config, hmi: { startRequested: true } }).state.phase, 'sessionSetup');
});

t('the session stops at the charge limit and reports charging complete', () => {
  const w = aWorld({ hmi: { chargeLimitPct: 51 } });
  runUntil(w, inPhase('ended'), 120_000);
  assert.is(w.state.stop?.reason, 'full');
  assert.ok(w.plant.socPct >= 51);
  assert.is(w.outputs!.ccc.chargingComplete, true);
});

t('the charge limit is clamped to 50–100 %; an unusable value means the default 80 %', () => {
  const charging = aStateIn('currentDemand', { chargeStartedAtMs: 0 });
  assert.is(stepIn(charging, { bms: { socPct: 49 }, hmi: { chargeLimitPct: 20 } }).state.phase, 'currentDemand');
  assert.is(stepIn(charging, { bms: { socPct: 50 }, hmi: { chargeLimitPct: 20 } }).state.phase, 'stopRampDown');
  assert.is(stepIn(charging, { bms: { socPct: 79 }, hmi: { chargeLimitPct: Number.NaN } }).state.phase, 'currentDemand');
  assert.is(stepIn(charging, { bms: { socPct: 80 }, hmi: { chargeLimitPct: Number.NaN } }).state.phase, 'stopRampDown');
});

t('bulk complete at 80 %', () => {
  const charging = aStateIn('currentDemand', { chargeStartedAtMs: 0 });
  assert.is(stepIn(charging, { bms: { socPct: 79.9 } }).outputs.ccc.bulkComplete, false);
  assert.is(stepIn(charging, { bms: { socPct: 80 } }).outputs.ccc.bulkComplete, true);
});

t('stop then start: the user stop is remembered (no auto-restart), a start press charges again', () => {
  const w = runUntil(aWorld(), inPhase('currentDemand'));
  runFor(w, 3_000);
  w.hmi = { ...w.hmi, stopRequested: true };
  runFor(w, 20);
  w.hmi = { ...w.hmi, stopRequested: false };
  runUntil(w, inPhase('ended'));
  assert.is(w.state.stop?.reason, 'user');
  runFor(w, 10_000);
  assert.is(w.state.phase, 'ended');
  w.hmi = { ...w.hmi, startRequested: true };
  runFor(w, 20);
  w.hmi = { ...w.hmi, startRequested: false };
  runUntil(w, inPhase('currentDemand'));
  assert.is(w.state.stop, null);
});

t('a stop press before plugging in keeps the session from starting until start is pressed', () => {
  const stopped = stepIn(aStateIn('idle'), { hmi: { stopRequested: true } });
  assert.is(stopped.state.phase, 'idle');
  const still = stepIn(stopped.state, { hmi: { stopRequested: false } }, 20);
  assert.is(still.state.phase, 'idle');
  assert.is(stepIn(still.state, { hmi: { startRequested: true } }, 30).state.phase, 'sessionSetup');
});

t('a held stop button counts once (edge), and start after unplugging is automatic again', () => {
  const w = runUntil(aWorld(), inPhase('currentDemand'));
  w.hmi = { ...w.hmi, stopRequested: true };
  runUntil(w, inPhase('ended'));
  w.port = { connectorPresent: false };
  runFor(w, 20);
  assert.is(w.state.phase, 'idle');
  w.port = {};
  w.hmi = { ...w.hmi, stopRequested: false };
  runUntil(w, inPhase('sessionSetup'), 100);
});

t('payment: external identification by default, even when Plug & Charge is offered', () => {
  assert.is(selectPayment({ eim: true, pnc: true }, false, 'pnc').mode, 'eim');
  assert.is(selectPayment({ eim: true, pnc: true }, true, 'eim').mode, 'eim');
});

t('payment: Plug & Charge only when enabled in config, preferred by the user and offered', () => {
  assert.is(selectPayment({ eim: true, pnc: true }, true, 'pnc').mode, 'pnc');
  assert.is(selectPayment({ eim: true, pnc: false }, true, 'pnc').mode, 'eim');
});

t('payment: a charger offering only Plug & Charge that the user turned off is refused, saying why', () => {
  const config = { ...DC_CONFIG_DEFAULT, hmi: { ...DC_CONFIG_DEFAULT.hmi, plugAndChargeEnabled: true } };
  const only = answer('sessionSetup', 'ok', { paymentOptions: { eim: false, pnc: true } });
  const off = stepIn(aStateIn('sessionSetup'), { config, ccc: only, hmi: { paymentPreference: 'eim' } });
  assert.is(off.state.phase, 'sessionStop');
  assert.is(off.outputs.refusal?.code, 'paymentUnavailable');
  const on = stepIn(aStateIn('sessionSetup'), { config, ccc: only, hmi: { paymentPreference: 'pnc' } });
  assert.is(on.state.phase, 'authorization');
  assert.is(on.outputs.ccc.paymentMode, 'pnc');
  assert.match(selectPayment({ eim: false, pnc: true }, true, 'eim').why, /turned off/);
});

t('the chosen payment is reported and sent with Authorization', () => {
  const w = runUntil(aWorld(), inPhase('authorization'));
  assert.is(w.outputs!.ccc.paymentMode, 'eim');
  assert.is(eventsOf(w, 'payment')[0]?.mode, 'eim');
});

t('a hot inlet is reported as the limit, with the inlet\'s own words', () => {
  const charging = aStateIn('currentDemand', { chargeStartedAtMs: 0 });
  const { outputs } = stepIn(charging, { port: { pinLimitA: 150, pinLimitReason: 'DC+ pin 66 °C (adapter)' } });
  assert.is(outputs.limitingReason, 'inletHot');
  assert.is(outputs.limitA, 150);
  assert.is(outputs.limitDetail, 'DC+ pin 66 °C (adapter)');
});

t('the user current limit caps the request and is reported as the limit', () => {
  const w = runUntil(aWorld({ hmi: { userCurrentLimitA: 120 } }), inPhase('currentDemand'));
  runFor(w, 10_000);
  assert.is(w.outputs!.currentRequestA, 120);
  assert.is(w.outputs!.limitingReason, 'user');
});

t.run();
