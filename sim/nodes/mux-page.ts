// A simple multiplexed message (one switch; every mux value carries the same slots at the same
// bits, as CMU_CellVoltages and CMU_CellTemps do) compiled once more as a plain message: the
// switch and page 0's slot signals become ordinary signals. Encoding a page then runs a few
// straight lines instead of testing the condition of every page's signals (192 of them for the
// cell voltages), with the same codec and the same bytes (test/sim/nodes/mux-page.test.ts).
import type { Codec, CompiledMessage, DbcMessage, DbcSignal } from '../../vehicle/can/index.ts';
import { compileCodec } from '../../vehicle/can/index.ts';

export interface MuxPages {
  /** The plain message: encode a page with its switch value and slot values. */
  page: CompiledMessage;
  /** Index of the switch in `page`. */
  switchIndex: number;
  /** Index in `page` of each slot (ascending start bit). */
  slotIndex: Int32Array;
  /** Switch values that carry data (the mux values the DBC defines). */
  pageCount: number;
  /** The real message's signal names by [page][slot], for tools and tests. */
  names: readonly (readonly string[])[];
}

function sameLayout(a: DbcSignal, b: DbcSignal): boolean {
  const sna = (s: DbcSignal): string => [...(s.choices ?? [])].filter(([, l]) => /^sna$/i.test(l)).map(([r]) => r).join();
  return a.startBit === b.startBit && a.length === b.length && a.byteOrder === b.byteOrder && a.signed === b.signed
    && a.factor === b.factor && a.offset === b.offset && a.min === b.min && a.max === b.max && sna(a) === sna(b);
}

/** Builds the plain page message of `name`; throws when the message is not a simple multiplex (a DBC change). */
export function muxPages(codec: Codec, name: string): MuxPages {
  const m = codec.messageByName(name);
  if (!m) throw new Error(`sim node: no message ${name} in the DBC`);
  const sw = m.signals.find((s) => s.isMultiplexer);
  if (!sw) throw new Error(`${name} is not multiplexed`);
  const byPage = new Map<number, DbcSignal[]>();
  for (const s of m.signals) {
    if (s.multiplexerSwitch === undefined) continue;
    const k = s.multiplexerValue;
    if (s.multiplexerSwitch !== sw.name || k === undefined || (s.multiplexerValues ?? []).length > 1) {
      throw new Error(`${name}: ${s.name} is not a simple multiplexed signal`);
    }
    byPage.set(k, [...(byPage.get(k) ?? []), s]);
  }
  const pageCount = byPage.size;
  const pages = Array.from({ length: pageCount }, (_, k) => {
    const p = byPage.get(k);
    if (!p) throw new Error(`${name}: mux values are not 0…${pageCount - 1}`);
    return [...p].sort((a, b) => a.startBit - b.startBit);
  });
  const first = pages[0]!;
  for (const p of pages) {
    if (p.length !== first.length || p.some((s, i) => !sameLayout(s, first[i]!))) throw new Error(`${name}: pages differ in layout`);
  }
  const plain = (s: DbcSignal): DbcSignal => ({
    ...s, isMultiplexer: false, multiplexerSwitch: undefined, multiplexerValue: undefined, multiplexerValues: undefined,
  });
  const signals = m.signals.filter((s) => s.multiplexerSwitch === undefined || first.includes(s)).map(plain);
  const msg: DbcMessage = { ...m.message, signals };
  const page = compileCodec({ ...codec.dbc, messages: [msg] }).messages[0]!;
  return {
    page,
    switchIndex: page.signalIndex.get(sw.name)!,
    slotIndex: Int32Array.from(first, (s) => page.signalIndex.get(s.name)!),
    pageCount,
    names: pages.map((p) => p.map((s) => s.name)),
  };
}
