// The parsed form of a Vector DBC file: the contract of /work/brief/CAN-API.md, plus a few
// additions (marked "added") that the codec and tools need.

export type ByteOrder = 'intel' | 'motorola'; // DBC @1 = intel (little endian), @0 = motorola
export type ValueType = 'integer' | 'float' | 'double'; // float/double from SIG_VALTYPE_ 1 / 2
export type AttributeValue = string | number;

/** An inclusive range of multiplexer raw values (SG_MUL_VAL_ "3-5"). Added. */
export type MuxRange = readonly [lo: number, hi: number];

export interface DbcSignal {
  name: string;
  startBit: number;
  length: number;
  byteOrder: ByteOrder;
  signed: boolean;
  valueType: ValueType;
  factor: number;
  offset: number;
  min: number;
  max: number;
  unit: string;
  receivers: string[];
  /** The "M" switch signal (also true for an extended-mux "mNM" signal). */
  isMultiplexer: boolean;
  /** For "mN" signals (and "mNM"); with SG_MUL_VAL_ the first value of the first range. */
  multiplexerValue?: number;
  /** Name of the switch this signal depends on. */
  multiplexerSwitch?: string;
  /** Added: every raw switch value that selects this signal (from mN or SG_MUL_VAL_). */
  multiplexerValues?: MuxRange[];
  choices?: Map<number, string>;
  comment?: string;
  /** BA_ ... SG_ values, with BA_DEF_DEF_ defaults applied; ENUM values as labels. */
  attributes: Record<string, AttributeValue>;
}

export interface DbcMessage {
  /** Without the extended flag bit. */
  id: number;
  /** DBC ids with bit 31 set (or, with a warning, ids above 0x7FF written without it). */
  extended: boolean;
  name: string;
  length: number;
  sender: string;
  signals: DbcSignal[];
  /** GenMsgCycleTime, when set and > 0. */
  cycleTimeMs?: number;
  comment?: string;
  attributes: Record<string, AttributeValue>;
  /** Added: CAN FD frame (length > 8, or a VFrameFormat "…FD…" label). */
  fd: boolean;
  /** Added: the id as written in the DBC (with bit 31 for extended ids); BA_/VAL_/CM_ use it. */
  dbcId: number;
  /** Added: BO_TX_BU_ transmitters beyond the sender. */
  transmitters: string[];
  /** Added: SIG_GROUP_ name → signal names. */
  signalGroups: Map<string, string[]>;
}

/** Added: an environment variable (EV_), kept for completeness; the codec ignores it. */
export interface DbcEnvironmentVariable {
  name: string;
  comment?: string;
  choices?: Map<number, string>;
  attributes: Record<string, AttributeValue>;
}

export interface Dbc {
  version: string;
  nodes: string[];
  messages: DbcMessage[];
  /** Network (BA_ "x" value;) attributes with defaults. */
  attributes: Record<string, AttributeValue>;
  valueTables: Map<string, Map<number, string>>;
  /** Added: the network comment (CM_ "…";). */
  comment?: string;
  /** Added: node comments and attributes. */
  nodeComments: Map<string, string>;
  nodeAttributes: Map<string, Record<string, AttributeValue>>;
  /** Added. */
  environmentVariables: DbcEnvironmentVariable[];
  /** Added: the NS_ list as written. */
  newSymbols: string[];
  /** Added: BS_ baud rate and BTR values when given. */
  busTiming?: { baudrate: number; btr1: number; btr2: number };
}

export interface DbcWarning {
  line: number;
  message: string;
}

/** A fatal syntax error; the message names source:line:column and what was expected. */
export class DbcSyntaxError extends Error {
  constructor(
    readonly source: string,
    readonly line: number,
    readonly column: number,
    readonly expected: string,
    readonly found: string,
  ) {
    super(`${source}:${line}:${column}: expected ${expected}, found ${found}`);
    this.name = 'DbcSyntaxError';
  }
}
