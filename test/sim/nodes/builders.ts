// Builders for the simulator's node and car tests: a car on a fresh network and clock, with the
// fake controller attached and every delivered frame tapped.
import { createSimNetwork, type CanFrame, type SimNetwork } from '../../../vehicle/can/index.ts';
import { SimClock } from '../../../vehicle/clock/index.ts';
import { createSimCar, type SimCar, type SimCarOptions } from '../../../sim/car.ts';
import { FakeController } from './fake-controller.ts';

export interface Rig {
  clock: SimClock;
  network: SimNetwork;
  car: SimCar;
  pp: FakeController;
  frames: { frame: CanFrame; from: string }[];
  /** Advances simulated time by ms. */
  run(ms: number): void;
}

export function aCar(overrides: Partial<Omit<SimCarOptions, 'clock' | 'network'>> = {}, tap = false): Rig {
  const clock = new SimClock();
  const network = createSimNetwork({ clock });
  const frames: { frame: CanFrame; from: string }[] = [];
  if (tap) network.tap((frame, from) => frames.push({ frame, from }));
  const car = createSimCar({ vehicle: 'car-800v', charger: 'hpc-350', initial: { socPct: 50 }, seed: 7, clock, network, ...overrides });
  const pp = new FakeController(network, clock);
  return { clock, network, car, pp, frames, run: (ms) => void clock.advanceBy(ms) };
}

/** Advances 10 ms at a time until `done()` or `maxMs` pass; returns the time it took (Infinity if never). */
export function runUntil(rig: Rig, done: () => boolean, maxMs: number): number {
  const start = rig.clock.nowMs();
  while (rig.clock.nowMs() - start < maxMs) {
    rig.run(10);
    if (done()) return rig.clock.nowMs() - start;
  }
  return Infinity;
}

/** PDU_Command with every contactor open, then the named ones closed. */
export function pduCommand(closed: Partial<Record<'main' | 'precharge' | 'dc' | 'obc', boolean>> = {}): Record<string, number> {
  const b = (x: boolean | undefined): number => (x ? 1 : 0);
  return {
    PDU_MainPosCmd: b(closed.main), PDU_MainNegCmd: b(closed.main || closed.precharge), PDU_PrechargeCmd: b(closed.precharge),
    PDU_DcChargePosCmd: b(closed.dc), PDU_DcChargeNegCmd: b(closed.dc), PDU_ObcRelayCmd: b(closed.obc),
  };
}

/** The BMS limit frames the power nodes need (generous values). */
export function bmsLimits(rig: Rig): void {
  rig.pp.set('BMS_CurrentLimits', { BMS_ChargeCurrentLimit: 400, BMS_DischargeCurrentLimit: 400, BMS_MaxChargeVoltage: 806 });
  rig.pp.set('BMS_PowerLimits', { BMS_ChargePowerLimit: 300000, BMS_DischargePowerLimit: 300000, BMS_MinDischargeVoltage: 500 });
}

/** Precharge then mains closed, through the PDU like packpilot would (returns when the mains are closed). */
export function closeMains(rig: Rig): void {
  rig.pp.set('PDU_Command', pduCommand({ precharge: true }));
  runUntil(rig, () => Math.abs(rig.car.plant.pdu.linkVoltageV - rig.car.plant.pack.terminalVoltageV) < 5, 2000);
  rig.pp.set('PDU_Command', pduCommand({ main: true, precharge: true }));
  runUntil(rig, () => rig.car.plant.pdu.mainsClosed, 500);
  rig.pp.set('PDU_Command', pduCommand({ main: true }));
  rig.run(100);
}
