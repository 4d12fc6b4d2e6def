// HMI requests are levels; V2L starts on an edge, stops on the level or on HMI loss.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { HMI_MEMORY_AT_START, readHmi, type HmiMemory } from '../../v2l/hmi-requests.ts';
import { aV2lInput } from './builders.ts';

const t = suite('v2l hmi requests');
const seenOff: HmiMemory = { v2lRequested: false, resetRequested: false, floorPct: 20 };

t('a request already on at start-up is not a press', () => {
  assert.not.ok(readHmi(aV2lInput({ v2l: true }), HMI_MEMORY_AT_START).presses.on);
});
t('off → on is a press; on held is not', () => {
  const first = readHmi(aV2lInput({ v2l: true }), seenOff);
  assert.ok(first.presses.on);
  assert.not.ok(readHmi(aV2lInput({ v2l: true }), first.memory).presses.on);
});
t('request off is a level that stops', () => {
  const r = readHmi(aV2lInput({ v2l: false }), seenOff);
  assert.equal([r.presses.on, r.presses.off, r.presses.hmiLost], [false, true, false]);
});
t('reset edge while the request is held on counts as a start', () => {
  const held = { ...seenOff, v2lRequested: true };
  const r = readHmi(aV2lInput({ v2l: true, reset: true }), held);
  assert.equal([r.presses.reset, r.presses.on], [true, true]);
});
t('HMI lost → off, and the next "on" after recovery is not a press', () => {
  const lost = readHmi(aV2lInput({ v2l: true, hmiAgeMs: 400 }), seenOff);
  assert.equal([lost.presses.off, lost.presses.hmiLost, lost.presses.on], [true, true, false]);
  assert.not.ok(readHmi(aV2lInput({ v2l: true }), lost.memory).presses.on);
});
t('a floor value is passed once when it changes; SNA keeps the last', () => {
  const a = readHmi(aV2lInput({ floorPct: 30 }), seenOff);
  assert.is(a.presses.floorPct, 30);
  assert.is(readHmi(aV2lInput({ floorPct: 30 }), a.memory).presses.floorPct, null);
  const sna = readHmi(aV2lInput({ floorPct: null }), a.memory);
  assert.equal([sna.presses.floorPct, sna.memory.floorPct], [null, 30]);
});

t.run();
