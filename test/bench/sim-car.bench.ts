// The simulated car's cost: simulated seconds per wall second for the whole car (every plant model,
// every CAN node, full traffic) on an 800 V pack, driven by a trivial packpilot stand-in that sends
// the heartbeat and a fixed set of commands (mains closed, TMS cooling, boost in bypass) on their
// DBC cycles, after a 120 s warm-up, in CPU time. Budget (issue #7): a 10→80 % DC session must run ≥ 500× real time with the
// controller, so the car alone should cost ≤ ~8 µs per 10 ms simulated.
import type { BenchGroup, Figure } from './harness.ts';
import { createSimNetwork, packpilotCodec, type SimBus } from '../../vehicle/can/index.ts';
import { SimClock } from '../../vehicle/clock/index.ts';
import { createSimCar } from '../../sim/car.ts';
import { TxMessage } from '../../sim/nodes/tx.ts';

const COMMANDS: Record<string, Record<string, number>> = {
  PP_Heartbeat: { PP_Mode: 4, PP_SafeStateRequest: 0 },
  PDU_Command: { PDU_MainPosCmd: 1, PDU_MainNegCmd: 1, PDU_PrechargeCmd: 0, PDU_DcChargePosCmd: 0, PDU_DcChargeNegCmd: 0, PDU_ObcRelayCmd: 0 },
  IMD_Command: { IMD_Request: 0 },
  INLET_Command: { INLET_LockRequest: 0, INLET_CpStateRequest: 0, INLET_LedColour: 1, INLET_LedPattern: 0 },
  BOOST_Command: { BOOST_ModeRequest: 1, BOOST_InputVoltageSetpoint: 0, BOOST_OutputCurrentLimit: 0, BOOST_InputCurrentLimit: 0, BOOST_FaultReset: 0 },
  VEH_Interlock: { VEH_DriveInhibit: 1, VEH_Plugged: 1, VEH_InhibitReason: 1 },
  BMS_CurrentLimits: { BMS_ChargeCurrentLimit: 300, BMS_DischargeCurrentLimit: 500, BMS_MaxChargeVoltage: 800 },
  BMS_PowerLimits: { BMS_ChargePowerLimit: 250000, BMS_DischargePowerLimit: 300000, BMS_MinDischargeVoltage: 550 },
  OBC_Command: { OBC_Enable: 0, OBC_AcCurrentSetpoint: 0, OBC_DcVoltageLimit: 0, OBC_DcCurrentLimit: 0, OBC_FaultReset: 0 },
  INV_Command: { INV_Enable: 0, INV_VoltageSetting: 1, INV_FrequencySetting: 0, INV_PowerLimit: 0, INV_TripReset: 0 },
  TMS_Request: { TMS_ModeRequest: 2, TMS_TargetCoolantTemp: 25, TMS_TargetPackTemp: 30, TMS_MaxPower: 5000 },
};

/** The stand-in: fixed values, pre-encoded on the fast path, sent on each message's cycle. */
function standIn(bus: SimBus, clock: SimClock): void {
  const codec = packpilotCodec();
  const slots = Object.entries(COMMANDS).map(([name, values]) => {
    const tx = new TxMessage(codec, name);
    for (const [signal, v] of Object.entries(values)) tx.values[tx.index(signal)] = v;
    return { tx, cycleMs: tx.message.message.cycleTimeMs!, dueMs: 0 };
  });
  const tick = (): void => {
    const now = clock.nowMs();
    for (const s of slots) {
      if (now < s.dueMs) continue;
      s.dueMs += s.cycleMs;
      s.tx.send(bus);
    }
    clock.at(now + 10, tick);
  };
  clock.at(0, tick);
}

const WARM_UP_MS = 120_000;

function simSecondsPerCpuSecond(withCar: boolean, simS: number): number {
  const clock = new SimClock();
  const network = createSimNetwork({ clock });
  if (withCar) {
    const car = createSimCar({ vehicle: 'car-800v', charger: 'hpc-350', initial: { socPct: 10 }, seed: 1, clock, network });
    car.plug();
  }
  standIn(network.attach('PACKPILOT'), clock);
  clock.advanceTo(WARM_UP_MS); // the generated codec functions and the nodes get optimised
  // CPU time of this process rather than wall time: the figure should not depend on what else
  // the machine runs (the simulation is single-threaded).
  const c0 = process.cpuUsage();
  clock.advanceTo(WARM_UP_MS + simS * 1000);
  const c = process.cpuUsage(c0);
  return simS / ((c.user + c.system) / 1e6);
}

const group: BenchGroup = {
  name: 'sim-car',
  describe: 'simulated car (car-800v, hpc-350 plugged, full CAN traffic) with a trivial packpilot stand-in',
  run(): Figure[] {
    const simS = 300;
    const both = simSecondsPerCpuSecond(true, simS);
    const alone = simSecondsPerCpuSecond(false, simS);
    // Cost of the car = cost(car + stand-in) − cost(stand-in alone), per 10 ms simulated.
    const carUsPer10Ms = (1e6 / both - 1e6 / alone) / 100;
    return [
      { name: 'car + stand-in', value: Math.round(both), unit: 'sim s / CPU s' },
      { name: 'car alone, per 10 ms simulated', value: Number(carUsPer10Ms.toFixed(2)), unit: 'µs CPU' },
      { name: 'stand-in alone', value: Math.round(alone), unit: 'sim s / CPU s' },
    ];
  },
};

export default group;
