// Direct or boost, and refusals with their reasons (DESIGN.md §4 "400 V / 800 V").
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { BOOST_125KW, DC_CONFIG_DEFAULT, NO_BOOST, planDcPath, type PlannerInput } from '../../../inlet/dc/index.ts';
import { aBmsInput, aBoostInput, an800VBmsInput } from './builders.ts';

const t = suite('dc planner');
const cfg = DC_CONFIG_DEFAULT.planner;

function aPlannerInput(p: Partial<PlannerInput> = {}): PlannerInput {
  return { evseMaxVoltageV: 920, evseMinVoltageV: 150, pack: aBmsInput(), chargeLimitPct: 80, boostSpec: NO_BOOST, boost: aBoostInput(), ...p };
}
const pack800 = an800VBmsInput();

t('a 400 V pack charges direct on a 920 V and on a 1000 V charger', () => {
  for (const evseMaxVoltageV of [920, 1000]) {
    const plan = planDcPath(aPlannerInput({ evseMaxVoltageV }), cfg);
    assert.is(plan.path, 'direct');
    assert.is(plan.code, 'chargerVoltageSufficient');
    assert.match(plan.reason, /direct/);
  }
});

t('a 400 V pack charges direct on a 500 V Supercharger V3 and on a 410 V V2', () => {
  assert.is(planDcPath(aPlannerInput({ evseMaxVoltageV: 500 }), cfg).path, 'direct');
  // V2 ≈ 410 V (chargers.md §1): the pack needs ~392 V up to 85 % (+ 10 V margin).
  assert.is(planDcPath(aPlannerInput({ evseMaxVoltageV: 410 }), cfg).path, 'direct');
});

t('an 800 V pack charges direct on a 920 V HPC', () => {
  assert.is(planDcPath(aPlannerInput({ pack: pack800 }), cfg).path, 'direct');
});

t('an 800 V pack on a 500 V charger uses the boost converter, bus below the charger and converter maxima', () => {
  const plan = planDcPath(aPlannerInput({ pack: pack800, evseMaxVoltageV: 500, boostSpec: BOOST_125KW }), cfg);
  assert.is(plan.path, 'boost');
  assert.is(plan.code, 'boostNeeded');
  assert.is(plan.busVoltageV, 490);
  assert.match(plan.reason, /500 V/);
  assert.match(plan.reason, /bus at 490 V/);
});

t('an 800 V pack on a 500 V charger without a boost converter is refused, saying why', () => {
  const plan = planDcPath(aPlannerInput({ pack: pack800, evseMaxVoltageV: 500 }), cfg);
  assert.is(plan.path, null);
  assert.is(plan.code, 'noBoostFitted');
  assert.match(plan.reason, /no boost converter is fitted/);
  assert.match(plan.reason, /500 V/);
});

t('a faulted or silent boost converter refuses DC when it is needed', () => {
  for (const boost of [aBoostInput({ status: 'fault' }), aBoostInput({ valid: false })]) {
    const plan = planDcPath(aPlannerInput({ pack: pack800, evseMaxVoltageV: 500, boostSpec: BOOST_125KW, boost }), cfg);
    assert.is(plan.code, 'boostUnavailable');
  }
});

t('the needed voltage follows the charge limit: a low limit fits under a charger that a high limit does not', () => {
  // 800 V pack at 50 % (698 V, linear to 806 V): 60 % needs ~730 V, 100 % needs 816 V.
  const charger = { pack: pack800, evseMaxVoltageV: 760 };
  assert.is(planDcPath(aPlannerInput({ ...charger, chargeLimitPct: 60 }), cfg).path, 'direct');
  assert.is(planDcPath(aPlannerInput({ ...charger, chargeLimitPct: 100 }), cfg).path, null);
});

t('a pack voltage curve, when given, is used for the needed voltage', () => {
  const pack = aBmsInput({ packVoltageCurve: [[0, 300], [100, 400]] });
  assert.is(planDcPath(aPlannerInput({ pack, chargeLimitPct: 80 }), cfg).neededVoltageV, 385 + cfg.voltageMarginV);
});

t('a charger whose minimum is above the pack is refused', () => {
  const plan = planDcPath(aPlannerInput({ evseMinVoltageV: 400 }), cfg);
  assert.is(plan.code, 'packBelowChargerMinimum');
});

t('the bus stays below the pack by the step-up margin, and is refused when that leaves the converter range', () => {
  const lowPack = an800VBmsInput({ packVoltageV: 480, socPct: 0 });
  const plan = planDcPath(aPlannerInput({ pack: lowPack, evseMaxVoltageV: 500, boostSpec: BOOST_125KW }), cfg);
  assert.is(plan.busVoltageV, 460);
  const tooLow = planDcPath(aPlannerInput({ pack: lowPack, evseMaxVoltageV: 500, evseMinVoltageV: 470, boostSpec: BOOST_125KW }), cfg);
  assert.is(tooLow.code, 'busOutsideConverterRange');
});

t('unknown charger limits are refused, not guessed', () => {
  assert.is(planDcPath(aPlannerInput({ evseMaxVoltageV: 0 }), cfg).code, 'noChargerParameters');
  assert.is(planDcPath(aPlannerInput({ evseMaxVoltageV: Number.NaN }), cfg).code, 'noChargerParameters');
});

t.run();
