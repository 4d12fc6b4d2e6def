import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { SimClock } from '../../../vehicle/clock/index.ts';
import { LiveFeed, sseFrame, toJson, type FeedSink } from '../../../vehicle/dashboard/live-feed.ts';
import { aCurvePoint, aScriptedSource, aStatus } from './builders.ts';

const t = suite('dashboard live feed');

/** A page's response: records frames; can be made slow (write → false) and then drained. */
function aSink() {
  const chunks: string[] = [];
  let drain: (() => void) | undefined;
  let full = false;
  const sink: FeedSink = {
    write: (c) => {
      chunks.push(c);
      return !full;
    },
    once: (_e, fn) => {
      drain = fn;
    },
  };
  const frames = () => chunks.map((c) => {
    const event = /^event: (.*)$/m.exec(c)?.[1];
    const data = /^data: (.*)$/m.exec(c)?.[1];
    return { event: event ?? (c.startsWith(':') ? 'comment' : c.startsWith('retry') ? 'retry' : '?'), data: data ? JSON.parse(data) : undefined };
  });
  return {
    sink, chunks, frames,
    events: () => frames().map((f) => f.event),
    slow: () => void (full = true),
    drain: () => { full = false; drain?.(); },
  };
}

function aFeed(options = {}) {
  const s = aScriptedSource();
  const clock = new SimClock();
  const feed = new LiveFeed(s.source, clock, options);
  return { s, clock, feed };
}

t('frames are "event:" and one "data:" line of JSON; NaN becomes null, bigint a string', () => {
  assert.is(sseFrame('status', { a: 1, text: 'two\nlines' }), 'event: status\ndata: {"a":1,"text":"two\\nlines"}\n\n');
  assert.is(toJson({ v: NaN, n: 10n, b: new Uint8Array(3) }), '{"v":null,"n":"10","b":"3 bytes"}');
});

t('a page gets retry, the snapshot and the whole curve at once', () => {
  const { s, feed } = aFeed();
  s.state.curve = [aCurvePoint(1), aCurvePoint(2)];
  const page = aSink();
  feed.add(page.sink);
  assert.equal(page.events(), ['retry', 'status', 'curve']);
  assert.equal(page.frames()[2]?.data, { reset: true, points: s.state.curve });
});

t('polls the source 4 times a second and sends a snapshot only when it changed', () => {
  const { s, clock, feed } = aFeed();
  const page = aSink();
  feed.add(page.sink);
  for (let i = 1; i <= 4; i++) {
    s.state.status = aStatus({ tMs: i * 250 });
    clock.advanceBy(250);
  }
  clock.advanceBy(1000); // the source stood still for a second
  assert.equal(page.events(), ['retry', 'status', 'curve', 'status', 'status', 'status', 'status']);
});

t('events bring a snapshot forward, but never more than 5 per second however many there are', () => {
  const { s, clock, feed } = aFeed();
  const page = aSink();
  feed.add(page.sink);
  let statusFrames = 0;
  for (let ms = 1; ms <= 1000; ms++) {
    s.state.status = aStatus({ tMs: ms });
    s.emit({ event: 'tick', tMs: ms, data: null }); // a source that emits every ms
    clock.advanceBy(1);
  }
  statusFrames = page.events().filter((e) => e === 'status').length - 1;
  assert.ok(statusFrames <= 5, `${statusFrames} snapshots in one second`);
  assert.ok(statusFrames >= 4, `${statusFrames} snapshots in one second`);
});

t('decisions reach the page in order, numbered, in one frame per flush', () => {
  const { s, clock, feed } = aFeed();
  const page = aSink();
  feed.add(page.sink);
  s.emit({ event: 'session-phase', tMs: 10, data: { phase: 'preCharge' } });
  s.emit({ event: 'fault', tMs: 11, data: { code: 'X' } });
  clock.advanceBy(200); // the page opened at 0: the next frame may go at 200 ms
  const log = page.frames().filter((f) => f.event === 'log');
  assert.is(log.length, 1);
  assert.equal(log[0]?.data.map((e: { seq: number; event: string }) => [e.seq, e.event]), [[1, 'session-phase'], [2, 'fault']]);
});

t('new curve points are appended; a shorter or different curve (a new session) is sent whole', () => {
  const { s, clock, feed } = aFeed();
  const page = aSink();
  s.state.curve = [aCurvePoint(1)];
  feed.add(page.sink);
  s.state.curve = [aCurvePoint(1), aCurvePoint(2), aCurvePoint(3)];
  clock.advanceBy(250);
  s.state.curve = [aCurvePoint(500)];
  clock.advanceBy(250);
  const curves = page.frames().filter((f) => f.event === 'curve').map((f) => f.data);
  assert.equal(curves, [
    { reset: true, points: [aCurvePoint(1)] },
    { reset: false, points: [aCurvePoint(2), aCurvePoint(3)] },
    { reset: true, points: [aCurvePoint(500)] },
  ]);
});

t('a page that opens later gets the whole curve, the others only the new points', () => {
  const { s, clock, feed } = aFeed();
  const early = aSink();
  s.state.curve = [aCurvePoint(1)];
  feed.add(early.sink);
  s.state.curve = [aCurvePoint(1), aCurvePoint(2)];
  const late = aSink();
  feed.add(late.sink);
  s.state.curve = [aCurvePoint(1), aCurvePoint(2), aCurvePoint(3)];
  clock.advanceBy(250);
  const curves = (p: ReturnType<typeof aSink>) => p.frames().filter((f) => f.event === 'curve').map((f) => f.data.points.length);
  assert.equal(curves(early), [1, 2]);
  assert.equal(curves(late), [2, 1]);
});

t('a slow page misses frames until it drains, then gets everything afresh', () => {
  const { s, clock, feed } = aFeed();
  const page = aSink();
  feed.add(page.sink);
  page.slow();
  s.state.status = aStatus({ tMs: 1 });
  clock.advanceBy(250); // this write fills the buffer
  const before = page.chunks.length;
  s.state.status = aStatus({ tMs: 2 });
  clock.advanceBy(250);
  assert.is(page.chunks.length, before);
  page.drain();
  s.state.curve = [aCurvePoint(1)];
  clock.advanceBy(250);
  assert.equal(page.events().slice(before), ['status', 'curve']);
  assert.is(page.frames().at(-2)?.data.tMs, 2);
});

t('a keep-alive comment when nothing changed for 15 s', () => {
  const { clock, feed } = aFeed();
  const page = aSink();
  feed.add(page.sink);
  clock.advanceBy(14_750);
  assert.not.ok(page.events().includes('comment'));
  clock.advanceBy(500);
  assert.ok(page.events().includes('comment'));
});

t('the source is read only while a page watches; closing the feed unsubscribes', () => {
  const { s, clock, feed } = aFeed();
  clock.advanceBy(5000);
  assert.is(s.state.statusReads, 0);
  const stop = feed.add(aSink().sink);
  const stop2 = feed.add(aSink().sink);
  stop();
  stop2();
  const reads = s.state.statusReads;
  clock.advanceBy(5000);
  assert.is(s.state.statusReads, reads);
  assert.is(clock.pendingCount(), 0);
  assert.is(s.listeners.size, 1);
  feed.close();
  assert.is(s.listeners.size, 0);
});

t('decisions made before a page opened are shown to it (the last 30)', () => {
  const { s, feed } = aFeed();
  for (let i = 1; i <= 35; i++) s.emit({ event: 'fault', tMs: i, data: null });
  const page = aSink();
  feed.add(page.sink);
  const log = page.frames().find((f) => f.event === 'log')?.data;
  assert.is(log.length, 30);
  assert.is(log[0].seq, 6);
  assert.is(log[29].seq, 35);
});

t('a source that throws does not break the stream; the error is reported', () => {
  const s = aScriptedSource();
  const clock = new SimClock();
  const errors: string[] = [];
  const feed = new LiveFeed(s.source, clock, {}, (e) => errors.push(e.message));
  const page = aSink();
  feed.add(page.sink);
  const good = s.source.status;
  s.source.status = () => { throw new Error('not ready'); };
  clock.advanceBy(250);
  s.source.status = good;
  s.state.status = aStatus({ tMs: 9 });
  clock.advanceBy(250);
  assert.equal(errors, ['not ready']);
  assert.is(page.frames().at(-1)?.data.tMs, 9);
});

t.run();
