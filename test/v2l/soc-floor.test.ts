// The SOC floor: HMI choices, start margin, stop at the floor, warning, taper, energy.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_V2L_CONFIG } from '../../v2l/presets.ts';
import { applyFloorRequest, canStartAbove, energyAboveFloorWh, floorTaperFraction, isAtFloor, isNearFloor } from '../../v2l/soc-floor.ts';

const t = suite('v2l soc floor');
const cfg = DEFAULT_V2L_CONFIG.floor;

t('floors 20–80 % in 10 % steps are accepted', () => {
  for (const f of [20, 30, 40, 50, 60, 70, 80]) assert.equal(applyFloorRequest(20, f, cfg).floorPct, f);
});
t('anything else is rejected with an event, and the floor stays', () => {
  for (const f of [10, 25, 90, 0, NaN]) {
    const r = applyFloorRequest(30, f, cfg);
    assert.is(r.floorPct, 30);
    assert.is(r.event?.kind, 'floor-rejected');
  }
});
t('no request, or the same floor: nothing happens', () => {
  assert.equal(applyFloorRequest(30, null, cfg), { floorPct: 30, event: null });
  assert.equal(applyFloorRequest(30, 30, cfg), { floorPct: 30, event: null });
});
t('stop at the floor, start only 1 % above it, warn from 2 % above', () => {
  assert.ok(isAtFloor(20, 20));
  assert.not.ok(isAtFloor(20.001, 20));
  assert.not.ok(canStartAbove(21, 20, cfg));
  assert.ok(canStartAbove(21.001, 20, cfg));
  assert.ok(isNearFloor(22, 20, cfg));
  assert.not.ok(isNearFloor(22.01, 20, cfg));
});
t('taper: 1 above floor + 1 %, 0.75 half-way, 0.5 at and below the floor', () => {
  assert.is(floorTaperFraction(21, 20, cfg), 1);
  assert.is(floorTaperFraction(20.5, 20, cfg), 0.75);
  assert.is(floorTaperFraction(20, 20, cfg), 0.5);
  assert.is(floorTaperFraction(15, 20, cfg), 0.5);
});
t('energy above the floor: 60 % of 77.5 kWh is 46.5 kWh; none below it', () => {
  assert.ok(Math.abs(energyAboveFloorWh(80, 20, 77_500) - 46_500) < 1e-6);
  assert.is(energyAboveFloorWh(15, 20, 77_500), 0);
});

t.run();
