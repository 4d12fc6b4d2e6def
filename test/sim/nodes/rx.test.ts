import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createSimNetwork, packpilotCodec, type OutgoingFrame } from '../../../vehicle/can/index.ts';
import { SimClock } from '../../../vehicle/clock/index.ts';
import { RxHub } from '../../../sim/nodes/rx.ts';

const t = suite('RxHub');
const codec = packpilotCodec();

/** A PACKPILOT node and the car's hub on one network. */
function aHub() {
  const clock = new SimClock();
  const network = createSimNetwork({ clock });
  const packpilot = network.attach('PACKPILOT');
  const hub = new RxHub(network, codec);
  let counter = 0;
  const send = (message: string, values: Record<string, number>): void => {
    const m = codec.messageByName(message)!;
    const withCounter = m.counterIndex >= 0 ? { ...values, [m.signals[m.counterIndex]!.name]: counter++ % 16 } : values;
    const frame: OutgoingFrame = { id: m.id, extended: false, fd: false, data: m.encode(withCounter, { allowMissing: true }) };
    packpilot.send(frame);
    clock.runDue();
  };
  return { clock, hub, send };
}

t('a watched message holds the last good frame with its receive time', () => {
  const { hub, send } = aHub();
  const command = hub.watch('PDU_Command');
  send('PDU_Command', { PDU_MainPosCmd: 1 });
  assert.is(command.count, 1);
  assert.is(command.ok, true);
  assert.is(command.values[command.index('PDU_MainPosCmd')], 1);
  assert.ok(command.valid(0));
});

t('watching is shared, and a message watched later is heard from then on (the subscription follows the watched ids)', () => {
  const { hub, send } = aHub();
  const command = hub.watch('PDU_Command');
  assert.is(hub.watch('PDU_Command'), command);
  send('INLET_Command', {});
  const inlet = hub.watch('INLET_Command');
  assert.is(inlet.count, 0, 'sent before it was watched');
  send('INLET_Command', {});
  send('PDU_Command', {});
  assert.is(inlet.count, 1);
  assert.is(command.count, 1);
});

t('after close the hub hears nothing, and a new watch does not subscribe again', () => {
  const { hub, send } = aHub();
  const command = hub.watch('PDU_Command');
  hub.close();
  hub.watch('INLET_Command');
  send('PDU_Command', {});
  assert.is(command.count, 0);
});

t.run();
