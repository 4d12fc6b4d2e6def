// Where people reach the running service: the API sockets (created with a private folder) and
// the lines printed at start (dashboard address and token, sockets, recording, log).
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { defaultSocketPaths } from '../api/paths.ts';
import type { RunningService } from './service.ts';

export function apiSockets(env: NodeJS.ProcessEnv = process.env): { control: string; readOnly: string } {
  const paths = defaultSocketPaths(env);
  mkdirSync(dirname(paths.control), { recursive: true, mode: 0o700 });
  return paths;
}

export function describeEndpoints(service: RunningService, sockets: { control: string } | null, files: { recordDir: string | null; logFile?: string }): string[] {
  const lines: string[] = [];
  const d = service.dashboard;
  if (d) lines.push(`dashboard: ${d.url}${d.token ? `  (token for controls: ${d.token})` : '  (read-only)'}`);
  if (sockets) lines.push(`API: ${sockets.control}  (npm run cli -- status)`);
  if (files.recordDir) lines.push(`recording: ${files.recordDir}`);
  if (files.logFile) lines.push(`decision log: ${files.logFile}`);
  return lines;
}
