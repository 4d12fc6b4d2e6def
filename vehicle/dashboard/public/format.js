// Number and label formatting for the dashboard. Missing or invalid values (null, NaN, which
// JSON turns into null) show as an em dash, never as 0.

export const DASH = '—';

const ok = (v) => typeof v === 'number' && Number.isFinite(v);
const num = (digits, unit) => (v) => (ok(v) ? `${v.toFixed(digits)} ${unit}` : DASH);

/** Limit reasons in plain words; the colours live in style.css as --r-<reason>. */
export const REASONS = {
  none: 'none', battery: 'battery', charger: 'charger', inletHot: 'inlet hot', adapter: 'adapter',
  boost: 'boost converter', user: 'user limit', cold: 'pack cold', hot: 'pack hot', fault: 'fault',
};

export function duration(s) {
  if (!ok(s)) return DASH;
  if (s < 60) return `${Math.round(s)} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min`;
  return `${Math.floor(min / 60)} h ${String(min % 60).padStart(2, '0')} min`;
}

/** "currentDemand" → "current demand". */
export function words(name) {
  return typeof name === 'string' ? name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase() : DASH;
}

export const FORMATS = {
  text: (v) => (v === null || v === undefined || v === '' ? DASH : String(v)),
  upper: (v) => (typeof v === 'string' ? v.toUpperCase() : ''),
  pct0: num(0, '%'),
  pct1: num(1, '%'),
  V1: num(1, 'V'),
  V3: num(3, 'V'),
  A0: num(0, 'A'),
  A1: num(1, 'A'),
  C1: num(1, '°C'),
  W: (v) => (ok(v) ? `${Math.round(v)} W` : DASH),
  kW: (v) => (ok(v) ? `${(v / 1000).toFixed(1)} kW` : DASH),
  kWh: (v) => (ok(v) ? (Math.abs(v) < 1000 ? `${Math.round(v)} Wh` : `${(v / 1000).toFixed(1)} kWh`) : DASH),
  ohm: (v) => (ok(v) ? `${Math.round(v)} Ω` : DASH),
  kohm: (v) => (ok(v) ? (v >= 1000 ? `${(v / 1000).toFixed(2)} MΩ` : `${Math.round(v)} kΩ`) : 'not measured'),
  duration,
  latch: (v) => (v === true ? 'latched' : v === false ? 'pressed' : DASH),
  mode: (v) => (typeof v === 'string' ? v.replace(/^(ac|dc)-/, (m) => `${m.slice(0, 2).toUpperCase()} `).replace('v2l', 'V2L') : DASH),
  reason: (v) => REASONS[v] ?? FORMATS.text(v),
  phase: words,
};

/** Reads "a.b.c" from an object. */
export function pick(obj, path) {
  let v = obj;
  for (const key of path.split('.')) v = v === null || v === undefined ? undefined : v[key];
  return v;
}

/** "t 12:34" from a controller time in ms (minutes:seconds since it started). */
export function clock(tMs) {
  if (!ok(tMs)) return DASH;
  const s = Math.floor(tMs / 1000);
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}
