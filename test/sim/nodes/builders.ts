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
  if (tap) network.tap((frame, from) => frames.push({ frame: { ...frame, data: frame.data.slice() }, from })); // lent: copied
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

/** All open, precharge, then mains closed, through the PDU like packpilot would (returns when the mains are closed). */
export function closeMains(rig: Rig): void {
  rig.pp.set('PDU_Command', pduCommand()); // re-arms the PDU's latch
  rig.run(100);
  rig.pp.set('PDU_Command', pduCommand({ precharge: true }));
  runUntil(rig, () => Math.abs(rig.car.plant.pdu.linkVoltageV - rig.car.plant.pack.terminalVoltageV) < 5, 2000);
  rig.pp.set('PDU_Command', pduCommand({ main: true, precharge: true }));
  runUntil(rig, () => rig.car.plant.pdu.mainsClosed, 500);
  rig.pp.set('PDU_Command', pduCommand({ main: true }));
  rig.run(100);
}

export const PHASE = {
  none: 0, sessionSetup: 1, auth: 2, cpd: 3, cableCheck: 4, preCharge: 5, powerDeliveryStart: 6, currentDemand: 7,
  powerDeliveryStop: 8, weldingDetection: 9, sessionStop: 10,
} as const;
export const RESULT = { idle: 0, ongoing: 1, ok: 2, failed: 3, timeout: 4, sequenceError: 5, connectionLost: 6 } as const;

/** Asks the CCC for a phase with the given target; EV limits and status go along. */
export function ask(rig: Rig, phase: number, targetV = 0, targetA = 0): void {
  rig.pp.set('CCC_EvRequest', {
    CCC_PhaseRequest: phase, CCC_EvTargetVoltage: targetV, CCC_EvTargetCurrent: targetA, CCC_EvSoc: 50, CCC_EvReady: 1,
    CCC_EvErrorCode: 0, CCC_ChargingComplete: 0, CCC_BulkChargingComplete: 0,
  });
  rig.pp.set('CCC_EvLimits', { CCC_EvMaxVoltage: 830, CCC_EvMaxCurrent: 500, CCC_EvMaxPower: 350000 });
  rig.pp.set('CCC_EvStatus', {
    CCC_RemainingTimeToFull: 65535, CCC_RemainingTimeToBulk: 65535, CCC_PaymentMode: 0, CCC_EvFullSoc: 127, CCC_EvBulkSoc: 127,
  });
}

/** Asks for a phase and waits until the CCC reports it with the wanted result; returns how long it took. */
export function askUntil(rig: Rig, phase: number, result: number, maxMs: number, targetV = 0, targetA = 0): number {
  ask(rig, phase, targetV, targetA);
  return runUntil(rig, () => rig.pp.read('CCC_PhaseReported') === phase && rig.pp.read('CCC_PhaseResult') === result, maxMs);
}

/**
 * A whole DC start as packpilot would run it, up to current flowing at `currentA`: plug, lock,
 * session setup, authorization, parameters, cable check, precharge, contactors, power delivery.
 */
export function startDcSession(rig: Rig, currentA: number, options: { boostBusV?: number } = {}): void {
  const boostV = options.boostBusV;
  // Direct: the charger follows the pack; boost: it holds the inlet bus at boostBusV.
  const packV = (): number => boostV ?? rig.car.plant.pack.terminalVoltageV;
  rig.pp.set('PDU_Command', pduCommand());
  bmsLimits(rig);
  rig.pp.set('BOOST_Command', {
    BOOST_ModeRequest: boostV === undefined ? 1 : 2, BOOST_InputVoltageSetpoint: boostV ?? 0, BOOST_OutputCurrentLimit: 500,
    BOOST_InputCurrentLimit: 500, BOOST_FaultReset: 0,
  });
  rig.car.plug();
  rig.pp.set('INLET_Command', { INLET_LockRequest: 1, INLET_CpStateRequest: 0, INLET_LedColour: 0, INLET_LedPattern: 0 });
  rig.run(200);
  if (askUntil(rig, PHASE.sessionSetup, RESULT.ok, 12_000) === Infinity) throw new Error('no SessionSetup');
  if (askUntil(rig, PHASE.auth, RESULT.ok, 2000) === Infinity) throw new Error('no authorization');
  if (askUntil(rig, PHASE.cpd, RESULT.ok, 3000) === Infinity) throw new Error('no ChargeParameterDiscovery');
  rig.pp.set('INLET_Command', { INLET_CpStateRequest: 1 });
  if (askUntil(rig, PHASE.cableCheck, RESULT.ok, 20_000) === Infinity) throw new Error('no CableCheck');
  closeMains(rig);
  ask(rig, PHASE.preCharge, packV(), 2);
  if (runUntil(rig, () => Math.abs(rig.car.plant.inletVoltageV - packV()) < 10, 10_000) === Infinity) throw new Error('no precharge');
  rig.pp.set('PDU_Command', pduCommand({ main: true, dc: true }));
  rig.run(500);
  if (askUntil(rig, PHASE.powerDeliveryStart, RESULT.ok, 3000, packV()) === Infinity) throw new Error('no PowerDelivery');
  ask(rig, PHASE.currentDemand, boostV ?? 820, currentA);
  const flowing = (): boolean => (boostV === undefined ? rig.car.plant.pack.currentInA : rig.car.plant.pinCurrentA) > currentA * 0.9;
  if (runUntil(rig, flowing, 20_000) === Infinity) throw new Error('no current');
}
