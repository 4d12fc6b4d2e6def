// Receiver, Transmitter and SignalStore on a packpilot-style message (4-bit alive counter and
// CRC-8 J1850 marked by PpRole, PpTimeoutMs): bad frames become invalid data with a reason.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { aCodec, aFrame, COUNTED_DBC, hex } from './builders.ts';
import { createReceiver, describeReceived } from '../../../vehicle/can/receiver.ts';
import { createTransmitter } from '../../../vehicle/can/transmitter.ts';
import { SignalStore } from '../../../vehicle/can/signal-store.ts';
import { crc8J1850 } from '../../../vehicle/can/crc8.ts';
import type { CanFrame, OutgoingFrame } from '../../../vehicle/can/frame.ts';

const codec = aCodec(COUNTED_DBC);
const received = (f: OutgoingFrame, timestampMs = 0): CanFrame => ({ ...f, timestampMs });
const status = (over: Record<string, number> = {}) => ({ BMS_PackVoltage: 400, BMS_CellTempMax: 25, BMS_State: 2, ...over });

const t = suite('receiver, transmitter, signal store');

t('the transmitter fills counter (0, 1, 2 …) and the CRC over the other bytes', () => {
  const tx = createTransmitter(codec);
  const f0 = tx.frame('BMS_Status', status());
  const f1 = tx.frame('BMS_Status', status());
  // 400 V / 0.1 = 4000 = 0x0FA0 → a0 0f; 25 degC + 40 = 65 = 0x41; state 2; counter at bits 51..54 = byte 6 bits 3..6
  assert.is(hex(f0.data).slice(0, 20), 'a0 0f 41 02 00 00 00');
  assert.is(f0.data[6], 0 << 3);
  assert.is(f1.data[6], 1 << 3);
  assert.is(f1.data[7], crc8J1850(f1.data, 8, 7));
  assert.equal([f0.id, f0.extended, f0.fd, f0.data.length], [256, false, false, 8]);
  assert.is(tx.nextCounter('BMS_Status'), 2);
  assert.throws(() => tx.frame('Nope', {}), /no message Nope/);
  assert.throws(() => tx.frame('BMS_Status', status({ BMS_PackVoltage: 1200 })), /BMS_Status\.BMS_PackVoltage: value 1200 outside 0…1000 V/);
  assert.is(tx.nextCounter('BMS_Status'), 2, 'a failed frame does not use up a counter value');
});

t('the counter wraps mod 16 and is shared by all multiplexer values of a message', () => {
  const tx = createTransmitter(codec);
  const rx = createReceiver(codec);
  for (let k = 0; k < 20; k++) {
    const r = rx.receive(received(tx.frame('CMU_CellVoltages', k % 2 ? { CMU_Mux: 1, CMU_Cell2: 3.7 } : { CMU_Mux: 0, CMU_Cell1: 3.6 })))!;
    assert.is(r.valid, true);
    assert.is(r.counter, k % 16);
    assert.is(r.lostFrames, 0);
  }
});

t('bad frames are invalid with the right reason; the receiver never throws', () => {
  const tx = createTransmitter(codec);
  const rx = createReceiver(codec);
  const good = tx.frame('BMS_Status', status());
  assert.is(rx.receive(received(good))!.valid, true);

  const short = rx.receive(aFrame({ data: good.data.subarray(0, 7) }))!;
  assert.equal([short.valid, short.reason], [false, 'length']);
  assert.equal(describeReceived(short).problems, [{ kind: 'length', expected: 8, actual: 7 }]);
  const long = rx.receive(aFrame({ data: new Uint8Array(9) }))!;
  assert.equal([long.valid, long.reason], [false, 'length']);

  const next = tx.frame('BMS_Status', status());
  const corrupted = Uint8Array.from(next.data);
  corrupted[0]! ^= 0x01;
  const crc = rx.receive(received({ ...next, data: corrupted }))!;
  assert.equal([crc.valid, crc.reason], [false, 'crc']);
  assert.is(describeReceived(crc).problems[0]!.kind, 'crc');

  assert.is(rx.receive(received(next))!.valid, true, 'the same counter after a rejected frame is fine');
  const repeated = rx.receive(received(next))!;
  assert.equal([repeated.valid, repeated.reason], [false, 'counter-repeated']);
  assert.equal(describeReceived(repeated).problems, [{ kind: 'counter-repeated', counter: 1 }]);

  tx.frame('BMS_Status', status());
  tx.frame('BMS_Status', status());
  const jumped = rx.receive(received(tx.frame('BMS_Status', status())))!;
  assert.equal([jumped.valid, jumped.counter, jumped.lostFrames], [true, 4, 2], 'a jump is accepted and reported');

  const hot = rx.receive(received(tx.frame('BMS_Status', status({ BMS_State: 15 }))))!;
  assert.is(hot.valid, true, 'an SNA value marks its signal, not the frame');
  assert.equal(describeReceived(hot).problems, [{ kind: 'sna', signal: 'BMS_State' }]);
  assert.is(describeReceived(hot).labels.BMS_State, 'SNA');
  assert.is(rx.receive(aFrame({ id: 0x7ff, data: new Uint8Array(8) })), undefined, 'unknown id');
});

t('SignalStore: missing, valid, stale after PpTimeoutMs (else 3 × cycle time), invalid with the frame reason', () => {
  const tx = createTransmitter(codec);
  const rx = createReceiver(codec);
  const store = new SignalStore(codec);
  assert.equal(store.read('BMS_PackVoltage', 0), { value: NaN, valid: false, reason: 'missing', ageMs: Infinity });

  store.update(rx.receive(received(tx.frame('BMS_Status', status()), 1000))!);
  assert.equal(store.read('BMS_PackVoltage', 1100), { value: 400, valid: true, ageMs: 100 });
  assert.equal(store.read('BMS_PackVoltage', 1300), { value: 400, valid: true, ageMs: 300 });
  assert.equal(store.read('BMS_PackVoltage', 1301), { value: 400, valid: false, reason: 'stale', ageMs: 301 });

  const bad = tx.frame('BMS_Status', status({ BMS_PackVoltage: 390 }));
  bad.data[7]! ^= 0xff;
  store.update(rx.receive(received(bad, 1350))!);
  assert.equal(store.read('BMS_PackVoltage', 1360), { value: 400, valid: false, reason: 'stale', ageMs: 360 });
  store.update(rx.receive(received(tx.frame('BMS_Status', status({ BMS_PackVoltage: 380 })), 1400))!);
  assert.equal(store.read('BMS_PackVoltage', 1400), { value: 380, valid: true, ageMs: 0 });
  const crc = tx.frame('BMS_Status', status({ BMS_PackVoltage: 390 }));
  crc.data[7]! ^= 0xff;
  store.update(rx.receive(received(crc, 1410))!);
  assert.equal(store.read('BMS_PackVoltage', 1420), { value: 380, valid: false, reason: 'crc', ageMs: 20 }, 'last good value kept, marked invalid');

  // CMU_CellVoltages has no PpTimeoutMs: 3 × GenMsgCycleTime 50 = 150 ms; each mux page ages on its own
  store.update(rx.receive(received(tx.frame('CMU_CellVoltages', { CMU_Mux: 0, CMU_Cell1: 3.6 }), 2000))!);
  store.update(rx.receive(received(tx.frame('CMU_CellVoltages', { CMU_Mux: 1, CMU_Cell2: 3.7 }), 2100))!);
  assert.equal(store.read('CMU_Cell1', 2151), { value: 3.6, valid: false, reason: 'stale', ageMs: 151 });
  assert.equal(store.read('CMU_Cell2', 2151), { value: 3.7, valid: true, ageMs: 51 });
  assert.throws(() => store.read('Nope', 0), /no signal Nope/);
});

t('SignalStore: a value out of range is invalid (reason range); an event message never goes stale', () => {
  const rx = createReceiver(codec);
  const store = new SignalStore(codec);
  store.update(rx.receive(aFrame({ id: 258, data: Uint8Array.of(20, 0) }))!);
  assert.equal(store.read('HMI_ChargeLimit', 0), { value: 20, valid: false, reason: 'range', ageMs: 0 });
  store.update(rx.receive(aFrame({ id: 258, data: Uint8Array.of(80, 0), timestampMs: 5 }))!);
  assert.equal(store.read('HMI_ChargeLimit', 1e9), { value: 80, valid: true, ageMs: 1e9 - 5 });
});

t.run();
