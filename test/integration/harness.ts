// A tiny runner for integration tests that need real processes and real time (not uvu:
// these run inside a vcan VM, not in `npm test`). Prints "N passed, N failed, N skipped".
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';

export class Skip extends Error {}

const results = { passed: 0, failed: 0, skipped: 0 };

export async function check(name: string, body: () => Promise<void> | void): Promise<void> {
  const start = Date.now();
  try {
    await body();
    results.passed++;
    console.log(`ok    ${name} (${Date.now() - start} ms)`);
  } catch (e) {
    if (e instanceof Skip) {
      results.skipped++;
      console.log(`skip  ${name}: ${e.message}`);
      return;
    }
    results.failed++;
    console.log(`FAIL  ${name}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  }
}

/** Prints the summary and sets the exit code. */
export function finish(): void {
  console.log(`${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped`);
  process.exitCode = results.failed > 0 || results.passed === 0 ? 1 : 0;
}

export function expect(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

export function expectEqual<T>(actual: T, expected: T, what: string): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}

/** Resolves when predicate() holds (checked every 10 ms), rejects after timeoutMs. */
export async function waitFor(predicate: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Runs a command to completion; resolves with its exit code and output. */
export function run(cmd: string, args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

/** A long-running child whose stdout lines are collected. */
export function startCollecting(cmd: string, args: string[]): { child: ChildProcess; lines: string[]; exited: () => boolean } {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines: string[] = [];
  let partial = '';
  let done = false;
  child.on('exit', () => (done = true));
  child.stdout!.on('data', (d: Buffer) => {
    const parts = (partial + d.toString()).split('\n');
    partial = parts.pop()!;
    lines.push(...parts.filter((l) => l.trim() !== ''));
  });
  return { child, lines, exited: () => done };
}
