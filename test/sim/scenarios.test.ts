// The repo's scenario folder (sim/scenarios/*.json, not calibration/): every scenario is a test
// case and must be ok: no invariant violated, every expectation met. A failure shows the run's
// summary (seed, violations with the ticks before them, failed expectations, final state).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadScenarioFile } from '../../sim/scenario/load.ts';
import { summaryText } from '../../sim/scenario/run-format.ts';
import { runScenarioTraced } from '../../sim/scenario/run.ts';

const FOLDER = join(import.meta.dirname, '../../sim/scenarios');
const t = suite('scenario folder sim/scenarios');

for (const file of readdirSync(FOLDER).filter((n) => n.endsWith('.json')).sort()) {
  t(file, () => {
    const run = runScenarioTraced(loadScenarioFile(join(FOLDER, file)));
    assert.ok(run.results.ok, `\n${summaryText(run)}\n`);
  });
}

t.run();
