import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { SimClock } from '../../../vehicle/clock/sim-clock.ts';
import { reschedule, type Clock, type TimerHandle } from '../../../vehicle/clock/clock.ts';

const t = suite('SimClock.reschedule');

/** A periodic timer every periodMs from startMs, re-armed from its callback with `rearm`. */
function aPeriodicTimer(clock: SimClock, periodMs: number, label: string, log: string[], rearm: 'at' | 'reschedule') {
  const handles: TimerHandle[] = [];
  let nextMs = periodMs;
  const fire = (): void => {
    log.push(`${label}@${clock.nowMs()}`);
    nextMs += periodMs;
    const previous = handles[handles.length - 1]!;
    handles.push(rearm === 'at' ? clock.at(nextMs, fire) : reschedule(clock, previous, nextMs, fire));
  };
  handles.push(clock.at(nextMs, fire));
  return handles;
}

t('a periodic timer re-armed from its callback keeps one timer object and fires every period', () => {
  const clock = new SimClock();
  const log: string[] = [];
  const handles = aPeriodicTimer(clock, 10, 'p', log, 'reschedule');
  clock.advanceTo(50);
  assert.equal(log, ['p@10', 'p@20', 'p@30', 'p@40', 'p@50']);
  assert.ok(handles.every((h) => h === handles[0]));
  assert.is(clock.pendingCount(), 1);
  assert.is(clock.nextDeadlineMs(), 60);
});

t('the re-armed timer can be cancelled like a new one', () => {
  const clock = new SimClock();
  const log: string[] = [];
  const handles = aPeriodicTimer(clock, 10, 'p', log, 'reschedule');
  clock.advanceTo(20);
  handles[handles.length - 1]!.cancel();
  clock.advanceTo(100);
  assert.equal(log, ['p@10', 'p@20']);
  assert.is(clock.pendingCount(), 0);
});

t('a pending previous timer is left pending and a new one made (both fire, as with at)', () => {
  const clock = new SimClock();
  const log: string[] = [];
  const first = clock.at(10, () => log.push(`first@${clock.nowMs()}`));
  const second = clock.reschedule(first, 20, () => log.push(`second@${clock.nowMs()}`));
  assert.is.not(second, first);
  clock.advanceTo(30);
  assert.equal(log, ['first@10', 'second@20']);
});

t('a cancelled previous timer stays cancelled (it may still sit in the heap) and a new one is made', () => {
  const clock = new SimClock();
  const log: string[] = [];
  const first = clock.at(10, () => log.push('first'));
  first.cancel();
  const second = clock.reschedule(first, 10, () => log.push(`second@${clock.nowMs()}`));
  assert.is.not(second, first);
  clock.advanceTo(30);
  assert.equal(log, ['second@10']);
  assert.is(clock.pendingCount(), 0);
});

t("another clock's fired timer is not taken over", () => {
  const a = new SimClock();
  const b = new SimClock();
  const fromA = a.at(0, () => {});
  a.runDue();
  let fired = false;
  const onB = b.reschedule(fromA, 5, () => (fired = true));
  assert.is.not(onB, fromA);
  a.advanceTo(10);
  assert.is(fired, false);
  b.advanceTo(10);
  assert.is(fired, true);
});

t('reschedule() uses at on a clock without the method, and when there is no previous timer', () => {
  const calls: number[] = [];
  const handle: TimerHandle = { cancel() {} };
  const plain: Clock = { nowMs: () => 0, at: (atMs) => (calls.push(atMs), handle) };
  assert.is(reschedule(plain, handle, 7, () => {}), handle);
  const clock = new SimClock();
  let fired = 0;
  const made = reschedule(clock, undefined, 3, () => fired++);
  clock.advanceTo(5);
  assert.equal(calls, [7]);
  assert.is(fired, 1);
  assert.ok(made !== undefined);
});

t('property: periodic timers re-armed with reschedule fire exactly as when re-armed with at', () => {
  const program = fc.record({
    periods: fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 5 }),
    oneShots: fc.array(fc.record({ atMs: fc.integer({ min: 0, max: 200 }), cancelAtMs: fc.option(fc.integer({ min: 0, max: 200 })) }), { maxLength: 12 }),
    steps: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 12 }),
  });
  const run = (p: { periods: number[]; oneShots: { atMs: number; cancelAtMs: number | null }[]; steps: number[] }, rearm: 'at' | 'reschedule') => {
    const clock = new SimClock();
    const log: string[] = [];
    p.periods.forEach((periodMs, k) => aPeriodicTimer(clock, periodMs, `p${k}`, log, rearm));
    p.oneShots.forEach(({ atMs, cancelAtMs }, k) => {
      const h = clock.at(atMs, () => log.push(`o${k}@${clock.nowMs()}`));
      if (cancelAtMs !== null) clock.at(cancelAtMs, () => h.cancel());
    });
    for (const step of p.steps) clock.advanceBy(step);
    return { log, pending: clock.pendingCount(), next: clock.nextDeadlineMs() };
  };
  fc.assert(fc.property(program, (p) => assert.equal(run(p, 'reschedule'), run(p, 'at'))), { seed: 42, numRuns: 300 });
});

t.run();
