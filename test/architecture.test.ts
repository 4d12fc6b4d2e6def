// The dependency rules of DESIGN.md §2 and the purity rules of §3, checked on the source.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const t = suite('architecture');

function sources(dir: string): string[] {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  const out: string[] = [];
  for (const name of readdirSync(abs)) {
    const path = join(abs, name);
    if (statSync(path).isDirectory()) out.push(...sources(relative(root, path)));
    else if (name.endsWith('.ts')) out.push(path);
  }
  return out;
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    found.push((m[1] ?? m[2])!);
  }
  return found;
}

/** Top-level folder (or vehicle/sub-folder) a relative import lands in. */
function target(file: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const rel = relative(root, resolve(dirname(file), spec)).split('/');
  return rel[0] === 'vehicle' ? `vehicle/${rel[1]}` : rel[0];
}

const domains = ['bms', 'inlet', 'v2l'];

t('pure domains never import each other, and reach vehicle/ only for can and clock types', () => {
  const problems: string[] = [];
  for (const domain of domains) {
    for (const file of sources(domain)) {
      for (const spec of imports(file)) {
        const to = target(file, spec);
        if (to === undefined || to === domain) continue;
        if (to === 'vehicle/can' || to === 'vehicle/clock') continue;
        problems.push(`${relative(root, file)} imports ${spec}`);
      }
    }
  }
  assert.equal(problems, []);
});

t('pure domains read no clock, set no timer and do no I/O', () => {
  const forbidden = /Date\.now\(|new Date\(|setTimeout\(|setInterval\(|performance\.now\(|process\.hrtime|Math\.random\(|from ['"]node:(fs|net|dgram|child_process|http|https)['"]/;
  const problems: string[] = [];
  for (const domain of domains) {
    for (const file of sources(domain)) {
      readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
        if (forbidden.test(line) && !line.trim().startsWith('//')) problems.push(`${relative(root, file)}:${i + 1}: ${line.trim()}`);
      });
    }
  }
  assert.equal(problems, []);
});

t('the simulator never reaches into the domains; its plant models see only CAN and clock types', () => {
  const problems: string[] = [];
  for (const file of sources('sim')) {
    const isPlant = relative(root, file).startsWith('sim/plant/');
    for (const spec of imports(file)) {
      const to = target(file, spec);
      if (to === undefined || to === 'sim' || to === 'vehicle/can' || to === 'vehicle/clock') continue;
      // The scenario runner drives the whole controller (vehicle/) as a black box, as on a real car.
      if (!isPlant && to.startsWith('vehicle/')) continue;
      problems.push(`${relative(root, file)} imports ${spec}`);
    }
  }
  assert.equal(problems, []);
});

t('the simulator draws randomness only from its seeded source', () => {
  const problems = sources('sim')
    .filter((f) => /Math\.random\(/.test(readFileSync(f, 'utf8')))
    .map((f) => relative(root, f));
  assert.equal(problems, []);
});

t.run();
