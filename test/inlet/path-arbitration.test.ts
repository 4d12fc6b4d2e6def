import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { initialPathState, pathStep, type PathInput, type PathState } from '../../inlet/path-arbitration.ts';
import { NACS_INLET } from '../../inlet/presets.ts';
import { createPortMemo } from '../../inlet/port-memo.ts';
import fc from 'fast-check';

const t = suite('inlet/path-arbitration');
const cfg = NACS_INLET.path; // relay close/open deadlines 500 ms

const aPathInput = (o: Partial<PathInput> = {}): PathInput => ({
  wantAc: false, wantDc: false, acAllowed: true, dcAllowed: true,
  obcRelay: 'open', dcPositive: 'open', dcNegative: 'open', plugPresent: true, ...o,
});
const aPath = (granted: PathState['granted'], o: Partial<PathState> = {}): PathState => ({ ...initialPathState(), granted, sinceMs: 1000, ...o });

type Row = [string, PathState, Partial<PathInput>, number, string, 'open' | 'closed', boolean, string | null];
const ROWS: Row[] = [
  // [what, state, input, now, granted, relay command, DC allowed, refusal or fault]
  ['none + AC wanted, DC open → ac, relay closes', aPath('none'), { wantAc: true }, 1100, 'ac', 'closed', false, null],
  ['none + DC wanted, relay open → dc, contactors allowed', aPath('none'), { wantDc: true }, 1100, 'dc', 'open', true, null],
  ['none + DC wanted while the OBC relay reports closed → refused', aPath('none'), { wantDc: true, obcRelay: 'closed' }, 1100, 'none', 'open', false, 'obc-relay-closed'],
  ['none + AC wanted while DC contactors report closed → refused', aPath('none'), { wantAc: true, dcNegative: 'closed' }, 1100, 'none', 'open', false, 'dc-contactors-closed'],
  ['none + AC wanted, DC feedback unknown → refused', aPath('none'), { wantAc: true, dcPositive: 'unknown' }, 1100, 'none', 'open', false, 'feedback-unknown'],
  ['none + DC wanted, relay feedback unknown → refused', aPath('none'), { wantDc: true, obcRelay: 'unknown' }, 1100, 'none', 'open', false, 'feedback-unknown'],
  ['none + both wanted at once → neither', aPath('none'), { wantAc: true, wantDc: true }, 1100, 'none', 'open', false, 'both-requested'],
  ['none + AC wanted but not allowed (connector) → refused', aPath('none'), { wantAc: true, acAllowed: false }, 1100, 'none', 'open', false, 'not-allowed'],
  ['none + DC wanted but not allowed (connector) → refused', aPath('none'), { wantDc: true, dcAllowed: false }, 1100, 'none', 'open', false, 'not-allowed'],
  ['none + relay still closed past its open deadline → fault', aPath('none'), { obcRelay: 'closed' }, 1500, 'fault', 'open', false, 'obc-relay-stuck-closed'],
  ['none + relay still closed within its open deadline → none', aPath('none'), { obcRelay: 'closed' }, 1400, 'none', 'open', false, null],
  // ac
  ['ac + wanted, relay confirmed → holds', aPath('ac'), { wantAc: true, obcRelay: 'closed' }, 1600, 'ac', 'closed', false, null],
  ['ac + no longer wanted → none, relay opens', aPath('ac'), { obcRelay: 'closed' }, 1600, 'none', 'open', false, null],
  ['ac + DC also wanted → DC refused, AC holds', aPath('ac'), { wantAc: true, wantDc: true, obcRelay: 'closed' }, 1200, 'ac', 'closed', false, 'other-path-active'],
  ['ac + DC contactor reports closed → fault, relay opens', aPath('ac'), { wantAc: true, obcRelay: 'closed', dcPositive: 'closed' }, 1200, 'fault', 'open', false, 'dc-closed-while-ac'],
  ['ac + DC feedback unknown → released', aPath('ac'), { wantAc: true, obcRelay: 'closed', dcPositive: 'unknown' }, 1200, 'none', 'open', false, null],
  ['ac + relay never confirmed → fault', aPath('ac'), { wantAc: true, obcRelay: 'open' }, 1500, 'fault', 'open', false, 'obc-relay-did-not-close'],
  ['ac + not allowed any more but still wanted (stopping) → holds', aPath('ac'), { wantAc: true, acAllowed: false, obcRelay: 'closed' }, 1200, 'ac', 'closed', false, null],
  // dc
  ['dc + wanted → holds', aPath('dc'), { wantDc: true }, 5000, 'dc', 'open', true, null],
  ['dc + no longer wanted → none', aPath('dc'), {}, 5000, 'none', 'open', false, null],
  ['dc + AC also wanted → AC refused', aPath('dc'), { wantDc: true, wantAc: true }, 5000, 'dc', 'open', true, 'other-path-active'],
  ['dc + OBC relay reports closed → fault, contactors not allowed', aPath('dc'), { wantDc: true, obcRelay: 'closed' }, 5000, 'fault', 'open', false, 'obc-relay-closed-while-dc'],
  ['dc + relay feedback unknown → released', aPath('dc'), { wantDc: true, obcRelay: 'unknown' }, 5000, 'none', 'open', false, null],
  // fault
  ['fault + plug still in → stays, requests refused', aPath('fault', { fault: 'obc-relay-stuck-closed' }), { wantAc: true }, 5000, 'fault', 'open', false, 'path-fault'],
  ['fault + plug gone, all open → none', aPath('fault', { fault: 'obc-relay-stuck-closed' }), { plugPresent: false }, 5000, 'none', 'open', false, null],
  ['fault + plug gone, relay still closed → stays', aPath('fault', { fault: 'obc-relay-stuck-closed' }), { plugPresent: false, obcRelay: 'closed' }, 5000, 'fault', 'open', false, 'obc-relay-stuck-closed'],
];

for (const [what, state, input, nowMs, granted, relay, dcAllowed, why] of ROWS) {
  t(what, () => {
    const r = pathStep(cfg, state, aPathInput(input), nowMs);
    assert.is(r.view.granted, granted);
    assert.is(r.view.obcRelayCommand, relay);
    assert.is(r.view.dcContactorsAllowed, dcAllowed);
    assert.is(r.view.refused?.reason ?? r.view.fault ?? null, why);
  });
}

t('switching AC → DC passes through both open with feedback confirmed', () => {
  let s = aPath('ac');
  // AC session done: releases; relay feedback still closed for a moment.
  s = pathStep(cfg, s, aPathInput({ obcRelay: 'closed' }), 2000).state;
  assert.is(s.granted, 'none');
  let r = pathStep(cfg, s, aPathInput({ wantDc: true, obcRelay: 'closed' }), 2010);
  assert.is(r.view.dcContactorsAllowed, false, 'relay not yet confirmed open');
  r = pathStep(cfg, r.state, aPathInput({ wantDc: true, obcRelay: 'open' }), 2050);
  assert.is(r.view.dcContactorsAllowed, true);
});

t('switching DC → AC waits for both DC contactors to report open', () => {
  let s = pathStep(cfg, aPath('dc'), aPathInput({ dcPositive: 'closed', dcNegative: 'closed' }), 2000).state;
  let r = pathStep(cfg, s, aPathInput({ wantAc: true, dcPositive: 'open', dcNegative: 'closed' }), 2010);
  assert.is(r.view.obcRelayCommand, 'open');
  r = pathStep(cfg, r.state, aPathInput({ wantAc: true }), 2020);
  assert.is(r.view.obcRelayCommand, 'closed');
});

t('at start-up a closed relay gets the full open deadline', () => {
  let r = pathStep(cfg, initialPathState(), aPathInput({ obcRelay: 'closed' }), 1_000_000);
  assert.is(r.view.granted, 'none');
  r = pathStep(cfg, r.state, aPathInput({ obcRelay: 'closed' }), 1_000_500);
  assert.is(r.view.fault, 'obc-relay-stuck-closed');
});

t('a held grant with nothing new keeps the very same state object; a new refusal gives a new one', () => {
  const dc = aPath('dc');
  const holding = aPathInput({ wantDc: true });
  assert.is(pathStep(cfg, dc, holding, 2000).state, dc);
  const refused = pathStep(cfg, dc, { ...holding, wantAc: true }, 2000).state;
  assert.equal(refused.refused, { path: 'ac', reason: 'other-path-active' });
  assert.is(pathStep(cfg, refused, { ...holding, wantAc: true }, 2010).state, refused, 'the same refusal again: unchanged');
  assert.is(dc.refused, null, 'the previous state is untouched');
});

t('with a port memo: the view equals the fresh one every tick, and is the same object while made from the same state and commands', () => {
  const feedback = fc.constantFrom('open' as const, 'open' as const, 'closed' as const, 'unknown' as const);
  const input = fc.record({
    wantAc: fc.boolean(), wantDc: fc.boolean(), acAllowed: fc.boolean(), dcAllowed: fc.boolean(),
    obcRelay: feedback, dcPositive: feedback, dcNegative: feedback, plugPresent: fc.boolean(),
  });
  fc.assert(fc.property(fc.array(fc.tuple(input, fc.integer({ min: 1, max: 5 })), { minLength: 1, maxLength: 30 }), (segments) => {
    const memo = createPortMemo();
    let state: PathState = initialPathState();
    let now = 0;
    let last: ReturnType<typeof pathStep> | undefined;
    for (const [i, ticks] of segments) {
      for (let k = 0; k < ticks; k++, now += 100) {
        const fresh = pathStep(cfg, state, i, now);
        const kept = pathStep(cfg, state, i, now, memo);
        assert.equal(kept, fresh);
        if (last !== undefined && last.state === kept.state && last.view.obcRelayCommand === fresh.view.obcRelayCommand
          && last.view.dcContactorsAllowed === fresh.view.dcContactorsAllowed) assert.is(kept.view, last.view);
        last = kept;
        state = kept.state;
      }
    }
  }), { seed: 42, numRuns: 300 });
});

t.run();
