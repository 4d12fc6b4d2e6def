// V2lInput from the inverter's frames and this tick's inlet, BMS and mode outputs.
import type { BmsOutputs, ContactorName, Feedback } from '../../bms/index.ts';
import type { InletOutputs } from '../../inlet/index.ts';
import type { AdapterInfo, HmiRequests, InverterState, InverterTripReason, V2lConfig, V2lInput, VehicleMotion } from '../../v2l/index.ts';
import { sameNum, type Reading, type Sig, type Signals } from './signals.ts';

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
  private adapter: AdapterInfo | undefined;
  private adapterKind = '';
  private adapterRatingA = NaN;
  private vehicle: VehicleMotion | undefined;
  private blockingFault: V2lInput['blockingFault'] | undefined;
  private inverter: V2lInput['inverter']['value'] | undefined;

  constructor(private readonly signals: Signals) {
    this.s = signals.resolve(NAMES);
  }

  build(ctx: V2lContext, nowMs: number): V2lInput {
    const { signals, s } = this;
    const store = signals.store;
    const { bms, feedback: fb } = ctx;
    // Straight from the store where the domain wants only parts (no reading objects per tick).
    const stateLabel = signals.peekLabel(s.state, nowMs);
    const stateValid = store.peekValid && stateLabel !== undefined;
    const stateAgeMs = store.peekAgeMs;
    const tripLabel = signals.peekLabel(s.trip, nowMs) ?? '';
    const l1v = this.orNaN(s.l1v, nowMs), l2v = this.orNaN(s.l2v, nowMs);
    const l1p = this.orNaN(s.l1p, nowMs), l2p = this.orNaN(s.l2p, nowMs);
    const leak = this.orNaN(s.leak, nowMs), temp = this.orNaN(s.temp, nowMs), freq = this.orNaN(s.freq, nowMs);
    signals.peek(s.pp, nowMs);
    const ppValid = store.peekValid, ppAgeMs = store.peekAgeMs;
    const gearLabel = signals.peekLabel(s.gear, nowMs);
    const gearValid = store.peekValid && gearLabel !== undefined, gearAgeMs = store.peekAgeMs;
    const speedKph = this.orNaN(s.speed, nowMs);
    signals.peek(s.hmi, nowMs);
    const hmiValid = store.peekValid, hmiAgeMs = store.peekAgeMs;
    const inverter = this.inverterValue(INV_STATE[stateLabel ?? ''] ?? 'fault', l1v, l2v, l1p, l2p, leak, temp, freq, TRIP[tripLabel] ?? null);
    return {
      config: ctx.config,
      // The adapter is as fresh as the PP reading it was decoded from ("Open" is a valid reading).
      adapter: { value: this.adapterOf(ctx.inlet), valid: ppValid, ageMs: ppAgeMs },
      // Gear carries the validity; an SNA speed is NaN, which the domain treats as moving (CONTRACT VEH_Speed).
      vehicle: { value: this.motion((gearLabel ?? '') as VehicleMotion['gear'], speedKph), valid: gearValid, ageMs: gearAgeMs },
      chargingActive: ctx.chargingActive,
      blockingFault: this.blocking(bms),
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
      // SNA leakage or temperature is NaN inside a valid reading: the domain refuses or trips on it.
      inverter: { value: inverter, valid: stateValid, ageMs: Math.max(0, stateAgeMs) },
      // Stale HMI_Request turns V2L off (CONTRACT.md §1); the settings keep the last levels.
      hmi: { value: ctx.hmi, valid: hmiValid, ageMs: hmiAgeMs },
    };
  }

  // The value objects below stay the same object while their fields read the same (most ticks).

  /** A valid number's value, else NaN. */
  private orNaN(sig: Sig, nowMs: number): number {
    const value = this.signals.peek(sig, nowMs);
    return this.signals.store.peekValid ? value : NaN;
  }

  private adapterOf(inlet: InletOutputs): AdapterInfo {
    const c = inlet.connector;
    const last = this.adapter;
    if (last !== undefined && this.adapterKind === c.kind && this.adapterRatingA === c.ratingA) return last;
    this.adapterKind = c.kind;
    this.adapterRatingA = c.ratingA;
    return (this.adapter = adapterInfo(inlet));
  }

  private motion(gear: VehicleMotion['gear'], speedKph: number): VehicleMotion {
    const last = this.vehicle;
    if (last !== undefined && last.gear === gear && sameNum(last.speedKph, speedKph)) return last;
    return (this.vehicle = { gear, speedKph });
  }

  private blocking(bms: BmsOutputs): V2lInput['blockingFault'] {
    const active = bms.criticalFault;
    const code = criticalFaultId(bms.faults);
    const last = this.blockingFault;
    if (last !== undefined && last.active === active && last.code === code) return last;
    return (this.blockingFault = { active, code });
  }

  private inverterValue(
    state: InverterState, l1v: number, l2v: number, l1p: number, l2p: number, leakageMa: number, temperatureC: number, frequencyHz: number,
    tripReason: InverterTripReason | null,
  ): V2lInput['inverter']['value'] {
    const last = this.inverter;
    if (
      last !== undefined && last.state === state && sameNum(last.legVoltageV[0]!, l1v) && sameNum(last.legVoltageV[1]!, l2v)
      && sameNum(last.legLoadW[0]!, l1p) && sameNum(last.legLoadW[1]!, l2p) && sameNum(last.leakageMa, leakageMa)
      && sameNum(last.temperatureC, temperatureC) && sameNum(last.frequencyHz, frequencyHz) && last.tripReason === tripReason
    ) return last;
    return (this.inverter = { state, legVoltageV: [l1v, l2v], legLoadW: [l1p, l2p], leakageMa, temperatureC, frequencyHz, tripReason });
  }
}
