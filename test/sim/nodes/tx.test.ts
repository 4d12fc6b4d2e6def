import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { createTransmitter, packpilotCodec, type CanBus, type OutgoingFrame } from '../../../vehicle/can/index.ts';
import { TxMessage } from '../../../sim/nodes/tx.ts';

const t = suite('sim/nodes/tx');
const codec = packpilotCodec();

/** A bus that only keeps copies of what is sent. */
function aRecordingBus(): { bus: CanBus; sent: Uint8Array[] } {
  const sent: Uint8Array[] = [];
  const bus = { send: (f: OutgoingFrame) => void sent.push(Uint8Array.from(f.data)) } as unknown as CanBus;
  return { bus, sent };
}

const NAME = 'PDU_Status';
const STATES = ['PDU_MainPosState', 'PDU_MainNegState', 'PDU_PrechargeState', 'PDU_DcChargePosState', 'PDU_DcChargeNegState', 'PDU_ObcRelayState'];
const values = (closed: boolean[], supplyV: number): Record<string, number> => {
  const v: Record<string, number> = { PDU_WatchdogTripped: 0, PDU_HeartbeatSeen: 1, PDU_SupplyVoltage: supplyV };
  STATES.forEach((s, i) => (v[s] = closed[i] ? 1 : 0));
  return v;
};

t('every frame has the bytes the codec\'s Transmitter gives, whether the values repeat (cached payload) or change', () => {
  const step = fc.record({ closed: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }), supplyV: fc.constantFrom(12, 13.8), repeat: fc.integer({ min: 1, max: 40 }) });
  fc.assert(
    fc.property(fc.array(step, { minLength: 1, maxLength: 8 }), (steps) => {
      const tx = new TxMessage(codec, NAME);
      const reference = createTransmitter(codec);
      const { bus, sent } = aRecordingBus();
      const expected: Uint8Array[] = [];
      for (const s of steps) {
        const v = values(s.closed, s.supplyV);
        for (const [name, x] of Object.entries(v)) tx.values[tx.index(name)] = x;
        for (let k = 0; k < s.repeat; k++) {
          tx.send(bus);
          expected.push(Uint8Array.from(reference.frame(NAME, v).data));
        }
      }
      assert.equal(sent, expected);
    }),
    { seed: 42, numRuns: 200 },
  );
});

t('a changed value after a long run of repeats is sent at once (the cache is dropped, not reused)', () => {
  const tx = new TxMessage(codec, NAME);
  const { bus, sent } = aRecordingBus();
  const open = values([false, false, false, false, false, false], 13.8);
  for (const [name, x] of Object.entries(open)) tx.values[tx.index(name)] = x;
  for (let k = 0; k < 40; k++) tx.send(bus);
  tx.values[tx.index('PDU_MainPosState')] = 1;
  tx.send(bus);
  const decoded = codec.messageByName(NAME)!.decode(sent[sent.length - 1]!);
  assert.is(decoded.values.PDU_MainPosState, 1);
  assert.is(sent.length, 41);
});

t('a change in the last field only, then in the first only: each payload is the Transmitter\'s (the cache copies from the first difference on)', () => {
  const tx = new TxMessage(codec, NAME);
  const reference = createTransmitter(codec);
  const { bus, sent } = aRecordingBus();
  const expected: Uint8Array[] = [];
  const runs = [values([true, false, false, false, false, false], 12), values([true, false, false, false, false, true], 12),
    values([false, false, false, false, false, true], 12), values([false, false, false, false, false, true], 13.8)];
  for (const v of runs) {
    for (const [name, x] of Object.entries(v)) tx.values[tx.index(name)] = x;
    for (let k = 0; k < 3; k++) {
      tx.send(bus);
      expected.push(Uint8Array.from(reference.frame(NAME, v).data));
    }
  }
  assert.equal(sent, expected);
});

t('a message declared as never repeating (repeats: false) sends the same bytes as one with the payload cache', () => {
  const cached = new TxMessage(codec, NAME);
  const plain = new TxMessage(codec, NAME, { repeats: false });
  const a = aRecordingBus();
  const b = aRecordingBus();
  for (let k = 0; k < 40; k++) {
    const v = values([k % 3 === 0, false, k % 7 === 0, false, false, true], k < 20 ? 12 : 13.8);
    for (const [name, x] of Object.entries(v)) {
      cached.values[cached.index(name)] = x;
      plain.values[plain.index(name)] = x;
    }
    cached.send(a.bus);
    plain.send(b.bus);
  }
  assert.equal(b.sent, a.sent);
});

t.run();
