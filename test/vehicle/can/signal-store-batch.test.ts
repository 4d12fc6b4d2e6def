import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createReceiver, createTransmitter, packpilotCodec, SignalStore } from '../../../vehicle/can/index.ts';

const t = suite('signal store: batch reads');

t('readInto agrees with read for fresh, stale, missing and SNA values', () => {
  const codec = packpilotCodec();
  const store = new SignalStore(codec);
  const rx = createReceiver(codec);
  const tx = createTransmitter(codec);
  const send = (values: Record<string, number>, atMs: number) => {
    const f = tx.frame('CMU_CellVoltages', values, { allowMissing: true });
    store.update(rx.receive({ ...f, timestampMs: atMs })!);
  };
  send({ CMU_CellVoltageMux: 0, CMU_CellVoltage001: 3.7, CMU_CellVoltage002: 3.71, CMU_CellVoltage003: 8.191 }, 100);
  const names = ['CMU_CellVoltage001', 'CMU_CellVoltage002', 'CMU_CellVoltage003', 'CMU_CellVoltage004'];
  const handles = names.map((n) => store.handle(n));
  for (const nowMs of [150, 100_000]) {
    const values = new Float64Array(4);
    const valid = new Uint8Array(4);
    const rxMs = new Float64Array(4);
    store.readInto(handles, nowMs, values, valid, rxMs);
    names.forEach((n, i) => {
      const r = store.read(n, nowMs);
      assert.is(valid[i], r.valid ? 1 : 0, `${n} at ${nowMs}`);
      if (Number.isFinite(r.ageMs)) assert.is(rxMs[i], nowMs - r.ageMs);
      else assert.is(rxMs[i], -Infinity);
    });
  }
});

t.run();
