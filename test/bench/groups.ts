// Every benchmark group: each bench/*.bench.ts file default-exports one BenchGroup
// or an array of them. Groups run in file-name order. `npm run bench` runs the compiled copy
// (.cache/build/test/bench/*.bench.js, see vehicle/build/build.mjs), tsx the sources.
import { readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { BenchGroup } from './harness.ts';

const dir = import.meta.dirname;
const files = readdirSync(dir).filter((f) => f.endsWith('.bench.ts') || f.endsWith('.bench.js')).sort();

export const groups: BenchGroup[] = [];
for (const file of files) {
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as { default: BenchGroup | BenchGroup[] };
  groups.push(...(Array.isArray(mod.default) ? mod.default : [mod.default]));
}
