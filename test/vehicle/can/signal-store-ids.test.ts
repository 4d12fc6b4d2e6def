import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { compileCodec, createReceiver, createTransmitter, loadDbcFile, PACKPILOT_DBC_PATH, SignalStore, type Codec } from '../../../vehicle/can/index.ts';

const t = suite('signal store: which message a frame belongs to');

const aFreshCodec = (): Codec => compileCodec(loadDbcFile(PACKPILOT_DBC_PATH).dbc);

t('takes frames of its own codec and ignores a message of another codec on the same id', () => {
  const own = aFreshCodec();
  const other = aFreshCodec();
  const store = new SignalStore(own);
  const m = own.messages.find((x) => !x.extended && x.signals.length > 0 && x.counterIndex >= 0)!;
  const signal = m.signals[m.counterIndex]!.name;
  const frame = { ...createTransmitter(own).frame(m.name, {}, { allowMissing: true }), timestampMs: 10 };
  // Decoded by a receiver of the other codec: same id and bytes, a message object the store does not know.
  store.update(createReceiver(other).receive(frame)!);
  assert.is(store.read(signal, 10).reason, 'missing');
  store.update(createReceiver(own).receive(frame)!);
  assert.is(store.read(signal, 10).ageMs, 0);
});

t.run();
