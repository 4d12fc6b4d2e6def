import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, writeFileSync, appendFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeRecords, encodeRecord, type RecordBody } from '../../../vehicle/recorder/record-format.ts';
import { Recorder, recordingFiles } from '../../../vehicle/recorder/recorder.ts';
import { readRecording } from '../../../vehicle/recorder/reader.ts';

const t = suite('recorder');

const aFrame = (i: number): RecordBody => ({
  kind: 'frame', tMs: i * 10, bus: 'sim', dir: 'rx', id: 0x100 + (i % 7), ext: false, fd: false,
  data: Uint8Array.of(i & 0xff, 1, 2, 3, 4, 5, 6, 7),
});
const aDecision = (i: number): RecordBody => ({ kind: 'decision', tMs: i, source: 'bms', what: `contactors: Open → Precharging #${i}` });
const tmp = () => mkdtempSync(join(tmpdir(), 'packpilot-rec-'));

t('records round-trip, frames keep their bytes', () => {
  const bodies = [aFrame(1), aDecision(2), { kind: 'meta', tMs: 0, info: { version: '1' } } as RecordBody];
  const bytes = Buffer.concat(bodies.map(encodeRecord));
  const result = decodeRecords(bytes);
  assert.is(result.discardedBytes, 0);
  assert.equal(result.records.length, 3);
  const frame = result.records[0] as Extract<RecordBody, { kind: 'frame' }>;
  assert.equal([...frame.data], [1, 1, 2, 3, 4, 5, 6, 7]);
  assert.equal(result.records[1], bodies[1]);
});

t('a torn last record is detected and skipped, and nothing before it is lost', () => {
  const good = Buffer.concat([aDecision(1), aDecision(2), aDecision(3)].map(encodeRecord));
  const last = encodeRecord(aDecision(4));
  for (let cut = 1; cut < last.length; cut++) {
    const result = decodeRecords(Buffer.concat([good, last.subarray(0, cut)]));
    assert.is(result.records.length, 3, `cut at ${cut}`);
    assert.is(result.discardedBytes, cut);
    assert.ok(result.problem);
  }
});

t('garbage after a power loss (zeros, random bytes) is skipped too', () => {
  const good = Buffer.concat([aDecision(1), aDecision(2)].map(encodeRecord));
  const zeros = decodeRecords(Buffer.concat([good, Buffer.alloc(64)]));
  assert.is(zeros.records.length, 2);
  assert.is(zeros.discardedBytes, 64);
  const flipped = Buffer.concat([good, encodeRecord(aDecision(3))]);
  flipped[flipped.length - 1] = flipped[flipped.length - 1]! ^ 0xff;
  assert.is(decodeRecords(flipped).records.length, 2);
});

t('the recorder rotates files and keeps the folder within its byte budget', () => {
  const dir = tmp();
  const rec = new Recorder({ dir, maxFileBytes: 2000, maxTotalBytes: 6000 });
  for (let i = 0; i < 1000; i++) {
    rec.append(aFrame(i));
    if (i % 20 === 19) rec.flush();
  }
  rec.close();
  const files = recordingFiles(dir);
  const total = files.reduce((s, f) => s + f.bytes, 0);
  assert.ok(files.length >= 3, `${files.length} files`);
  assert.ok(total <= 6000, `${total} bytes on disk`);
  const { records, warnings } = readRecording(dir);
  assert.equal(warnings, []);
  // The newest records survive in order.
  const last = records[records.length - 1] as Extract<RecordBody, { kind: 'frame' }>;
  assert.is(last.tMs, 9990);
  const times = records.map((r) => r.tMs);
  assert.equal(times, [...times].sort((a, b) => a - b));
});

t('reading a folder whose newest file was torn keeps every earlier record and names the file', () => {
  const dir = tmp();
  const rec = new Recorder({ dir, maxFileBytes: 100_000, maxTotalBytes: 1_000_000 });
  for (let i = 0; i < 50; i++) rec.append(aDecision(i));
  rec.close();
  const [file] = readdirSync(dir);
  const torn = encodeRecord(aDecision(50)).subarray(0, 9);
  appendFileSync(join(dir, file!), torn);
  const { records, warnings } = readRecording(dir);
  assert.is(records.length, 50);
  assert.is(warnings.length, 1);
  assert.match(warnings[0]!, /rec-000001\.cbor: record at byte \d+ is cut short \(torn write\); skipped the last 9 bytes/);
});

t('a new recorder continues after the files already there', () => {
  const dir = tmp();
  const a = new Recorder({ dir, maxFileBytes: 1000, maxTotalBytes: 100_000 });
  a.append(aDecision(1));
  a.close();
  const b = new Recorder({ dir, maxFileBytes: 1000, maxTotalBytes: 100_000 });
  b.append(aDecision(2));
  b.close();
  assert.equal(recordingFiles(dir).map((f) => f.index), [1, 2]);
  assert.equal(readRecording(dir).records.map((r) => r.tMs), [1, 2]);
  writeFileSync(join(dir, 'notes.txt'), 'ignored');
  assert.is(readRecording(dir).records.length, 2);
  assert.ok(readFileSync(join(dir, 'notes.txt')));
});

t('a bad budget is refused with the numbers', () => {
  assert.throws(() => new Recorder({ dir: tmp(), maxFileBytes: 10, maxTotalBytes: 5 }), /maxTotalBytes \(5\) must be ≥ maxFileBytes \(10\)/);
});

t.run();
