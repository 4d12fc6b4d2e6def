// V2lInput from the inverter's frames and this tick's inlet, BMS and mode outputs.
import type { BmsOutputs, ContactorName, Feedback } from '../../bms/index.ts';
import type { InletOutputs } from '../../inlet/index.ts';
import type { AdapterInfo, HmiRequests, InverterState, InverterTripReason, V2lConfig, V2lInput } from '../../v2l/index.ts';
import { readGear } from './inputs-inlet.ts';
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

export function buildV2lInput(signals: Signals, ctx: V2lContext, nowMs: number): V2lInput {
  const { bms, feedback: fb } = ctx;
  const state = signals.label('INV_State', nowMs);
  const trip = signals.label('INV_TripReason', nowMs);
  const num = (n: string) => signals.num(n, nowMs);
  const l1v = num('INV_L1Voltage'), l2v = num('INV_L2Voltage'), l1p = num('INV_L1Power'), l2p = num('INV_L2Power');
  const leak = num('INV_LeakageCurrent'), temp = num('INV_Temp'), freq = num('INV_Frequency');
  const orNaN = (r: Reading<number>) => (r.valid ? r.value : NaN);
  return {
    config: ctx.config,
    adapter: { value: adapterInfo(ctx.inlet), valid: true, ageMs: 0 },
    vehicle: readGear(signals, nowMs),
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
      state, leak,
    ),
    hmi: { value: ctx.hmi, valid: true, ageMs: 0 },
  };
}
