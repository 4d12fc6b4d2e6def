import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

/**
 * Finds the `socketcan` package (node-can binding, pinned 4.3.1). It is an optional
 * dependency whose engines field says Node ≥ 22, so npm on Node 20 leaves it out; the
 * project can build it aside with `npm run socketcan:build` (into .cache/socketcan).
 * Tried in order: node_modules, <repo>/.cache/socketcan/node_modules/socketcan, then
 * $PACKPILOT_SOCKETCAN_DIR (the package folder itself, or a folder with node_modules/socketcan).
 */

/** A received message as socketcan 4.3.1 hands it over (native/can.cc). */
export interface RawMessage {
  id: number;
  ext?: boolean;
  rtr?: boolean;
  /** Set on error frames (CAN_ERR_FLAG); `id` then holds the error class bits. */
  err?: boolean;
  data: Buffer;
  ts_sec?: number;
  ts_usec?: number;
}

export interface RawOutgoing {
  id: number;
  ext: boolean;
  data: Buffer;
}

/** The part of socketcan's RawChannel that we use. send/sendFD return bytes written or −1. */
export interface RawChannelLike {
  addListener(event: 'onMessage', callback: (message: RawMessage) => void): unknown;
  addListener(event: 'onStopped', callback: () => void): unknown;
  start(): unknown;
  stop(): unknown;
  send(message: RawOutgoing): number;
  sendFD(message: RawOutgoing): number;
}

export interface SocketCanModule {
  createRawChannelWithOptions(
    iface: string,
    options: { timestamps?: boolean; protocol?: number; non_block_send?: boolean },
  ): RawChannelLike;
}

export interface LoaderContext {
  /** Loads a module id or absolute path (default: Node's require from this file). */
  load?: (idOrPath: string) => unknown;
  env?: Record<string, string | undefined>;
  repoRoot?: string;
  platform?: string;
  nodeVersion?: string;
}

export interface LoadCandidate {
  /** What the error message calls it. */
  where: string;
  /** Module id or absolute path to load; undefined when the candidate is not configured. */
  target: string | undefined;
}

export class SocketCanUnavailableError extends Error {
  constructor(
    message: string,
    readonly attempts: readonly { where: string; problem: string }[],
  ) {
    super(message);
    this.name = 'SocketCanUnavailableError';
  }
}

/** The checkout: two levels up from vehicle/can, also when running compiled from .cache/build/. */
const REPO_ROOT = repoRootFrom(import.meta.dirname);

function repoRootFrom(dir: string): string {
  const up = resolve(dir, '..', '..');
  const build = join('.cache', 'build');
  return up.endsWith(build) ? resolve(up, '..', '..') : up;
}
const ENV_DIR = 'PACKPILOT_SOCKETCAN_DIR';

export function socketCanCandidates(ctx: LoaderContext = {}): LoadCandidate[] {
  const root = ctx.repoRoot ?? REPO_ROOT;
  const envDir = (ctx.env ?? process.env)[ENV_DIR];
  let envTarget: string | undefined;
  if (envDir !== undefined && envDir !== '') {
    const nested = join(resolve(envDir), 'node_modules', 'socketcan');
    envTarget = existsSync(join(resolve(envDir), 'package.json')) || !existsSync(nested) ? resolve(envDir) : nested;
  }
  return [
    { where: 'node_modules/socketcan (npm install)', target: 'socketcan' },
    { where: join(root, '.cache', 'socketcan', 'node_modules', 'socketcan'), target: join(root, '.cache', 'socketcan', 'node_modules', 'socketcan') },
    { where: `$${ENV_DIR}${envTarget ? ` (${envTarget})` : ''}`, target: envTarget },
  ];
}

/** The socketcan module, or a SocketCanUnavailableError that says what was tried and how to fix it. */
export function loadSocketCan(ctx: LoaderContext = {}): SocketCanModule {
  const load = ctx.load ?? createRequire(import.meta.url);
  const attempts: { where: string; problem: string }[] = [];
  for (const candidate of socketCanCandidates(ctx)) {
    if (candidate.target === undefined) {
      attempts.push({ where: candidate.where, problem: 'not set' });
      continue;
    }
    try {
      const mod = load(candidate.target) as Partial<SocketCanModule> | undefined;
      if (typeof mod?.createRawChannelWithOptions === 'function') return mod as SocketCanModule;
      attempts.push({ where: candidate.where, problem: 'loaded, but has no createRawChannelWithOptions (not socketcan 4.x?)' });
    } catch (e) {
      attempts.push({ where: candidate.where, problem: describeLoadError(e) });
    }
  }
  throw new SocketCanUnavailableError(unavailableMessage(attempts, ctx), attempts);
}

let cached: SocketCanModule | undefined;

/** loadSocketCan() with the real environment, once per process. */
export function defaultSocketCan(): SocketCanModule {
  cached ??= loadSocketCan();
  return cached;
}

function describeLoadError(e: unknown): string {
  const err = e as { code?: string; message?: string };
  const first = String(err?.message ?? e).split('\n')[0];
  if (err?.code === 'MODULE_NOT_FOUND') return `not installed (${first})`;
  return `failed to load: ${first}`;
}

function unavailableMessage(attempts: { where: string; problem: string }[], ctx: LoaderContext): string {
  const platform = ctx.platform ?? process.platform;
  const nodeVersion = ctx.nodeVersion ?? process.versions.node;
  const tried = attempts.map((a) => `  - ${a.where}: ${a.problem}`).join('\n');
  const lines = [`socketcan (the SocketCAN binding, optional dependency socketcan@4.3.1) could not be loaded. Tried:`, tried];
  if (platform !== 'linux') {
    lines.push(`SocketCAN exists only on Linux (this is ${platform}): use the simulated bus here.`);
  } else {
    const major = Number(nodeVersion.split('.')[0]);
    const why = major < 22 ? `npm skips it on Node ${nodeVersion} because its engines field asks for Node ≥ 22. ` : '';
    lines.push(
      `${why}Fix: run \`npm run socketcan:build\` (builds it into .cache/socketcan, about 5 s, needs a C++ toolchain), ` +
        `or use Node ≥ 22 and \`npm install\`, or set ${ENV_DIR} to a folder holding a built socketcan. ` +
        `Without it, use the simulated bus.`,
    );
  }
  return lines.join('\n');
}
