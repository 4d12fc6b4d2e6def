// Development server: the dashboard on the fake source, ticked by a real timer.
// Usage: tsx vehicle/dashboard/dev.ts [--port 8090] [--host 127.0.0.1] [--speed 10] [--seed 7] [--token T] [--read-only]
// --speed: simulated seconds per real second (10 → a 10–80 % session in about 3 minutes).
import { parseArgs } from 'node:util';
import { FakeSource } from './fake-source.ts';
import { startDashboard } from './server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8090' },
    host: { type: 'string', default: '127.0.0.1' },
    speed: { type: 'string', default: '10' },
    seed: { type: 'string', default: '7' },
    token: { type: 'string' },
    'read-only': { type: 'boolean', default: false },
  },
});

const TICK_MS = 250;
const speed = Number(values.speed);
if (!(speed > 0)) throw new Error(`--speed must be a positive number, got ${values.speed}`);
const source = new FakeSource({ seed: Number(values.seed) });
const dashboard = await startDashboard({
  source,
  port: Number(values.port),
  host: values.host,
  token: values['read-only'] ? null : values.token,
});
const timer = setInterval(() => source.tick(TICK_MS * speed), TICK_MS);

console.log(`packpilot dashboard (fake charge session, ${speed}× speed): ${dashboard.url}`);
console.log(dashboard.token === null ? 'controls: off (read-only)' : `controls token: ${dashboard.token}`);

const stop = async () => {
  clearInterval(timer);
  await dashboard.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
