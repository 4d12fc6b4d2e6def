import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { compileCodec, createTransmitter, loadDbcFile, PACKPILOT_DBC_PATH, type Codec, type CompiledMessage } from '../../../vehicle/can/index.ts';

const t = suite('transmitter: per-message state');

/** A fresh compile of packpilot.dbc: the same ids, but message objects of its own. */
const aFreshCodec = (): Codec => compileCodec(loadDbcFile(PACKPILOT_DBC_PATH).dbc);
const aCountedMessage = (codec: Codec): CompiledMessage => codec.messages.find((m) => !m.extended && m.counterIndex >= 0)!;
const noValues = (m: CompiledMessage): Float64Array => new Float64Array(m.signals.length).fill(NaN);

t('each message object keeps its own counter, even one of another codec on the same id', () => {
  const own = aFreshCodec();
  const other = aFreshCodec();
  const tx = createTransmitter(own);
  const mine = aCountedMessage(own);
  const theirs = other.messages.find((m) => m.id === mine.id && !m.extended)!;
  assert.is.not(theirs, mine);
  const data = new Uint8Array(mine.frameLength);
  tx.fill(mine, noValues(mine), data, { allowMissing: true });
  tx.fill(mine, noValues(mine), data, { allowMissing: true });
  tx.fill(theirs, noValues(theirs), data, { allowMissing: true });
  assert.is(tx.nextCounter(mine.name), 2, 'the foreign message did not advance our counter');
  tx.fill(theirs, noValues(theirs), data, { allowMissing: true });
  tx.fill(mine, noValues(mine), data, { allowMissing: true });
  assert.is(tx.nextCounter(mine.name), 3);
});

t('frame by name and fill by message share one counter', () => {
  const codec = aFreshCodec();
  const tx = createTransmitter(codec);
  const m = aCountedMessage(codec);
  tx.frame(m.name, {}, { allowMissing: true });
  tx.fill(m, noValues(m), new Uint8Array(m.frameLength), { allowMissing: true });
  assert.is(tx.nextCounter(m.name), 2);
});

t('fill zeroes a reused buffer first: the same bytes as a fresh frame, whatever the buffer held', () => {
  const codec = aFreshCodec();
  const reused = createTransmitter(codec);
  const fresh = createTransmitter(codec);
  for (const m of codec.messages) {
    const data = new Uint8Array(m.frameLength).fill(0xff);
    reused.fill(m, noValues(m), data, { allowMissing: true, saturate: true });
    assert.equal([...data], [...fresh.frameOf(m, noValues(m), { allowMissing: true, saturate: true }).data], m.name);
  }
});

t.run();
