// Draws a run as one SVG: the charge curve (power, current and voltage against SOC, the power
// line coloured by the limit in force) and temperatures against time. Hand-drawn: a tiny subset
// of charting, no dependencies, deterministic output.
import type { ChargeCurvePoint } from './metrics.ts';

const REASON_COLOURS: Record<string, string> = {
  battery: '#2563eb', charger: '#16a34a', inletHot: '#dc2626', adapter: '#9333ea', boost: '#ea580c',
  user: '#0891b2', cold: '#0ea5e9', hot: '#b91c1c', fault: '#000000', none: '#6b7280',
};
const W = 900;
const PANEL_H = 300;
const M = { left: 64, right: 64, top: 40, bottom: 44 };

interface Axis { min: number; max: number; px0: number; px1: number }
const scale = (a: Axis, v: number): number => a.px0 + ((v - a.min) / (a.max - a.min || 1)) * (a.px1 - a.px0);
const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const fmt = (v: number): string => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(1));

function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

function ticks(a: Axis, n = 5): number[] {
  // Round steps where the range allows (SOC in tens, minutes in fives).
  for (const step of [10, 5]) {
    const k = (a.max - a.min) / step;
    if (Number.isInteger(k) && k >= 3 && k <= 10) return Array.from({ length: k + 1 }, (_, i) => a.min + step * i);
  }
  return Array.from({ length: n + 1 }, (_, i) => a.min + ((a.max - a.min) * i) / n);
}

function polyline(points: [number, number][], colour: string, width = 1.5, dash = ''): string {
  if (points.length < 2) return '';
  const d = points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
  return `<polyline fill="none" stroke="${colour}" stroke-width="${width}"${dash ? ` stroke-dasharray="${dash}"` : ''} points="${d}"/>`;
}

function axes(x: Axis, yl: Axis, yr: Axis | null, labels: { x: string; yl: string; yr?: string }, top: number): string {
  const out: string[] = [];
  for (const v of ticks(x)) {
    const px = scale(x, v);
    out.push(`<line x1="${px}" y1="${yl.px1}" x2="${px}" y2="${yl.px0}" stroke="#e5e7eb"/>`);
    out.push(`<text x="${px}" y="${yl.px0 + 16}" text-anchor="middle">${fmt(v)}</text>`);
  }
  for (const v of ticks(yl)) {
    const py = scale(yl, v);
    out.push(`<line x1="${x.px0}" y1="${py}" x2="${x.px1}" y2="${py}" stroke="#e5e7eb"/>`);
    out.push(`<text x="${x.px0 - 6}" y="${py + 4}" text-anchor="end">${fmt(v)}</text>`);
  }
  if (yr) for (const v of ticks(yr)) out.push(`<text x="${x.px1 + 6}" y="${scale(yr, v) + 4}">${fmt(v)}</text>`);
  out.push(`<rect x="${x.px0}" y="${yl.px1}" width="${x.px1 - x.px0}" height="${yl.px0 - yl.px1}" fill="none" stroke="#9ca3af"/>`);
  out.push(`<text x="${(x.px0 + x.px1) / 2}" y="${yl.px0 + 34}" text-anchor="middle">${esc(labels.x)}</text>`);
  out.push(`<text x="16" y="${top + PANEL_H / 2}" transform="rotate(-90 16 ${top + PANEL_H / 2})" text-anchor="middle">${esc(labels.yl)}</text>`);
  if (labels.yr) out.push(`<text x="${W - 14}" y="${top + PANEL_H / 2}" transform="rotate(90 ${W - 14} ${top + PANEL_H / 2})" text-anchor="middle">${esc(labels.yr)}</text>`);
  return out.join('');
}

function chargePanel(curve: ChargeCurvePoint[], top: number): string {
  const charging = curve.filter((p) => p.currentA > 0);
  const socs = charging.map((p) => p.socPct);
  const x: Axis = { min: Math.floor(Math.min(...socs, 100) / 10) * 10, max: Math.ceil(Math.max(...socs, 0) / 10) * 10, px0: M.left, px1: W - M.right };
  const yl: Axis = { min: 0, max: niceMax(Math.max(...charging.map((p) => p.powerW / 1000), 1)), px0: top + PANEL_H - M.bottom, px1: top + M.top };
  const yr: Axis = { min: 0, max: niceMax(Math.max(...charging.map((p) => Math.max(p.currentA, p.voltageV)), 1)), px0: yl.px0, px1: yl.px1 };
  const out = [axes(x, yl, yr, { x: 'SOC (%)', yl: 'power (kW)', yr: 'current (A) · voltage (V)' }, top)];
  out.push(polyline(charging.map((p) => [scale(x, p.socPct), scale(yr, p.currentA)]), '#f59e0b', 1.2, '4 3'));
  out.push(polyline(charging.map((p) => [scale(x, p.socPct), scale(yr, p.voltageV)]), '#64748b', 1.2, '1 3'));
  // Power, one segment per point so each can carry the colour of its limit.
  for (let i = 1; i < charging.length; i++) {
    const a = charging[i - 1]!;
    const b = charging[i]!;
    out.push(polyline([[scale(x, a.socPct), scale(yl, a.powerW / 1000)], [scale(x, b.socPct), scale(yl, b.powerW / 1000)]], REASON_COLOURS[b.reason ?? 'none'] ?? '#6b7280', 2.5));
  }
  const seen = [...new Set(charging.map((p) => p.reason ?? 'none'))];
  const legend = [
    ...seen.map((r) => [REASON_COLOURS[r] ?? '#6b7280', `power, limit: ${r}`] as const),
    ['#f59e0b', 'current'] as const,
    ['#64748b', 'voltage'] as const,
  ];
  legend.forEach(([c, label], i) => {
    const lx = M.left + 8 + (i % 4) * 200;
    const ly = top + 14 + Math.floor(i / 4) * 14;
    out.push(`<rect x="${lx}" y="${ly - 8}" width="12" height="4" fill="${c}"/><text x="${lx + 16}" y="${ly}">${esc(label)}</text>`);
  });
  return out.join('');
}

function temperaturePanel(curve: ChargeCurvePoint[], top: number): string {
  const tMax = Math.max(...curve.map((p) => p.tS), 1);
  const x: Axis = { min: 0, max: niceMax(tMax / 60), px0: M.left, px1: W - M.right };
  const temps = curve.flatMap((p) => [p.maxCellTempC, p.maxPinTempC]);
  const yl: Axis = { min: Math.min(0, Math.floor(Math.min(...temps) / 10) * 10), max: niceMax(Math.max(...temps, 10)), px0: top + PANEL_H - M.bottom, px1: top + M.top };
  const out = [axes(x, yl, null, { x: 'time (min)', yl: 'temperature (°C)' }, top)];
  out.push(polyline(curve.map((p) => [scale(x, p.tS / 60), scale(yl, p.maxCellTempC)]), '#dc2626'));
  out.push(polyline(curve.map((p) => [scale(x, p.tS / 60), scale(yl, p.maxPinTempC)]), '#7c3aed'));
  out.push(`<rect x="${M.left + 8}" y="${top + 6}" width="12" height="4" fill="#dc2626"/><text x="${M.left + 24}" y="${top + 14}">hottest cell</text>`);
  out.push(`<rect x="${M.left + 208}" y="${top + 6}" width="12" height="4" fill="#7c3aed"/><text x="${M.left + 224}" y="${top + 14}">hottest inlet pin</text>`);
  return out.join('');
}

export function plotRunSvg(title: string, curve: ChargeCurvePoint[]): string {
  const h = 2 * PANEL_H + 40;
  const body = curve.length === 0
    ? `<text x="${W / 2}" y="${h / 2}" text-anchor="middle">no samples</text>`
    : chargePanel(curve, 30) + temperaturePanel(curve, 30 + PANEL_H);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${h}" viewBox="0 0 ${W} ${h}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${W / 2}" y="20" text-anchor="middle" font-size="13" font-weight="bold">${esc(title.length > 110 ? `${title.slice(0, 107)}…` : title)}</text>`,
    body,
    '</svg>\n',
  ].join('');
}
