// Tokenizer for DBC text. Strings may span lines and escape quotes (\"); a backslash before
// anything else stays literal (cp1252.dbc has "[\]"). A sign belongs to a number only when it
// does not follow a digit or a letter, so "@1-" and "3-5" (SG_MUL_VAL_ ranges) split correctly.

export type TokenKind = 'id' | 'num' | 'str' | 'punct' | 'eof';

export interface Token {
  kind: TokenKind;
  /** Identifier text, string contents (unescaped), punctuation or number text. */
  text: string;
  /** Numeric value for 'num'. */
  value: number;
  line: number;
  column: number;
  /** First token on its line. */
  bol: boolean;
}

const NUMBER_RE = /[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;

function isIdentChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c >= 0x80
  );
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff || c === 12 || c === 11;
}

/** Longest string literal (a VAL_ label, a unit, an attribute value) given one shared copy; comments stay as they are. */
const INTERN_MAX = 64;

/**
 * One shared copy of a name or label (V8 keeps property keys internalized). A slice of the file
 * would keep the whole text alive and make every later lookup of or comparison with it slow:
 * signal names and labels are looked up and compared on every tick.
 */
function intern(s: string): string {
  for (const key in { [s]: 0 }) return key;
  return s;
}

/** Splits DBC text into tokens; never throws (unknown characters become 'punct' tokens). */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  let lastLine = 0;
  const n = text.length;
  const push = (kind: TokenKind, tokenText: string, value: number, startLine: number, startCol: number) => {
    const shared = kind === 'id' || (kind === 'str' && tokenText.length <= INTERN_MAX) ? intern(tokenText) : tokenText;
    tokens.push({ kind, text: shared, value, line: startLine, column: startCol, bol: startLine !== lastLine });
    lastLine = startLine;
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      i++;
      line++;
      lineStart = i;
      continue;
    }
    if (isSpace(c)) {
      i++;
      continue;
    }
    const col = i - lineStart + 1;
    if (c === 47 && text.charCodeAt(i + 1) === 47) {
      // "//" comment to the end of the line (some tools write them; Vector ignores them)
      while (i < n && text.charCodeAt(i) !== 10) i++;
      continue;
    }
    if (c === 34) {
      const startLine = line;
      let out = '';
      let j = i + 1;
      let chunk = j;
      for (;;) {
        if (j >= n) break; // unterminated: the parser reports it via the missing ';'
        const d = text.charCodeAt(j);
        if (d === 92 && text.charCodeAt(j + 1) === 34) {
          out += text.slice(chunk, j) + '"';
          j += 2;
          chunk = j;
          continue;
        }
        if (d === 92 && text.charCodeAt(j + 1) === 92) {
          out += text.slice(chunk, j) + '\\';
          j += 2;
          chunk = j;
          continue;
        }
        if (d === 34) break;
        if (d === 10) {
          line++;
          lineStart = j + 1;
        }
        j++;
      }
      out += text.slice(chunk, j);
      push('str', out, 0, startLine, col);
      i = j + 1;
      continue;
    }
    const prev = i > 0 ? text.charCodeAt(i - 1) : 32;
    const signAllowed = (c === 45 || c === 43) && !isIdentChar(prev);
    if ((c >= 48 && c <= 57) || c === 46 || signAllowed) {
      NUMBER_RE.lastIndex = i;
      const m = NUMBER_RE.exec(text);
      if (m && (signAllowed || c !== 43)) {
        let end = i + m[0].length;
        if (end < n && isIdentChar(text.charCodeAt(end)) && !(c === 45 || c === 43)) {
          // "4WD_Status": a name that starts with a digit
          while (end < n && isIdentChar(text.charCodeAt(end))) end++;
          push('id', text.slice(i, end), 0, line, col);
        } else {
          push('num', m[0], Number(m[0]), line, col);
        }
        i = end;
        continue;
      }
    }
    if (isIdentChar(c)) {
      let end = i + 1;
      while (end < n && isIdentChar(text.charCodeAt(end))) end++;
      push('id', text.slice(i, end), 0, line, col);
      i = end;
      continue;
    }
    push('punct', text[i]!, 0, line, col); // unknown characters too: the parser names them
    i++;
  }
  tokens.push({ kind: 'eof', text: 'end of file', value: 0, line, column: i - lineStart + 1, bol: true });
  return tokens;
}
