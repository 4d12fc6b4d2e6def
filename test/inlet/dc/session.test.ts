// Whole sessions against the fake charger: the sequence of DESIGN.md §4 and what each phase asks
// of the CCC, the lock, the contactors, the IMD and the converter; direct and boost; refusals.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DC_CONFIG_800V_BOOST } from '../../../inlet/dc/index.ts';
import { an800VBmsInput } from './builders.ts';
import { aWorld, eventsOf, inPhase, phasesVisited, runFor, runUntil, SUPERCHARGER_V3, type World } from './fake-world.ts';

const t = suite('dc session');

const at = (w: World, phase: string): number => eventsOf(w, 'phase').find((e) => e.to === phase)!.atMs;

t('a 400 V car on a 350 kW charger: the whole sequence, in order, to the charge limit', () => {
  const w = aWorld({ hmi: { chargeLimitPct: 51 } });
  runUntil(w, inPhase('ended'), 120_000);
  assert.equal(phasesVisited(w), [
    'sessionSetup', 'authorization', 'parameterDiscovery', 'planning', 'locking', 'cableCheck', 'preCharge',
    'closingContactors', 'contactorSettle', 'powerDeliveryStart', 'currentDemand',
    'stopRampDown', 'powerDeliveryStop', 'currentDecay', 'openingContactors', 'weldingDetection', 'sessionStop', 'ended',
  ]);
  assert.is(w.outputs!.plan?.path, 'direct');
  assert.is(w.state.stop?.reason, 'full');
});

t('each phase asks the right things of the CCC, CP, lock, contactors and IMD', () => {
  const w = aWorld();
  const seen = new Map<string, string>();
  w.onTick = (x) => {
    const o = x.outputs!;
    seen.set(o.phase, `${o.ccc.phaseRequested} cp=${o.cpRequest} lock=${o.wantLock} close=${o.closeDcContactors} imd=${o.imdStandDown}`);
  };
  runUntil(w, inPhase('currentDemand'));
  assert.is(seen.get('sessionSetup'), 'sessionSetup cp=B lock=false close=false imd=false');
  assert.is(seen.get('locking'), 'chargeParameterDiscovery cp=B lock=true close=false imd=false');
  assert.is(seen.get('cableCheck'), 'cableCheck cp=C lock=true close=false imd=true');
  // The vehicle IMD stands down only while the charger's cable check measures (CONTRACT.md IMD_Command).
  assert.is(seen.get('preCharge'), 'preCharge cp=C lock=true close=false imd=false');
  assert.is(seen.get('closingContactors'), 'preCharge cp=C lock=true close=true imd=false');
  assert.is(seen.get('currentDemand'), 'currentDemand cp=C lock=true close=true imd=false');
});

t('the plug is locked before the cable check puts voltage on it', () => {
  const w = aWorld();
  runUntil(w, inPhase('cableCheck'));
  assert.is(w.input!.port.lockState, 'locked');
});

t('precharge asks ≤ 2 A at the pack voltage; PowerDelivery(start) comes ≥ 450 ms after both contactors read closed', () => {
  const w = aWorld();
  let closedAt = 0;
  let prechargeMaxA = 0;
  w.onTick = (x) => {
    if (!closedAt && x.input!.bms.dcContactorsClosed) closedAt = x.nowMs;
    if (x.outputs!.ccc.phaseRequested === 'preCharge') {
      prechargeMaxA = Math.max(prechargeMaxA, x.outputs!.ccc.evTargetCurrentA);
      assert.is(x.outputs!.ccc.evTargetVoltageV, x.input!.bms.packVoltageV);
    }
  };
  runUntil(w, inPhase('powerDeliveryStart'));
  assert.ok(w.nowMs - closedAt >= 450, `${w.nowMs - closedAt} ms`);
  assert.ok(prechargeMaxA > 0 && prechargeMaxA <= 2);
});

t('charging: the request ramps at 50 A/s to the lowest limit, the voltages respect invariant 4', () => {
  const w = runUntil(aWorld(), inPhase('currentDemand'));
  runFor(w, 2_000);
  assert.ok(Math.abs(w.outputs!.currentRequestA - 100) <= 1, `${w.outputs!.currentRequestA} A after 2 s`);
  runFor(w, 10_000);
  assert.is(w.outputs!.currentRequestA, 400);
  assert.is(w.outputs!.limitingReason, 'adapter');
  const c = w.outputs!.ccc;
  assert.is(c.evMaxVoltageV, 410);
  assert.is(c.evTargetVoltageV, 403.2);
  assert.is(c.evMaxCurrentA, 400);
  assert.ok(c.evMaxPowerW > 0);
  assert.is(c.evReady, true);
});

t('an 800 V car on a 500 V Supercharger with a boost converter: boost plan, inlet-side request sized by the converter', () => {
  const w = aWorld({ profile: SUPERCHARGER_V3, bms: an800VBmsInput(), config: DC_CONFIG_800V_BOOST });
  runUntil(w, inPhase('currentDemand'));
  runFor(w, 20_000);
  const o = w.outputs!;
  assert.is(o.plan?.path, 'boost');
  assert.is(o.plan?.busVoltageV, 490);
  assert.equal(o.boost.mode, 'boost');
  assert.is(o.boost.inputVoltageSetpointV, 490);
  assert.is(o.ccc.evTargetVoltageV, 490);
  assert.is(o.ccc.evMaxVoltageV, 500);
  assert.is(o.limitingReason, 'boost');
  const inletPowerW = o.currentRequestA * 490;
  assert.ok(Math.abs(inletPowerW - 125_000 / 0.97) < 100, `${inletPowerW} W drawn from the charger`);
  const packSideW = o.boost.outputCurrentLimitA * w.input!.bms.packVoltageV;
  assert.ok(Math.abs(packSideW - 125_000) < 100, `${packSideW} W into the pack`);
});

t('an 800 V car on a 500 V Supercharger without a boost converter: DC refused with the reason, plug never locked', () => {
  const w = aWorld({ profile: SUPERCHARGER_V3, bms: an800VBmsInput() });
  let everLocked = false;
  w.onTick = (x) => { everLocked ||= x.outputs!.wantLock; };
  runUntil(w, inPhase('ended'));
  assert.is(w.outputs!.plan?.path, null);
  assert.is(w.outputs!.refusal?.code, 'planRefused');
  assert.match(w.outputs!.refusal!.text, /no boost converter is fitted/);
  assert.is(w.outputs!.ccc.evErrorCode, 'chargingSystemIncompatibility');
  assert.is(everLocked, false);
});

t('a 400 V car with a boost converter fitted charges direct through the bypass', () => {
  const w = runUntil(aWorld({ config: DC_CONFIG_800V_BOOST }), inPhase('currentDemand'));
  assert.is(w.outputs!.plan?.path, 'direct');
  assert.is(w.outputs!.boost.mode, 'bypass');
});

t('the plan and its reason are reported as an event', () => {
  const w = runUntil(aWorld(), inPhase('locking'));
  const plan = eventsOf(w, 'plan')[0]?.plan;
  assert.is(plan?.path, 'direct');
  assert.match(plan!.reason, /charger reaches 920 V/);
});

t('the session is active for mode arbitration from setup until it has ended', () => {
  const w = aWorld({ hmi: { chargeLimitPct: 50.5 } });
  runFor(w, 20);
  assert.is(w.outputs!.sessionActive, true);
  assert.is(w.outputs!.wantDcPath, true);
  runUntil(w, inPhase('ended'), 120_000);
  assert.is(w.outputs!.sessionActive, false);
  assert.is(w.outputs!.wantDcPath, false);
});

t.run();
