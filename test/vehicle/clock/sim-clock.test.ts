import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { SimClock } from '../../../vehicle/clock/sim-clock.ts';

const t = suite('SimClock');

/** A clock and a log of which timer fired at which time. */
function aClockWithLog(startMs = 0) {
  const clock = new SimClock(startMs);
  const log: string[] = [];
  const mark = (label: string) => () => log.push(`${label}@${clock.nowMs()}`);
  return { clock, log, mark };
}

t('starts at its start time and does not move by itself', () => {
  const clock = new SimClock(250);
  assert.is(clock.nowMs(), 250);
  assert.is(clock.nextDeadlineMs(), undefined);
  assert.is(clock.pendingCount(), 0);
});

t('fires due timers in deadline order and sets now to each deadline', () => {
  const { clock, log, mark } = aClockWithLog();
  clock.at(30, mark('c'));
  clock.at(10, mark('a'));
  clock.at(20, mark('b'));
  assert.is(clock.advanceTo(25), 2);
  assert.equal(log, ['a@10', 'b@20']);
  assert.is(clock.nowMs(), 25);
  clock.advanceBy(5);
  assert.equal(log, ['a@10', 'b@20', 'c@30']);
});

t('equal deadlines fire in insertion order', () => {
  const { clock, log, mark } = aClockWithLog();
  for (const label of ['1', '2', '3', '4', '5']) clock.at(10, mark(label));
  clock.advanceTo(10);
  assert.equal(log, ['1@10', '2@10', '3@10', '4@10', '5@10']);
});

t('a timer scheduled inside a timer at the same time fires after those already due', () => {
  const { clock, log, mark } = aClockWithLog();
  clock.at(10, () => {
    log.push('first@10');
    clock.at(10, mark('nested'));
    clock.at(15, mark('later'));
  });
  clock.at(10, mark('second'));
  clock.advanceTo(20);
  assert.equal(log, ['first@10', 'second@10', 'nested@10', 'later@15']);
});

t('a timer scheduled inside a timer past the target waits for the next advance', () => {
  const { clock, log, mark } = aClockWithLog();
  clock.at(10, () => clock.at(30, mark('next')));
  clock.advanceTo(20);
  assert.equal(log, []);
  assert.is(clock.nextDeadlineMs(), 30);
  clock.advanceTo(30);
  assert.equal(log, ['next@30']);
});

t('a past deadline is clamped to now and fires at the next run, never inside at()', () => {
  const { clock, log, mark } = aClockWithLog(100);
  clock.at(50, mark('late'));
  assert.equal(log, []);
  assert.is(clock.runDue(), 1);
  assert.equal(log, ['late@100']);
});

t('cancel stops a pending timer; cancelling twice or after firing is harmless', () => {
  const { clock, log, mark } = aClockWithLog();
  const a = clock.at(10, mark('a'));
  const b = clock.at(20, mark('b'));
  a.cancel();
  a.cancel();
  assert.is(clock.pendingCount(), 1);
  clock.advanceTo(20);
  b.cancel();
  assert.equal(log, ['b@20']);
  assert.is(clock.pendingCount(), 0);
});

t('a timer can cancel another timer due at the same time', () => {
  const { clock, log, mark } = aClockWithLog();
  let victim = { cancel() {} };
  clock.at(10, () => victim.cancel());
  victim = clock.at(10, mark('victim'));
  clock.advanceTo(10);
  assert.equal(log, []);
});

t('many cancellations compact the heap without losing live timers', () => {
  const { clock, log, mark } = aClockWithLog();
  const handles = Array.from({ length: 1000 }, (_, i) => clock.at(i, () => {}));
  clock.at(500.5, mark('live'));
  for (const h of handles) h.cancel();
  assert.is(clock.pendingCount(), 1);
  assert.is(clock.nextDeadlineMs(), 500.5);
  clock.advanceTo(1000);
  assert.equal(log, ['live@500.5']);
});

t('time is exact: ten thousand 0.1 ms steps land on 1000 ms', () => {
  const clock = new SimClock();
  for (let i = 0; i < 10_000; i++) clock.advanceBy(0.1);
  assert.is(clock.nowMs(), 1000);
});

t('runUntilIdle fires everything, and refuses to spin forever on a periodic timer', () => {
  const { clock, log, mark } = aClockWithLog();
  clock.at(5, mark('a'));
  clock.at(7, () => clock.at(9, mark('b')));
  assert.is(clock.runUntilIdle(), 3);
  assert.equal(log, ['a@5', 'b@9']);
  const tick = () => void clock.at(clock.nowMs() + 10, tick);
  tick();
  assert.throws(() => clock.runUntilIdle(100), /still busy after 100 timers/);
});

t('after() schedules relative to now', () => {
  const { clock, log, mark } = aClockWithLog(10);
  clock.after(0.3, mark('x'));
  clock.advanceBy(1);
  assert.equal(log, ['x@10.3']);
});

t('refuses to go back, non-finite times and advancing from inside a timer', () => {
  const clock = new SimClock(10);
  assert.throws(() => clock.advanceTo(5), /cannot go back/);
  assert.throws(() => clock.advanceBy(-1), /cannot go back/);
  assert.throws(() => clock.at(Number.NaN, () => {}), /finite/);
  clock.at(11, () => clock.advanceTo(12));
  assert.throws(() => clock.advanceTo(11), /inside a timer/);
  clock.advanceTo(20); // the clock is usable again after the throw
  assert.is(clock.nowMs(), 20);
});

t('a throwing timer propagates and leaves the clock consistent', () => {
  const { clock, log, mark } = aClockWithLog();
  clock.at(10, () => {
    throw new Error('boom');
  });
  clock.at(10, mark('after'));
  assert.throws(() => clock.advanceTo(10), /boom/);
  assert.is(clock.nowMs(), 10);
  clock.runDue();
  assert.equal(log, ['after@10']);
});

t('property: timers fire sorted by (deadline, insertion), each at its deadline, cancelled ones never', () => {
  const timer = fc.record({ atUs: fc.integer({ min: 0, max: 5000 }), cancel: fc.boolean() });
  fc.assert(
    fc.property(fc.array(timer, { maxLength: 60 }), fc.integer({ min: 0, max: 6000 }), (timers, targetUs) => {
      const clock = new SimClock();
      const fired: number[] = [];
      const handles = timers.map((tm, i) =>
        clock.at(tm.atUs / 1000, () => {
          assert.is(clock.nowMs(), tm.atUs / 1000);
          fired.push(i);
        }),
      );
      timers.forEach((tm, i) => tm.cancel && handles[i]!.cancel());
      clock.advanceTo(targetUs / 1000);
      const expected = timers
        .map((tm, i) => ({ ...tm, i }))
        .filter((tm) => !tm.cancel && tm.atUs <= targetUs)
        .sort((a, b) => a.atUs - b.atUs || a.i - b.i)
        .map((tm) => tm.i);
      assert.equal(fired, expected);
    }),
    { seed: 42, numRuns: 300 },
  );
});

t.run();
