// The car's CAN contract (vehicle/can/packpilot.dbc) checked as a document: it parses cleanly,
// names and ids are unique, signals fit and never overlap, every value has a unit and a range
// its bits can carry, and every message carries the alive counter and CRC of CAN-API.md.
import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseDbc } from '../../../vehicle/can/dbc-parse.ts';
import type { DbcMessage, DbcSignal } from '../../../vehicle/can/dbc-model.ts';

const DBC_PATH = new URL('../../../vehicle/can/packpilot.dbc', import.meta.url);
const { dbc, warnings } = parseDbc(readFileSync(DBC_PATH, 'utf8'), 'packpilot.dbc');
const t = suite('packpilot.dbc');

/** DESIGN.md 1 and CAN-API.md: the nodes of the car. */
const DESIGN_NODES = ['PACKPILOT', 'CMU', 'SHUNT', 'IMD', 'PDU', 'INLET', 'CCC', 'BOOST', 'OBC', 'INV', 'TMS', 'HMI', 'VEH'];
const BITRATE_BPS = 500_000;
/** Worst-case bits of a classic 11-bit frame with 8 data bytes: 111 + stuff bits + 3 IFS. */
const FRAME_BITS_WORST = 135;

const role = (s: DbcSignal) => s.attributes['PpRole'];
const muxValuesOf = (s: DbcSignal): number[] =>
  (s.multiplexerValues ?? (s.multiplexerValue === undefined ? [] : [[s.multiplexerValue, s.multiplexerValue]]))
    .flatMap(([lo, hi]) => Array.from({ length: hi - lo + 1 }, (_, i) => lo + i));
const isMuxed = (s: DbcSignal) => s.multiplexerSwitch !== undefined;

/** Absolute bit positions (byte * 8 + bit-in-byte) a signal occupies. */
function bitsOf(s: DbcSignal): number[] {
  const out: number[] = [];
  let bit = s.startBit;
  for (let i = 0; i < s.length; i++) {
    out.push(bit);
    if (s.byteOrder === 'intel') bit += 1;
    else bit = bit % 8 === 0 ? bit + 15 : bit - 1; // Motorola: MSB first, sawtooth numbering
  }
  return out;
}

/** Physical values the raw bits can carry, [lo, hi]. */
function representable(s: DbcSignal): [number, number] {
  const rawLo = s.signed ? -(2 ** (s.length - 1)) : 0;
  const rawHi = s.signed ? 2 ** (s.length - 1) - 1 : 2 ** s.length - 1;
  const a = rawLo * s.factor + s.offset;
  const b = rawHi * s.factor + s.offset;
  return [Math.min(a, b), Math.max(a, b)];
}

const rawOf = (s: DbcSignal, phys: number) => Math.round((phys - s.offset) / s.factor);
const allSignals = dbc.messages.flatMap((m) => m.signals.map((s) => ({ m, s })));
const message = (name: string): DbcMessage => {
  const m = dbc.messages.find((x) => x.name === name);
  if (!m) throw new Error(`no message ${name}`);
  return m;
};
const signal = (name: string): DbcSignal => {
  const found = allSignals.find((x) => x.s.name === name);
  if (!found) throw new Error(`no signal ${name}`);
  return found.s;
};
const dupes = (xs: string[]) => xs.filter((x, i) => xs.indexOf(x) !== i);

t('parses without warnings and states its contract version', () => {
  assert.equal(warnings, []);
  assert.is(dbc.version, 'packpilot-1.0.0');
  const v = dbc.attributes['PpContractVersion'];
  assert.type(v, 'string');
  assert.match(String(v), /^\d+\.\d+\.\d+$/);
  assert.is(dbc.version, `packpilot-${String(v)}`, 'VERSION and PpContractVersion agree');
  assert.is(dbc.attributes['Baudrate'], BITRATE_BPS);
});

t('every node of DESIGN 1 exists and sends something; senders and receivers are declared nodes', () => {
  assert.equal([...dbc.nodes].sort(), [...DESIGN_NODES].sort());
  for (const node of DESIGN_NODES) assert.ok(dbc.messages.some((m) => m.sender === node), `${node} sends nothing`);
  for (const { m, s } of allSignals) {
    assert.ok(dbc.nodes.includes(m.sender), `${m.name} sender ${m.sender}`);
    for (const r of s.receivers) assert.ok(dbc.nodes.includes(r), `${s.name} receiver ${r}`);
    assert.not.ok(s.receivers.includes(m.sender), `${s.name} is received by its own sender`);
  }
});

t('ids are unique 11-bit classic ids; message and signal names are unique across the file', () => {
  assert.equal(dupes(dbc.messages.map((m) => String(m.id))), []);
  assert.equal(dupes(dbc.messages.map((m) => m.name)), []);
  assert.equal(dupes(allSignals.map(({ s }) => s.name)), []);
  for (const m of dbc.messages) {
    assert.not.ok(m.extended || m.fd, `${m.name} must be a classic standard frame`);
    assert.ok(m.id <= 0x7ff, `${m.name} id`);
    assert.is(m.length, 8, `${m.name} DLC`);
    assert.ok(m.comment && m.comment.length > 10, `${m.name} needs a comment`);
  }
});

t('signal and message names follow TAG_UpperCamel', () => {
  for (const m of dbc.messages) assert.match(m.name, /^[A-Z]+_[A-Z][A-Za-z0-9]*$/, m.name);
  for (const { m, s } of allSignals) {
    assert.match(s.name, /^[A-Z]+_[A-Z][A-Za-z0-9_]*$/, s.name);
    assert.ok(s.name.length <= 40, `${s.name} is long`);
    if (role(s) !== 'None') assert.ok(s.name.startsWith(`${m.name}_`), `${s.name} is named after ${m.name}`);
  }
});

t('every signal fits its message; no two signals share a bit (per mux value for multiplexed messages)', () => {
  for (const m of dbc.messages) {
    for (const s of m.signals) {
      for (const b of bitsOf(s)) assert.ok(b >= 0 && b < m.length * 8, `${s.name} bit ${b} outside ${m.length} bytes`);
    }
    const always = m.signals.filter((s) => !isMuxed(s));
    const muxValues = [...new Set(m.signals.flatMap(muxValuesOf))];
    for (const v of muxValues.length ? muxValues : [undefined]) {
      const present = [...always, ...m.signals.filter((s) => v !== undefined && muxValuesOf(s).includes(v))];
      const owner = new Map<number, string>();
      for (const s of present) {
        for (const b of bitsOf(s)) {
          assert.not.ok(owner.has(b), `${m.name}${v === undefined ? '' : ` m${v}`}: ${s.name} overlaps ${owner.get(b)} at bit ${b}`);
          owner.set(b, s.name);
        }
      }
    }
  }
});

t('multiplexed messages: one switch, every value in its range used, every muxed signal refers to it', () => {
  for (const m of dbc.messages.filter((x) => x.signals.some(isMuxed))) {
    const switches = m.signals.filter((s) => s.isMultiplexer);
    assert.is(switches.length, 1, `${m.name} switch count`);
    const sw = switches[0]!;
    const used = new Set(m.signals.flatMap(muxValuesOf));
    for (let v = sw.min; v <= sw.max; v++) assert.ok(used.has(v), `${m.name}: mux value ${v} carries nothing`);
    for (const v of used) assert.ok(v >= sw.min && v <= sw.max, `${m.name}: mux value ${v} outside the switch range`);
    for (const s of m.signals.filter(isMuxed)) assert.is(s.multiplexerSwitch, sw.name);
  }
});

t('every signal has a unit (or is an enum, flag, counter, CRC or switch) and a range its bits can carry', () => {
  for (const { s } of allSignals) {
    assert.ok(s.min < s.max, `${s.name}: min ${s.min} < max ${s.max}`);
    assert.is(s.valueType, 'integer', `${s.name}: no float signals in the contract`);
    const [lo, hi] = representable(s);
    const eps = Math.abs(s.factor) * 1e-6;
    assert.ok(s.min >= lo - eps && s.max <= hi + eps, `${s.name}: [${s.min}|${s.max}] not representable in [${lo}|${hi}]`);
    if (s.unit !== '' || role(s) !== 'None' || s.isMultiplexer) continue;
    const labels = [...(s.choices ?? new Map<number, string>())];
    assert.ok(labels.some(([, l]) => l !== 'SNA'), `${s.name} needs a unit or a VAL_ table`);
    const rawMin = rawOf(s, s.min);
    const rawMax = rawOf(s, s.max);
    if (rawMax - rawMin < 16) {
      for (let raw = rawMin; raw <= rawMax; raw++) assert.ok(s.choices?.has(raw), `${s.name}: enum value ${raw} has no label`);
    }
  }
});

t('VAL_ entries fit the raw bits; an SNA value decodes outside [min|max] so a range check rejects it', () => {
  for (const { s } of allSignals) {
    const rawLo = s.signed ? -(2 ** (s.length - 1)) : 0;
    const rawHi = s.signed ? 2 ** (s.length - 1) - 1 : 2 ** s.length - 1;
    for (const [raw, label] of s.choices ?? []) {
      assert.ok(raw >= rawLo && raw <= rawHi, `${s.name}: VAL_ ${raw} does not fit ${s.length} bits`);
      const phys = raw * s.factor + s.offset;
      if (label === 'SNA') assert.ok(phys < s.min || phys > s.max, `${s.name}: SNA ${raw} lies inside the range`);
    }
  }
});

t('every message has exactly one 4-bit AliveCounter and one byte-aligned 8-bit Crc8J1850, outside any mux', () => {
  for (const m of dbc.messages) {
    const counters = m.signals.filter((s) => role(s) === 'AliveCounter');
    const crcs = m.signals.filter((s) => role(s) === 'Crc8J1850');
    assert.is(counters.length, 1, `${m.name} counters`);
    assert.is(crcs.length, 1, `${m.name} CRCs`);
    const [counter, crc] = [counters[0]!, crcs[0]!];
    assert.is(counter.length, 4, `${m.name} counter width`);
    assert.is(crc.length, 8, `${m.name} CRC width`);
    assert.not.ok(counter.signed || crc.signed || isMuxed(counter) || isMuxed(crc), `${m.name} counter/CRC form`);
    assert.is(Math.min(...bitsOf(crc)) % 8, 0, `${m.name}: CRC must fill one byte`);
    assert.is(new Set(bitsOf(crc).map((b) => Math.floor(b / 8))).size, 1, `${m.name}: CRC within one byte`);
  }
});

t('every message is cyclic with a cycle time and a timeout of at least three cycles', () => {
  for (const m of dbc.messages) {
    const cycle = m.cycleTimeMs;
    const timeout = m.attributes['PpTimeoutMs'];
    assert.ok(cycle !== undefined && cycle > 0, `${m.name}: GenMsgCycleTime`);
    assert.type(timeout, 'number', `${m.name}: PpTimeoutMs`);
    assert.ok(Number(timeout) >= 3 * cycle!, `${m.name}: timeout ${String(timeout)} < 3 x ${cycle}`);
  }
});

t('safety and command frames win arbitration over diagnostics and HMI', () => {
  const heartbeat = message('PP_Heartbeat');
  assert.is(Math.min(...dbc.messages.map((m) => m.id)), heartbeat.id, 'heartbeat has the lowest id');
  const urgent = ['PDU_Command', 'PDU_Status', 'SHUNT_Current', 'SHUNT_Voltages', 'CCC_EvRequest', 'CCC_SessionStatus', 'INLET_Status'];
  const late = dbc.messages.filter((m) => /^(HMI|TMS|CMU)_/.test(m.name));
  for (const name of urgent) for (const m of late) assert.ok(message(name).id < m.id, `${name} before ${m.name}`);
});

t('cells and sensors: 192 cell voltages at 1 mV and 64 temperatures, each with SNA', () => {
  const cells = allSignals.filter(({ s }) => /^CMU_CellVoltage\d{3}$/.test(s.name)).map(({ s }) => s);
  const temps = allSignals.filter(({ s }) => /^CMU_CellTemp\d{2}$/.test(s.name)).map(({ s }) => s);
  assert.is(cells.length, 192);
  assert.is(temps.length, 64);
  for (const s of cells) assert.ok(s.factor <= 0.001 && s.unit === 'V' && [...(s.choices?.values() ?? [])].includes('SNA'), s.name);
  for (const s of temps) assert.ok(s.unit === 'degC' && [...(s.choices?.values() ?? [])].includes('SNA'), s.name);
});

t('control values are fine enough and wide enough (0.1 A, 0.1 V, 1000 V, 600 A+, 500 kW)', () => {
  const volts = ['CCC_EvTargetVoltage', 'CCC_EvMaxVoltage', 'CCC_EvseMaxVoltage', 'CCC_EvsePresentVoltage', 'SHUNT_PackVoltage', 'SHUNT_LinkVoltage', 'SHUNT_InletVoltage', 'BOOST_InputVoltageSetpoint'];
  const amps = ['CCC_EvTargetCurrent', 'CCC_EvMaxCurrent', 'CCC_EvseMaxCurrent', 'CCC_EvsePresentCurrent', 'BMS_ChargeCurrentLimit', 'BMS_DischargeCurrentLimit', 'BOOST_OutputCurrentLimit'];
  const watts = ['CCC_EvMaxPower', 'CCC_EvseMaxPower', 'BMS_ChargePowerLimit', 'BMS_DischargePowerLimit'];
  for (const n of volts) assert.ok(signal(n).factor <= 0.1 && signal(n).max >= 1000 && signal(n).unit === 'V', n);
  for (const n of amps) assert.ok(signal(n).factor <= 0.1 && signal(n).max >= 600 && signal(n).unit === 'A', n);
  for (const n of watts) assert.ok(signal(n).max >= 500_000 && signal(n).unit === 'W', n);
  const shunt = signal('SHUNT_PackCurrent');
  assert.ok(shunt.signed && shunt.factor <= 0.1 && shunt.min <= -2000 && shunt.max >= 2000, 'shunt current');
  assert.is(rawOf(signal('CCC_EvTargetCurrent'), 2), 20, '2 A precharge request is exact');
});

t('worst-case bus load stays below 40 % at 500 kbit/s', () => {
  const framesPerS = dbc.messages.reduce((sum, m) => {
    const sw = m.signals.find((s) => s.isMultiplexer);
    const perCycle = sw ? sw.max - sw.min + 1 : 1; // every mux value once per cycle
    return sum + (perCycle * 1000) / (m.cycleTimeMs ?? Infinity);
  }, 0);
  const load = (framesPerS * FRAME_BITS_WORST) / BITRATE_BPS;
  assert.ok(load < 0.4, `bus load ${(load * 100).toFixed(1)} %`);
});

t.run();
