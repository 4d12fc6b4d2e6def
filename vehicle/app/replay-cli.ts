// npm run replay -- RECORDING [--candump OUT.log]
// RECORDING is a recording folder (rotated files) or one file. Exit 0 when the decisions come
// out the same, 1 when they differ, 2 for bad arguments or an unreadable recording.
import { exportCandump, loadRecording, replayRecords } from './replay.ts';

const USAGE = 'usage: npm run replay -- RECORDING [--candump OUT.log]';

function main(argv: string[]): number {
  const args = [...argv];
  let candump: string | undefined;
  const at = args.indexOf('--candump');
  if (at >= 0) {
    candump = args[at + 1];
    if (candump === undefined) return usage('--candump needs a file name');
    args.splice(at, 2);
  }
  if (args.length !== 1 || args[0]!.startsWith('--')) return usage(args.length === 0 ? 'which recording?' : `unexpected ${args.slice(1).join(' ') || args[0]}`);
  let rec;
  try {
    rec = loadRecording(args[0]!);
  } catch (err) {
    process.stderr.write(`replay: cannot read ${args[0]}: ${(err as Error).message}\n`);
    return 2;
  }
  for (const w of rec.warnings) process.stderr.write(`replay: ${w}\n`);
  if (candump !== undefined) {
    const n = exportCandump(rec.records, candump);
    process.stdout.write(`${n} frames written to ${candump} (candump -L)\n`);
  }
  let result;
  try {
    result = replayRecords(rec.records);
  } catch (err) {
    process.stderr.write(`replay: ${(err as Error).message}\n`);
    return 2;
  }
  const tx = result.txDifferences === 0 ? `${result.txReplayed} frames sent, all equal` : `frames sent: ${result.txRecorded} recorded, ${result.txReplayed} replayed, ${result.txDifferences} differ`;
  if (result.differences.length === 0) {
    process.stdout.write(`${result.decisions} decisions, all equal (${result.ticks} ticks, ${result.commands} user commands; ${tx})\n`);
    return 0;
  }
  process.stdout.write(`decisions differ (${result.decisions} recorded; ${tx}):\n`);
  for (const d of result.differences) {
    const show = (x: typeof d.recorded): string => (x ? `${(x.tMs / 1000).toFixed(3)} s ${x.source}: ${x.what}` : '(none)');
    process.stdout.write(`  #${d.index}\n    recorded: ${show(d.recorded)}\n    replayed: ${show(d.replayed)}\n`);
  }
  return 1;
}

function usage(why: string): number {
  process.stderr.write(`replay: ${why}\n${USAGE}\n`);
  return 2;
}

process.exitCode = main(process.argv.slice(2));
