// Reading DBC files from disk. Vector tools write cp1252; newer tools (opendbc) write UTF-8.
import { readFileSync } from 'node:fs';
import { parseDbc } from './dbc-parse.ts';
import type { Dbc, DbcWarning } from './dbc-model.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
// cp1252 differs from latin1 only in 0x80…0x9F; Node's TextDecoder('windows-1252') decodes
// latin1, so those 32 are mapped here (undefined bytes 81 8D 8F 90 9D stay C1 controls).
const CP1252_80_9F =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeCp1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(/[\x80-\x9f]/g, (c) => CP1252_80_9F[c.charCodeAt(0) - 0x80]!);
}

/** Decodes DBC bytes: UTF-8 when the bytes are valid UTF-8, cp1252 (a latin1 superset) otherwise. */
export function decodeDbcBytes(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return decodeCp1252(bytes);
  }
}

/** Reads a DBC file as text (see decodeDbcBytes). Throws the fs error when unreadable. */
export function readDbcFile(path: string): string {
  return decodeDbcBytes(readFileSync(path));
}

/** Reads and parses a DBC file; the source in errors and warnings is the path. */
export function loadDbcFile(path: string): { dbc: Dbc; warnings: DbcWarning[] } {
  return parseDbc(readDbcFile(path), path);
}
