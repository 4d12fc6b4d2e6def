import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createPdu, type Pdu } from '../../../sim/plant/pdu.ts';
import { vehiclePreset } from '../../../sim/presets/index.ts';
import { createRandom } from '../../../sim/random.ts';
import { near, run } from './builders.ts';

const t = suite('sim/plant/pdu');
const params = vehiclePreset('car-400v').pdu;
const env = { packVoltageV: 350, inletVoltageV: 0 };

/** A PDU that has seen heartbeats and is armed. */
function anArmedPdu(): Pdu {
  const pdu = createPdu(params, createRandom(1));
  pdu.heartbeat();
  pdu.step(10, env);
  return pdu;
}

/** Steps with a heartbeat every 100 ms, as packpilot sends it. */
function live(pdu: Pdu, ms: number): void {
  run(ms, 10, (tMs) => {
    if (tMs % 100 === 0) pdu.heartbeat();
    pdu.step(10, env);
  });
}

t('a contactor closes 30–50 ms after its command, and feedback follows the armature', () => {
  const pdu = anArmedPdu();
  pdu.cmd.mainNeg = true;
  let closedAt = -1;
  run(100, 1, (tMs) => {
    pdu.heartbeat();
    pdu.step(1, env);
    if (closedAt < 0 && pdu.feedback.mainNeg) closedAt = tMs;
  });
  assert.ok(closedAt >= 30 && closedAt <= 50, `closed after ${closedAt} ms`);
});

t('precharge RC: the link reaches 95 % of the pack in 3τ = 3 × 100 Ω × 800 µF = 240 ms', () => {
  const pdu = anArmedPdu();
  pdu.cmd.mainNeg = true;
  pdu.cmd.precharge = true;
  live(pdu, 60);
  assert.ok(pdu.prechargePathClosed);
  const startV = pdu.linkVoltageV;
  let ms = 0;
  while (pdu.linkVoltageV < 0.95 * 350 && ms < 2000) {
    pdu.heartbeat();
    pdu.step(1, env);
    ms++;
  }
  assert.ok(startV < 0.5 * 350);
  near(ms, 240 - 10, 25, 'time to 95 %'); // part of the first τ passed during the 60 ms above
  assert.ok(pdu.prechargeCurrentA >= 0 && pdu.prechargeCurrentA < 350 / 100);
});

t('the link decays after opening (residual voltage is not a weld)', () => {
  const pdu = anArmedPdu();
  pdu.cmd.mainNeg = true;
  pdu.cmd.mainPos = true;
  live(pdu, 100);
  near(pdu.linkVoltageV, 350, 1e-9, 'closed');
  assert.is(pdu.hardCloseCount, 1, 'closing mains without precharge is counted');
  pdu.cmd.mainPos = false;
  pdu.cmd.mainNeg = false;
  live(pdu, 1000);
  assert.ok(pdu.linkVoltageV > 250 && pdu.linkVoltageV < 330, `after 1 s: ${pdu.linkVoltageV}`);
  live(pdu, 30_000);
  assert.ok(pdu.linkVoltageV < 60);
});

t('heartbeat watchdog: > 300 ms of silence opens everything; re-arm needs heartbeats and all commands open', () => {
  const pdu = anArmedPdu();
  pdu.cmd.mainNeg = true;
  pdu.cmd.dcNeg = true;
  live(pdu, 100);
  assert.ok(pdu.feedback.mainNeg && pdu.feedback.dcNeg);
  run(290, 10, () => pdu.step(10, env));
  assert.ok(pdu.feedback.mainNeg, 'still closed at 290 ms');
  run(60, 10, () => pdu.step(10, env));
  assert.ok(pdu.watchdogTripped);
  assert.not.ok(pdu.feedback.mainNeg || pdu.feedback.dcNeg);
  live(pdu, 200);
  assert.ok(pdu.watchdogTripped, 'heartbeat alone does not re-close');
  pdu.cmd.mainNeg = false;
  pdu.cmd.dcNeg = false;
  live(pdu, 20);
  assert.not.ok(pdu.watchdogTripped);
  assert.is(pdu.watchdogTrips, 1);
});

t('a welded contactor stays closed when commanded open, and its feedback says so', () => {
  const pdu = anArmedPdu();
  pdu.cmd.dcPos = true;
  live(pdu, 100);
  pdu.weld('dcPos');
  pdu.cmd.dcPos = false;
  live(pdu, 200);
  assert.ok(pdu.isClosed('dcPos'));
  assert.ok(pdu.feedback.dcPos);
  run(400, 10, () => pdu.step(10, env));
  assert.ok(pdu.feedback.dcPos, 'even the watchdog cannot open a weld');
});

t('a stuck-open contactor never closes', () => {
  const pdu = anArmedPdu();
  pdu.stickOpen('mainPos');
  pdu.cmd.mainPos = true;
  live(pdu, 200);
  assert.not.ok(pdu.feedback.mainPos);
});

t('before the first heartbeat nothing closes', () => {
  const pdu = createPdu(params, createRandom(1));
  pdu.cmd.mainNeg = true;
  run(200, 10, () => pdu.step(10, env));
  assert.not.ok(pdu.feedback.mainNeg);
});

t.run();
