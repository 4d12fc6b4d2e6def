import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readRecording } from '../../../vehicle/recorder/reader.ts';
import { aSimService } from './harness.ts';

const t = suite('service on the simulated car');

t('runs 60 simulated seconds, ready after the first tick, and stops cleanly saving the state', async () => {
  const run = await aSimService({ record: false });
  let ready = false;
  void run.service.ready.then(() => (ready = true));
  run.clock.advanceBy(60_000);
  await Promise.resolve();
  assert.ok(ready, 'ready after the first tick');
  assert.ok(run.service.loop.ticks >= 5990, `ticks: ${run.service.loop.ticks}`);
  const s = run.service.backend.status();
  assert.is(s.mode, 'park');
  assert.ok(Math.abs(s.pack.socPct - 50) < 5, `SOC ${s.pack.socPct}`);
  await run.stop();
  const saved = JSON.parse(readFileSync(join(run.dir, 'state.json'), 'utf8'));
  assert.is(saved.format, 'packpilot-state-1');
  assert.ok(saved.socPct > 40 && saved.socPct < 60);
  assert.ok(run.log.lines.some((l) => l.msg === 'stopped'));
});

t('logs one line per decision, never per tick', async () => {
  const run = await aSimService({ record: false });
  run.clock.advanceBy(2000);
  run.car.plug();
  run.clock.advanceBy(8000);
  await run.stop();
  const decisionLines = run.log.lines.filter((l) => 'source' in l.fields);
  assert.ok(decisionLines.length > 3, 'plugging in makes decisions');
  assert.ok(decisionLines.length < 100, `${decisionLines.length} lines for 1000 ticks`);
});

t('records frames in both directions, ticks and decisions, and flushes on stop', async () => {
  const run = await aSimService();
  run.clock.advanceBy(2000);
  run.car.plug();
  run.clock.advanceBy(4000);
  await run.stop();
  const { records, warnings } = readRecording(join(run.dir, 'rec'));
  assert.equal(warnings, []);
  const kinds = (k: string, dir?: string) => records.filter((r) => r.kind === k && (dir === undefined || (r.kind === 'frame' && r.dir === dir))).length;
  assert.ok(kinds('frame', 'rx') > 1000);
  assert.ok(kinds('frame', 'tx') > 100);
  assert.ok(kinds('decision') > 3);
  assert.ok(records[0]?.kind === 'meta');
});

t('the saved state is loaded at the next start', async () => {
  const first = await aSimService({ record: false });
  first.clock.advanceBy(3000);
  await first.stop();
  const second = await aSimService({ record: false, dir: first.dir });
  assert.match(second.service.persistedNote, /loaded/);
  await second.stop();
  assert.ok(existsSync(join(first.dir, 'state.json')));
});

t.run();
