// V2lInput from the inverter's frames and this tick's inlet, BMS and mode outputs.
import type { BmsOutputs, ContactorName, Feedback } from '../../bms/index.ts';
import type { InletOutputs } from '../../inlet/index.ts';
import type { AdapterInfo, HmiRequests, InverterState, InverterTripReason, V2lConfig, V2lInput, VehicleMotion } from '../../v2l/index.ts';
import type { Reading, Signals } from './signals.ts';

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

/** The first critical fault's id, or null (a loop: no closure per tick). */
function criticalFaultId(faults: BmsOutputs['faults']): BmsOutputs['faults'][number]['id'] | null {
  for (let i = 0; i < faults.length; i++) if (faults[i]!.severity === 'critical') return faults[i]!.id ?? null;
  return null;
}

const NAMES = {
  state: 'INV_State', trip: 'INV_TripReason', l1v: 'INV_L1Voltage', l2v: 'INV_L2Voltage', l1p: 'INV_L1Power', l2p: 'INV_L2Power',
  leak: 'INV_LeakageCurrent', temp: 'INV_Temp', freq: 'INV_Frequency', pp: 'INLET_PpResistance', gear: 'VEH_Gear', speed: 'VEH_Speed',
  hmi: 'HMI_V2lRequest',
} as const;

/** Reads the inverter's frames, the PP reading's age, the gear and the HMI's request; signals resolved once. */
export class V2lInputReader {
  private readonly s;

  constructor(private readonly signals: Signals) {
    this.s = signals.resolve(NAMES);
  }

  build(ctx: V2lContext, nowMs: number): V2lInput {
    const { signals, s } = this;
    const { bms, feedback: fb } = ctx;
    const state = signals.label(s.state, nowMs);
    const trip = signals.label(s.trip, nowMs);
    const l1v = signals.num(s.l1v, nowMs), l2v = signals.num(s.l2v, nowMs);
    const l1p = signals.num(s.l1p, nowMs), l2p = signals.num(s.l2p, nowMs);
    const leak = signals.num(s.leak, nowMs), temp = signals.num(s.temp, nowMs), freq = signals.num(s.freq, nowMs);
    const pp = signals.num(s.pp, nowMs);
    const gear = signals.label(s.gear, nowMs);
    const speed = signals.num(s.speed, nowMs);
    const hmi = signals.flag(s.hmi, nowMs);
    return {
      config: ctx.config,
      // The adapter is as fresh as the PP reading it was decoded from ("Open" is a valid reading).
      adapter: { value: adapterInfo(ctx.inlet), valid: pp.valid, ageMs: pp.ageMs },
      // Gear carries the validity; an SNA speed is NaN, which the domain treats as moving (CONTRACT VEH_Speed).
      vehicle: { value: { gear: gear.value as VehicleMotion['gear'], speedKph: orNaN(speed) }, valid: gear.valid, ageMs: gear.ageMs },
      chargingActive: ctx.chargingActive,
      blockingFault: { active: bms.criticalFault, code: criticalFaultId(bms.faults) },
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
      inverter: {
        value: {
          state: INV_STATE[state.value] ?? 'fault',
          legVoltageV: [orNaN(l1v), orNaN(l2v)],
          legLoadW: [orNaN(l1p), orNaN(l2p)],
          leakageMa: orNaN(leak),
          temperatureC: temp.valid ? temp.value : NaN,
          frequencyHz: freq.valid ? freq.value : NaN,
          tripReason: TRIP[trip.value] ?? null,
        },
        // SNA leakage or temperature is NaN inside a valid reading: the domain refuses or trips on it.
        valid: state.valid,
        ageMs: Math.max(0, state.ageMs),
      },
      // Stale HMI_Request turns V2L off (CONTRACT.md §1); the settings keep the last levels.
      hmi: { value: ctx.hmi, valid: hmi.valid, ageMs: hmi.ageMs },
    };
  }
}
