// Every transition of the main-path table, each from a quiet context in which nothing fires,
// changed just enough for its event to hold. Then the commands per state and the invariant-7 guard.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { MAIN_COMMANDS, MAIN_TRANSITIONS, mainCommands, mainStep, INITIAL_MAIN, type MainContext, type MainEvent, type MainPath } from '../../bms/main-path.ts';
import { DEFAULT_CONTACTORS } from '../../bms/presets.ts';
import type { Feedback, MainPathState } from '../../bms/io.ts';
import type { Verdict } from '../../bms/contactor-feedback.ts';

const t = suite('bms/main-path');
const cfg = DEFAULT_CONTACTORS;
const NOW = 100_000;
const PACK_V = 350;

type Fb = [neg: Feedback, pre: Feedback, pos: Feedback];
/** Feedback while the state waits (the contactor it moves has not arrived yet). */
const QUIET_FEEDBACK: Record<MainPathState, Fb> = {
  open: ['open', 'open', 'open'],
  closingNeg: ['open', 'open', 'open'],
  precharging: ['closed', 'closed', 'open'],
  prechargeCooldown: ['open', 'open', 'open'],
  closingPos: ['closed', 'closed', 'open'],
  releasingPrecharge: ['closed', 'closed', 'closed'],
  closed: ['closed', 'open', 'closed'],
  opening: ['closed', 'open', 'closed'],
  openingConfirm: ['closed', 'open', 'closed'],
  fault: ['open', 'open', 'open'],
  welded: ['open', 'open', 'open'],
};
/** Requests that keep each state where it is. */
const QUIET_WANT: Record<MainPathState, { wantClose: boolean; wantOpen: boolean }> = {
  open: { wantClose: false, wantOpen: true },
  closingNeg: { wantClose: true, wantOpen: false },
  precharging: { wantClose: true, wantOpen: false },
  prechargeCooldown: { wantClose: true, wantOpen: false },
  closingPos: { wantClose: true, wantOpen: false },
  releasingPrecharge: { wantClose: true, wantOpen: false },
  closed: { wantClose: true, wantOpen: false },
  opening: { wantClose: false, wantOpen: true },
  openingConfirm: { wantClose: false, wantOpen: true },
  fault: { wantClose: false, wantOpen: true },
  welded: { wantClose: false, wantOpen: true },
};

interface Setup {
  path: MainPath;
  ctx: { -readonly [K in keyof MainContext]: MainContext[K] };
}

function quiet(state: MainPathState): Setup {
  const [neg, pre, pos] = QUIET_FEEDBACK[state];
  return {
    path: { ...INITIAL_MAIN, state, enteredMs: NOW - 10, attempts: 1, prechargeDone: MAIN_COMMANDS[state].pos },
    ctx: {
      nowMs: NOW,
      cfg,
      ...QUIET_WANT[state],
      emergency: false,
      neg,
      pre,
      pos,
      verdicts: ['ok', 'ok', 'ok'] as Verdict[],
      weldByCurrent: false,
      packV: PACK_V,
      linkV: 0,
      currentA: 100,
      reset: false,
      serviceClear: false,
    },
  };
}

/** Changes a quiet setup so that exactly `event` holds. */
const MAKE: Record<MainEvent, (s: Setup) => void> = {
  weld: (s) => (s.ctx.verdicts = ['welded', 'ok', 'ok']),
  feedbackFault: (s) => (s.ctx.verdicts = ['stuckOpen', 'ok', 'ok']),
  emergency: (s) => (s.ctx.emergency = true),
  abort: (s) => (s.ctx.wantClose = false),
  prechargeMatched: (s) => {
    s.ctx.linkV = PACK_V - 19;
    s.path = { ...s.path, matchSinceMs: NOW - cfg.prechargeHoldMs };
  },
  prechargeFailed: (s) => (s.path = { ...s.path, enteredMs: NOW - cfg.prechargeTimeoutMs, attempts: cfg.prechargeRetries + 1 }),
  prechargeTimeout: (s) => (s.path = { ...s.path, enteredMs: NOW - cfg.prechargeTimeoutMs }),
  openBelowBreak: (s) => {
    s.ctx.wantOpen = true;
    s.ctx.currentA = 1;
  },
  openRequested: (s) => (s.ctx.wantOpen = true),
  closeResumed: (s) => {
    s.ctx.wantClose = true;
    s.ctx.wantOpen = false;
  },
  currentBelowBreak: (s) => (s.ctx.currentA = -(cfg.breakCurrentA - 0.1)),
  breakWaitExpired: (s) => (s.path = { ...s.path, enteredMs: NOW - cfg.openMaxWaitMs }),
  allOpenConfirmed: (s) => Object.assign(s.ctx, { neg: 'open', pre: 'open', pos: 'open' }),
  negConfirmed: (s) => (s.ctx.neg = 'closed'),
  posConfirmed: (s) => (s.ctx.pos = 'closed'),
  prechargeReleased: (s) => (s.ctx.pre = 'open'),
  cooldownDone: (s) => (s.path = { ...s.path, enteredMs: NOW - cfg.prechargeCooldownMs }),
  closeRequested: (s) => (s.ctx.wantClose = true),
  reset: (s) => (s.ctx.reset = true),
  serviceClear: (s) => (s.ctx.serviceClear = true),
};

const states = Object.keys(MAIN_TRANSITIONS) as MainPathState[];

t('in a quiet context no state moves (anything not in the table is ignored on purpose)', () => {
  for (const state of states) {
    const s = quiet(state);
    const r = mainStep(s.path, s.ctx);
    assert.is(r.event, undefined, `${state} fired ${r.event}`);
    assert.is(r.path.state, state);
  }
});

let covered = 0;
for (const from of states) {
  for (const [event, to] of Object.entries(MAIN_TRANSITIONS[from]) as [MainEvent, MainPathState][]) {
    covered++;
    t(`${from} --${event}--> ${to}`, () => {
      const s = quiet(from);
      MAKE[event](s);
      const r = mainStep(s.path, s.ctx);
      assert.is(r.event, event);
      assert.is(r.path.state, to);
      assert.is(r.path.enteredMs, NOW);
    });
  }
}

t('every row of the table has a case', () => {
  const rows = states.reduce((n, st) => n + Object.keys(MAIN_TRANSITIONS[st]).length, 0);
  assert.is(covered, rows);
});

t('commands per state: main− first, precharge beside it, main+ last, everything open when not closing or closed', () => {
  assert.equal(MAIN_COMMANDS.closingNeg, { neg: true, pre: false, pos: false });
  assert.equal(MAIN_COMMANDS.precharging, { neg: true, pre: true, pos: false });
  assert.equal(MAIN_COMMANDS.closingPos, { neg: true, pre: true, pos: true });
  assert.equal(MAIN_COMMANDS.closed, { neg: true, pre: false, pos: true });
  assert.equal(MAIN_COMMANDS.opening, { neg: true, pre: false, pos: true });
  for (const st of ['open', 'prechargeCooldown', 'openingConfirm', 'fault', 'welded'] as const) assert.equal(MAIN_COMMANDS[st], { neg: false, pre: false, pos: false });
});

t('invariant 7: main+ is never commanded without a precharge in this close cycle', () => {
  for (const state of states) {
    const c = mainCommands({ ...INITIAL_MAIN, state, prechargeDone: false });
    assert.not.ok(c.pos, state);
  }
  assert.ok(mainCommands({ ...INITIAL_MAIN, state: 'closed', prechargeDone: true }).pos);
});

t('the precharge witness is set by a match and kept only while main+ may be closed', () => {
  const s = quiet('precharging');
  MAKE.prechargeMatched(s);
  const matched = mainStep({ ...s.path, prechargeDone: false }, s.ctx).path;
  assert.ok(matched.prechargeDone);
  const opened = quiet('opening');
  MAKE.currentBelowBreak(opened);
  assert.not.ok(mainStep(opened.path, opened.ctx).path.prechargeDone);
});

t('the match must hold for prechargeHoldMs and needs both voltages', () => {
  const s = quiet('precharging');
  s.ctx.linkV = PACK_V - 5;
  const first = mainStep(s.path, s.ctx);
  assert.is(first.event, undefined);
  assert.is(first.path.matchSinceMs, NOW);
  const unknown = quiet('precharging');
  unknown.ctx.linkV = NaN;
  unknown.path = { ...unknown.path, matchSinceMs: NOW - 1000 };
  assert.is(mainStep(unknown.path, unknown.ctx).event, undefined);
});

t('attempts count up through the cooldown and restart from open', () => {
  const s = quiet('prechargeCooldown');
  MAKE.cooldownDone(s);
  assert.is(mainStep({ ...s.path, attempts: 2 }, s.ctx).path.attempts, 3);
  const o = quiet('open');
  MAKE.closeRequested(o);
  assert.is(mainStep({ ...o.path, attempts: 3 }, o.ctx).path.attempts, 1);
});

t('unknown feedback is a fault only while a contactor must move', () => {
  for (const [state, faults] of [['closingNeg', true], ['openingConfirm', true], ['closed', false], ['open', false]] as const) {
    const s = quiet(state);
    s.ctx.verdicts = ['unknown', 'ok', 'ok'];
    assert.is(mainStep(s.path, s.ctx).event === 'feedbackFault', faults, state);
  }
});

t('the fault cause is remembered: stuck contactor, lost feedback or failed precharge', () => {
  const stuck = quiet('closingNeg');
  MAKE.feedbackFault(stuck);
  assert.is(mainStep(stuck.path, stuck.ctx).path.faultCause, 'stuck');
  const lost = quiet('closingNeg');
  lost.ctx.verdicts = ['unknown', 'ok', 'ok'];
  assert.is(mainStep(lost.path, lost.ctx).path.faultCause, 'feedback');
  const pre = quiet('precharging');
  MAKE.prechargeFailed(pre);
  assert.is(mainStep(pre.path, pre.ctx).path.faultCause, 'precharge');
});

t.run();
