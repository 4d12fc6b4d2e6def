// Parser for Vector DBC text: statements → the model of dbc-model.ts. Fatal syntax errors throw
// DbcSyntaxError (source:line:column, what was expected); oddities real files carry become
// warnings (see dbc-finish.ts), unknown sections are skipped with a warning.
import type { Dbc, DbcMessage, DbcSignal, DbcWarning } from './dbc-model.ts';
import { tokenize } from './dbc-lexer.ts';
import { Cursor, KEYWORDS } from './dbc-cursor.ts';
import { AttributeTable } from './dbc-attributes.ts';
import {
  attributeValue, parseAttributeDefinition, parseAttributeValue, parseChoices, parseComment, parseMuxValues,
  parseSignalGroup, parseTransmitters, parseValueDescriptions, parseValueType,
} from './dbc-parse-refs.ts';
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

