// Which signals a frame of a multiplexed message can carry, by multiplexer value: the store then
// takes in the few signals of the frame's page instead of looking at every signal of the
// message (CMU_CellVoltages has 195 signals and 3 on a page, 320 frames/s).
import type { CompiledMessage } from './codec.ts';

export interface MuxPages {
  /** Index of the one multiplexer switch. */
  switchIndex: number;
  /** Signals every frame carries (not multiplexed, or undecodable: the decoder marks those too). */
  always: Int32Array;
  /** Signals of each page, by the switch's raw value (= its physical value: factor 1, offset 0). */
  pages: (Int32Array | undefined)[];
}

/** Largest switch value given its own page slot (a plain array lookup). */
const MAX_PAGES = 4096;

/**
 * The page table, or undefined when the message is not multiplexed or its multiplexing is not the
 * simple kind (one top-level integer switch with factor 1 and offset 0, each multiplexed signal on
 * exactly one value): such messages are taken in signal by signal, as before.
 */
export function muxPages(m: Pick<CompiledMessage, 'plans'>): MuxPages | undefined {
  let switchIndex = -1;
  for (const p of m.plans) {
    if (p.unusable || p.switchIndex < 0) continue;
    if (switchIndex >= 0 && p.switchIndex !== switchIndex) return undefined;
    switchIndex = p.switchIndex;
    const r = p.muxRanges;
    if (r.length !== 1 || r[0]![0] !== r[0]![1] || !Number.isInteger(r[0]![0]) || r[0]![0] < 0 || r[0]![0] >= MAX_PAGES) return undefined;
  }
  if (switchIndex < 0) return undefined;
  const sw = m.plans[switchIndex]!;
  if (sw.unusable || sw.switchIndex >= 0 || sw.kind !== 'int' || sw.signal.factor !== 1 || sw.signal.offset !== 0) return undefined;
  const always: number[] = [];
  const byValue: number[][] = [];
  for (const p of m.plans) {
    if (p.unusable || p.switchIndex < 0) always.push(p.index);
    else (byValue[p.muxRanges[0]![0]] ??= []).push(p.index);
  }
  const pages: (Int32Array | undefined)[] = [];
  for (let v = 0; v < byValue.length; v++) pages.push(byValue[v] ? Int32Array.from(byValue[v]!) : undefined);
  return { switchIndex, always: Int32Array.from(always), pages };
}
