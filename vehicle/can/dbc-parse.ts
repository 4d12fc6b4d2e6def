// Parser for Vector DBC text: statements → the model of dbc-model.ts. Fatal syntax errors throw
// DbcSyntaxError (source:line:column, what was expected); oddities real files carry become
// warnings (see dbc-finish.ts), unknown sections are skipped with a warning.
import type { AttributeValue, Dbc, DbcMessage, DbcSignal, DbcWarning, MuxRange } from './dbc-model.ts';
import { tokenize } from './dbc-lexer.ts';
import { Cursor, KEYWORDS } from './dbc-cursor.ts';
import { AttributeTable, type AttributeScope, type AttributeType } from './dbc-attributes.ts';
import { finishDbc, type ParseState } from './dbc-finish.ts';

export { DbcSyntaxError } from './dbc-model.ts';
export type { Dbc, DbcMessage, DbcSignal, DbcWarning } from './dbc-model.ts';

/** Sections the format defines that packpilot does not use: skipped silently. */
const IGNORED = new Set([
  'ENVVAR_DATA_', 'SGTYPE_', 'SGTYPE_VAL_', 'SIG_TYPE_REF_', 'SIGTYPE_VALTYPE_', 'BA_DEF_SGTYPE_',
  'BA_SGTYPE_', 'CAT_DEF_', 'CAT_', 'FILTER', 'EV_DATA_', 'NS_DESC_', 'BU_SG_REL_', 'BU_EV_REL_',
  'BU_BO_REL_', 'BA_REL_',
]);

export function parseDbc(text: string, source = '<dbc>'): { dbc: Dbc; warnings: DbcWarning[] } {
  const warnings: DbcWarning[] = [];
  const c: Cursor = new Cursor(tokenize(text), source, warnings);
  const st: ParseState = {
    dbc: {
      version: '', nodes: [], messages: [], attributes: {}, valueTables: new Map(), nodeComments: new Map(),
      nodeAttributes: new Map(), environmentVariables: [], newSymbols: [],
    },
    attrs: new AttributeTable(),
    assignments: [],
    messagesByDbcId: new Map(),
    signalsByMessage: new Map(),
    muxValues: [],
    lines: new Map(),
  };
  let current: DbcMessage | undefined;
  while (c.peek().kind !== 'eof') {
    const t = c.peek();
    if (t.kind !== 'id') c.fail('a section keyword (BO_, SG_, CM_, BA_, VAL_, …)');
    c.next();
    switch (t.text) {
      case 'VERSION': st.dbc.version = c.string('the VERSION string'); break;
      case 'NS_': parseNewSymbols(c, st.dbc); break;
      case 'BS_': parseBusTiming(c, st.dbc); break;
      case 'BU_': parseNodes(c, st.dbc); break;
      case 'VAL_TABLE_': { const name = c.ident('a value table name'); st.dbc.valueTables.set(name, parseChoices(c)); c.end('VAL_TABLE_'); break; }
      case 'BO_': current = parseMessage(c, st); break;
      case 'SG_': {
        if (!current) c.fail('BO_ before the first SG_', t);
        const sig = parseSignal(c);
        st.lines.set(sig, t.line);
        current.signals.push(sig);
        const byName = st.signalsByMessage.get(current)!;
        if (byName.has(sig.name)) c.warn(`message ${current.name}: signal ${sig.name} defined twice`, t);
        else byName.set(sig.name, sig);
        break;
      }
      case 'CM_': parseComment(c, st); break;
      case 'BA_DEF_': case 'BA_DEF_REL_': parseAttributeDefinition(c, st, t.text === 'BA_DEF_REL_'); break;
      case 'BA_DEF_DEF_': case 'BA_DEF_DEF_REL_': {
        const name = c.string('the attribute name');
        const value = attributeValue(c);
        c.end(t.text);
        const problem = st.attrs.setDefault(name, value);
        if (problem) c.warn(problem, t);
        break;
      }
      case 'BA_': parseAttributeValue(c, st); break;
      case 'VAL_': parseValueDescriptions(c, st); break;
      case 'SIG_VALTYPE_': parseValueType(c, st); break;
      case 'SIG_GROUP_': parseSignalGroup(c, st); break;
      case 'EV_': { st.dbc.environmentVariables.push({ name: c.ident('an environment variable name'), attributes: {} }); c.skipStatement(); break; }
      case 'BO_TX_BU_': parseTransmitters(c, st); break;
      case 'SG_MUL_VAL_': parseMuxValues(c, st); break;
      default:
        if (!IGNORED.has(t.text)) c.warn(`unknown section ${t.text} skipped`, t);
        c.skipStatement();
    }
  }
  finishDbc(st, warnings);
  return { dbc: st.dbc, warnings };
}

function parseNewSymbols(c: Cursor, dbc: Dbc): void {
  c.optPunct(':');
  const nsLine = c.tokens[c.pos - 1]!.line;
  // The list is the indented names below NS_ (they are keywords themselves); it ends at the
  // first name in column 1.
  for (;;) {
    const t = c.peek();
    if (t.kind !== 'id' || (t.column === 1 && t.line !== nsLine)) return;
    dbc.newSymbols.push(c.next().text);
  }
}

function parseBusTiming(c: Cursor, dbc: Dbc): void {
  c.punct(':', "':' after BS_");
  if (c.peek().kind !== 'num') return;
  const baudrate = c.number();
  c.punct(':', "':' between baud rate and BTR1");
  const btr1 = c.number('BTR1');
  c.punct(',', "',' between BTR1 and BTR2");
  dbc.busTiming = { baudrate, btr1, btr2: c.number('BTR2') };
}

function parseNodes(c: Cursor, dbc: Dbc): void {
  c.punct(':', "':' after BU_");
  while (c.peek().kind === 'id' && !KEYWORDS.has(c.peek().text)) dbc.nodes.push(c.next().text);
}

function parseChoices(c: Cursor): Map<number, string> {
  const out = new Map<number, string>();
  while (c.peek().kind === 'num') {
    const key = c.number();
    out.set(key, c.string('the value description string'));
  }
  return out;
}

function parseMessage(c: Cursor, st: ParseState): DbcMessage {
  const at = c.peek();
  const dbcId = c.integer('the message id');
  const name = c.ident('the message name');
  c.punct(':', `':' after message name ${name}`);
  const length = c.integer(`the length of message ${name}`);
  const sender = c.peek().kind === 'id' && !c.atStatementStart() ? c.next().text : 'Vector__XXX';
  const msg: DbcMessage = {
    id: dbcId, extended: false, name, length, sender, signals: [], attributes: {}, fd: false, dbcId,
    transmitters: [], signalGroups: new Map(),
  };
  st.lines.set(msg, at.line);
  if (st.messagesByDbcId.has(dbcId)) c.warn(`message id ${dbcId} (${name}) defined twice; the first definition is used`, at);
  else st.messagesByDbcId.set(dbcId, msg);
  st.signalsByMessage.set(msg, new Map());
  st.dbc.messages.push(msg);
  return msg;
}

const MUX_RE = /^(?:M|m(\d+)(M?))$/;

function parseSignal(c: Cursor): DbcSignal {
  const name = c.ident('the signal name');
  let isMultiplexer = false;
  let multiplexerValue: number | undefined;
  if (c.peek().kind === 'id') {
    const m = MUX_RE.exec(c.peek().text);
    if (!m) c.fail(`a multiplexer indicator (M, mN, mNM) or ':' after signal ${name}`);
    c.next();
    isMultiplexer = m[1] === undefined || m[2] === 'M';
    if (m[1] !== undefined) multiplexerValue = Number(m[1]);
  }
  c.punct(':', `':' after signal ${name}`);
  const startBit = c.integer(`the start bit of ${name}`);
  c.punct('|', `'|' between start bit and length of ${name}`);
  const length = c.integer(`the length of ${name}`);
  c.punct('@', `'@' before the byte order of ${name}`);
  const orderTok = c.peek();
  const order = c.integer(`byte order 0 or 1 of ${name}`);
  if (order !== 0 && order !== 1) c.fail(`byte order 0 or 1 of ${name}`, orderTok);
  const signTok = c.next();
  if (signTok.kind !== 'punct' || (signTok.text !== '+' && signTok.text !== '-')) c.fail(`'+' or '-' (signedness) of ${name}`, signTok);
  c.punct('(', `'(' before factor of ${name}`);
  const factor = c.number(`the factor of ${name}`);
  c.punct(',', `',' between factor and offset of ${name}`);
  const offset = c.number(`the offset of ${name}`);
  c.punct(')', `')' after offset of ${name}`);
  c.punct('[', `'[' before the minimum of ${name}`);
  const min = c.number(`the minimum of ${name}`);
  c.punct('|', `'|' between minimum and maximum of ${name}`);
  const max = c.number(`the maximum of ${name}`);
  c.punct(']', `']' after the maximum of ${name}`);
  const unitTok = c.peek();
  const unit = c.string(`the unit string of ${name}`);
  const receivers: string[] = [];
  let prevLine = unitTok.line;
  for (;;) {
    if (c.optPunct(',')) { prevLine = -1; continue; }
    const t = c.peek();
    if (t.kind !== 'id' || (t.line !== prevLine && prevLine !== -1) || (t.bol && KEYWORDS.has(t.text))) break;
    c.next();
    prevLine = t.line;
    if (t.text !== 'Vector__XXX') receivers.push(t.text);
  }
  const sig: DbcSignal = {
    name, startBit, length, byteOrder: order === 1 ? 'intel' : 'motorola', signed: signTok.text === '-',
    valueType: 'integer', factor, offset, min, max, unit, receivers, isMultiplexer, attributes: {},
  };
  if (multiplexerValue !== undefined) {
    sig.multiplexerValue = multiplexerValue;
    sig.multiplexerValues = [[multiplexerValue, multiplexerValue]];
  }
  return sig;
}

function findSignal(c: Cursor, st: ParseState, dbcId: number, name: string, what: string): DbcSignal | undefined {
  const msg = st.messagesByDbcId.get(dbcId);
  const sig = msg && st.signalsByMessage.get(msg)!.get(name);
  if (!sig) c.warn(`${what}: no signal ${name} in message ${dbcId}; ignored`);
  return sig;
}

function findMessage(c: Cursor, st: ParseState, dbcId: number, what: string): DbcMessage | undefined {
  const msg = st.messagesByDbcId.get(dbcId);
  if (!msg) c.warn(`${what}: no message with id ${dbcId}; ignored`);
  return msg;
}

function parseComment(c: Cursor, st: ParseState): void {
  const t = c.peek();
  if (t.kind === 'str') {
    st.dbc.comment = c.string();
  } else if (c.keyword('BU_')) {
    const node = c.ident('the node name');
    st.dbc.nodeComments.set(node, c.string('the comment string'));
  } else if (c.keyword('BO_')) {
    const id = c.integer('the message id');
    const text = c.string('the comment string');
    const msg = findMessage(c, st, id, 'CM_ BO_');
    if (msg) msg.comment = text;
  } else if (c.keyword('SG_')) {
    const id = c.integer('the message id');
    const name = c.ident('the signal name');
    const text = c.string('the comment string');
    const sig = findSignal(c, st, id, name, 'CM_ SG_');
    if (sig) sig.comment = text;
  } else if (c.keyword('EV_')) {
    const name = c.ident('the environment variable name');
    const text = c.string('the comment string');
    const ev = st.dbc.environmentVariables.find((e) => e.name === name);
    if (ev) ev.comment = text;
  } else {
    c.fail('a comment string or BU_, BO_, SG_, EV_ after CM_');
  }
  c.end('CM_');
}

const SCOPES: Record<string, AttributeScope> = { BU_: 'BU_', BO_: 'BO_', SG_: 'SG_', EV_: 'EV_', BU_SG_REL_: 'REL', BU_BO_REL_: 'REL', BU_EV_REL_: 'REL' };

function parseAttributeDefinition(c: Cursor, st: ParseState, rel: boolean): void {
  let scope: AttributeScope = rel ? 'REL' : 'network';
  const t = c.peek();
  if (t.kind === 'id' && SCOPES[t.text]) {
    scope = SCOPES[t.text]!;
    c.next();
  }
  const name = c.string('the attribute name');
  const typeTok = c.peek();
  const type = c.ident('an attribute type (INT, HEX, FLOAT, STRING, ENUM)');
  if (!['INT', 'HEX', 'FLOAT', 'STRING', 'ENUM'].includes(type)) c.fail('an attribute type (INT, HEX, FLOAT, STRING, ENUM)', typeTok);
  const def = { name, scope, type: type as AttributeType } as Parameters<AttributeTable['define']>[0];
  if (type === 'ENUM') {
    def.enumValues = [];
    while (c.peek().kind === 'str') {
      def.enumValues.push(c.string());
      if (!c.optPunct(',')) break;
    }
  } else if (type !== 'STRING' && c.peek().kind === 'num') {
    def.min = c.number();
    def.max = c.number(`the maximum of attribute "${name}"`);
  }
  c.end(rel ? 'BA_DEF_REL_' : 'BA_DEF_');
  st.attrs.define(def);
}

function attributeValue(c: Cursor): AttributeValue {
  const t = c.peek();
  if (t.kind === 'num') return c.number();
  if (t.kind === 'str') return c.string();
  return c.fail('an attribute value (number or string)');
}

function parseAttributeValue(c: Cursor, st: ParseState): void {
  const at = c.peek();
  const name = c.string('the attribute name');
  let target: ParseState['assignments'][number]['target'] = { kind: 'network' };
  if (c.keyword('BU_')) target = { kind: 'node', name: c.ident('the node name') };
  else if (c.keyword('BO_')) target = { kind: 'message', dbcId: c.integer('the message id') };
  else if (c.keyword('SG_')) target = { kind: 'signal', dbcId: c.integer('the message id'), name: c.ident('the signal name') };
  else if (c.keyword('EV_')) target = { kind: 'env', name: c.ident('the environment variable name') };
  const value = attributeValue(c);
  c.end('BA_');
  st.assignments.push({ name, target, value, line: at.line });
}

function parseValueDescriptions(c: Cursor, st: ParseState): void {
  if (c.peek().kind === 'id') {
    const name = c.next().text;
    const choices = parseChoices(c);
    c.end('VAL_');
    const ev = st.dbc.environmentVariables.find((e) => e.name === name);
    if (ev) ev.choices = choices;
    else c.warn(`VAL_ for unknown environment variable ${name} ignored`);
    return;
  }
  const id = c.integer('a message id or environment variable name');
  const name = c.ident('the signal name');
  const choices = parseChoices(c);
  c.end('VAL_');
  const sig = findSignal(c, st, id, name, 'VAL_');
  if (sig) sig.choices = choices;
}

function parseValueType(c: Cursor, st: ParseState): void {
  const at = c.peek();
  const id = c.integer('the message id');
  const name = c.ident('the signal name');
  c.optPunct(':');
  const kind = c.integer('the value type 0, 1 or 2');
  c.end('SIG_VALTYPE_');
  const sig = findSignal(c, st, id, name, 'SIG_VALTYPE_');
  if (!sig) return;
  const wanted = kind === 1 ? 32 : kind === 2 ? 64 : undefined;
  if (kind === 0) sig.valueType = 'integer';
  else if (wanted === undefined) c.warn(`SIG_VALTYPE_ ${kind} of ${name} is not 0, 1 or 2; kept as integer`, at);
  else if (sig.length !== wanted) c.warn(`SIG_VALTYPE_ ${kind} of ${name} needs ${wanted} bits, has ${sig.length}; kept as integer`, at);
  else sig.valueType = kind === 1 ? 'float' : 'double';
}

function parseSignalGroup(c: Cursor, st: ParseState): void {
  const id = c.integer('the message id');
  const name = c.ident('the signal group name');
  c.integer('the repetition count');
  c.punct(':', `':' after signal group ${name}`);
  const members: string[] = [];
  while (c.peek().kind === 'id' && !c.atStatementStart()) {
    members.push(c.next().text);
    c.optPunct(',');
  }
  c.end('SIG_GROUP_');
  findMessage(c, st, id, 'SIG_GROUP_')?.signalGroups.set(name, members);
}

function parseTransmitters(c: Cursor, st: ParseState): void {
  const id = c.integer('the message id');
  c.punct(':', "':' after the message id");
  const nodes: string[] = [];
  while (c.peek().kind === 'id' && !c.atStatementStart()) {
    nodes.push(c.next().text);
    c.optPunct(',');
  }
  c.end('BO_TX_BU_');
  const msg = findMessage(c, st, id, 'BO_TX_BU_');
  if (msg) msg.transmitters = nodes;
}

function parseMuxValues(c: Cursor, st: ParseState): void {
  const at = c.peek();
  const id = c.integer('the message id');
  const name = c.ident('the multiplexed signal name');
  const switchName = c.ident('the multiplexer switch name');
  const ranges: MuxRange[] = [];
  do {
    const lo = c.integer('a multiplexer value range lo-hi');
    c.punct('-', "'-' in a multiplexer value range");
    ranges.push([lo, c.integer('the end of a multiplexer value range')]);
  } while (c.optPunct(','));
  c.end('SG_MUL_VAL_');
  const sig = findSignal(c, st, id, name, 'SG_MUL_VAL_');
  if (sig) st.muxValues.push({ signal: sig, dbcId: id, switchName, ranges, line: at.line });
}
