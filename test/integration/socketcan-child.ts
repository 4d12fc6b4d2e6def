// Child process for the exit check of socketcan.int.ts:
//   node --import tsx test/integration/socketcan-child.ts IFACE close|stay-open
// "close": opens the bus, sends a frame, closes it and must then exit on its own.
// "stay-open": opens the bus and keeps it open (the control: an open channel keeps the
// process alive, so the "close" case proves something).
import { openSocketCanBus } from '../../vehicle/can/socketcan-bus.ts';

const [iface = 'vcan0', mode = 'close'] = process.argv.slice(2);
const bus = await openSocketCanBus(iface);
bus.subscribe(() => {});
bus.send({ id: 0x7a0, extended: false, fd: false, data: Uint8Array.of(1) });
if (mode === 'close') {
  await bus.close();
  console.log('closed');
} else {
  console.log('open');
}
