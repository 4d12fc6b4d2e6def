// The controller's glue: the loop's fast transmit path gives what txValues gives, every message
// of ours is complete, and the settings snapshot in the view is reused only while unchanged.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createReceiver, createTransmitter, packpilotCodec, SignalStore } from '../../../vehicle/can/index.ts';
import { HmiReader } from '../../../vehicle/controller/settings.ts';
import { Signals } from '../../../vehicle/controller/signals.ts';
import { Controller } from '../../../vehicle/controller/controller.ts';
import { CAR_PRESETS } from '../../../vehicle/config/car-config.ts';
import { aStack } from './stack.ts';

const t = suite('controller glue');
const codec = packpilotCodec();
const ours = codec.messages.filter((m) => m.message.sender === 'PACKPILOT' && m.message.cycleTimeMs !== undefined);

t('each message of ours: the fast path writes every signal but counter and CRC, as txValues does', () => {
  const s = aStack({ vehicle: 'car-800v', charger: 'hpc-350' });
  s.run(3000);
  for (const m of ours) {
    const values = new Float64Array(m.signals.length).fill(NaN);
    const compose = s.controller.txComposer(m, values);
    assert.ok(compose, `${m.name} has a composer`);
    assert.is(compose!(), true);
    const record = s.controller.txValues(m.name)!;
    m.signals.forEach((sig, i) => {
      const own = i === m.counterIndex || i === m.crcIndex;
      assert.is(Number.isNaN(values[i]), own, `${m.name}.${sig.name} written`);
      if (!own) assert.is(record[sig.name], values[i], `${m.name}.${sig.name} agrees with txValues`);
    });
  }
});

t('before the first tick nothing is composed (the message is held back)', () => {
  const controller = new Controller({ config: CAR_PRESETS['car-400v'], codec });
  const m = ours[0]!;
  assert.is(controller.txComposer(m, new Float64Array(m.signals.length))!(), false);
  assert.is(controller.txValues(m.name), undefined);
});

t('the view keeps the same settings object while nothing changes, and a new one after a change', () => {
  const s = aStack({ vehicle: 'car-400v' });
  s.run(200);
  const before = s.view().settings;
  s.run(50);
  assert.is(s.view().settings, before, 'unchanged: the same snapshot');
  const oldLimitPct = before.chargeLimitPct;
  const newLimitPct = oldLimitPct === 70 ? 71 : 70;
  s.controller.settings.command({ cmd: 'charge-limit', pct: newLimitPct });
  s.run(10);
  const after = s.view().settings;
  assert.is.not(after, before);
  assert.is(after.chargeLimitPct, newLimitPct);
  assert.is(before.chargeLimitPct, oldLimitPct, 'the old snapshot is not changed behind its readers');
});

t('HmiReader.changed: true once per arriving HMI frame (good or bad), false in between', () => {
  const store = new SignalStore(codec);
  const reader = new HmiReader(new Signals(store, codec));
  const rx = createReceiver(codec);
  const tx = createTransmitter(codec);
  const send = (atMs: number) => store.update(rx.receive({ ...tx.frame('HMI_Request', { HMI_ChargeLimitSoc: 80 }, { allowMissing: true, saturate: true }), timestampMs: atMs })!);
  assert.is(reader.changed(), true, 'the first tick reads');
  assert.is(reader.changed(), false);
  send(10);
  assert.is(reader.changed(), true);
  assert.is(reader.changed(), false);
  send(20);
  send(30);
  assert.is(reader.changed(), true);
});

t('the HMI frame is read again only when one arrived: an API command holds until the HMI changes its level', () => {
  const s = aStack({ vehicle: 'car-400v' });
  s.car.hmi({ chargeLimitPct: 85 });
  s.run(300);
  assert.is(s.view().settings.chargeLimitPct, 85);
  s.controller.settings.command({ cmd: 'charge-limit', pct: 60 });
  s.run(1000); // HMI frames keep coming with the same level: the command holds
  assert.is(s.view().settings.chargeLimitPct, 60);
  s.car.hmi({ chargeLimitPct: 95 });
  s.run(300);
  assert.is(s.view().settings.chargeLimitPct, 95, 'a new level from the HMI is taken in');
});

t.run();
