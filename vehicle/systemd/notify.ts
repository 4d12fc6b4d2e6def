// systemd readiness and watchdog notifications (Type=notify, WatchdogSec). Node cannot send on
// a Unix datagram socket by itself, so this calls systemd-notify (the unit sets NotifyAccess=all).
// Without NOTIFY_SOCKET (not under systemd) every call is a no-op.
import { execFile } from 'node:child_process';

export interface SystemdNotifier {
  /** True when running under systemd with a notify socket. */
  readonly active: boolean;
  /** How often to ping the watchdog (half of WatchdogSec), or undefined when there is none. */
  readonly watchdogIntervalMs: number | undefined;
  ready(status?: string): void;
  watchdog(): void;
  stopping(): void;
}

export function systemdNotifier(env: NodeJS.ProcessEnv = process.env, run = defaultRun): SystemdNotifier {
  const active = typeof env.NOTIFY_SOCKET === 'string' && env.NOTIFY_SOCKET.length > 0;
  const usec = Number(env.WATCHDOG_USEC);
  const forUs = env.WATCHDOG_PID === undefined || Number(env.WATCHDOG_PID) === process.pid;
  const watchdogIntervalMs = active && forUs && Number.isFinite(usec) && usec > 0 ? usec / 2000 : undefined;
  const send = (...args: string[]) => {
    if (active) run(args);
  };
  return {
    active,
    watchdogIntervalMs,
    ready: (status) => send('--ready', ...(status ? [`--status=${status}`] : [])),
    watchdog: () => send('WATCHDOG=1'),
    stopping: () => send('STOPPING=1'),
  };
}

function defaultRun(args: string[]): void {
  execFile('systemd-notify', args, (err) => {
    if (err) process.emitWarning(`systemd-notify ${args.join(' ')} failed: ${err.message}`);
  });
}
