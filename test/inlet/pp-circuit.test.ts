import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ppOhmsToVolts, ppVoltsToOhms } from '../../inlet/pp-circuit.ts';

const t = suite('inlet/pp-circuit');

// reference/pilot.md §3 and §6 nominal voltages.
const POINTS: [number, number][] = [
  [Number.POSITIVE_INFINITY, 4.46], [150, 1.5], [480, 2.76], [300, 2.25], [630, 3.04], [830, 3.29], [1160, 3.55], [2200, 3.93], [3300, 4.09],
];
for (const [ohm, volts] of POINTS) {
  t(`${ohm} Ω ↔ ${volts} V`, () => {
    assert.ok(Math.abs(ppOhmsToVolts(ohm) - volts) < 0.01, `${ppOhmsToVolts(ohm)}`);
    if (Number.isFinite(ohm)) assert.ok(Math.abs(ppVoltsToOhms(ppOhmsToVolts(ohm)) - ohm) < 1e-6);
  });
}

t('voltages at or above the idle level mean open', () => {
  assert.is(ppVoltsToOhms(4.6), Number.POSITIVE_INFINITY);
  assert.is(ppVoltsToOhms(5), Number.POSITIVE_INFINITY);
  assert.is(ppVoltsToOhms(0), 0);
});

t.run();
