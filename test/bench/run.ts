// npm run bench [-- --json] [GROUP...]
import type { BenchGroup, Figure } from './harness.ts';
import { groups } from './groups.ts';

const args = process.argv.slice(2);
const json = args.includes('--json');
const names = args.filter((a) => !a.startsWith('--'));
const unknown = names.filter((n) => !groups.some((g: BenchGroup) => g.name === n));
if (unknown.length > 0) {
  console.error(`unknown bench group(s): ${unknown.join(', ')}; known: ${groups.map((g) => g.name).join(', ')}`);
  process.exit(2);
}
const selected = names.length > 0 ? groups.filter((g) => names.includes(g.name)) : groups;
const all: Figure[] = [];
for (const group of selected) {
  if (!json) console.log(`\n# ${group.name}: ${group.describe}`);
  const figures = await group.run();
  for (const f of figures) {
    all.push(f);
    if (!json) console.log(`  ${f.name.padEnd(48)} ${formatValue(f.value).padStart(14)} ${f.unit}`);
  }
}
if (json) console.log(JSON.stringify(all));

function formatValue(v: number): string {
  if (Math.abs(v) >= 1000) return Math.round(v).toLocaleString('en-US');
  return v.toPrecision(4);
}
