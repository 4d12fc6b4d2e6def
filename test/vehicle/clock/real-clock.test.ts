// RealClock is the one place where real time is the subject: these tests wait only for
// timers that are already due (deadline <= now), never for a chosen duration.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { RealClock } from '../../../vehicle/clock/real-clock.ts';

const t = suite('RealClock');

function fired(clock: RealClock, atMs: number): Promise<number> {
  return new Promise((resolve) => clock.at(atMs, () => resolve(clock.nowMs())));
}

t('is monotonic and starts near zero', () => {
  const clock = new RealClock();
  const a = clock.nowMs();
  const b = clock.nowMs();
  assert.ok(a >= 0 && a < 1000, `starts near 0, got ${a}`);
  assert.ok(b >= a);
});

t('turnMs reads the clock once per event-loop turn and again in the next turn', async () => {
  const clock = new RealClock();
  const first = clock.turnMs();
  const later = clock.nowMs();
  assert.is(clock.turnMs(), first, 'the same reading within the turn');
  await new Promise((resolve) => setImmediate(resolve));
  const next = clock.turnMs();
  assert.ok(next >= later, `a new reading in the next turn: ${next} ≥ ${later}`);
  assert.ok(next <= clock.nowMs());
});

t('a due timer fires asynchronously, never inside at()', async () => {
  const clock = new RealClock();
  let firedInline = false;
  const done = fired(clock, clock.nowMs() - 5);
  clock.at(0, () => (firedInline = true));
  assert.is(firedInline, false);
  await done;
  clock.close();
});

t('a timer never fires before its deadline', async () => {
  const clock = new RealClock();
  const atMs = clock.nowMs() + 1.5;
  const nowAtFire = await fired(clock, atMs);
  assert.ok(nowAtFire >= atMs, `fired at ${nowAtFire} < ${atMs}`);
});

t('cancel and close stop timers; timers after close are inert', async () => {
  const clock = new RealClock({ unref: true });
  const log: string[] = [];
  clock.at(0, () => log.push('cancelled')).cancel();
  clock.at(0, () => log.push('closed'));
  clock.close();
  clock.at(0, () => log.push('after close'));
  const control = new RealClock();
  await fired(control, 0);
  await fired(control, 0);
  assert.equal(log, []);
  assert.ok(clock.isClosed);
});

t.run();
