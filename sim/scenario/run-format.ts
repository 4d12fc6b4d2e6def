// Human-readable text of results: one run's summary, a folder's matrix table, a progress bar.
import type { Results, ScenarioRun } from './run.ts';

const kw = (w: number): string => (w / 1000).toFixed(1);
const mmss = (s: number | null): string => {
  if (s === null) return '—';
  const whole = Math.round(s);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
};

/** A readable summary of one run; on failure, the seed and the ticks before the first violation. */
export function summaryText(run: ScenarioRun): string {
  const r = run.results;
  const f = r.finalState;
  const c = f.contactors;
  const closed = (['mainPos', 'mainNeg', 'precharge', 'dcPos', 'dcNeg', 'obcRelay'] as const).filter((k) => c[k]);
  const lines = [
    `${r.ok ? 'PASS' : 'FAIL'}  ${r.name}  (seed ${r.seed})`,
    `  stopped: ${r.stopReason} at ${r.simTimeS} s simulated, ${r.wallTimeS} s wall (${r.speedX}× real time)`,
    `  SOC ${r.soc.startPct} → ${r.soc.endPct} %; 10→50 ${mmss(r.timeBetweenSocS['10-50'])}, 10→80 ${mmss(r.timeBetweenSocS['10-80'])}, 20→80 ${mmss(r.timeBetweenSocS['20-80'])}`,
    `  energy in ${r.energyInWh} Wh, out ${r.energyOutWh} Wh; peak ${kw(r.peakPowerW)} kW, mean charging ${kw(r.meanChargePowerW)} kW; path ${r.path ?? '—'}`,
    `  cells ${r.minCellTempC}…${r.maxCellTempC} °C, pins max ${r.maxPinTempC} °C`,
    `  limits: ${Object.entries(r.limitingReasonsS).map(([k, v]) => `${k} ${v} s`).join(', ') || '—'}`,
    `  final: mode ${f.mode}, DC ${f.sessionPhase}${f.dcStopReason !== null ? ` (stop: ${f.dcStopReason})` : ''}, AC ${f.acSession}, V2L ${f.v2lState}, lock ${f.lock}, contactors ${closed.length > 0 ? `closed: ${closed.join(' ')}` : 'all open'}${f.plugged ? ', plugged' : ''}`,
  ];
  if (r.v2l !== null) lines.push(`  V2L: ${r.v2l.runtimeS} s supplying, ${r.v2l.energyWh} Wh, estimate ${r.v2l.estimatedRuntimeS ?? '—'} s (made at ${r.v2l.estimateAtS ?? '—'} s)`);
  for (const x of r.faults) lines.push(`  fault ${x.code} at ${x.atS} s: ${x.text}`);
  if (r.error !== null) lines.push(`  ERROR: ${r.error}`);
  for (const v of r.violations) lines.push(`  VIOLATION of invariant ${v.invariant} at ${v.atS} s: ${v.detail}`);
  if (r.violationCount > r.violations.length) lines.push(`  … ${r.violationCount - r.violations.length} more violations`);
  for (const e of r.expectations) {
    if (!e.ok) lines.push(`  EXPECTATION FAILED: ${e.metric} = ${JSON.stringify(e.value)}, wanted ${JSON.stringify(e.bound)}`);
  }
  if (run.failureTicks !== null) {
    lines.push(`  reproduce with --seed ${r.seed}; the ticks before the first violation:`);
    for (const t of run.failureTicks) lines.push(`    ${t}`);
  }
  return lines.join('\n');
}

/** The matrix of a folder run: one row per scenario. */
export function matrixTable(results: readonly Results[]): string {
  const head = ['scenario', 'ok', 'sim time', '10→80', 'peak kW', 'violations', 'failed expectations'];
  const rows = results.map((r) => [
    r.name,
    r.ok ? 'ok' : 'FAIL',
    mmss(r.simTimeS),
    mmss(r.timeBetweenSocS['10-80']),
    kw(r.peakPowerW),
    String(r.violationCount),
    r.error !== null ? `error: ${r.error}` : r.expectations.filter((e) => !e.ok).map((e) => e.metric).join(', ') || '—',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const fmt = (row: string[]): string => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ');
  const passed = results.filter((r) => r.ok).length;
  return [fmt(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt), '', `${passed} of ${results.length} scenarios ok`].join('\n');
}

/** A one-line progress bar: by SOC toward the stop SOC when there is one, else by time. */
export function progressBar(label: string, p: { simTimeS: number; endTimeS: number; socPct: number; stopSocPct: number | null; startSocPct: number }, width = 30): string {
  const bySoc = p.stopSocPct !== null && p.stopSocPct !== p.startSocPct;
  const raw = bySoc ? (p.socPct - p.startSocPct) / (p.stopSocPct! - p.startSocPct) : p.simTimeS / p.endTimeS;
  const frac = Math.min(1, Math.max(0, Number.isFinite(raw) ? raw : 0));
  const filled = Math.round(frac * width);
  return `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(frac * 100).toFixed(0).padStart(3)}%  t=${p.simTimeS.toFixed(0)} s  SOC ${p.socPct.toFixed(1)} %`;
}
