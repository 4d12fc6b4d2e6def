// The demo's live terminal view: a few lines redrawn in place on a TTY, or one line now and then
// otherwise. Pure text from the one status snapshot (vehicle/status.ts); no timers here.
import type { StatusSnapshot } from '../status.ts';

export interface ViewContext {
  title: string;
  stage: string;
  /** Simulated seconds since the start. */
  simS: number;
  /** Achieved simulated seconds per real second. */
  speed: number;
}

const BAR_WIDTH = 30;

export function clockText(s: number): string {
  const t = Math.max(0, Math.floor(s));
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;
}

const num = (x: number | null | undefined, digits: number, unit: string): string =>
  x === null || x === undefined || !Number.isFinite(x) ? '—' : `${x.toFixed(digits)} ${unit}`;

export function socBar(socPct: number, limitPct: number, width = BAR_WIDTH): string {
  const filled = Number.isFinite(socPct) ? Math.round((Math.min(100, Math.max(0, socPct)) / 100) * width) : 0;
  const limitAt = Math.round((limitPct / 100) * width);
  let bar = '';
  for (let i = 0; i < width; i++) bar += i < filled ? '█' : i === limitAt ? '|' : '░';
  return `[${bar}]`;
}

export function phaseText(s: StatusSnapshot): string {
  const ses = s.session;
  if (ses.kind === null) return s.inlet.connector === 'none' ? 'no plug' : `${s.inlet.connector} plugged`;
  return `${ses.kind.toUpperCase()} ${ses.phase}${ses.stopReason ? ` (${ses.stopReason})` : ''}`;
}

export function v2lText(s: StatusSnapshot): string {
  const v = s.v2l;
  if (v.state === 'off' && v.energyWh === 0) return 'off';
  const runtime = v.runtimeS === null ? '' : `, runtime ${clockText(v.runtimeS)} to ${v.floorPct} %`;
  return `${v.state}, load ${num(v.loadW, 0, 'W')} of ${num(v.powerLimitW, 0, 'W')}${runtime}, delivered ${num(v.energyWh / 1000, 2, 'kWh')}${v.trip ? `, TRIP ${v.trip}` : v.warning ? `, ${v.warning}` : ''}`;
}

/** The TTY view, one string per line. */
export function renderView(s: StatusSnapshot, c: ViewContext): string[] {
  const p = s.pack;
  const pins = s.inlet.pinTempsC.filter((x): x is number => x !== null);
  const active = s.faults.filter((f) => f.active);
  return [
    `${c.title} · sim ${clockText(c.simS)} · ${c.speed.toFixed(0)}× · ${c.stage}`,
    `SOC ${socBar(p.socPct, s.session.chargeLimitPct)} ${num(p.socPct, 1, '%')} (limit ${s.session.chargeLimitPct} %)`,
    `power ${num(p.powerW / 1000, 1, 'kW')} · current ${num(p.packCurrentA, 1, 'A')} · voltage ${num(p.packVoltageV, 1, 'V')} · limit in force: ${s.session.limitingReason}`,
    `cells ${num(p.cellTempMinC, 1, '°C')} … ${num(p.cellTempMaxC, 1, '°C')} · pin ${pins.length > 0 ? num(Math.max(...pins), 1, '°C') : '—'} · charge limit ${num(p.chargeCurrentLimitA, 0, 'A')}`,
    `mode ${s.mode} · session ${phaseText(s)} · path ${s.session.path ?? '—'} · lock ${s.inlet.lock}`,
    `V2L ${v2lText(s)}`,
    `faults ${active.length === 0 ? 'none active' : active.map((f) => f.code).join(', ')}`,
  ];
}

/** The one line per few simulated minutes when stdout is not a terminal. */
export function statusLine(s: StatusSnapshot, c: ViewContext): string {
  const p = s.pack;
  return `[${clockText(c.simS)}] ${c.stage} · SOC ${num(p.socPct, 1, '%')} · ${num(p.powerW / 1000, 1, 'kW')} · ${num(p.packCurrentA, 0, 'A')} · ${num(p.packVoltageV, 0, 'V')} · limit ${s.session.limitingReason} · cells ${num(p.cellTempMaxC, 1, '°C')} max · ${s.mode} · ${phaseText(s)} · V2L ${s.v2l.state}${s.v2l.loadW > 0 ? ` ${s.v2l.loadW.toFixed(0)} W` : ''}`;
}

/** Moves the cursor up over the last drawing and clears below it, then the new lines. */
export function redraw(previousLines: number, lines: readonly string[], columns: number): string {
  const fit = lines.map((l) => (l.length > columns ? `${l.slice(0, Math.max(0, columns - 1))}…` : l));
  return `${previousLines > 0 ? `\x1b[${previousLines}F` : ''}\x1b[J${fit.join('\n')}\n`;
}
