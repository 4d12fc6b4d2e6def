// The whole plant together, driven by the scripted ideal EV (no CAN): DC direct and boost, AC,
// V2L, watchdog, determinism.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { CarPlant } from '../../../sim/plant/car-plant.ts';
import { IdealEv } from '../../../sim/plant/ideal-ev.ts';
import { adapterPreset, loadPreset, stationPreset } from '../../../sim/presets/index.ts';
import { aCarPlant, near, run } from './builders.ts';

const t = suite('sim/plant/car-plant');

function anIdealEv(plant: CarPlant, targetSocPct: number, limitA: number): IdealEv {
  const is800 = plant.pack.cellCount === 192;
  return new IdealEv(plant, {
    targetSocPct, batteryLimitA: () => limitA, evMaxVoltageV: is800 ? 820 : 410, cellMaxV: 4.2, coolAboveC: 35,
  });
}

/** Runs the ideal EV until done (or a time limit); calls each() after every tick. */
function session(plant: CarPlant, ev: IdealEv, maxMs: number, each?: () => void): void {
  while (ev.stage !== 'done' && ev.stage !== 'failed' && plant.timeMs < maxMs) {
    ev.step(10);
    plant.step(10);
    each?.();
  }
}

/** Closes the mains through precharge with heartbeats, as packpilot would. */
function closeMains(plant: CarPlant): void {
  const p = plant.pdu;
  p.heartbeat(); // arms the PDU: a heartbeat with nothing commanded
  plant.step(10);
  p.cmd.mainNeg = true;
  p.cmd.precharge = true;
  run(1000, 10, () => {
    p.heartbeat();
    plant.step(10);
  });
  p.cmd.mainPos = true;
  run(200, 10, () => {
    p.heartbeat();
    plant.step(10);
  });
  p.cmd.precharge = false;
}

t('a whole DC session on dcfc-50 through the CCS1 adapter: every stage, no hard close, no AC/DC overlap, dead inlet at unlock', () => {
  const plant = aCarPlant({ vehicle: 'car-400v', station: stationPreset('dcfc-50'), socPct: 50 });
  const ev = anIdealEv(plant, 51, 200);
  plant.plug(adapterPreset('nacs-to-ccs1-dc'));
  let overlap = false;
  let peakA = 0;
  session(plant, ev, 600_000, () => {
    overlap ||= plant.pdu.dcClosed && plant.pdu.isClosed('obcRelay');
    peakA = Math.max(peakA, plant.pack.currentInA);
  });
  assert.is(ev.stage, 'done', ev.history.map((h) => `${h.stage}@${h.atMs}`).join(' '));
  assert.not.ok(overlap);
  assert.is(plant.pdu.hardCloseCount, 0);
  near(peakA, 125 - 300 / 360, 3, 'dcfc-50 current cap, less the 12 V load');
  assert.ok(plant.inletVoltageV < 60, `inlet ${plant.inletVoltageV} V at unlock`);
  run(1000, 10, () => plant.step(10));
  assert.ok(plant.unplug());
});

t('welded DC contactors: feedback stays closed and the inlet stays live after the stop', () => {
  const plant = aCarPlant({ vehicle: 'car-400v', station: stationPreset('dcfc-50'), socPct: 50 });
  const ev = anIdealEv(plant, 50.5, 100);
  plant.plug(adapterPreset('nacs-to-ccs1-dc'));
  session(plant, ev, 120_000, () => {
    if (ev.stage === 'charging') {
      plant.pdu.weld('dcPos');
      plant.pdu.weld('dcNeg');
    }
  });
  assert.is(ev.stage, 'openDc');
  assert.ok(plant.pdu.feedback.dcPos && plant.pdu.feedback.dcNeg);
  assert.ok(plant.inletVoltageV > 300);
});

t('an 800 V car on a 500 V Supercharger charges through the boost converter at ≈125 kW', () => {
  const plant = aCarPlant({ vehicle: 'car-800v', station: stationPreset('supercharger-v3'), socPct: 20, tempC: 30 });
  const ev = anIdealEv(plant, 90, 400);
  plant.plug(null);
  session(plant, ev, 90_000);
  assert.ok(ev.boost);
  assert.is(plant.boost!.status, 'boosting');
  assert.is(plant.pdu.hardCloseCount, 0, 'the converter raised its output to the link before the DC contactors closed');
  near(plant.dcCharger!.outputVoltageV * plant.dcCharger!.outputCurrentA, 125_000, 2000, 'charger side');
  near(plant.packPowerW, 125_000 * 0.97 - 300 - plant.tms.electricalW, 2500, 'pack side');
});

t('boost mode with a dead inlet: closing the DC contactors onto the link is a hard close', () => {
  const plant = aCarPlant({ vehicle: 'car-800v', station: stationPreset('supercharger-v3'), socPct: 20, tempC: 30 });
  closeMains(plant);
  plant.boost!.cmd.mode = 'boost';
  run(300, 10, () => {
    plant.pdu.heartbeat();
    plant.step(10);
  });
  plant.pdu.cmd.dcPos = true;
  plant.pdu.cmd.dcNeg = true;
  run(300, 10, () => {
    plant.pdu.heartbeat();
    plant.step(10);
  });
  assert.ok(plant.pdu.dcClosed);
  assert.is(plant.pdu.hardCloseCount, 1);
});

t('AC on a 48 A wall unit: the OBC puts 11.5 kW × 93 % into the pack', () => {
  const plant = aCarPlant({ vehicle: 'car-400v', station: stationPreset('ac-l2-48'), socPct: 50 });
  plant.plug(null);
  const p = plant.pdu;
  closeMains(plant);
  p.cmd.obcRelay = true;
  plant.inlet.cmd.s2Closed = true;
  plant.obc.cmd.enable = true;
  plant.obc.cmd.acCurrentSetpointA = 48;
  run(10_000, 10, () => {
    p.heartbeat();
    plant.step(10);
  });
  assert.is(plant.inlet.cpState, 'C');
  near(plant.inlet.cpDutyPct, 80, 0.1, 'duty');
  near(plant.packPowerW, 11_520 * 0.93 - 300, 150, 'pack power');
  assert.ok(plant.pinCurrentA > 47, 'AC current through the pins');
});

t('V2L: a space heater through the outlet adapter discharges the pack; the PDU watchdog ends it', () => {
  const plant = aCarPlant({ vehicle: 'car-400v', loads: loadPreset('space-heater'), socPct: 80 });
  plant.plug(adapterPreset('v2l'));
  assert.is(plant.inlet.ppResistanceOhm > 2000, true);
  closeMains(plant);
  assert.is(plant.pdu.hardCloseCount, 0);
  plant.pdu.cmd.obcRelay = true; // the outlet is fed through the AC path, as packpilot asks for V2L
  plant.inverter.cmd.enable = true;
  plant.inverter.cmd.powerLimitW = 1900;
  run(3000, 10, () => {
    plant.pdu.heartbeat();
    plant.step(10);
  });
  assert.is(plant.inverter.legsWired, 1);
  near(plant.inverter.outputPowerW, 1500, 1e-6, 'heater');
  near(-plant.packPowerW, 1500 / 0.9 + 300, 30, 'pack discharge');
  near(plant.pinCurrentA, 12.5, 0.01, 'through the inlet pins');
  run(400, 10, () => plant.step(10)); // packpilot falls silent
  assert.ok(plant.pdu.watchdogTripped);
  assert.not.ok(plant.pdu.mainsClosed);
  assert.is(plant.pinCurrentA, 0, 'the OBC relay is open: the pins are dead');
  run(2000, 10, () => plant.step(10));
  assert.is(plant.inverter.outputPowerW, 0);
  assert.ok(Math.abs(plant.pack.currentInA) < 0.01);
});

t('DC contactors closed with nothing plugged put the link voltage on the inlet pins', () => {
  const plant = aCarPlant({ vehicle: 'car-400v', socPct: 50 });
  closeMains(plant);
  plant.pdu.cmd.dcPos = true;
  plant.pdu.cmd.dcNeg = true;
  run(200, 10, () => {
    plant.pdu.heartbeat();
    plant.step(10);
  });
  assert.ok(plant.inletVoltageV > 300);
});

t('same seed, same session; another seed, another', () => {
  const trace = (seed: number): number[] => {
    const plant = aCarPlant({ vehicle: 'car-800v', station: stationPreset('hpc-350'), socPct: 30, seed });
    const ev = anIdealEv(plant, 31, 300);
    plant.plug(adapterPreset('nacs-to-ccs1-dc'));
    const out: number[] = [];
    let k = 0;
    session(plant, ev, 300_000, () => {
      if (k++ % 100 === 0) out.push(plant.pack.socPct, plant.pack.terminalVoltageV, plant.maxPinTempC);
    });
    out.push(plant.timeMs);
    return out;
  };
  assert.equal(trace(7), trace(7));
  assert.not.equal(trace(7), trace(8));
});

t.run();
