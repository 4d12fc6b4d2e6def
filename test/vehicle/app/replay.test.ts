import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { recordingFiles } from '../../../vehicle/recorder/recorder.ts';
import { exportCandump, loadRecording, replayRecords } from '../../../vehicle/app/replay.ts';
import { readCandumpLog } from '../../../vehicle/can/index.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import pino from 'pino';
import { createSimNetwork } from '../../../vehicle/can/index.ts';
import { SimClock, type Clock, type TimerHandle } from '../../../vehicle/clock/index.ts';
import { CAR_PRESETS } from '../../../vehicle/config/car-config.ts';
import { startService } from '../../../vehicle/app/service.ts';
import { createSimCar } from '../../../sim/car.ts';
import { aSimService } from './harness.ts';

/** Real time moves while it is read: every reading is a little later than the one before. */
class MovingClock implements Clock {
  private reads = 0;
  constructor(private readonly sim: SimClock, private readonly perReadMs: number) {}
  nowMs(): number {
    return this.sim.nowMs() + ++this.reads * this.perReadMs;
  }
  at(atMs: number, fn: () => void): TimerHandle {
    return this.sim.at(atMs - this.reads * this.perReadMs, fn);
  }
}

const t = suite('replay');

// One short recorded session (plug-in, a user command, the DC session starting), shared by the
// tests; the torn-tail test damages it last.
let recorded: Promise<string> | undefined;
function aRecordedSession(): Promise<string> {
  recorded ??= (async () => {
    const run = await aSimService();
    run.clock.advanceBy(2000);
    run.car.plug();
    run.clock.advanceBy(3000);
    assert.equal(run.service.backend.command({ cmd: 'charge-limit', pct: 70 }), { ok: true });
    run.clock.advanceBy(7000);
    await run.stop();
    return join(run.dir, 'rec');
  })();
  return recorded;
}

t('a recorded simulated session replays to the same decisions and the same frames sent', async () => {
  const dir = await aRecordedSession();
  const { records, warnings } = loadRecording(dir);
  assert.equal(warnings, []);
  const r = replayRecords(records);
  assert.ok(r.decisions > 5, `decisions: ${r.decisions}`);
  assert.equal(r.differences, []);
  assert.is(r.commands, 1, 'the user command is re-applied');
  assert.is(r.txDifferences, 0);
  assert.ok(r.ticks >= 1199);
});

t('a recording made on a clock that moves while it is read replays to the same frames sent', async () => {
  // As on the car (RealClock): the transmit grid must be replayed from the reading the loop used.
  const sim = new SimClock();
  const clock = new MovingClock(sim, 0.5);
  const network = createSimNetwork({ clock: sim });
  const car = createSimCar({ vehicle: 'car-800v', charger: 'hpc-350', initial: { socPct: 50, cellTempC: 25 }, seed: 1, clock: sim, network });
  const dir = mkdtempSync(join(tmpdir(), 'packpilot-test-'));
  const service = await startService({
    config: CAR_PRESETS['car-800v'], bus: network.attach('PACKPILOT'), clock, wallClock: sim,
    recordDir: join(dir, 'rec'), stateFile: null, api: null, dashboard: null, log: pino({ level: 'silent' }), periods: { flushMs: 10_000 },
  });
  sim.advanceBy(1000);
  car.plug();
  sim.advanceBy(4000);
  await service.stop();
  car.stop();
  await network.close();
  const r = replayRecords(loadRecording(join(dir, 'rec')).records);
  assert.equal(r.differences, []);
  assert.ok(r.txRecorded > 1000, `frames sent: ${r.txRecorded}`);
  assert.is(r.txDifferences, 0);
});

t('a changed decision shows as a difference', async () => {
  const dir = await aRecordedSession();
  const { records } = loadRecording(dir);
  const i = records.findIndex((x) => x.kind === 'decision' && x.source !== 'api');
  const d = records[i]!;
  if (d.kind !== 'decision') throw new Error('unreachable');
  records[i] = { ...d, what: `${d.what} (edited)` };
  const r = replayRecords(records);
  assert.is(r.differences.length, 1);
  assert.match(r.differences[0]!.recorded!.what, /edited/);
});

t('exports every frame as a candump -L log that reads back', async () => {
  const dir = await aRecordedSession();
  const { records } = loadRecording(dir);
  const out = join(dir, 'run.log');
  const n = exportCandump(records, out);
  const lines = readCandumpLog(readFileSync(out, 'utf8'));
  assert.is(lines.length, n);
  assert.is(n, records.filter((r) => r.kind === 'frame').length);
});

t('a recording without its run start is refused with a reason', () => {
  assert.throws(() => replayRecords([{ kind: 'decision', tMs: 0, source: 'bms', what: 'x' }]), /no run start/);
});

t('a torn tail after a crash is skipped and everything before it replays', async () => {
  const dir = await aRecordedSession();
  const last = recordingFiles(dir).at(-1)!.path;
  // A power loss in the middle of a write: a record header promising more bytes than follow.
  appendFileSync(last, Uint8Array.of(0x58, 0x40, 1, 2, 3));
  const { records, warnings } = loadRecording(dir);
  assert.is(warnings.length, 1);
  assert.match(warnings[0]!, /torn/);
  assert.equal(replayRecords(records).differences, []);
});

t.run();
