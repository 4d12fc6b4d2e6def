// What a tick sends and shows: the inverter command, the contactor request, limits, warnings,
// runtime and delivered energy.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_V2L_CONFIG, v2lConfigFor } from '../../v2l/presets.ts';
import { v2lStep } from '../../v2l/step.ts';
import { anIdleState, aV2lInput, OUTLET_120, RUNNING, runFor, startingAt0, supplyingAt2s } from './builders.ts';

const t = suite('v2l outputs');

t('off: nothing enabled, no contactor request, but the available power is shown', () => {
  const r = v2lStep(anIdleState(), aV2lInput({ v2l: false }), 0);
  assert.equal(r.outputs.inverterCommand, { enable: false, voltageSetting: '240-split', frequencyHz: 60, powerLimitW: 0, resetTrip: false });
  assert.not.ok(r.outputs.requestMainContactors);
  assert.is(r.outputs.powerLimitW, 9600);
  assert.is(r.outputs.runtime, null);
});

t('checking, starting, supplying and stopping hold the main contactors', () => {
  const checking = v2lStep(anIdleState(), aV2lInput({ contactorsClosed: false }), 0);
  assert.is(checking.outputs.state, 'checking');
  assert.ok(checking.outputs.requestMainContactors);
  const s = supplyingAt2s();
  assert.ok(s.outputs.requestMainContactors);
  const stopping = v2lStep(s.state, aV2lInput({ ...RUNNING, v2l: false }), 2010);
  assert.ok(stopping.outputs.requestMainContactors, 'held until the inverter is off');
  const off = v2lStep(stopping.state, aV2lInput({ v2l: false }), 2020);
  assert.is(off.outputs.state, 'off');
  assert.not.ok(off.outputs.requestMainContactors);
});

t('a split-phase car feeding a 120 V outlet adapter sends the 120 V setting, capped at 1.92 kW', () => {
  const r = startingAt0({ adapter: OUTLET_120 });
  assert.equal([r.outputs.inverterCommand.voltageSetting, r.outputs.inverterCommand.powerLimitW, r.outputs.limitReason], ['120', 1920, 'adapter']);
});

t('a 230 V car sends 230 V at 50 Hz', () => {
  const eu = { kind: 'v2l' as const, ratedCurrentA: 16, ratedVoltageV: 230, splitPhase: false };
  const r = startingAt0({ config: v2lConfigFor('230'), adapter: eu, legVoltageV: [230] });
  assert.equal([r.outputs.inverterCommand.voltageSetting, r.outputs.inverterCommand.frequencyHz], ['230', 50]);
});

t('near the floor: a warning once (event), the power shown narrows (the command does not); stop at the floor', () => {
  const s = supplyingAt2s({ socPct: 23 });
  let r = v2lStep(s.state, aV2lInput({ ...RUNNING, socPct: 22 }), 2010);
  assert.ok(r.outputs.warnings.some((w) => w.code === 'near-floor'));
  assert.is(r.events.filter((e) => e.kind === 'warning').length, 1);
  r = v2lStep(r.state, aV2lInput({ ...RUNNING, socPct: 21.9 }), 2020);
  assert.is(r.events.filter((e) => e.kind === 'warning').length, 0, 'not repeated every tick');
  r = v2lStep(r.state, aV2lInput({ ...RUNNING, socPct: 20.5 }), 2030);
  assert.is(r.outputs.availablePowerW, 9600 * 0.75);
  assert.is(r.outputs.inverterCommand.powerLimitW, 9600, 'no brown-out before the floor');
  assert.match(r.outputs.warnings.find((w) => w.code === 'near-floor')!.text, /below 7\.2 kW/);
  r = v2lStep(r.state, aV2lInput({ ...RUNNING, socPct: 20 }), 2040);
  assert.equal([r.outputs.state, r.outputs.inverterCommand.enable, r.outputs.stopReason], ['stopping', false, 'soc-at-floor']);
});

t('an overload warning comes before the trip', () => {
  const s = supplyingAt2s();
  const r = runFor(s.state, { ...RUNNING, legLoadW: [6000, 6000] }, 2000, 5000); // 125 %: trips after 5.2 s
  assert.is(r.outputs.state, 'supplying');
  assert.ok(r.outputs.warnings.some((w) => w.code === 'overload'));
  const tripped = runFor(r.state, { ...RUNNING, legLoadW: [6000, 6000] }, 5000, 9000);
  assert.is(tripped.outputs.trip?.reason, 'overload');
});

/** An inverter that holds its limit by sagging (as sim/plant/inverter.ts): 120 V outlet, one leg. */
function sagging(demandW: number, limitW = 1920) {
  const sag = demandW > limitW ? Math.sqrt(limitW / demandW) : 1;
  return { ...RUNNING, adapter: OUTLET_120, legVoltageV: [120 * sag], legLoadW: [demandW * sag * sag] };
}

t('an inverter sagging at its limit: a motor start passes, a sustained overload trips as overload', () => {
  const s = supplyingAt2s({ adapter: OUTLET_120, legVoltageV: [120] });
  // Fridge start on a running furnace: 2670 W demand for 0.5 s (sags to 102 V), then 1020 W.
  let r = runFor(s.state, sagging(2670), 2000, 2500);
  r = runFor(r.state, sagging(1020), 2500, 62_500, 100);
  assert.is(r.outputs.state, 'supplying');
  // A 1.5 kW heater added to the furnace: 2590 W demand, measured power stuck at 1920 W.
  r = runFor(r.state, sagging(2590), 62_500, 72_500);
  assert.is(r.outputs.trip?.reason, 'overload', 'the overload curve, not the voltage band, decides');
});

t('a sag without overload (a failing inverter) trips as output out of range after 2 s', () => {
  const s = supplyingAt2s();
  let r = runFor(s.state, { ...RUNNING, legVoltageV: [100, 100], legLoadW: [200, 200] }, 2000, 3900);
  assert.is(r.outputs.state, 'supplying');
  r = runFor(r.state, { ...RUNNING, legVoltageV: [100, 100], legLoadW: [200, 200] }, 3900, 4100);
  assert.is(r.outputs.trip?.reason, 'output-out-of-range');
});

t('wrong frequency trips after 2 s', () => {
  const s = supplyingAt2s();
  const r = runFor(s.state, { ...RUNNING, frequencyHz: 58 }, 2000, 4100);
  assert.is(r.outputs.trip?.reason, 'output-out-of-range');
});

t('a hot inverter warns and derates', () => {
  const s = supplyingAt2s();
  const r = v2lStep(s.state, aV2lInput({ ...RUNNING, temperatureC: 87.5 }), 2010);
  assert.ok(r.outputs.warnings.some((w) => w.code === 'inverter-hot'));
  assert.is(r.outputs.limitReason, 'inverter-temperature');
});

t('1 kW for one hour delivers 1 kWh, and the runtime is shown', () => {
  const s = supplyingAt2s();
  const r = runFor(s.state, { ...RUNNING, legLoadW: [500, 500] }, 2000, 3_602_000, 1000);
  assert.ok(Math.abs(r.outputs.energyDeliveredWh - 1000) < 1, `${r.outputs.energyDeliveredWh}`);
  // 60 % → 20 % of 77.5 kWh at 1 kW ÷ 0.9 → 27.9 h.
  const rt = r.outputs.runtime!;
  assert.ok(rt.settled);
  assert.ok(Math.abs(rt.estimatedS / 3600 - 27.9) < 0.05, `${rt.estimatedS / 3600} h`);
  assert.equal([rt.hours, rt.minutes], [27, 54]);
});

t('energy and the average start again with a new session; kept after a short interruption', () => {
  const s = supplyingAt2s();
  let r = runFor(s.state, { ...RUNNING, legLoadW: [500, 500] }, 2000, 602_000, 1000);
  r = v2lStep(r.state, aV2lInput({ ...RUNNING, v2l: false }), 603_000);
  r = v2lStep(r.state, aV2lInput({ v2l: false }), 604_000);
  r = v2lStep(r.state, aV2lInput({}), 605_000);
  assert.is(r.outputs.state, 'starting');
  assert.is(r.outputs.energyDeliveredWh, 0);
  assert.ok(r.state.loadAverage.coveredMs > 0, 'average kept within the resume window');
});

t('the default configuration is the split-phase preset', () => {
  assert.is(DEFAULT_V2L_CONFIG.output.mode, '240-split');
});

t.run();
