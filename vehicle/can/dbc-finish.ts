// After the statements: attributes with defaults, ids and frame format, multiplexer wiring,
// and the checks real files fail (each becomes a warning naming message and signal).
import type { AttributeValue, Dbc, DbcMessage, DbcSignal, DbcWarning, MuxRange } from './dbc-model.ts';
import type { AttributeTable } from './dbc-attributes.ts';
import { layoutProblem, signalBitPositions } from './dbc-layout.ts';

export interface ParseState {
  dbc: Dbc;
  attrs: AttributeTable;
  assignments: Array<{
    name: string;
    value: AttributeValue;
    line: number;
    target:
      | { kind: 'network' }
      | { kind: 'node'; name: string }
      | { kind: 'message'; dbcId: number }
      | { kind: 'signal'; dbcId: number; name: string }
      | { kind: 'env'; name: string };
  }>;
  messagesByDbcId: Map<number, DbcMessage>;
  signalsByMessage: Map<DbcMessage, Map<string, DbcSignal>>;
  muxValues: Array<{ signal: DbcSignal; dbcId: number; switchName: string; ranges: MuxRange[]; line: number }>;
  lines: Map<object, number>;
}

const EXTENDED_FLAG = 0x80000000;
const EXTENDED_ID_MAX = 0x1fffffff;
const STANDARD_ID_MAX = 0x7ff;
const FD_MAX_BYTES = 64;
/** Vector's container for signals not assigned to any message; not a frame. */
const INDEPENDENT_SIGNALS = 'VECTOR__INDEPENDENT_SIG_MSG';

export function finishDbc(st: ParseState, warnings: DbcWarning[]): void {
  const { dbc } = st;
  dbc.messages = dbc.messages.filter((m) => m.name !== INDEPENDENT_SIGNALS);
  applyAttributes(st, warnings);
  for (const msg of dbc.messages) {
    const line = st.lines.get(msg) ?? 0;
    resolveId(msg, line, warnings);
    if (msg.length > FD_MAX_BYTES || msg.length < 0) warnings.push({ line, message: `message ${msg.name}: length ${msg.length} is not 0…64 bytes` });
    const format = msg.attributes['VFrameFormat'];
    msg.fd = msg.length > 8 || (typeof format === 'string' && /FD/i.test(format));
    const cycle = msg.attributes['GenMsgCycleTime'];
    if (typeof cycle === 'number' && cycle > 0) msg.cycleTimeMs = cycle;
  }
  resolveMultiplexing(st, warnings);
  for (const msg of dbc.messages) checkLayout(msg, st, warnings);
}

function applyAttributes(st: ParseState, warnings: DbcWarning[]): void {
  const network: Record<string, AttributeValue> = {};
  const nodes = new Map<string, Record<string, AttributeValue>>();
  const objects = new Map<object, Record<string, AttributeValue>>();
  const env = new Map<string, Record<string, AttributeValue>>();
  const bucket = <K>(map: Map<K, Record<string, AttributeValue>>, key: K) => {
    let r = map.get(key);
    if (!r) map.set(key, (r = {}));
    return r;
  };
  for (const a of st.assignments) {
    const def = st.attrs.definitions.get(a.name);
    let value = a.value;
    if (!def) warnings.push({ line: a.line, message: `BA_ "${a.name}" has no BA_DEF_; value kept as written` });
    else {
      const converted = st.attrs.convert(def, a.value);
      if (converted.problem) warnings.push({ line: a.line, message: converted.problem });
      value = converted.value;
    }
    const t = a.target;
    if (t.kind === 'network') network[a.name] = value;
    else if (t.kind === 'node') bucket(nodes, t.name)[a.name] = value;
    else if (t.kind === 'env') bucket(env, t.name)[a.name] = value;
    else {
      const msg = st.messagesByDbcId.get(t.dbcId);
      const target = t.kind === 'message' ? msg : msg && st.signalsByMessage.get(msg)!.get(t.name);
      if (!target) warnings.push({ line: a.line, message: `BA_ "${a.name}": no ${t.kind} ${t.kind === 'signal' ? t.name + ' in message ' : ''}${t.dbcId}; ignored` });
      else bucket(objects, target)[a.name] = value;
    }
  }
  const { dbc, attrs } = st;
  dbc.attributes = attrs.resolve('network', network);
  for (const node of new Set([...dbc.nodes, ...nodes.keys()])) dbc.nodeAttributes.set(node, attrs.resolve('BU_', nodes.get(node)));
  for (const ev of dbc.environmentVariables) ev.attributes = attrs.resolve('EV_', env.get(ev.name));
  for (const msg of dbc.messages) {
    msg.attributes = attrs.resolve('BO_', objects.get(msg));
    for (const sig of msg.signals) sig.attributes = attrs.resolve('SG_', objects.get(sig));
  }
}

function resolveId(msg: DbcMessage, line: number, warnings: DbcWarning[]): void {
  const raw = msg.dbcId;
  if (raw >= EXTENDED_FLAG) {
    msg.extended = true;
    msg.id = (raw - EXTENDED_FLAG) & EXTENDED_ID_MAX;
    if (raw - EXTENDED_FLAG > EXTENDED_ID_MAX) warnings.push({ line, message: `message ${msg.name}: id ${raw} has bits above 29; masked to 0x${msg.id.toString(16)}` });
    return;
  }
  msg.id = raw;
  // The id decides, not VFrameFormat: its BA_DEF_DEF_ default can say "Extended" for 11-bit ids
  // (ford_lincoln_base_pt.dbc, INSTRUMENT_PANEL 0x43A).
  if (raw > STANDARD_ID_MAX) {
    // opendbc writes GMLAN and some other 29-bit ids without bit 31 (quirks/issue_199.dbc).
    msg.extended = true;
    warnings.push({ line, message: `message ${msg.name}: id 0x${raw.toString(16)} exceeds 11 bits without the extended flag; treated as extended` });
    if (raw > EXTENDED_ID_MAX) {
      msg.id = raw & EXTENDED_ID_MAX;
      warnings.push({ line, message: `message ${msg.name}: id ${raw} exceeds 29 bits; masked` });
    }
  }
}

function resolveMultiplexing(st: ParseState, warnings: DbcWarning[]): void {
  const explicit = new Set<DbcSignal>();
  for (const mv of st.muxValues) {
    const msg = st.messagesByDbcId.get(mv.dbcId)!;
    const sw = st.signalsByMessage.get(msg)!.get(mv.switchName);
    if (!sw || !sw.isMultiplexer) {
      warnings.push({ line: mv.line, message: `SG_MUL_VAL_ ${mv.signal.name}: ${mv.switchName} is not a multiplexer of ${msg.name}; ignored` });
      continue;
    }
    const sig = mv.signal;
    const ranges = mv.ranges.map(([lo, hi]): MuxRange => (lo <= hi ? [lo, hi] : [hi, lo]));
    sig.multiplexerSwitch = sw.name;
    sig.multiplexerValues = explicit.has(sig) ? [...(sig.multiplexerValues ?? []), ...ranges] : ranges;
    sig.multiplexerValue = sig.multiplexerValues[0]![0];
    explicit.add(sig);
  }
  for (const msg of st.dbc.messages) {
    const plain = msg.signals.filter((s) => s.isMultiplexer && s.multiplexerValue === undefined);
    for (const sig of msg.signals) {
      if (sig.multiplexerValue === undefined || explicit.has(sig)) continue;
      const line = st.lines.get(sig) ?? 0;
      if (plain.length === 0) {
        warnings.push({ line, message: `message ${msg.name}: ${sig.name} is multiplexed but the message has no multiplexer (M); treated as always present` });
        delete sig.multiplexerValue;
        delete sig.multiplexerValues;
        continue;
      }
      if (plain.length > 1) warnings.push({ line, message: `message ${msg.name}: ${sig.name} has no SG_MUL_VAL_ and the message has ${plain.length} multiplexers; ${plain[0]!.name} assumed` });
      sig.multiplexerSwitch = plain[0]!.name;
    }
    breakMuxCycles(msg, st, warnings);
  }
}

function breakMuxCycles(msg: DbcMessage, st: ParseState, warnings: DbcWarning[]): void {
  const byName = st.signalsByMessage.get(msg)!;
  for (const sig of msg.signals) {
    const seen = new Set<DbcSignal>([sig]);
    let s: DbcSignal | undefined = sig;
    while (s?.multiplexerSwitch !== undefined) {
      s = byName.get(s.multiplexerSwitch);
      if (!s) break;
      if (seen.has(s)) {
        warnings.push({ line: st.lines.get(sig) ?? 0, message: `message ${msg.name}: multiplexer cycle through ${sig.name}; its switch dropped` });
        delete sig.multiplexerSwitch;
        delete sig.multiplexerValue;
        delete sig.multiplexerValues;
        break;
      }
      seen.add(s);
    }
  }
}

/** Whether two signals can be in the same frame (their mux selections can hold together). */
function canCoexist(a: DbcSignal, b: DbcSignal): boolean {
  if (a.multiplexerSwitch === undefined || b.multiplexerSwitch === undefined) return true;
  if (a.multiplexerSwitch !== b.multiplexerSwitch) return true;
  const ra = a.multiplexerValues ?? [];
  const rb = b.multiplexerValues ?? [];
  return ra.some(([lo, hi]) => rb.some(([lo2, hi2]) => lo <= hi2 && lo2 <= hi));
}

function checkLayout(msg: DbcMessage, st: ParseState, warnings: DbcWarning[]): void {
  const fitting: Array<{ sig: DbcSignal; bits: Uint32Array }> = [];
  for (const sig of msg.signals) {
    const line = st.lines.get(sig) ?? 0;
    const problem = layoutProblem(sig, msg.length);
    if (problem) {
      warnings.push({ line, message: `message ${msg.name}, signal ${sig.name}: ${problem}; the codec will not decode it` });
      continue;
    }
    if (!Number.isFinite(sig.factor) || sig.factor === 0) warnings.push({ line, message: `message ${msg.name}, signal ${sig.name}: factor ${sig.factor}; the codec will not decode it` });
    if (sig.min > sig.max) warnings.push({ line, message: `message ${msg.name}, signal ${sig.name}: minimum ${sig.min} above maximum ${sig.max}; range not checked` });
    const bits = new Uint32Array(FD_MAX_BYTES / 4);
    for (const p of signalBitPositions(sig)) bits[p >> 5]! |= 1 << (p & 31);
    fitting.push({ sig, bits });
  }
  for (let i = 0; i < fitting.length; i++) {
    for (let j = i + 1; j < fitting.length; j++) {
      const a = fitting[i]!;
      const b = fitting[j]!;
      if (!canCoexist(a.sig, b.sig)) continue;
      let overlap = 0;
      for (let w = 0; w < a.bits.length; w++) overlap |= a.bits[w]! & b.bits[w]!;
      if (overlap !== 0) {
        warnings.push({ line: st.lines.get(b.sig) ?? 0, message: `message ${msg.name}: signals ${a.sig.name} and ${b.sig.name} overlap` });
      }
    }
  }
}
