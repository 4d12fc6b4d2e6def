import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPersistedState, savePersistedState, type PersistedState } from '../../../vehicle/persist/persisted-state.ts';

const t = suite('persisted state');
const aState = (o: Partial<PersistedState> = {}): PersistedState => ({
  socPct: 42.5, socUncertaintyPct: 1.5, capacityAh: 110.2, savedAt: '2026-11-23T12:00:00Z',
  faultHistory: [{ code: 'B101', text: 'cell over-voltage', firstMs: 1, lastMs: 2, count: 1 }], ...o,
});
const tmp = () => mkdtempSync(join(tmpdir(), 'packpilot-state-'));

t('what is saved is loaded back', () => {
  const path = join(tmp(), 'state.json');
  savePersistedState(path, aState());
  assert.equal(loadPersistedState(path), { ok: true, state: aState() });
});

t('saving leaves no temporary file behind and replaces the old content whole', () => {
  const dir = tmp();
  const path = join(dir, 'state.json');
  savePersistedState(path, aState({ socPct: 10 }));
  savePersistedState(path, aState({ socPct: 20 }));
  assert.equal(readdirSync(dir), ['state.json']);
  const loaded = loadPersistedState(path);
  assert.ok(loaded.ok && loaded.state.socPct === 20);
});

t('a first start, a torn file and an implausible value each give a reason, never a value', () => {
  const dir = tmp();
  assert.match(JSON.stringify(loadPersistedState(join(dir, 'none.json'))), /no saved state/);
  writeFileSync(join(dir, 'torn.json'), '{"format":"packpilot-state-1","socPct":4');
  assert.match(JSON.stringify(loadPersistedState(join(dir, 'torn.json'))), /not valid JSON/);
  savePersistedState(join(dir, 'bad.json'), aState({ socPct: 140 }));
  const bad = loadPersistedState(join(dir, 'bad.json'));
  assert.is(bad.ok, false);
  assert.match((bad as { reason: string }).reason, /socPct = 140 \(expected 0…100\)/);
});

t.run();
