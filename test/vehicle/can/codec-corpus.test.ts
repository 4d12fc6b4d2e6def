// Every message of the corpus (and of packpilot.dbc, once it exists) round-trips
// encode → decode for every multiplexer selection; and the generated decoders agree with a
// plain bit-by-bit reference decoder on random payloads.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadDbcFile } from '../../../vehicle/can/dbc-file.ts';
import { compileCodec, type Codec, type CompiledMessage } from '../../../vehicle/can/codec.ts';
import { signalBitPositions } from '../../../vehicle/can/dbc-layout.ts';
import { SIGNAL_INACTIVE, SIGNAL_LAYOUT } from '../../../vehicle/can/codec-status.ts';
import { prng, roundTripMessage } from './round-trip.ts';

const CORPUS = '/work/shared/dbc/';
const PACKPILOT_DBC = fileURLToPath(new URL('../../../vehicle/can/packpilot.dbc', import.meta.url));
const files = [
  ...readdirSync(CORPUS).filter((f) => f.endsWith('.dbc')).map((f) => CORPUS + f),
  ...readdirSync(CORPUS + 'quirks').map((f) => `${CORPUS}quirks/${f}`),
];
const codecs = new Map<string, Codec>();
const codecOf = (path: string) => {
  let c = codecs.get(path);
  if (!c) codecs.set(path, (c = compileCodec(loadDbcFile(path).dbc)));
  return c;
};

/** Reference: the raw value read one bit at a time (BigInt, no cleverness). */
function referenceRaw(m: CompiledMessage, i: number, data: Uint8Array): bigint {
  const sig = m.signals[i]!;
  let raw = 0n;
  signalBitPositions(sig).forEach((p, bit) => {
    if ((data[p >> 3]! >> (p & 7)) & 1) raw |= 1n << BigInt(bit);
  });
  return sig.signed ? BigInt.asIntN(sig.length, raw) : raw;
}

const t = suite('codec over the corpus');

t('every corpus message round-trips (per multiplexer value)', () => {
  for (const path of files) {
    for (const m of codecOf(path).messages) {
      const failures = roundTripMessage(m, 7);
      assert.equal(failures.slice(0, 3), [], `${path} ${m.name}`);
    }
  }
});

t('generated decoders agree with a bit-by-bit reference on random payloads', () => {
  const rand = prng(42);
  for (const path of files) {
    for (const m of codecOf(path).messages) {
      const values = new Float64Array(m.signals.length);
      const status = new Uint8Array(m.signals.length);
      for (let k = 0; k < 3; k++) {
        const data = Uint8Array.from({ length: m.frameLength }, () => Math.floor(rand() * 256));
        m.decodeInto(data, values, status);
        m.plans.forEach((p, i) => {
          if (status[i] === SIGNAL_INACTIVE || status[i] === SIGNAL_LAYOUT || p.kind === 'float' || p.kind === 'double') return;
          const raw = Number(referenceRaw(m, i, data));
          assert.is(values[i], raw * p.signal.factor + p.signal.offset, `${path} ${m.name}.${p.signal.name}`);
        });
      }
    }
  }
});

t('an undecodable signal (quirks/bad_message_length.dbc) is NaN with status layout, never a wrong value', () => {
  const m = codecOf(`${CORPUS}quirks/bad_message_length.dbc`).messageByName('Message1')!;
  const d = m.decode(Uint8Array.of(0xff));
  assert.equal(d.problems, [{ kind: 'layout', signal: 'Signal1' }]);
  assert.equal(d.values, {});
  assert.throws(() => m.encode({ Signal1: 1 }), /Message1\.Signal1: cannot be encoded: bits 8…8 do not fit 1 byte/);
});

t('packpilot.dbc (when present) compiles without warnings and every message round-trips', () => {
  if (!existsSync(PACKPILOT_DBC)) return;
  const codec = codecOf(PACKPILOT_DBC);
  assert.equal(codec.warnings, []);
  for (const m of codec.messages) assert.equal(roundTripMessage(m, 11).slice(0, 3), [], m.name);
});

t.run();
