import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CAN_ERR_FLAG, classifyErrorFrame, ControllerStatus, ErrorClass } from '../../../vehicle/can/can-error-frame.ts';

const t = suite('SocketCAN error frame classifier');

/** An error frame payload: data[1] controller status, data[6]/[7] error counters. */
function anErrorPayload({ status = 0, txErrors = 0, rxErrors = 0, protType = 0, protLocation = 0 } = {}) {
  return Uint8Array.of(0, status, protType, protLocation, 0, 0, txErrors, rxErrors);
}

const kinds = (id: number, data = anErrorPayload()) => classifyErrorFrame(id, data).map((e) => e.kind);

t('controller warning (the cansend 20000004#0004… case) is error-warning', () => {
  const events = classifyErrorFrame(CAN_ERR_FLAG | ErrorClass.CRTL, anErrorPayload({ status: ControllerStatus.RX_WARNING }));
  assert.equal(events.map((e) => e.kind), ['error-warning']);
  assert.match(events[0]!.detail, /controller\(rx-warning\)/);
});

t('tx or rx passive is error-passive; counters go into the detail only', () => {
  const data = anErrorPayload({ status: ControllerStatus.TX_PASSIVE, txErrors: 128, rxErrors: 3 });
  const events = classifyErrorFrame(ErrorClass.CRTL | ErrorClass.CNT, data);
  assert.equal(events.map((e) => e.kind), ['error-passive']);
  assert.match(events[0]!.detail, /tx errors 128, rx errors 3/);
  assert.equal(kinds(ErrorClass.CRTL, anErrorPayload({ status: ControllerStatus.RX_PASSIVE | ControllerStatus.RX_WARNING })), [
    'error-passive',
    'error-warning',
  ]);
});

t('bus-off and restarted come from the id bits', () => {
  assert.equal(kinds(CAN_ERR_FLAG | ErrorClass.BUSOFF), ['bus-off']);
  assert.equal(kinds(ErrorClass.RESTARTED), ['restarted']);
  assert.equal(kinds(ErrorClass.BUSOFF | ErrorClass.RESTARTED), ['bus-off', 'restarted']);
});

t('other classes are one error-frame event, listed in the detail', () => {
  const data = anErrorPayload({ protType: 0x08, protLocation: 0x0a });
  const events = classifyErrorFrame(ErrorClass.PROT | ErrorClass.ACK | ErrorClass.LOSTARB, data);
  assert.equal(events.map((e) => e.kind), ['error-frame']);
  assert.match(events[0]!.detail, /lost-arbitration/);
  assert.match(events[0]!.detail, /protocol-violation\(type 0x08, location 0x0a\)/);
  assert.match(events[0]!.detail, /no-ack/);
  assert.equal(kinds(ErrorClass.TX_TIMEOUT), ['error-frame']);
  assert.equal(kinds(ErrorClass.BUSERROR | ErrorClass.TRX), ['error-frame']);
});

t('a state together with other classes gives both, so nothing is dropped', () => {
  assert.equal(kinds(ErrorClass.BUSOFF | ErrorClass.ACK), ['bus-off', 'error-frame']);
  const overflowAndWarning = anErrorPayload({ status: ControllerStatus.RX_OVERFLOW | ControllerStatus.TX_WARNING });
  assert.equal(kinds(ErrorClass.CRTL, overflowAndWarning), ['error-warning', 'error-frame']);
});

t('back-to-active, unspecified controller status, bare counters or no class still yield one event', () => {
  const active = classifyErrorFrame(ErrorClass.CRTL, anErrorPayload({ status: ControllerStatus.ACTIVE }));
  assert.equal(active.map((e) => e.kind), ['error-frame']);
  assert.match(active[0]!.detail, /back-to-error-active/);
  assert.equal(kinds(ErrorClass.CRTL), ['error-frame']);
  assert.equal(kinds(ErrorClass.CNT), ['error-frame']);
  assert.equal(kinds(CAN_ERR_FLAG), ['error-frame']);
});

t('a short payload reads missing bytes as 0', () => {
  assert.equal(kinds(ErrorClass.CRTL | ErrorClass.CNT, Uint8Array.of(0)), ['error-frame']);
});

t.run();
