// Where the API sockets live: $PACKPILOT_SOCKET_DIR, else the service's runtime folder
// (/run/packpilot under systemd's RuntimeDirectory), else a per-user folder for desktop runs.
import { join } from 'node:path';
import { tmpdir, userInfo } from 'node:os';

export interface SocketPaths {
  control: string;
  readOnly: string;
}

export function defaultSocketPaths(env: NodeJS.ProcessEnv = process.env): SocketPaths {
  const dir = env.PACKPILOT_SOCKET_DIR ?? env.RUNTIME_DIRECTORY ?? env.XDG_RUNTIME_DIR ?? join(tmpdir(), `packpilot-${userInfo().uid}`);
  return { control: join(dir, 'packpilot.sock'), readOnly: join(dir, 'packpilot-ro.sock') };
}
