// Formats decoded frames for `npm run decode`: a human line like candump piped through a
// decoder, or one JSON object per line. Pure functions; the CLI does the I/O.
import type { CanFrame } from './frame.ts';
import type { DbcSignal } from './dbc-model.ts';
import { describeReceived, type ReceivedFrame } from './receiver.ts';
import type { DecodeProblem } from './codec.ts';

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).toUpperCase().padStart(2, '0'));

/** Decimal places a value on this signal's grid needs (0.1 → 1, 0.25 → 2, 2.4E-07 → 8 …), at most 12. */
export function resolutionDecimals(sig: Pick<DbcSignal, 'factor' | 'offset' | 'valueType'>): number {
  if (sig.valueType !== 'integer') return -1;
  return Math.min(12, Math.max(decimalsOf(sig.factor), decimalsOf(sig.offset)));
}

function decimalsOf(x: number): number {
  const s = Math.abs(x).toString();
  const e = /e-(\d+)$/.exec(s);
  const mantissa = e ? s.slice(0, s.indexOf('e')) : s;
  const dot = mantissa.indexOf('.');
  return (dot < 0 ? 0 : mantissa.length - dot - 1) + (e ? Number(e[1]) : 0);
}

/** The value rounded to its signal's resolution (drops float noise like 0.30000000000000004). */
export function roundToResolution(sig: DbcSignal, value: number): number {
  const d = resolutionDecimals(sig);
  return d < 0 || !Number.isFinite(value) ? value : Number(value.toFixed(d));
}

function idText(frame: Pick<CanFrame, 'id' | 'extended'>): string {
  return frame.id.toString(16).toUpperCase().padStart(frame.extended ? 8 : 3, '0');
}

function dataHex(data: Uint8Array): string {
  let s = '';
  for (const b of data) s += HEX[b];
  return s;
}

function problemText(p: DecodeProblem): string {
  switch (p.kind) {
    case 'length': return `length (expected ${p.expected} bytes, got ${p.actual})`;
    case 'crc': return `crc (expected 0x${HEX[p.expected]}, got 0x${HEX[p.actual]})`;
    case 'counter-repeated': return `counter-repeated (${p.counter})`;
    default: return `${p.kind} ${p.signal}`;
  }
}

export interface DecodedLine {
  t: number;
  bus: string;
  id: number;
  name: string | null;
  signals?: Record<string, number>;
  labels?: Record<string, string>;
  valid?: false;
  reason?: string;
  /** Signals whose value is out of range, SNA or undecodable, with why. */
  signalProblems?: Record<string, string>;
  /** Unknown ids only: the payload in hex. */
  data?: string;
}

/** The JSON form of one frame (r undefined: an id the DBC does not know). */
export function decodedLine(t: number, bus: string, frame: CanFrame, r: ReceivedFrame | undefined): DecodedLine {
  if (!r) return { t, bus, id: frame.id, name: null, data: dataHex(frame.data) };
  const d = describeReceived(r);
  const signals: Record<string, number> = {};
  for (const [name, v] of Object.entries(d.values)) {
    signals[name] = roundToResolution(r.message.signals[r.message.signalIndex.get(name)!]!, v);
  }
  const out: DecodedLine = { t, bus, id: frame.id, name: r.message.name, signals };
  if (Object.keys(d.labels).length > 0) out.labels = d.labels;
  const frameProblem = d.problems.find((p) => p.kind === 'length' || p.kind === 'crc' || p.kind === 'counter-repeated');
  if (frameProblem) {
    out.valid = false;
    out.reason = problemText(frameProblem);
  }
  for (const p of d.problems) {
    if (p.kind === 'range' || p.kind === 'sna' || p.kind === 'layout') (out.signalProblems ??= {})[p.signal] = p.kind;
  }
  return out;
}

/** `(1700000000.123456) can0 100 BMS_Status BMS_PackVoltage=400.0 V BMS_State=Drive(2) …` */
export function humanLine(timestampUs: number, frame: CanFrame, line: DecodedLine, r: ReceivedFrame | undefined): string {
  const stamp = `(${Math.floor(timestampUs / 1e6)}.${String(timestampUs % 1e6).padStart(6, '0')})`;
  const head = `${stamp} ${line.bus} ${idText(frame).padStart(frame.extended ? 8 : 3)}`;
  if (!r || line.name === null) return `${head} ? [${frame.data.length}] ${dataHex(frame.data)}`;
  const parts: string[] = [];
  for (const [name, value] of Object.entries(line.signals ?? {})) {
    const sig = r.message.signals[r.message.signalIndex.get(name)!]!;
    const label = line.labels?.[name];
    const d = resolutionDecimals(sig);
    let text = label !== undefined ? `${label}(${value})` : d > 0 ? value.toFixed(d) : String(value);
    if (label === undefined && sig.unit) text += ` ${sig.unit}`;
    const problem = line.signalProblems?.[name];
    parts.push(`${name}=${text}${problem ? ` !${problem}` : ''}`);
  }
  const invalid = line.valid === false ? `  INVALID ${line.reason}` : '';
  return `${head} ${line.name}  ${parts.join('  ')}${invalid}`;
}
