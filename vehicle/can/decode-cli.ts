// npm run decode -- [--dbc FILE.dbc] [--json] LOGFILE|-|--can IFACE
// Decodes a candump log (file or stdin) or a live SocketCAN bus with packpilot's codec.
// Exit codes: 0 done, 1 some log lines were malformed (reported on stderr, skipped), 2 bad
// arguments or unreadable input.
import { createReadStream, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { loadDbcFile } from './dbc-file.ts';
import { compileCodec, type Codec } from './codec.ts';
import { createReceiver, type Receiver } from './receiver.ts';
import { parseCandumpRecord } from './candump.ts';
import { decodedLine, humanLine } from './decode-format.ts';
import type { CanFrame } from './frame.ts';

const DEFAULT_DBC = fileURLToPath(new URL('./packpilot.dbc', import.meta.url));
const USAGE = 'usage: npm run decode -- [--dbc FILE.dbc] [--json] LOGFILE|-|--can IFACE';

interface Args {
  dbc: string;
  json: boolean;
  input: { kind: 'file'; path: string } | { kind: 'stdin' } | { kind: 'can'; iface: string };
}

class UsageError extends Error {}

export function parseArgs(argv: readonly string[]): Args | 'help' {
  let dbc = DEFAULT_DBC;
  let json = false;
  let input: Args['input'] | undefined;
  const setInput = (i: Args['input']) => {
    if (input) throw new UsageError('give one input: a log file, - (stdin) or --can IFACE');
    input = i;
  };
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k]!;
    const value = () => {
      const v = argv[++k];
      if (v === undefined || (v.startsWith('--') && v.length > 2)) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--help' || a === '-h') return 'help';
    else if (a === '--json') json = true;
    else if (a === '--dbc') dbc = value();
    else if (a === '--can') setInput({ kind: 'can', iface: value() });
    else if (a === '-') setInput({ kind: 'stdin' });
    else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
    else setInput({ kind: 'file', path: a });
  }
  if (!input) throw new UsageError('no input: give a log file, - (stdin) or --can IFACE');
  return { dbc, json, input };
}

function makePrinter(codec: Codec, json: boolean, write: (s: string) => void) {
  const receivers = new Map<string, Receiver>(); // counters are per bus
  return (timestampUs: number, bus: string, frame: CanFrame) => {
    let rx = receivers.get(bus);
    if (!rx) receivers.set(bus, (rx = createReceiver(codec)));
    const r = rx.receive(frame);
    const line = decodedLine(timestampUs / 1e6, bus, frame, r);
    write(json ? JSON.stringify(line) : humanLine(timestampUs, frame, line, r));
  };
}

async function decodeLog(stream: NodeJS.ReadableStream, print: ReturnType<typeof makePrinter>): Promise<number> {
  let n = 0;
  let bad = 0;
  for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
    n++;
    try {
      const rec = parseCandumpRecord(text);
      if (rec?.kind === 'frame') print(rec.timestampUs, rec.bus, rec.frame);
    } catch (e) {
      bad++;
      process.stderr.write(`line ${n}: ${(e as Error).message}\n`);
    }
  }
  return bad > 0 ? 1 : 0;
}

async function decodeLive(iface: string, print: ReturnType<typeof makePrinter>): Promise<number> {
  const { openSocketCanBus } = await import('./socketcan-bus.ts');
  const bus = await openSocketCanBus(iface);
  await new Promise<void>((resolve) => {
    const unsubscribe = bus.subscribe(
      (frame) => print(Math.round(frame.timestampMs * 1000), bus.name, frame),
      (event) => {
        process.stderr.write(`${bus.name}: ${event.kind} ${event.detail}\n`);
        if (event.kind === 'closed') resolve();
      },
    );
    process.once('SIGINT', () => {
      unsubscribe();
      resolve();
    });
  });
  await bus.close();
  return 0;
}

export async function main(argv: readonly string[]): Promise<number> {
  const fail = (message: string) => {
    process.stderr.write(`decode: ${message}\n`);
    return 2;
  };
  let args: Args | 'help';
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) return fail(`${e.message} (${USAGE})`);
    throw e;
  }
  if (args === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let codec: Codec;
  try {
    const { dbc, warnings } = loadDbcFile(args.dbc);
    if (dbc.messages.length === 0) return fail(`DBC ${args.dbc} defines no messages${warnings[0] ? ` (line ${warnings[0].line}: ${warnings[0].message})` : ''}`);
    if (warnings.length > 0) process.stderr.write(`decode: DBC ${args.dbc}: ${warnings.length} warning(s), first: line ${warnings[0]!.line}: ${warnings[0]!.message}\n`);
    codec = compileCodec(dbc);
  } catch (e) {
    return fail(`cannot load DBC ${args.dbc}: ${(e as Error).message}`);
  }
  const print = makePrinter(codec, args.json, (s) => process.stdout.write(`${s}\n`));
  const input = args.input;
  if (input.kind === 'can') {
    try {
      return await decodeLive(input.iface, print);
    } catch (e) {
      return fail(`cannot read ${input.iface}: ${(e as Error).message}`);
    }
  }
  if (input.kind === 'file' && !existsSync(input.path)) return fail(`cannot read ${input.path}: no such file`);
  const stream = input.kind === 'file' ? createReadStream(input.path) : process.stdin;
  try {
    return await decodeLog(stream, print);
  } catch (e) {
    return fail(`cannot read ${input.kind === 'file' ? input.path : 'stdin'}: ${(e as Error).message}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  // `… | head` closes stdout early: that is the reader's choice, not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => process.exit(e.code === 'EPIPE' ? 0 : 2));
  process.exitCode = await main(process.argv.slice(2));
}
