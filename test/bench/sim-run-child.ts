// The sim-run bench's fresh process: runs the session once, cold (nothing compiled or warmed
// before), and prints its results as one JSON line.
import { runSession } from './sim-run-session.ts';

const { results, cpuS } = runSession();
process.stdout.write(JSON.stringify({ results, cpuS }) + '\n');
