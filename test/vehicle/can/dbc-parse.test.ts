// The parser against the shared corpus (/work/shared/dbc, facts from its SOURCES.md) and
// against small hand-written texts for each grammar rule and error.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync } from 'node:fs';
import { parseDbc, DbcSyntaxError } from '../../../vehicle/can/dbc-parse.ts';
import { loadDbcFile, decodeDbcBytes } from '../../../vehicle/can/dbc-file.ts';
import type { Dbc, DbcWarning } from '../../../vehicle/can/dbc-model.ts';
import { aDbcText, DBC_HEADER } from './builders.ts';

const CORPUS = '/work/shared/dbc/';
const cache = new Map<string, { dbc: Dbc; warnings: DbcWarning[] }>();
function load(file: string) {
  let r = cache.get(file);
  if (!r) cache.set(file, (r = loadDbcFile(CORPUS + file)));
  return r;
}
const corpusFiles = readdirSync(CORPUS).filter((f) => f.endsWith('.dbc'));
const quirkFiles = readdirSync(CORPUS + 'quirks').map((f) => `quirks/${f}`);

const t = suite('dbc-parse');

t('every corpus file parses; only the quirks and known real-file slips warn', () => {
  for (const f of [...corpusFiles, ...quirkFiles]) {
    const { dbc, warnings } = load(f);
    assert.ok(Array.isArray(dbc.messages), f);
    if (f.startsWith('quirks/')) assert.ok(warnings.length > 0, `${f} should warn`);
  }
  assert.is(corpusFiles.length, 23);
  assert.is(quirkFiles.length, 4);
});

t('message and signal counts match SOURCES.md', () => {
  const expected: Record<string, [number, number]> = {
    'tesla_can.dbc': [44, 572], 'tesla_model3_party.dbc': [21, 240], 'gm_global_a_high_voltage_management.dbc': [12, 125],
    'toyota_prius_2010_pt.dbc': [26, 78], 'rivian_primary_actuator.dbc': [67, 392], 'vw_mlb.dbc': [145, 1442],
    'ford_lincoln_base_pt.dbc': [331, 2150], '_hyundai_canfd_common.dbc': [37, 113], 'foxbms.dbc': [41, 2075],
    'vehicle.dbc': [217, 462], 'abs.dbc': [18, 89],
  };
  for (const [f, [messages, signals]] of Object.entries(expected)) {
    const { dbc } = load(f);
    assert.is(dbc.messages.length, messages, f);
    assert.is(dbc.messages.reduce((n, m) => n + m.signals.length, 0), signals, f);
  }
});

t('corpus facts: byte orders, multiplexing, extended ids, CAN FD, value tables', () => {
  const sigs = (f: string) => load(f).dbc.messages.flatMap((m) => m.signals);
  const muxed = (f: string) => load(f).dbc.messages.filter((m) => m.signals.some((s) => s.isMultiplexer)).length;
  assert.is(sigs('tesla_can.dbc').filter((s) => s.byteOrder === 'intel').length, 420);
  assert.is(sigs('tesla_can.dbc').filter((s) => s.byteOrder === 'motorola').length, 152);
  assert.is(muxed('tesla_can.dbc'), 2);
  assert.is(load('tesla_can.dbc').dbc.valueTables.size, 16);
  assert.is(muxed('gm_global_a_high_voltage_management.dbc'), 5);
  assert.is(muxed('foxbms.dbc'), 18);
  assert.is(muxed('vw_mlb.dbc'), 4);
  assert.is(load('vw_mlb.dbc').dbc.messages.filter((m) => m.extended).length, 7);
  const ford = load('ford_lincoln_base_pt.dbc').dbc;
  assert.is(ford.messages.filter((m) => m.length === 64).length, 31);
  assert.is(ford.messages.filter((m) => m.extended).length, 49);
  assert.is(ford.messages.filter((m) => m.fd).length, 331, '281 StandardCAN_FD + 49 ExtendedCAN_FD + 1 by the BA_DEF_DEF_ default');
  assert.is(ford.valueTables.size, 770);
  const hyundai = load('_hyundai_canfd_common.dbc').dbc;
  assert.is(hyundai.messages.filter((m) => [16, 24, 32].includes(m.length) && m.fd).length, 36);
  const vehicle = load('vehicle.dbc').dbc;
  assert.ok(vehicle.messages.every((m) => m.extended));
  assert.is(sigs('vehicle.dbc').filter((s) => s.signed).length, 193);
  const torque = load('tesla_can.dbc').dbc.messages.find((m) => m.dbcId === 264)!.signals.find((s) => s.name === 'DI_torqueDriver')!;
  assert.is(torque.choices?.get(-4096), 'SNA');
});

t('text: cp1252 and UTF-8 files, escaped quotes, multi-line comments', () => {
  const abs = load('abs.dbc').dbc;
  assert.ok(abs.messages.flatMap((m) => m.signals).some((s) => s.unit === '°/s'), 'cp1252 0xB0 is °');
  const choices = load('choices.dbc').dbc.messages[0]!.signals[0]!.choices!;
  assert.is(choices.get(1), "#%=*ä'");
  assert.is(choices.get(-5), 'A negative value');
  const cp = load('cp1252.dbc').dbc.nodeComments.get('Node1')!;
  assert.ok(cp.includes('[\\]'), 'a bare backslash stays');
  assert.ok(cp.endsWith('ÿ') && cp.includes('€'));
  const mlb = load('vw_mlb.dbc').dbc.messages.flatMap((m) => m.signals);
  assert.ok(mlb.some((s) => [...(s.choices?.values() ?? [])].some((l) => l.includes('nicht_verf\uFFFDgbar'))));
  const hy = load('_hyundai_canfd_common.dbc').dbc.messages.flatMap((m) => m.signals).find((s) => s.name === 'StrTqReqVal')!;
  assert.ok(hy.comment!.includes('[-8|7.9921875] "Nm" XXX'));
  const actuator = load('open_actuator.dbc').dbc;
  assert.ok(actuator.messages.some((m) => m.signals.some((s) => s.comment?.includes('\n'))), 'multi-line CM_');
  assert.is(decodeDbcBytes(Uint8Array.from([0x22, 0xb0, 0x43, 0x22])), '"°C"');
  assert.is(decodeDbcBytes(Uint8Array.from([0x80, 0x8a, 0x9f, 0xe4])), '€ŠŸä', 'cp1252, not latin1, in 0x80…0x9F');
  assert.is(decodeDbcBytes(Buffer.from('U+FFFD \uFFFD stays', 'utf8')), 'U+FFFD \uFFFD stays');
});

t('attributes: every type and scope, defaults applied, ENUM as labels', () => {
  const { dbc } = load('attributes.dbc');
  assert.is(dbc.attributes.BusType, 'CAN');
  assert.is(dbc.attributes.TheNetworkAttribute, 51);
  assert.is(dbc.nodeAttributes.get('TheNode')!.TheNodeAttribute, 99);
  const m = dbc.messages.find((x) => x.name === 'TheMessage')!;
  assert.is(m.attributes.TheFloatAttribute, 58.7);
  assert.is(m.attributes.GenMsgSendType, 'Cyclic');
  assert.is(m.cycleTimeMs, 1000);
  const test = load('dbcppp_Test.dbc').dbc;
  assert.equal(test.busTiming, { baudrate: 1, btr1: 2, btr2: 2 });
  assert.is(test.environmentVariables[0]!.comment, 'EnvVar comment');
  assert.equal(test.messages[0]!.signals.map((s) => s.valueType), ['integer', 'float', 'double']);
  assert.equal(test.messages[0]!.transmitters, ['Bus0', 'Bus2']);
  assert.equal(load('long_names.dbc').dbc.messages.flatMap((x) => [...x.signalGroups.keys()]).length > 0, true);
});

t('multiplexing: simple, cascaded (m2M), independent switches, SG_MUL_VAL_ ranges', () => {
  const sig = (f: string, name: string) => load(f).dbc.messages[0]!.signals.find((s) => s.name === name)!;
  const cascaded = sig('issue_184_extended_mux_cascaded.dbc', 'muxed_A_2_MUX_B');
  assert.is(cascaded.isMultiplexer, true);
  assert.is(cascaded.multiplexerSwitch, 'MUX_A');
  assert.is(sig('issue_184_extended_mux_cascaded.dbc', 'muxed_B_1').multiplexerSwitch, 'muxed_A_2_MUX_B');
  assert.is(sig('issue_184_extended_mux_independent_multiplexors.dbc', 'muxed_B_2').multiplexerSwitch, 'MUX_B');
  assert.equal(sig('issue_184_extended_mux_multiple_values.dbc', 'muxed_0_3_4_5').multiplexerValues, [[0, 0], [3, 5]]);
});

t('quirks are accepted with warnings that name message and signal', () => {
  const has = (f: string, re: RegExp) => assert.ok(load(f).warnings.some((w) => re.test(w.message)), `${f}: ${re}`);
  has('quirks/bad_message_length.dbc', /message Message1, signal Signal1: bits 8…8 do not fit 1 byte/);
  has('quirks/issue_63.dbc', /AFT1PSI2: signals HtrRes and MaxRes overlap/);
  has('quirks/vw_mqb.dbc', /PLA_01: signals PLA_Bremsverzoegerung and PLA_Bremsmoment overlap|PLA_01: signals PLA_Bremsmoment and PLA_Bremsverzoegerung overlap/);
  has('quirks/issue_199.dbc', /DriverDoorStatus: id 0x10630000 exceeds 11 bits without the extended flag; treated as extended/);
  const door = load('quirks/issue_199.dbc').dbc.messages.find((m) => m.name === 'DriverDoorStatus')!;
  assert.equal([door.id, door.extended], [0x10630000, true]);
});

t('syntax errors throw DbcSyntaxError naming source:line:column and what was expected', () => {
  const text = aDbcText({ signals: ['A : 0|8@1+ (1,0) [0|255] ""', 'B : 8|8@2+ (1,0) [0|255] ""'] });
  const line = text.split('\n').findIndex((l) => l.includes(' B : ')) + 1;
  try {
    parseDbc(text, 'car.dbc');
    assert.unreachable('should throw');
  } catch (e) {
    assert.instance(e, DbcSyntaxError);
    assert.match((e as Error).message, new RegExp(`^car\\.dbc:${line}:\\d+: expected byte order 0 or 1 of B, found '2'$`));
  }
  assert.throws(() => parseDbc(`${DBC_HEADER}\nBO_ 1 M: 8 X\n SG_ A : 0|8@1+ (1,0 [0|1] "" X\n`, 'x.dbc'), /x\.dbc:13:\d+: expected '\)' after offset of A, found '\['/);
  assert.throws(() => parseDbc(`${DBC_HEADER}\nBO_ 1 M 8 X\n`, 'y.dbc'), /y\.dbc:12:\d+: expected ':' after message name M/);
  assert.throws(() => parseDbc(` SG_ A : 0|8@1+ (1,0) [0|1] "" X\n`), /<dbc>:1:2: expected BO_ before the first SG_/);
});

t('recoverable oddities warn instead: unknown sections, missing semicolons, undefined references', () => {
  const { dbc, warnings } = parseDbc(aDbcText({
    signals: ['A : 0|8@1+ (1,0) [0|255] ""'],
    extra: ['FOO_ 1 2 3;', 'CM_ SG_ 256 A "no semicolon"', 'VAL_ 256 Nope 1 "x";', 'BA_ "Undefined" BO_ 256 3;'],
  }));
  assert.is(dbc.messages[0]!.signals[0]!.comment, 'no semicolon');
  assert.is(dbc.messages[0]!.attributes.Undefined, 3);
  const text = warnings.map((w) => w.message).join('\n');
  assert.match(text, /unknown section FOO_ skipped/);
  assert.match(text, /CM_: missing ';'/);
  assert.match(text, /VAL_: no signal Nope in message 256/);
  assert.match(text, /BA_ "Undefined" has no BA_DEF_/);
});

t.run();
