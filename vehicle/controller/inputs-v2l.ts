// V2lInput from the inverter's frames and this tick's inlet, BMS and mode outputs.
import type { BmsOutputs, ContactorName, Feedback } from '../../bms/index.ts';
import type { InletOutputs } from '../../inlet/index.ts';
import type { AdapterInfo, HmiRequests, InverterState, InverterTripReason, V2lConfig, V2lInput, VehicleMotion } from '../../v2l/index.ts';
import { combine, type Reading, type Signals } from './signals.ts';

const INV_STATE: Readonly<Record<string, InverterState>> = {
  Off: 'off', Starting: 'starting', Supplying: 'running', Stopping: 'stopping', Tripped: 'tripped', Fault: 'fault',
};
const TRIP: Readonly<Record<string, InverterTripReason>> = {
  Overload: 'overload', GroundFault: 'ground-fault', ShortCircuit: 'short-circuit', Overtemperature: 'over-temperature',
  OutputOvervoltage: 'output-overvoltage', OutputUndervoltage: 'output-undervoltage', InputUndervoltage: 'input-undervoltage',
  CommandTimeout: 'command-timeout', HardwareFault: 'hardware-fault',
};

/** What the PP decoding found, in the V2L domain's words (reference/pilot.md §6 ratings). */
export function adapterInfo(inlet: InletOutputs): AdapterInfo {
  const c = inlet.connector;
  switch (c.kind) {
    case 'none': return { kind: 'none', ratedCurrentA: 0, ratedVoltageV: 0, splitPhase: false };
    case 'unknown': return { kind: 'unknown', ratedCurrentA: 0, ratedVoltageV: 0, splitPhase: false };
    case 'v2l-adapter': return { kind: 'v2l', ratedCurrentA: c.ratingA, ratedVoltageV: 120, splitPhase: false };
    case 'v2h-device': return { kind: 'v2l', ratedCurrentA: c.ratingA, ratedVoltageV: 240, splitPhase: true };
    default: return { kind: 'other', ratedCurrentA: c.ratingA, ratedVoltageV: 0, splitPhase: false };
  }
}

export interface V2lContext {
  config: V2lConfig;
  inlet: InletOutputs;
  bms: BmsOutputs;
  feedback: Reading<Record<ContactorName, Feedback>>;
  chargingActive: boolean;
  nominalVoltageV: number;
  hmi: HmiRequests;
}

/** A valid reading's value, else NaN (module level: no closure per tick). */
function orNaN(r: Reading<number>): number {
  return r.valid ? r.value : NaN;
}

export function buildV2lInput(signals: Signals, ctx: V2lContext, nowMs: number): V2lInput {
  const { bms, feedback: fb } = ctx;
  const state = signals.label('INV_State', nowMs);
  const trip = signals.label('INV_TripReason', nowMs);
  const l1v = signals.num('INV_L1Voltage', nowMs), l2v = signals.num('INV_L2Voltage', nowMs);
  const l1p = signals.num('INV_L1Power', nowMs), l2p = signals.num('INV_L2Power', nowMs);
  const leak = signals.num('INV_LeakageCurrent', nowMs), temp = signals.num('INV_Temp', nowMs), freq = signals.num('INV_Frequency', nowMs);
  const pp = signals.store.read('INLET_PpResistance', nowMs);
  const gear = signals.label('VEH_Gear', nowMs);
  const speed = signals.num('VEH_Speed', nowMs);
  const hmi = signals.flag('HMI_V2lRequest', nowMs);
  return {
    config: ctx.config,
    // The adapter is as fresh as the PP reading it was decoded from ("Open" is a valid reading).
    adapter: { value: adapterInfo(ctx.inlet), valid: pp.valid, ageMs: pp.ageMs },
    // Gear carries the validity; an SNA speed is NaN, which the domain treats as moving (CONTRACT VEH_Speed).
    vehicle: { value: { gear: gear.value as VehicleMotion['gear'], speedKph: orNaN(speed) }, valid: gear.valid, ageMs: gear.ageMs },
    chargingActive: ctx.chargingActive,
    blockingFault: { active: bms.criticalFault, code: bms.faults.find((f) => f.severity === 'critical')?.id ?? null },
    bms: {
      value: {
        socPct: bms.socPct,
        dischargeCurrentLimitA: bms.dischargeCurrentLimitA,
        packVoltageV: bms.packVoltageV,
        energyCapacityWh: bms.capacityAh * ctx.nominalVoltageV,
        mainContactorsClosed: fb.valid && fb.value.mainPos === 'closed' && fb.value.mainNeg === 'closed',
      },
      valid: Number.isFinite(bms.socPct) && Number.isFinite(bms.packVoltageV),
      ageMs: 0,
    },
    inverter: combine(
      {
        state: INV_STATE[state.value] ?? 'fault',
        legVoltageV: [orNaN(l1v), orNaN(l2v)],
        legLoadW: [orNaN(l1p), orNaN(l2p)],
        leakageMa: orNaN(leak),
        temperatureC: temp.valid ? temp.value : NaN,
        frequencyHz: freq.valid ? freq.value : NaN,
        tripReason: TRIP[trip.value] ?? null,
      },
      // SNA leakage or temperature is NaN inside a valid reading: the domain refuses or trips on it.
      state,
    ),
    // Stale HMI_Request turns V2L off (CONTRACT.md §1); the settings keep the last levels.
    hmi: { value: ctx.hmi, valid: hmi.valid, ageMs: hmi.ageMs },
  };
}
