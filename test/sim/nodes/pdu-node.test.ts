import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { CanFrame } from '../../../vehicle/can/index.ts';
import { aCar, pduCommand, runUntil } from './builders.ts';

const t = suite('sim/nodes/pdu-node');

t('starts tripped: nothing closes until a heartbeat and an all-open command were seen', () => {
  const rig = aCar();
  rig.pp.silence('PP_Heartbeat');
  rig.pp.set('PDU_Command', pduCommand({ precharge: true }));
  rig.run(500);
  assert.is(rig.pp.read('PDU_WatchdogTripped'), 1);
  assert.is(rig.pp.read('PDU_HeartbeatSeen'), 0);
  assert.is(rig.car.plant.pdu.isClosed('precharge'), false);
  rig.pp.resume('PP_Heartbeat');
  rig.run(500);
  assert.is(rig.car.plant.pdu.isClosed('precharge'), false, 'a close command does not re-arm the latch');
  rig.pp.set('PDU_Command', pduCommand());
  rig.run(100);
  assert.is(rig.pp.read('PDU_WatchdogTripped'), 0);
  assert.is(rig.pp.read('PDU_HeartbeatSeen'), 1);
});

t('closes a contactor after its closing time (30-50 ms) and reports it on its feedback', () => {
  const rig = aCar();
  rig.pp.set('PDU_Command', pduCommand());
  rig.run(200);
  rig.pp.set('PDU_Command', pduCommand({ precharge: true }));
  const closedAfter = runUntil(rig, () => rig.car.plant.pdu.isClosed('precharge'), 1000);
  // The command goes out within one 20 ms cycle and reaches the PDU on the next physics tick.
  assert.ok(closedAfter >= 30 && closedAfter <= 50 + 20 + 20, `closed after ${closedAfter} ms`);
  rig.run(20);
  assert.is(rig.pp.read('PDU_PrechargeState'), 1, 'feedback within one status cycle');
  assert.is(rig.pp.read('PDU_MainNegState'), 1);
  assert.is(rig.pp.read('PDU_MainPosState'), 0);
});

t('opens everything when the heartbeat stops for more than 300 ms, and stays latched', () => {
  const rig = aCar();
  rig.pp.set('PDU_Command', pduCommand());
  rig.run(200);
  rig.pp.set('PDU_Command', pduCommand({ precharge: true, obc: true }));
  rig.run(500);
  assert.ok(rig.car.plant.pdu.isClosed('precharge') && rig.car.plant.pdu.isClosed('obcRelay'));
  rig.pp.silence('PP_Heartbeat');
  const openAfter = runUntil(rig, () => !rig.car.plant.pdu.isClosed('precharge') && !rig.car.plant.pdu.isClosed('obcRelay'), 2000);
  // Last heartbeat ≤ 100 ms before silencing; stale after 300 ms; opening takes 10-20 ms.
  assert.ok(openAfter > 200 && openAfter <= 100 + 300 + 10 + 20 + 10, `open after ${openAfter} ms`);
  assert.is(rig.pp.read('PDU_WatchdogTripped'), 1);
  rig.pp.resume('PP_Heartbeat');
  rig.run(500);
  assert.is(rig.car.plant.pdu.isClosed('precharge'), false, 'no re-closing by itself');
  assert.is(rig.pp.read('PDU_WatchdogTripped'), 1);
});

t('opens everything when PDU_Command stops (timeout 60 ms) though the heartbeat goes on', () => {
  const rig = aCar();
  rig.pp.set('PDU_Command', pduCommand());
  rig.run(200);
  rig.pp.set('PDU_Command', pduCommand({ precharge: true }));
  rig.run(300);
  assert.ok(rig.car.plant.pdu.isClosed('precharge'));
  rig.pp.silence('PDU_Command');
  const openAfter = runUntil(rig, () => !rig.car.plant.pdu.isClosed('precharge'), 1000);
  assert.ok(openAfter <= 20 + 60 + 10 + 20 + 10, `open after ${openAfter} ms`);
  assert.is(rig.pp.read('PDU_WatchdogTripped'), 1);
});

t('a safe-state request opens everything at once', () => {
  const rig = aCar();
  rig.pp.set('PDU_Command', pduCommand());
  rig.run(200);
  rig.pp.set('PDU_Command', pduCommand({ precharge: true }));
  rig.run(300);
  rig.pp.set('PP_Heartbeat', { PP_SafeStateRequest: 1 });
  const openAfter = runUntil(rig, () => !rig.car.plant.pdu.isClosed('precharge'), 1000);
  assert.ok(openAfter <= 100 + 10 + 20 + 10, `open after ${openAfter} ms`);
});

t('a welded contactor stays closed when commanded open, and its feedback says so', () => {
  const rig = aCar();
  rig.pp.set('PDU_Command', pduCommand());
  rig.run(200);
  rig.pp.set('PDU_Command', pduCommand({ precharge: true }));
  rig.run(300);
  rig.car.fault('contactor-weld', { contactor: 'precharge' });
  rig.pp.set('PDU_Command', pduCommand());
  rig.run(300);
  assert.is(rig.car.plant.pdu.isClosed('precharge'), true);
  assert.is(rig.pp.read('PDU_PrechargeState'), 1);
  assert.is(rig.pp.read('PDU_MainNegState'), 0);
});

/** Sends PDU_Command's last frame again with its CRC broken, in place of the next good one. */
function corruptFrames(rig: ReturnType<typeof aCar>, count: number): void {
  let sent = 0;
  let last: CanFrame | undefined;
  const off = rig.network.tap((f) => { if (f.id === 0x090) last = { ...f, data: f.data.slice() }; }); // lent: copied
  rig.run(20);
  rig.pp.silence('PDU_Command');
  while (sent < count) {
    const data = Uint8Array.from(last!.data);
    data[7] = data[7]! ^ 0xff;
    rig.pp.bus.send({ ...last!, data });
    sent++;
    rig.run(20);
  }
  rig.pp.resume('PDU_Command');
  off?.();
}

t('one corrupted PDU_Command is ignored (invalid data, not a lost command): nothing opens', () => {
  const rig = aCar();
  rig.pp.set('PDU_Command', pduCommand());
  rig.run(200);
  rig.pp.set('PDU_Command', pduCommand({ precharge: true }));
  rig.run(200);
  corruptFrames(rig, 1);
  rig.run(100);
  assert.is(rig.car.plant.pdu.isClosed('precharge'), true);
  assert.is(rig.pp.read('PDU_WatchdogTripped'), 0);
});

t('corrupted frames for longer than the 60 ms timeout: everything opens and latches', () => {
  const rig = aCar();
  rig.pp.set('PDU_Command', pduCommand());
  rig.run(200);
  rig.pp.set('PDU_Command', pduCommand({ precharge: true }));
  rig.run(200);
  corruptFrames(rig, 4);
  rig.run(100);
  assert.is(rig.car.plant.pdu.isClosed('precharge'), false);
  assert.is(rig.pp.read('PDU_WatchdogTripped'), 1);
});

t.run();
