// The debounce and clearing of every fault in the default table, driven through the engine with
// synthetic evidence at 10 ms samples; plus the summary of reactions.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { BAD, GOOD, NO_EVIDENCE, diagnose, diagRequests, faultHistory, initialDiag, summarize, activeFaults, type DiagState } from '../../bms/diagnosis.ts';
import { DEFAULT_FAULT_TABLE, faultTableProblems, type FaultDef } from '../../bms/fault-table.ts';
import type { BmsEvent } from '../../bms/io.ts';

const t = suite('bms/diagnosis');
const TICK = 10;

class Engine {
  state: DiagState;
  nowMs = 0;
  events: BmsEvent[] = [];
  constructor(readonly table: readonly FaultDef[]) {
    this.state = initialDiag(table);
  }
  sample(ev: number, req: { reset?: boolean; serviceClear?: boolean } = {}, n = 1) {
    for (let k = 0; k < n; k++) {
      this.nowMs += TICK;
      this.state = diagnose(this.state, this.table, Int8Array.of(ev), TICK, this.nowMs, { reset: req.reset ?? false, serviceClear: req.serviceClear ?? false }, this.events);
    }
  }
  get active() {
    return this.state.active[0] === 1;
  }
  /** Bad samples until active (bounded). */
  samplesToActivate(): number {
    let n = 0;
    while (!this.active && n < 100_000) {
      this.sample(BAD);
      n++;
    }
    return n;
  }
}

t('the default table is consistent', () => {
  assert.equal(faultTableProblems(DEFAULT_FAULT_TABLE), []);
});

for (const f of DEFAULT_FAULT_TABLE) {
  const confirmSamples = Math.max(1, Math.ceil(f.confirmMs / TICK));
  const healSamples = Math.ceil(f.healMs / TICK);

  t(`${f.id}: activates after ${f.confirmMs} ms of bad samples; good samples pull the counter down`, () => {
    const e = new Engine([f]);
    e.sample(BAD, {}, confirmSamples - 1);
    assert.not.ok(e.active);
    if (confirmSamples > 1) {
      e.sample(GOOD, {}, 1); // one good sample takes back one bad one …
      e.sample(NO_EVIDENCE, {}, 50); // … and no evidence holds the counter
      e.sample(BAD, {}, 1);
      assert.not.ok(e.active);
    }
    e.sample(BAD);
    assert.ok(e.active);
    assert.equal(e.events.at(-1), { kind: 'faultActive', id: f.id, code: f.code });
    const [a] = activeFaults(e.state, e.table);
    assert.is(a?.firstMs, e.nowMs);
    assert.is(a?.lastMs, e.nowMs);
    assert.is(a?.occurrences, 1);
    assert.is(a?.severity, f.severity);
  });

  t(`${f.id}: heals after ${f.healMs} ms of good samples and clears by rule '${f.clear}'`, () => {
    const e = new Engine([f]);
    e.samplesToActivate();
    const activeAt = e.nowMs;
    e.sample(BAD, {}, 5);
    e.sample(GOOD, {}, healSamples - 1);
    assert.ok(e.active, 'not healed yet');
    e.sample(BAD, {}, 1); // a relapse takes back a good sample
    e.sample(GOOD, {}, 2);
    if (f.clear === 'selfHeal') {
      assert.not.ok(e.active);
      assert.equal(e.events.at(-1), { kind: 'faultCleared', id: f.id, code: f.code });
    } else {
      assert.ok(e.active, 'healed but latched');
      e.sample(GOOD, f.clear === 'onReset' ? { serviceClear: true } : { reset: true }); // the other request does nothing
      assert.ok(e.active);
      e.sample(GOOD, f.clear === 'onReset' ? { reset: true } : { serviceClear: true });
      assert.not.ok(e.active);
    }
    const history = faultHistory(e.state, e.table);
    if (f.clear !== 'service') {
      assert.is(history.length, 1);
      assert.is(history[0]!.firstMs, activeAt);
      assert.is(history[0]!.lastMs, activeAt + 5 * TICK + (healSamples - 1) * TICK + TICK); // the relapse sample
    }
  });

  t(`${f.id}: a reset does not clear it while the condition is still bad`, () => {
    const e = new Engine([f]);
    e.samplesToActivate();
    e.sample(BAD, { reset: true, serviceClear: true }, 10);
    assert.ok(e.active);
  });
}

t('occurrences count and the first time stays until a service clear erases the history', () => {
  const f = DEFAULT_FAULT_TABLE.find((x) => x.id === 'isolationWarning')!;
  const e = new Engine([f]);
  e.samplesToActivate();
  const first = e.nowMs;
  e.sample(GOOD, {}, f.healMs / TICK);
  assert.not.ok(e.active);
  e.samplesToActivate();
  e.sample(GOOD, {}, f.healMs / TICK);
  const [h] = faultHistory(e.state, e.table);
  assert.is(h?.occurrences, 2);
  assert.is(h?.firstMs, first);
  e.sample(GOOD, { serviceClear: true });
  assert.equal(faultHistory(e.state, e.table), []);
});

t('a quiet tick allocates no new state', () => {
  const e = new Engine(DEFAULT_FAULT_TABLE);
  const before = e.state;
  e.state = diagnose(e.state, e.table, new Int8Array(e.table.length), TICK, 10, { reset: false, serviceClear: false }, []);
  assert.is(e.state, before);
});

t('a stalled loop does not confirm a fault in one sample (the step caps the sample length)', () => {
  const f = DEFAULT_FAULT_TABLE.find((x) => x.id === 'cellOvervoltage')!;
  let s = initialDiag([f]);
  s = diagnose(s, [f], Int8Array.of(BAD), 100, 5000, { reset: false, serviceClear: false }, []);
  assert.is(s.active[0], 0);
  assert.is(s.counterMs[0], 100);
});

t('the summary ranks reactions: critical opens, stops imply weaker ones, derate only from derate', () => {
  const table = DEFAULT_FAULT_TABLE;
  const only = (id: string) => {
    const s = initialDiag(table);
    const active = table.map((f) => (f.id === id ? 1 : 0));
    return summarize({ ...s, active }, table);
  };
  const ov = only('cellOvervoltage');
  assert.ok(ov.critical && ov.forcedOpen && ov.stopDrive && ov.stopCharge && ov.closeBlocked && !ov.emergency && !ov.derate);
  const oc = only('packOvercurrent');
  assert.ok(oc.emergency && oc.forcedOpen);
  const iso = only('isolationFault');
  assert.ok(iso.stopCharge && !iso.stopDrive && !iso.critical && !iso.closeBlocked);
  const temp = only('tempSensorInvalid');
  assert.ok(temp.derate && !temp.stopCharge);
  const fb = only('contactorFeedbackInvalid');
  assert.ok(fb.closeBlocked && !fb.stopCharge);
  const none = summarize(initialDiag(table), table);
  assert.not.ok(none.anyActive || none.closeBlocked);
});

t('the requests are one of four shared objects, each saying what was asked', () => {
  for (const reset of [false, true]) {
    for (const serviceClear of [false, true]) {
      assert.equal(diagRequests(reset, serviceClear), { reset, serviceClear });
      assert.is(diagRequests(reset, serviceClear), diagRequests(reset, serviceClear));
    }
  }
});

t.run();
