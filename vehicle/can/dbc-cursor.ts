// A cursor over DBC tokens with the small helpers every statement parser needs.
import { DbcSyntaxError, type DbcWarning } from './dbc-model.ts';
import type { Token } from './dbc-lexer.ts';

/** Every statement keyword the parser knows (a name equal to one of these starts a statement). */
export const KEYWORDS = new Set([
  'VERSION', 'NS_', 'BS_', 'BU_', 'VAL_TABLE_', 'BO_', 'SG_', 'CM_', 'BA_DEF_', 'BA_DEF_REL_',
  'BA_DEF_DEF_', 'BA_DEF_DEF_REL_', 'BA_', 'BA_REL_', 'VAL_', 'SIG_VALTYPE_', 'SIG_GROUP_', 'EV_',
  'BO_TX_BU_', 'ENVVAR_DATA_', 'SGTYPE_', 'SGTYPE_VAL_', 'SIG_TYPE_REF_', 'SIGTYPE_VALTYPE_',
  'BA_DEF_SGTYPE_', 'BA_SGTYPE_', 'CAT_DEF_', 'CAT_', 'FILTER', 'EV_DATA_', 'NS_DESC_',
  'BU_SG_REL_', 'BU_EV_REL_', 'BU_BO_REL_', 'SG_MUL_VAL_',
]);

function describe(t: Token): string {
  if (t.kind === 'eof') return 'end of file';
  if (t.kind === 'str') return `string "${t.text.length > 20 ? t.text.slice(0, 20) + '…' : t.text}"`;
  return `'${t.text}'`;
}

export class Cursor {
  pos = 0;
  constructor(
    readonly tokens: Token[],
    readonly source: string,
    readonly warnings: DbcWarning[],
  ) {}

  peek(ahead = 0): Token {
    return this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)]!;
  }
  next(): Token {
    const t = this.peek();
    if (this.pos < this.tokens.length - 1) this.pos++;
    return t;
  }
  fail(expected: string, at: Token = this.peek()): never {
    throw new DbcSyntaxError(this.source, at.line, at.column, expected, describe(at));
  }
  warn(message: string, at: Token = this.peek()): void {
    this.warnings.push({ line: at.line, message });
  }
  isPunct(p: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'punct' && t.text === p;
  }
  /** True when the next token starts a new statement (a keyword first on its line, or eof). */
  atStatementStart(): boolean {
    const t = this.peek();
    return t.kind === 'eof' || (t.bol && t.kind === 'id' && KEYWORDS.has(t.text));
  }
  punct(p: string, what = `'${p}'`): Token {
    if (!this.isPunct(p)) this.fail(what);
    return this.next();
  }
  optPunct(p: string): boolean {
    if (!this.isPunct(p)) return false;
    this.next();
    return true;
  }
  ident(what = 'a name'): string {
    const t = this.peek();
    if (t.kind !== 'id') this.fail(what);
    this.next();
    return t.text;
  }
  keyword(word: string): boolean {
    const t = this.peek();
    if (t.kind !== 'id' || t.text !== word) return false;
    this.next();
    return true;
  }
  number(what = 'a number'): number {
    const t = this.peek();
    if (t.kind !== 'num') this.fail(what);
    this.next();
    return t.value;
  }
  integer(what = 'an integer'): number {
    const t = this.peek();
    const v = this.number(what);
    if (!Number.isInteger(v)) this.fail(what, t);
    return v;
  }
  string(what = 'a quoted string'): string {
    const t = this.peek();
    if (t.kind !== 'str') this.fail(what);
    this.next();
    return t.text;
  }
  /** Ends a statement: ';' or, leniently (with a warning), the start of the next statement. */
  end(statement: string): void {
    if (this.optPunct(';')) return;
    if (this.atStatementStart()) {
      this.warn(`${statement}: missing ';'`);
      return;
    }
    this.fail(`';' to end ${statement}`);
  }
  /** Skips to after the next ';' or up to the next statement start. */
  skipStatement(): void {
    for (;;) {
      const t = this.peek();
      if (t.kind === 'eof') return;
      if (t.kind === 'punct' && t.text === ';') {
        this.next();
        return;
      }
      this.next();
      if (this.atStatementStart()) return;
    }
  }
}
