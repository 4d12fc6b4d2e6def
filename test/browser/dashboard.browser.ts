// The dashboard in a real browser: Debian's Chromium driven by playwright-core, against the
// dashboard served on the fake source. Not a *.test.ts file: CI runs it on its own after
// installing Chromium (`npx tsx test/browser/dashboard.browser.ts`).
// Prints "N passed, N failed"; screenshots go to artifacts/screenshots/.
// Without /usr/bin/chromium (or PACKPILOT_CHROMIUM) it says so and exits 1, unless
// PACKPILOT_SKIP_BROWSER=1, which makes it skip (exit 0).
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { FakeSource } from '../../vehicle/dashboard/fake-source.ts';
import { startDashboard, type Dashboard } from '../../vehicle/dashboard/server.ts';
import type { Browser, Page } from 'playwright-core';

const CHROMIUM = process.env.PACKPILOT_CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = resolve(import.meta.dirname, '../../artifacts/screenshots');
const TOKEN = 'browser-test-token-4f2a9c';
/** The page must show live values this soon after navigation starts (issue #9). */
const LOAD_BUDGET_MS = 1000;
/** Waits in this file are for the browser to react; none of them should come close. */
const WAIT_MS = 5000;
const MINUTE_MS = 60_000;

// As node.md says for this machine: no sandbox as root, and nothing that calls out to the network.
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function skipOrFail(why: string): never {
  if (process.env.PACKPILOT_SKIP_BROWSER === '1') {
    console.log(`browser test skipped (PACKPILOT_SKIP_BROWSER=1): ${why}`);
    console.log('0 passed, 0 failed, 1 skipped');
    process.exit(0);
  }
  console.error(`browser test cannot run: ${why}`);
  console.error('install with: apt-get install -y chromium && npm install (playwright-core); or set PACKPILOT_SKIP_BROWSER=1 to skip');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

if (!existsSync(CHROMIUM)) skipOrFail(`${CHROMIUM} is missing`);
let chromium: typeof import('playwright-core').chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch {
  skipOrFail('the playwright-core package is not installed');
}

const results: { name: string; error?: string }[] = [];
async function check(name: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
    results.push({ name });
    console.log(`  ✓ ${name}`);
  } catch (err) {
    results.push({ name, error: (err as Error).message });
    console.log(`  ✘ ${name}\n      ${(err as Error).message.split('\n').join('\n      ')}`);
  }
}
function expect(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

mkdirSync(SHOTS, { recursive: true });
const shot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });

const source = new FakeSource({ seed: 7, startSocPct: 12 });
// Mid-session: the curve has its charger and inlet-temperature parts, a fault has come and gone.
source.tick(17 * MINUTE_MS);
const dashboard: Dashboard = await startDashboard({ source, port: 0, token: TOKEN });
const readOnly: Dashboard = await startDashboard({ source, port: 0, token: null });
const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
const consoleErrors: string[] = [];

async function openPage(url: string, viewport = { width: 1280, height: 800 }, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const context = await browser.newContext({ viewport, colorScheme });
  const page = await context.newPage();
  page.on('console', (m) => {
    // The refusals this test provokes on purpose (401, 409) are logged by Chromium too.
    if (m.type() === 'error' && !/Failed to load resource: .* (401|409)/.test(m.text())) consoleErrors.push(`${url}: ${m.text()}`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`${url}: ${e.message}`));
  page.setDefaultTimeout(WAIT_MS);
  return page;
}
const text = (page: Page, sel: string) => page.locator(sel).first().innerText();
const sent = () => source.commands.map((c) => JSON.stringify(c));

try {
  const page = await openPage(dashboard.url);

  await check(`the page loads and shows live values in under ${LOAD_BUDGET_MS} ms (best of 3 fresh loads)`, async () => {
    // Best of three: the page's own cost, not whatever else the machine is doing at that moment.
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const fresh = await openPage(dashboard.url);
      await fresh.goto(dashboard.url);
      await fresh.waitForSelector('body[data-ready="1"]');
      times.push(await fresh.evaluate(() => performance.getEntriesByName('packpilot-first-status')[0]?.startTime ?? -1));
      await fresh.context().close();
    }
    console.log(`      first live values after ${times.map((t) => t.toFixed(0)).join(', ')} ms`);
    const best = Math.min(...times.filter((t) => t >= 0));
    expect(best < LOAD_BUDGET_MS, `first status drawn after ${best} ms at best`);
    await page.goto(dashboard.url);
    await page.waitForSelector('body[data-ready="1"]');
  });

  await check('key values render: SOC, power, pack, heatmaps with min and max, the curve', async () => {
    expect(/^\d+\.\d %$/.test(await text(page, '#soc')), `SOC shows "${await text(page, '#soc')}"`);
    expect(/kW$/.test(await text(page, '#power')), 'power in kW');
    expect(/^\d{3}\.\d V$/.test(await text(page, '#packV')), `pack voltage "${await text(page, '#packV')}"`);
    expect(await page.locator('#cellV .hm').count() === 96, '96 cell squares');
    expect(await page.locator('#cellT .hm').count() === 32, '32 sensor squares');
    expect(await page.locator('#cellV .hm.min').count() === 1 && await page.locator('#cellV .hm.max').count() === 1, 'one min and one max cell outlined');
    expect(await page.locator('#curve canvas').count() >= 1, 'the curve is drawn');
    expect((await text(page, '#curveLegend')).includes('charger'), 'the legend names the limits seen');
    expect((await text(page, '#phases li.now')) === 'charge', 'phase step "charge"');
    expect(/CCS1/.test(await text(page, '#connector')), 'the inlet shows what is plugged');
    await page.locator('#cellV .hm').nth(4).hover();
    expect(/^cell 5: \d\.\d{3} V$/.test(await text(page, '#cellVHover')), `hover readout "${await text(page, '#cellVHover')}"`);
  });

  await shot(page, 'dashboard-1280x800-light');

  await check('values move while the source charges', async () => {
    const soc = await text(page, '#soc');
    const energy = await text(page, '#energy');
    const lastLog = await page.evaluate(() => document.querySelector('#log li')?.textContent ?? '');
    source.tick(MINUTE_MS);
    await page.waitForFunction((before) => document.getElementById('soc')?.textContent !== before, soc);
    expect((await text(page, '#energy')) !== energy, 'energy moved');
    source.tick(2 * MINUTE_MS); // crosses into battery-limited charging: a decision to log
    await page.waitForFunction(() => document.getElementById('limit')?.textContent === 'battery');
    await page.waitForFunction((before) => document.querySelector('#log li')?.textContent !== before, lastLog);
  });

  await check('controls are disabled and marked read-only without the token', async () => {
    for (const id of ['chargeStart', 'chargeStop', 'limitRange', 'v2lOn', 'v2lOff', 'v2lFloor']) {
      expect(await page.locator(`#${id}`).isDisabled(), `#${id} is disabled`);
    }
    expect((await text(page, '#authState')) === 'read-only', 'badge says read-only');
  });

  await check('a command without the token is refused by the server and never reaches the source', async () => {
    const before = source.commands.length;
    const status = await page.evaluate(async () => (await fetch('/api/command', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ cmd: 'charge-stop' }),
    })).status);
    expect(status === 401, `status ${status}`);
    expect(source.commands.length === before, 'no command reached the source');
  });

  await check('a wrong token leaves the controls locked', async () => {
    await page.fill('#tokenInput', 'not-the-token-at-all');
    await page.click('#unlock');
    await page.waitForSelector('#toast.bad');
    expect(await page.locator('#chargeStop').isDisabled(), 'still disabled');
  });

  await check('with the token the controls unlock and a command reaches the source', async () => {
    await page.fill('#tokenInput', TOKEN);
    await page.click('#unlock');
    await page.waitForSelector('#chargeStop:not([disabled])');
    expect((await text(page, '#authState')) === 'controls on', 'badge says controls on');
    await page.locator('#limitRange').fill('90');
    await page.waitForFunction(() => document.getElementById('toast')?.textContent === 'charge-limit: accepted');
    expect(sent().includes('{"cmd":"charge-limit","pct":90}'), `sent: ${sent().join(' ')}`);
    await page.click('#chargeStop');
    await page.waitForFunction(() => document.getElementById('toast')?.textContent === 'charge-stop: accepted');
    expect(sent().at(-1) === '{"cmd":"charge-stop"}', `sent: ${sent().join(' ')}`);
    source.tick(10_000);
    await page.waitForFunction(() => document.querySelector('#phases li.now')?.textContent === 'end');
  });

  await check('a refusal is shown with its reason; V2L switches on once charging has ended', async () => {
    await page.click('#chargeStart');
    await page.waitForFunction(() => document.getElementById('toast')?.textContent?.startsWith('charge-start: accepted'));
    await page.click('#v2lOn');
    await page.waitForFunction(() => /V2L never supplies while charging/.test(document.getElementById('toast')?.textContent ?? ''));
    await page.click('#chargeStop');
    source.tick(10_000);
    await page.waitForFunction(() => document.querySelector('#phases li.now')?.textContent === 'end');
    await page.selectOption('#v2lFloor', '30');
    await page.click('#v2lOn');
    source.tick(30_000);
    await page.waitForFunction(() => document.getElementById('v2lState')?.textContent === 'supplying');
    expect(sent().includes('{"cmd":"v2l-on","floorPct":30}'), `sent: ${sent().join(' ')}`);
    await shot(page, 'dashboard-v2l-unlocked');
  });

  await check('the token is kept for the tab: a reload keeps the controls unlocked', async () => {
    await page.reload();
    await page.waitForSelector('#v2lOff:not([disabled])');
    await page.click('#v2lOff');
    await page.waitForFunction(() => document.getElementById('toast')?.textContent === 'v2l-off: accepted');
  });

  await check('a dashboard without a token offers no token field', async () => {
    const ro = await openPage(readOnly.url);
    await ro.goto(readOnly.url);
    await ro.waitForSelector('body[data-ready="1"]');
    expect(await ro.locator('#tokenInput').isHidden(), 'token field hidden');
    expect((await text(ro, '#authState')).includes('no token configured'), 'badge explains');
    await ro.context().close();
  });

  // A fresh charge for the pictures: a new session with the curve growing again.
  await check('an idle car with no valid cell data renders dashes, not errors', async () => {
    const base = new FakeSource().status();
    const idle = {
      ...base, mode: 'park' as const,
      pack: { ...base.pack, packCurrentA: 0, powerW: 0, isolationKohm: null, cellVoltageMinIndex: -1, cellVoltageMaxIndex: -1 },
      cells: { voltagesV: base.cells.voltagesV.map(() => NaN), tempsC: [] },
      inlet: { ...base.inlet, connector: 'none', pinTempsC: [null, null], ppOhms: null },
      session: { ...base.session, kind: null, phase: 'idle', path: null, evse: null, limitingReason: 'none' as const, timeTo80S: null, timeToLimitS: null },
      faults: [],
    };
    const still = await startDashboard({ source: { ...source, status: () => idle, curve: () => [], faults: () => [], command: (c) => source.command(c), subscribe: (l) => source.subscribe(l) }, port: 0, token: null });
    try {
      const p = await openPage(still.url);
      await p.goto(still.url);
      await p.waitForSelector('body[data-ready="1"]');
      expect((await text(p, '#cellVSummary')) === 'no valid values', `summary "${await text(p, '#cellVSummary')}"`);
      expect((await text(p, '#evseMax')) === '—', 'no EVSE');
      expect((await text(p, '#phases')) === 'no session', 'no session');
      expect((await text(p, '#faults')) === 'no faults', 'no faults');
      await shot(p, 'dashboard-idle');
      await p.context().close();
    } finally {
      await still.close();
    }
  });

  // 16 min in, sensor 18 is stale for a moment: its square shows as invalid.
  source.command({ cmd: 'charge-start' });
  source.tick(16 * MINUTE_MS + 5000);
  await check('screenshots: 1280×800 light and dark, and a phone', async () => {
    const light = await openPage(dashboard.url);
    await light.goto(dashboard.url);
    await light.waitForSelector('body[data-ready="1"]');
    await light.waitForTimeout(300); // let the chart lay out before the picture
    await shot(light, 'dashboard-session2-1280x800-light');
    expect(await light.locator('#cellT .hm.invalid').count() === 1, 'the stale sensor is shown as invalid');
    expect((await text(light, '#cellTSummary')).includes('1 invalid'), 'and counted');
    const dark = await openPage(dashboard.url, { width: 1280, height: 800 }, 'dark');
    await dark.goto(dashboard.url);
    await dark.waitForSelector('body[data-ready="1"]');
    await dark.waitForTimeout(300);
    await shot(dark, 'dashboard-1280x800-dark');
    const phone = await openPage(dashboard.url, { width: 390, height: 844 });
    await phone.goto(dashboard.url);
    await phone.waitForSelector('body[data-ready="1"]');
    await phone.waitForTimeout(300);
    await shot(phone, 'dashboard-phone-390', true);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow <= 0, `the phone layout is ${overflow} px too wide`);
    const fits = await light.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight + 40);
    expect(fits, 'the 1280×800 layout fits on one screen');
  });

  await check('no script errors and no CSP violations in the console', async () => {
    expect(consoleErrors.length === 0, consoleErrors.join('\n'));
  });
} finally {
  await browser.close();
  await dashboard.close();
  await readOnly.close();
}

const failed = results.filter((r) => r.error).length;
console.log(`screenshots in ${SHOTS}`);
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
