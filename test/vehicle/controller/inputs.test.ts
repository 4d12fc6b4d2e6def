// The input builders keep a value object while what it was made from reads the same, and make a
// new one as soon as anything in it changes; validity and age are read afresh every tick.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createReceiver, createTransmitter, packpilotCodec, SignalStore } from '../../../vehicle/can/index.ts';
import { CellReader } from '../../../vehicle/controller/cells.ts';
import { BmsInputReader } from '../../../vehicle/controller/inputs-bms.ts';
import { DcInputReader } from '../../../vehicle/controller/inputs-dc.ts';
import { InletInputReader } from '../../../vehicle/controller/inputs-inlet.ts';
import { Signals } from '../../../vehicle/controller/signals.ts';

const t = suite('controller: input readers');

function aBus() {
  const codec = packpilotCodec();
  const store = new SignalStore(codec);
  const rx = createReceiver(codec);
  const tx = createTransmitter(codec);
  const signals = new Signals(store, codec);
  const send = (message: string, values: Record<string, number>, atMs: number) => {
    const f = tx.frame(message, values, { allowMissing: true });
    store.update(rx.receive({ ...f, timestampMs: atMs })!);
  };
  return { store, signals, send };
}

const OPEN = 0;
const CLOSED = 1;
const pdu = (mainPos: number) => ({
  PDU_MainPosState: mainPos, PDU_MainNegState: OPEN, PDU_PrechargeState: OPEN, PDU_DcChargePosState: OPEN,
  PDU_DcChargeNegState: OPEN, PDU_ObcRelayState: OPEN, PDU_SupplyVoltage: 12,
});

t('contactor feedback keeps its value object while the contactors read the same', () => {
  const { store, signals, send } = aBus();
  const reader = new BmsInputReader(signals, new CellReader(store, 96, 32));
  send('PDU_Status', pdu(OPEN), 0);
  const first = reader.feedback(10);
  send('PDU_Status', pdu(OPEN), 20);
  const second = reader.feedback(30);
  assert.is(second.value, first.value, 'same contactors: same value object');
  assert.is(first.ageMs, 10);
  assert.is(second.ageMs, 10);
  assert.ok(second.valid);
  send('PDU_Status', pdu(CLOSED), 40);
  const third = reader.feedback(50);
  assert.is.not(third.value, first.value, 'a contactor moved: a new value object');
  assert.is(third.value.mainPos, 'closed');
  assert.is(first.value.mainPos, 'open', 'the old value object is left as it was');
});

t('contactor feedback reads unknown and invalid before the PDU spoke, as old as the oldest', () => {
  const { store, signals } = aBus();
  const reader = new BmsInputReader(signals, new CellReader(store, 96, 32));
  const fb = reader.feedback(10);
  assert.is(fb.valid, false);
  assert.is(fb.ageMs, Infinity);
  assert.is(fb.value.dcNeg, 'unknown');
});

t('gear and speed keep their value object until either changes (an unknown speed included)', () => {
  const { signals, send } = aBus();
  const reader = new InletInputReader(signals);
  const never = reader.gear(0);
  assert.is(reader.gear(10).value, never.value, 'never received: NaN speed still the same object');
  send('VEH_Status', { VEH_Gear: 0, VEH_Speed: 0, VEH_Ready: 1, VEH_Ignition: 1 }, 20);
  const parked = reader.gear(30);
  assert.equal(parked.value, { gear: 'P', speedKph: 0 });
  assert.ok(parked.valid);
  send('VEH_Status', { VEH_Gear: 0, VEH_Speed: 0, VEH_Ready: 1, VEH_Ignition: 1 }, 40);
  assert.is(reader.gear(50).value, parked.value);
  send('VEH_Status', { VEH_Gear: 0, VEH_Speed: 0.5, VEH_Ready: 1, VEH_Ignition: 1 }, 60);
  const rolling = reader.gear(70);
  assert.is.not(rolling.value, parked.value);
  assert.is(rolling.value.speedKph, 0.5);
  send('VEH_Status', { VEH_Gear: 3, VEH_Speed: 0.5, VEH_Ready: 1, VEH_Ignition: 1 }, 80);
  assert.is(reader.gear(90).value.gear, 'D');
});

const status = (p: Partial<Record<string, number>> = {}) => ({
  CCC_PhaseReported: 7, CCC_PhaseResult: 2, CCC_Protocol: 2, CCC_EvseStatusCode: 1, CCC_EvseIsolationStatus: 1,
  CCC_EvseNotification: 0, CCC_EimOffered: 1, CCC_PncOffered: 0, ...p,
});

t('CCC status enums are read once per frame: between frames the same as a fresh read, validity and age afresh', () => {
  const { signals, send } = aBus();
  const kept = new DcInputReader(signals);
  const withoutResSeq = (c: ReturnType<DcInputReader['ccc']>) => ({ ...c, resSeq: 0 });
  const check = (nowMs: number) => {
    const got = kept.ccc(nowMs);
    assert.equal(withoutResSeq(got), withoutResSeq(new DcInputReader(signals).ccc(nowMs)), `at ${nowMs} ms`);
    return got;
  };
  check(0);
  send('CCC_SessionStatus', status(), 10);
  const first = check(20);
  assert.is(first.evseStatus, 'ready');
  const later = check(50);
  assert.is(later.paymentOptions, first.paymentOptions, 'no new frame: the same offer object');
  assert.is(later.rxAgeMs, 40);
  check(500); // stale: invalid, labels as before
  assert.is(kept.ccc(500).valid, false);
  send('CCC_SessionStatus', status({ CCC_EvseStatusCode: 3, CCC_EvseNotification: 1, CCC_PncOffered: 1 }), 510);
  const changed = check(520);
  assert.is(changed.evseStatus, 'shutdown');
  assert.is(changed.notification, 'stopCharging');
  assert.equal(changed.paymentOptions, { eim: true, pnc: true });
  send('CCC_SessionStatus', status({ CCC_PhaseReported: 10, CCC_PhaseResult: 3 }), 560);
  const next = check(570);
  assert.is(next.phaseReported, 'sessionStop');
  assert.is(next.result, 'failed');
});

t.run();
