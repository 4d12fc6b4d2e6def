// Generates one decode and one encode function per message (via new Function), so the hot
// path is straight-line byte arithmetic with constants inlined: no loops over signals, no
// per-frame allocation. Signal names never enter the generated source (only indices).
import { chunksInRange, type BitChunk } from './dbc-layout.ts';
import type { SignalPlan } from './codec-plan.ts';
import { crc8J1850 } from './crc8.ts';
import {
  FRAME_CRC, FRAME_LENGTH, FRAME_OK, SIGNAL_INACTIVE, SIGNAL_LAYOUT, SIGNAL_NO_FRAME, SIGNAL_OK, SIGNAL_RANGE, SIGNAL_SNA,
} from './codec-status.ts';

export type DecodeFn = (data: Uint8Array, values: Float64Array, status: Uint8Array) => number;
/** Returns 0, or i + 1 when signal i is out of range, or -(i + 1) when it has no value. */
export type EncodeFn = (values: Float64Array, data: Uint8Array, flags: number) => number;
export const ENCODE_SATURATE = 1;
export const ENCODE_ALLOW_MISSING = 2;

export interface MessageShape {
  /** Accepted payload lengths (the DBC length, and for CAN FD the next FD length up). */
  lengths: readonly number[];
  crcByte: number; // -1: none
}

// Shared scratch to reinterpret IEEE bits; the host's byte order decides which word is low.
const F32 = new Float32Array(1);
const U32F = new Uint32Array(F32.buffer);
const F64 = new Float64Array(1);
const U32D = new Uint32Array(F64.buffer);
const LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const LO_WORD = LITTLE ? 0 : 1;
const HI_WORD = LITTLE ? 1 : 0;

function lit(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  return x < 0 || Object.is(x, -0) ? `(${x})` : String(x);
}

/** Unsigned raw value of chunks as a number expression; exact below 2^53. */
function rawExpr(chunks: readonly BitChunk[]): string {
  const low: string[] = [];
  const high: string[] = [];
  for (const c of chunks) {
    let t = `d[${c.byte}]`;
    if (c.shift > 0) t = `(${t} >>> ${c.shift})`;
    if (c.shift + c.width < 8) t = `(${t} & ${(1 << c.width) - 1})`;
    if (c.rawPos + c.width <= 31) low.push(c.rawPos > 0 ? `(${t} << ${c.rawPos})` : t);
    else high.push(`${t} * ${2 ** c.rawPos}`);
  }
  const lowExpr = low.length > 0 ? `(${low.join(' | ')})` : '';
  return [lowExpr, ...high].filter((s) => s !== '').join(' + ') || '0';
}

function muxCondition(p: SignalPlan): string {
  const r = `r${p.switchIndex}`;
  const parts = p.muxRanges.map(([lo, hi]) => (lo === hi ? `${r} === ${lo}` : `(${r} >= ${lo} && ${r} <= ${hi})`));
  return `a${p.switchIndex} && (${parts.join(' || ') || 'false'})`;
}

function decodeRaw(p: SignalPlan): string {
  const L = p.signal.length;
  const i = p.index;
  switch (p.kind) {
    case 'float':
      return `U32F[0] = ${rawExpr(p.chunks)}; r${i} = F32[0];`;
    case 'double':
      return `U32D[${LO_WORD}] = ${rawExpr(chunksInRange(p.chunks, 0, 32))}; U32D[${HI_WORD}] = ${rawExpr(chunksInRange(p.chunks, 32, 64))}; r${i} = F64[0];`;
    case 'big': {
      const big = `(BigInt(${rawExpr(chunksInRange(p.chunks, 0, 32))}) | (BigInt(${rawExpr(chunksInRange(p.chunks, 32, 64))}) << 32n))`;
      return `r${i} = Number(BigInt.${p.signal.signed ? 'asIntN' : 'asUintN'}(${L}, ${big}));`;
    }
    case 'int': {
      const raw = rawExpr(p.chunks);
      if (!p.signal.signed) return `r${i} = ${raw};`;
      if (L <= 31) return `r${i} = (${raw}) << ${32 - L} >> ${32 - L};`;
      if (L === 32) return `r${i} = (${raw}) | 0;`;
      return `r${i} = ${raw}; if (r${i} >= ${2 ** (L - 1)}) r${i} -= ${2 ** L};`;
    }
  }
}

function decodeStatus(p: SignalPlan, valueExpr: string): string {
  const r = p.kind === 'float' || p.kind === 'double' ? valueExpr : `r${p.index}`;
  const sna = p.snaRaw.map((k) => `r${p.index} === ${lit(k)}`).join(' || ');
  let expr = String(SIGNAL_OK);
  if (p.checkLo !== undefined) {
    const exempt = p.exemptRaw.map((k) => ` || r${p.index} === ${lit(k)}`).join('');
    expr = `(${r} >= ${lit(p.checkLo)} && ${r} <= ${lit(p.checkHi!)}${exempt}) ? ${SIGNAL_OK} : ${SIGNAL_RANGE}`;
  }
  if (sna) expr = `(${sna}) ? ${SIGNAL_SNA} : ${expr}`;
  return `st[${p.index}] = ${expr};`;
}

function scaled(p: SignalPlan): string {
  const { factor, offset } = p.signal;
  let e = `r${p.index}`;
  if (factor !== 1) e = `${e} * ${lit(factor)}`;
  if (offset !== 0) e = `${e} + ${lit(offset)}`;
  return e;
}

function ordered(plans: readonly SignalPlan[]): SignalPlan[] {
  return [...plans].sort((a, b) => a.depth - b.depth || a.index - b.index);
}

/** Above this many multiplexed signals, inactive ones are pre-filled in bulk and the active page is chosen by a switch. */
const BULK_MUX_THRESHOLD = 8;

function decodeBody(p: SignalPlan): string[] {
  const i = p.index;
  const body = [decodeRaw(p), `v[${i}] = ${scaled(p)};`, decodeStatus(p, `v[${i}]`)];
  if (p.signal.isMultiplexer) body.push(`a${i} = true;`);
  return body;
}

/**
 * Multiplexed signals page by page: one `switch` case per multiplexer value holds that page's
 * signals (straight-line, no per-signal test); signals with ranges or cascades keep an `if`.
 */
function muxPages(plans: readonly SignalPlan[], bodyOf: (p: SignalPlan) => string[]): string[] {
  const lines: string[] = [];
  const bySwitch = new Map<number, Map<number, SignalPlan[]>>();
  for (const p of ordered(plans)) {
    if (p.switchIndex < 0 || p.unusable) continue;
    const single = p.muxRanges.length === 1 && p.muxRanges[0]![0] === p.muxRanges[0]![1];
    if (!single || p.signal.isMultiplexer) {
      lines.push(`if (${muxCondition(p)}) { ${bodyOf(p).join(' ')} }`);
      continue;
    }
    const pages = bySwitch.get(p.switchIndex) ?? new Map<number, SignalPlan[]>();
    bySwitch.set(p.switchIndex, pages);
    const value = p.muxRanges[0]![0];
    pages.set(value, [...(pages.get(value) ?? []), p]);
  }
  for (const [sw, pages] of bySwitch) {
    const cases = [...pages].map(([value, ps]) => `case ${value}: ${ps.flatMap(bodyOf).join(' ')} break;`);
    lines.push(`if (a${sw}) switch (r${sw}) {\n${cases.join('\n')}\n}`);
  }
  return lines;
}

/** Whether generateDecode pre-fills the inactive signals in bulk (many multiplexed signals, no cascade). */
export function decodesInBulk(plans: readonly SignalPlan[]): boolean {
  const muxed = plans.filter((p) => !p.unusable && p.switchIndex >= 0);
  return muxed.length > BULK_MUX_THRESHOLD && !muxed.some((p) => p.signal.isMultiplexer);
}

/**
 * `pageOnly` (bulk messages only): leave out the bulk pre-fill, so the signals of the pages other
 * than the frame's are left as they were; the caller keeps them NaN and SIGNAL_INACTIVE (the
 * receiver clears only the page the previous frame wrote: 3 of CMU_CellVoltages' 195 signals).
 */
export function generateDecode(plans: readonly SignalPlan[], shape: MessageShape, pageOnly = false): DecodeFn {
  const lines: string[] = [];
  const n = plans.length;
  const lengthOk = shape.lengths.map((l) => `n === ${l}`).join(' || ');
  lines.push(`const n = d.length;`);
  lines.push(`if (!(${lengthOk})) { v.fill(NaN, 0, ${n}); st.fill(${SIGNAL_NO_FRAME}, 0, ${n}); return ${FRAME_LENGTH}; }`);
  if (n > 0) lines.push(`let ${plans.map((p) => `r${p.index} = 0`).join(', ')};`);
  const bulk = decodesInBulk(plans);
  if (pageOnly && !bulk) throw new Error('generateDecode: pageOnly needs a bulk-multiplexed message');
  // copying a template is a memcpy, about twice as fast as TypedArray.fill; first, so the
  // decodes below overwrite it
  if (bulk && !pageOnly) lines.push('v.set(NAN_TEMPLATE); st.set(INACTIVE_TEMPLATE);');
  for (const p of ordered(plans)) {
    const i = p.index;
    if (p.signal.isMultiplexer) lines.push(`let a${i} = false;`);
    if (p.unusable) {
      lines.push(`v[${i}] = NaN; st[${i}] = ${SIGNAL_LAYOUT};`);
    } else if (p.switchIndex < 0) {
      lines.push(...decodeBody(p));
    } else if (!bulk) {
      lines.push(`if (${muxCondition(p)}) { ${decodeBody(p).join(' ')} } else { v[${i}] = NaN; st[${i}] = ${SIGNAL_INACTIVE}; }`);
    }
  }
  if (bulk) lines.push(...muxPages(plans, decodeBody));
  if (shape.crcByte >= 0) lines.push(`if (crc(d, n, ${shape.crcByte}) !== d[${shape.crcByte}]) return ${FRAME_CRC};`);
  lines.push(`return ${FRAME_OK};`);
  const src = `return function decode(d, v, st) {\n${lines.join('\n')}\n};`;
  const nanTemplate = new Float64Array(n).fill(NaN);
  const inactiveTemplate = new Uint8Array(n).fill(SIGNAL_INACTIVE);
  return new Function('F32', 'U32F', 'F64', 'U32D', 'crc', 'NAN_TEMPLATE', 'INACTIVE_TEMPLATE', src)(
    F32, U32F, F64, U32D, crc8J1850, nanTemplate, inactiveTemplate,
  ) as DecodeFn;
}

function writeChunks(chunks: readonly BitChunk[], word: string, wide: boolean): string[] {
  return chunks.map((c) => {
    const part = wide ? `Math.floor(${word} / ${2 ** c.rawPos})` : c.rawPos > 0 ? `(${word} >>> ${c.rawPos})` : word;
    const masked = `(${part} & ${(1 << c.width) - 1})`;
    return `d[${c.byte}] |= ${c.shift > 0 ? `${masked} << ${c.shift}` : masked};`;
  });
}

function encodeSignal(p: SignalPlan): string[] {
  const i = p.index;
  const { factor, offset, length: L } = p.signal;
  const out = [`x = v[${i}];`];
  if (p.unusable) return [...out, `if (x === x) return ${i + 1};`];
  out.push(`if (x !== x) { if (!(flags & ${ENCODE_ALLOW_MISSING})) return ${-(i + 1)}; x = ${lit(offset)}; }`);
  const unscale = `(x - ${lit(offset)}) / ${lit(factor)}`;
  const float = p.kind === 'float' || p.kind === 'double';
  const r = float ? 'x' : 'q';
  if (!float) out.push(`q = Math.round(${unscale});`);
  const lo = p.checkLo ?? (float ? undefined : p.fieldMin);
  const hi = p.checkHi ?? (float ? undefined : p.fieldMax);
  if (lo !== undefined) {
    const exempt = p.exemptRaw.map((k) => ` && ${r} !== ${lit(k)}`).join('');
    out.push(`if (!(${r} >= ${lit(lo)} && ${r} <= ${lit(hi!)})${exempt}) { if (!(flags & ${ENCODE_SATURATE}) || ${r} !== ${r}) return ${i + 1}; ${r} = ${r} < ${lit(lo)} ? ${lit(lo)} : ${lit(hi!)}; }`);
  }
  if (p.kind === 'big') out.push(`if (q < ${lit(p.fieldMin)} || q >= ${lit(p.fieldMax + 1)}) return ${i + 1};`); // 2^63, 2^64 are exact
  if (p.signal.isMultiplexer) out.push(`r${i} = ${r}; a${i} = true;`);
  if (p.kind === 'float') return [...out, `F32[0] = ${unscale}; w = U32F[0];`, ...writeChunks(p.chunks, 'w', false)];
  if (p.kind === 'double') {
    return [
      ...out, `F64[0] = ${unscale}; w = U32D[${LO_WORD}]; w2 = U32D[${HI_WORD}];`,
      ...writeChunks(chunksInRange(p.chunks, 0, 32), 'w', false), ...writeChunks(chunksInRange(p.chunks, 32, 64), 'w2', false),
    ];
  }
  if (p.kind === 'big') {
    return [
      ...out, `b = BigInt.asUintN(${L}, BigInt(q)); w = Number(b & 0xffffffffn); w2 = Number(b >> 32n);`,
      ...writeChunks(chunksInRange(p.chunks, 0, 32), 'w', false), ...writeChunks(chunksInRange(p.chunks, 32, 64), 'w2', false),
    ];
  }
  if (p.signal.signed) out.push(`if (q < 0) q += ${2 ** L};`);
  return [...out, ...writeChunks(p.chunks, 'q', L > 32)];
}

export function generateEncode(plans: readonly SignalPlan[]): EncodeFn {
  const lines = ['let x = 0, q = 0, w = 0, w2 = 0, b = 0n;'];
  const muxed = plans.filter((p) => p.switchIndex >= 0 && !p.unusable);
  const bulk = muxed.length > BULK_MUX_THRESHOLD && !muxed.some((p) => p.signal.isMultiplexer);
  for (const p of ordered(plans)) {
    const i = p.index;
    // a switch's raw value (signed, as decode sees it) selects its signals
    if (p.signal.isMultiplexer) lines.push(`let a${i} = false, r${i} = 0;`);
    if (p.switchIndex < 0 || p.unusable) lines.push(...encodeSignal(p));
    else if (!bulk) lines.push(`if (${muxCondition(p)}) { ${encodeSignal(p).join(' ')} }`);
  }
  if (bulk) lines.push(...muxPages(plans, encodeSignal));
  lines.push('return 0;');
  const src = `return function encode(v, d, flags) {\n${lines.join('\n')}\n};`;
  return new Function('F32', 'U32F', 'F64', 'U32D', src)(F32, U32F, F64, U32D) as EncodeFn;
}
