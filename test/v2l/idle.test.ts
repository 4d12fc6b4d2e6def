// The idle shortcut (v2l/idle.ts): V2L off with no V2L adapter repeats its state and outputs, and
// does exactly what the full step does: the same outputs, events and state (but the idle tick time).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { v2lStep, type V2lStepResult } from '../../v2l/step.ts';
import type { V2lState } from '../../v2l/state.ts';
import type { AdapterInfo } from '../../v2l/types.ts';
import { anIdleState, aV2lInput, OUTLET_120, type InputOptions } from './builders.ts';

const t = suite('v2l idle shortcut');

const CHARGE_CABLE: AdapterInfo = { kind: 'other', ratedCurrentA: 32, ratedVoltageV: 0, splitPhase: false };
const NOTHING: AdapterInfo = { kind: 'none', ratedCurrentA: 0, ratedVoltageV: 0, splitPhase: false };
/** A DC session's view: a charge cable in the inlet, V2L switched off, an idle inverter. */
const DC_SESSION: InputOptions = { adapter: CHARGE_CABLE, v2l: false, chargingActive: true };

function idleFor(ticks: number, o: InputOptions = DC_SESSION): V2lStepResult {
  let r = v2lStep(anIdleState(), aV2lInput(o), 0);
  for (let k = 1; k <= ticks; k++) r = v2lStep(r.state, aV2lInput(o), k * 10);
  return r;
}

t('an idle tick returns the very same state and the same frozen outputs, with no events', () => {
  const a = idleFor(2);
  const b = v2lStep(a.state, aV2lInput(DC_SESSION), 30);
  assert.is(b.state, a.state);
  assert.is(b.outputs, a.outputs);
  assert.ok(Object.isFrozen(b.outputs) && Object.isFrozen(b.outputs.inverterCommand));
  assert.equal(b.events, []);
});

t('a press, a floor choice, a V2L adapter or a new inverter load ends the shortcut', () => {
  const a = idleFor(2);
  const press = v2lStep(a.state, aV2lInput({ ...DC_SESSION, v2l: true }), 30);
  assert.is(press.outputs.state, 'off');
  assert.is(press.outputs.refusal?.code, 'adapter-not-v2l', 'the press is answered');
  const floor = v2lStep(a.state, aV2lInput({ ...DC_SESSION, floorPct: 40 }), 30);
  assert.is(floor.outputs.floorPct, 40);
  assert.equal(floor.events, [{ kind: 'floor-changed', floorPct: 40 }]);
  const load = v2lStep(a.state, aV2lInput({ ...DC_SESSION, legLoadW: [150, 0] }), 30);
  assert.is(load.outputs.loadW, 150);
  const adapter = v2lStep(a.state, aV2lInput({ ...DC_SESSION, adapter: OUTLET_120, chargingActive: false }), 30);
  assert.is.not(adapter.state, a.state);
  assert.ok(adapter.outputs.powerLimitW > 0, 'a V2L adapter gives a limit');
});

t('a state copied with other outputs fields is not taken for idle', () => {
  const a = idleFor(2);
  const copied: V2lState = { ...a.state, floorPct: 60 };
  const r = v2lStep(copied, aV2lInput(DC_SESSION), 30);
  assert.is(r.outputs.floorPct, 60);
});

// Random idle-ish sequences, run twice: as is, and with the memo dropped before every tick (the
// full step). Outputs, events and state must agree tick by tick (lastNowMs aside).
const optionsArb: fc.Arbitrary<InputOptions> = fc.record({
  adapter: fc.constantFrom(CHARGE_CABLE, NOTHING, OUTLET_120, { ...NOTHING, kind: 'unknown' as const }),
  adapterValid: fc.constantFrom(true, true, true, false),
  v2l: fc.constantFrom(false, false, false, true),
  reset: fc.constantFrom(false, false, false, true),
  floorPct: fc.constantFrom(20, 20, 20, 30, 33, null),
  hmiValid: fc.constantFrom(true, true, true, false),
  legLoadW: fc.constantFrom([0, 0], [0, 0], [120, Number.NaN], [0, 30]),
  inverterValid: fc.constantFrom(true, true, true, false),
  chargingActive: fc.boolean(),
});

function comparable(s: V2lState): unknown {
  return { ...s, lastNowMs: null, idle: null };
}

t('the shortcut and the full step agree on every tick', () => {
  fc.assert(
    fc.property(fc.array(fc.array(optionsArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 12 }), (runs) => {
      let fast: V2lState = anIdleState();
      let full: V2lState = anIdleState();
      let nowMs = 0;
      for (const run of runs) {
        // Each choice is held for a few ticks, so that idle repeats happen.
        for (const o of run) {
          for (let k = 0; k < 3; k++) {
            nowMs += 10;
            const input = aV2lInput(o);
            const a = v2lStep(fast, input, nowMs);
            const b = v2lStep({ ...full, idle: null }, input, nowMs);
            assert.equal(a.outputs, b.outputs);
            assert.equal(a.events, b.events);
            assert.equal(comparable(a.state), comparable(b.state));
            fast = a.state;
            full = b.state;
          }
        }
      }
    }),
    { seed: 42, numRuns: 200 },
  );
});

t.run();
