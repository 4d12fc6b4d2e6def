// Every transition of the switched-path table (DC-charge contactors, OBC relay), each from a quiet
// context changed just enough for its event to hold.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { INITIAL_SWITCH, SWITCH_CLOSED, SWITCH_TRANSITIONS, switchStep, type SwitchContext, type SwitchEvent, type SwitchPath } from '../../bms/switch-path.ts';
import { DEFAULT_CONTACTORS } from '../../bms/presets.ts';
import type { Feedback, SwitchPathState } from '../../bms/io.ts';
import type { Verdict } from '../../bms/contactor-feedback.ts';

const t = suite('bms/switch-path');
const cfg = DEFAULT_CONTACTORS;
const NOW = 50_000;

const QUIET_FEEDBACK: Record<SwitchPathState, Feedback> = {
  open: 'open',
  closing: 'open',
  closed: 'closed',
  opening: 'closed',
  openingConfirm: 'closed',
  fault: 'open',
  welded: 'open',
};
const HOLDING = new Set<SwitchPathState>(['closing', 'closed']);

interface Setup {
  path: SwitchPath;
  ctx: { -readonly [K in keyof SwitchContext]: SwitchContext[K] };
}

function quiet(state: SwitchPathState): Setup {
  const fb = QUIET_FEEDBACK[state];
  return {
    path: { ...INITIAL_SWITCH, state, enteredMs: NOW - 10 },
    ctx: {
      nowMs: NOW,
      cfg,
      wantClose: HOLDING.has(state),
      readyToClose: false,
      wantOpen: !HOLDING.has(state),
      emergency: false,
      feedback: [fb, fb],
      verdicts: ['ok', 'ok'] as Verdict[],
      currentA: 80,
      reset: false,
      serviceClear: false,
    },
  };
}

const MAKE: Record<SwitchEvent, (s: Setup) => void> = {
  weld: (s) => (s.ctx.verdicts = ['ok', 'welded']),
  feedbackFault: (s) => (s.ctx.verdicts = ['stuckOpen', 'ok']),
  emergency: (s) => (s.ctx.emergency = true),
  abort: (s) => (s.ctx.wantClose = false),
  openBelowBreak: (s) => {
    s.ctx.wantOpen = true;
    s.ctx.currentA = -1;
  },
  openRequested: (s) => (s.ctx.wantOpen = true),
  closeResumed: (s) => {
    s.ctx.wantClose = true;
    s.ctx.wantOpen = false;
  },
  currentBelowBreak: (s) => (s.ctx.currentA = 0),
  breakWaitExpired: (s) => (s.path = { ...s.path, enteredMs: NOW - cfg.openMaxWaitMs }),
  allOpenConfirmed: (s) => (s.ctx.feedback = ['open', 'open']),
  confirmed: (s) => (s.ctx.feedback = ['closed', 'closed']),
  closeRequested: (s) => {
    s.ctx.wantClose = true;
    s.ctx.readyToClose = true;
  },
  reset: (s) => (s.ctx.reset = true),
  serviceClear: (s) => (s.ctx.serviceClear = true),
};

const states = Object.keys(SWITCH_TRANSITIONS) as SwitchPathState[];

t('in a quiet context no state moves', () => {
  for (const state of states) {
    const s = quiet(state);
    assert.is(switchStep(s.path, s.ctx).event, undefined, state);
  }
});

let covered = 0;
for (const from of states) {
  for (const [event, to] of Object.entries(SWITCH_TRANSITIONS[from]) as [SwitchEvent, SwitchPathState][]) {
    covered++;
    t(`${from} --${event}--> ${to}`, () => {
      const s = quiet(from);
      MAKE[event](s);
      const r = switchStep(s.path, s.ctx);
      assert.is(r.event, event);
      assert.is(r.path.state, to);
    });
  }
}

t('every row of the table has a case', () => {
  assert.is(covered, states.reduce((n, st) => n + Object.keys(SWITCH_TRANSITIONS[st]).length, 0));
});

t('closing from open needs the interlocks (readyToClose) and confirmed-open feedback', () => {
  const s = quiet('open');
  s.ctx.wantClose = true;
  assert.is(switchStep(s.path, s.ctx).event, undefined);
  s.ctx.readyToClose = true;
  s.ctx.feedback = ['open', 'unknown'];
  assert.is(switchStep(s.path, s.ctx).event, undefined);
});

t('commanded closed only while closing, closed or waiting to open', () => {
  assert.equal(states.filter((st) => SWITCH_CLOSED[st]), ['closing', 'closed', 'opening']);
});

t('an unknown current never counts as below the break current', () => {
  const s = quiet('opening');
  s.ctx.currentA = NaN;
  assert.is(switchStep(s.path, s.ctx).event, undefined);
});

t.run();
