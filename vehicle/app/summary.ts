// The demo's closing summary, as text.
import type { DemoSummary } from './demo.ts';
import { clockText } from './terminal-view.ts';

const kwh = (wh: number): string => `${(wh / 1000).toFixed(2)} kWh`;
const at = (s: number): string => (Number.isFinite(s) ? clockText(s) : '—');

export function formatSummary(s: DemoSummary, wall: { seconds: number; rssMb: number }): string[] {
  const dcS = s.dc.endS - s.dc.startS;
  const v2lS = s.v2l.endS - s.v2l.startS;
  const lines = [
    'packpilot demo summary',
    `  DC charge   ${at(s.dc.startS)} → ${at(s.dc.endS)}${Number.isFinite(dcS) ? ` (${(dcS / 60).toFixed(1)} min)` : ''} · SOC ${s.dc.socFromPct.toFixed(1)} → ${Number.isFinite(s.dc.socToPct) ? s.dc.socToPct.toFixed(1) : '—'} % · ${kwh(s.dc.energyInWh)} in · peak ${(s.dc.peakPowerW / 1000).toFixed(1)} kW · ${s.dc.outcome}`,
    `  V2L         ${at(s.v2l.startS)} → ${at(s.v2l.endS)}${Number.isFinite(v2lS) ? ` (${(v2lS / 60).toFixed(1)} min)` : ''} · supplying ${(s.v2l.supplyingS / 60).toFixed(1)} min · ${kwh(s.v2l.energyOutWh)} out · peak ${s.v2l.peakLoadW.toFixed(0)} W · ${s.v2l.outcome}`,
    `  simulated   ${at(s.totalS)} in ${wall.seconds.toFixed(1)} s of real time (${(s.totalS / Math.max(0.001, wall.seconds)).toFixed(0)}×), RSS ${wall.rssMb.toFixed(0)} MB`,
    `  violations  ${s.violationCount === 0 ? 'none' : `${s.violationCount}: ${s.violations.map((v) => `#${v.invariant} at ${v.atS} s: ${v.detail}`).join('; ')}`}`,
  ];
  for (const n of s.notes) lines.push(`  note        ${n}`);
  return lines;
}
