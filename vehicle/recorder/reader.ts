// Reads a recording (a file or a folder of rotated files) back, skipping a torn tail.
import { readFileSync, statSync } from 'node:fs';
import { decodeRecords, type RecordBody } from './record-format.ts';
import { recordingFiles } from './recorder.ts';

export interface Recording {
  records: RecordBody[];
  /** One line per file that ended in a damaged record, naming the file and the place. */
  warnings: string[];
}

export function readRecording(path: string): Recording {
  const files = statSync(path).isDirectory() ? recordingFiles(path).map((f) => f.path) : [path];
  const records: RecordBody[] = [];
  const warnings: string[] = [];
  for (const file of files) {
    const result = decodeRecords(readFileSync(file));
    for (const r of result.records) records.push(r); // a spread overflows the stack on big files
    if (result.problem) warnings.push(`${file}: ${result.problem}; skipped the last ${result.discardedBytes} bytes`);
  }
  return { records, warnings };
}
