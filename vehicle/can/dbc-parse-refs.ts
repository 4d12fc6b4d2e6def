// DBC statements that refer to messages and signals defined earlier: CM_, BA_DEF_, BA_,
// VAL_, SIG_VALTYPE_, SIG_GROUP_, BO_TX_BU_, SG_MUL_VAL_. A reference to something unknown is
// a warning, never an error (real files carry stale references).
import type { AttributeValue, DbcMessage, DbcSignal, MuxRange } from './dbc-model.ts';
import type { Cursor } from './dbc-cursor.ts';
import type { AttributeScope, AttributeTable, AttributeType } from './dbc-attributes.ts';
import type { ParseState } from './dbc-finish.ts';

export function parseChoices(c: Cursor): Map<number, string> {
  const out = new Map<number, string>();
  while (c.peek().kind === 'num') {
    const key = c.number();
    out.set(key, c.string('the value description string'));
  }
  return out;
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

export function parseComment(c: Cursor, st: ParseState): void {
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

export function parseAttributeDefinition(c: Cursor, st: ParseState, rel: boolean): void {
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

export function attributeValue(c: Cursor): AttributeValue {
  const t = c.peek();
  if (t.kind === 'num') return c.number();
  if (t.kind === 'str') return c.string();
  return c.fail('an attribute value (number or string)');
}

export function parseAttributeValue(c: Cursor, st: ParseState): void {
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

export function parseValueDescriptions(c: Cursor, st: ParseState): void {
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

export function parseValueType(c: Cursor, st: ParseState): void {
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

export function parseSignalGroup(c: Cursor, st: ParseState): void {
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

export function parseTransmitters(c: Cursor, st: ParseState): void {
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

export function parseMuxValues(c: Cursor, st: ParseState): void {
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
