// packpilot's command line over the local API.
//   packpilot status [--json] | faults | watch
//   packpilot charge start | stop | limit PCT
//   packpilot v2l on [--floor PCT] | off | floor PCT | reset
//   packpilot payment eim|pnc|off   packpilot ac-current AMPS   packpilot precondition on|off
// Options: --socket PATH (default: the control socket; read-only commands fall back to the read-only socket).
import { ApiClient } from '../api/client.ts';
import { defaultSocketPaths } from '../api/paths.ts';
import type { ApiCommand, ApiResponse } from '../api/protocol.ts';

const USAGE = `usage: packpilot [--socket PATH] COMMAND
  status [--json]            what the car is doing
  faults                     active and past faults
  watch                      stream events until Ctrl-C
  charge start|stop          start or stop charging
  charge limit PCT           charge limit, 50–100 %
  v2l on [--floor PCT]       start vehicle-to-load (floor 20–80 % in 10 % steps)
  v2l off | floor PCT | reset
  payment eim|pnc|off        payment preference for DC charging
  ac-current AMPS            maximum AC charging current, 6–80 A
  precondition on|off        warm or cool the pack for fast charging`;

class UsageError extends Error {}

export function parseCli(argv: string[]): { command: ApiCommand | { cmd: 'watch' }; json: boolean; socket?: string } {
  const args = [...argv];
  let socket: string | undefined;
  let json = false;
  let floor: number | undefined;
  for (let i = 0; i < args.length; ) {
    if (args[i] === '--socket') [, socket] = args.splice(i, 2);
    else if (args[i] === '--json') (args.splice(i, 1), (json = true));
    else if (args[i] === '--floor') floor = numberArg(args.splice(i, 2)[1], '--floor');
    else i++;
  }
  const [verb, sub, value] = args;
  const command = ((): ApiCommand | { cmd: 'watch' } => {
    switch (verb) {
      case 'status': return { cmd: 'status' };
      case 'faults': return { cmd: 'faults' };
      case 'watch': return { cmd: 'watch' };
      case 'charge':
        if (sub === 'start') return { cmd: 'charge-start' };
        if (sub === 'stop') return { cmd: 'charge-stop' };
        if (sub === 'limit') return { cmd: 'charge-limit', pct: numberArg(value, 'charge limit') };
        throw new UsageError(`charge: expected start, stop or limit PCT, got ${sub ?? 'nothing'}`);
      case 'v2l':
        if (sub === 'on') return floor === undefined ? { cmd: 'v2l-on' } : { cmd: 'v2l-on', floorPct: floor };
        if (sub === 'off') return { cmd: 'v2l-off' };
        if (sub === 'floor') return { cmd: 'v2l-floor', pct: numberArg(value, 'v2l floor') };
        if (sub === 'reset') return { cmd: 'v2l-reset' };
        throw new UsageError(`v2l: expected on, off, floor PCT or reset, got ${sub ?? 'nothing'}`);
      case 'payment':
        if (sub === 'eim' || sub === 'pnc' || sub === 'off') return { cmd: 'payment-mode', mode: sub };
        throw new UsageError(`payment: expected eim, pnc or off, got ${sub ?? 'nothing'}`);
      case 'ac-current': return { cmd: 'max-ac-current', amps: numberArg(sub, 'ac-current') };
      case 'precondition':
        if (sub === 'on' || sub === 'off') return { cmd: 'precondition', on: sub === 'on' };
        throw new UsageError(`precondition: expected on or off, got ${sub ?? 'nothing'}`);
      default:
        throw new UsageError(verb === undefined ? 'no command given' : `unknown command "${verb}"`);
    }
  })();
  return socket === undefined ? { command, json } : { command, json, socket };
}

function numberArg(text: string | undefined, what: string): number {
  const v = Number(text);
  if (text === undefined || !Number.isFinite(v)) throw new UsageError(`${what}: expected a number, got ${text ?? 'nothing'}`);
  return v;
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseCli(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`packpilot: ${err.message}\n${USAGE}`);
    return 2;
  }
  const paths = defaultSocketPaths();
  const readOnly = ['status', 'faults', 'watch'].includes(parsed.command.cmd);
  const client = await connect(parsed.socket ?? paths.control, parsed.socket === undefined && readOnly ? paths.readOnly : undefined);
  if (parsed.command.cmd === 'watch') {
    client.onEvent((e) => console.log(JSON.stringify(e)));
    await client.request({ cmd: 'subscribe' });
    await new Promise(() => undefined);
  }
  const reply = await client.request(parsed.command as ApiCommand);
  client.close();
  print(reply, parsed.json);
  return reply.ok ? 0 : 1;
}

async function connect(primary: string, fallback?: string): Promise<ApiClient> {
  try {
    return await ApiClient.connect(primary);
  } catch (err) {
    if (fallback === undefined) throw err;
    return ApiClient.connect(fallback);
  }
}

function print(reply: ApiResponse, json: boolean): void {
  if (!reply.ok) {
    console.error(`packpilot: ${reply.error.message}`);
    return;
  }
  if (json || typeof reply.result !== 'object' || reply.result === null) {
    console.log(typeof reply.result === 'string' ? reply.result : JSON.stringify(reply.result, null, json ? 0 : 2));
    return;
  }
  for (const [k, v] of Object.entries(reply.result)) console.log(`${k.padEnd(22)} ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then((code) => process.exit(code), (err: Error) => {
    console.error(`packpilot: ${err.message}`);
    process.exit(1);
  });
}
