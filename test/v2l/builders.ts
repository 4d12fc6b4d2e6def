// Builders for V2L tests: a healthy parked car with a split-phase V2L device plugged in and an
// idle inverter, changed one fact at a time.
import { DEFAULT_V2L_CONFIG } from '../../v2l/presets.ts';
import { initialV2lState, type V2lState } from '../../v2l/state.ts';
import { v2lStep, type V2lStepResult } from '../../v2l/step.ts';
import type { V2lConfig } from '../../v2l/config.ts';
import type {
  AdapterInfo,
  Gear,
  InverterState,
  InverterTripReason,
  V2lInput,
} from '../../v2l/types.ts';

export const SPLIT_DEVICE: AdapterInfo = { kind: 'v2l', ratedCurrentA: 40, ratedVoltageV: 240, splitPhase: true };
export const OUTLET_120: AdapterInfo = { kind: 'v2l', ratedCurrentA: 16, ratedVoltageV: 120, splitPhase: false };

export interface InputOptions {
  config?: V2lConfig;
  adapter?: AdapterInfo;
  adapterValid?: boolean;
  adapterAgeMs?: number;
  gear?: Gear;
  speedKph?: number;
  vehicleValid?: boolean;
  vehicleAgeMs?: number;
  chargingActive?: boolean;
  blockingFault?: string | null;
  socPct?: number;
  dischargeCurrentLimitA?: number;
  packVoltageV?: number;
  energyCapacityWh?: number;
  contactorsClosed?: boolean;
  bmsValid?: boolean;
  bmsAgeMs?: number;
  inverterState?: InverterState;
  legVoltageV?: number[];
  legLoadW?: number[];
  leakageMa?: number;
  temperatureC?: number;
  frequencyHz?: number;
  tripReason?: InverterTripReason | null;
  inverterValid?: boolean;
  inverterAgeMs?: number;
  /** HMI_V2lRequest level; held on unless said otherwise. */
  v2l?: boolean;
  /** HMI_V2lReset level. */
  reset?: boolean;
  floorPct?: number | null;
  hmiValid?: boolean;
  hmiAgeMs?: number;
}

export function aV2lInput(o: InputOptions = {}): V2lInput {
  return {
    config: o.config ?? DEFAULT_V2L_CONFIG,
    adapter: { value: o.adapter ?? SPLIT_DEVICE, valid: o.adapterValid ?? true, ageMs: o.adapterAgeMs ?? 10 },
    vehicle: {
      value: { gear: o.gear ?? 'P', speedKph: o.speedKph ?? 0 },
      valid: o.vehicleValid ?? true,
      ageMs: o.vehicleAgeMs ?? 10,
    },
    chargingActive: o.chargingActive ?? false,
    blockingFault: { active: (o.blockingFault ?? null) !== null, code: o.blockingFault ?? null },
    bms: {
      value: {
        socPct: o.socPct ?? 60,
        dischargeCurrentLimitA: o.dischargeCurrentLimitA ?? 300,
        packVoltageV: o.packVoltageV ?? 400,
        energyCapacityWh: o.energyCapacityWh ?? 77_500,
        mainContactorsClosed: o.contactorsClosed ?? true,
      },
      valid: o.bmsValid ?? true,
      ageMs: o.bmsAgeMs ?? 10,
    },
    inverter: {
      value: {
        state: o.inverterState ?? 'off',
        legVoltageV: o.legVoltageV ?? [120, 120],
        legLoadW: o.legLoadW ?? [0, 0],
        leakageMa: o.leakageMa ?? 0,
        temperatureC: o.temperatureC ?? 40,
        frequencyHz: o.frequencyHz ?? 60,
        tripReason: o.tripReason ?? null,
      },
      valid: o.inverterValid ?? true,
      ageMs: o.inverterAgeMs ?? 10,
    },
    hmi: {
      value: { v2lRequested: o.v2l ?? true, resetRequested: o.reset ?? false, floorPct: o.floorPct === undefined ? 20 : o.floorPct },
      valid: o.hmiValid ?? true,
      ageMs: o.hmiAgeMs ?? 10,
    },
  };
}

/** Off, with the HMI last seen with V2L off: a request in the next tick is a press. */
export function anIdleState(cfg: V2lConfig = DEFAULT_V2L_CONFIG): V2lState {
  const s = initialV2lState(cfg);
  return { ...s, hmi: { v2lRequested: false, resetRequested: false, floorPct: cfg.floor.defaultPct } };
}

/** Options of a running inverter (what the feedback says once it supplies). */
export const RUNNING: InputOptions = { inverterState: 'running' };

export const TICK_MS = 10;

/** Steps from `fromMs` (exclusive) to `toMs` (inclusive) with the same options each tick. */
export function runFor(state: V2lState, o: InputOptions, fromMs: number, toMs: number, tickMs = TICK_MS): V2lStepResult {
  let r: V2lStepResult | null = null;
  let s = state;
  for (let t = fromMs + tickMs; t <= toMs; t += tickMs) {
    r = v2lStep(s, aV2lInput(o), t);
    s = r.state;
  }
  if (!r) throw new Error('runFor: empty interval');
  return r;
}

/** A session supplying at t = 2000 ms (pressed at 0, ramp done at 1000, running since). */
export function supplyingAt2s(o: InputOptions = {}): V2lStepResult {
  const pressed = v2lStep(anIdleState(o.config), aV2lInput(o), 0);
  if (pressed.state.name !== 'starting') throw new Error(`expected starting, got ${pressed.state.name}`);
  const r = runFor(pressed.state, { ...o, ...RUNNING }, 0, 2000);
  if (r.state.name !== 'supplying') throw new Error(`expected supplying, got ${r.state.name}`);
  return r;
}

export function startingAt0(o: InputOptions = {}): V2lStepResult {
  return v2lStep(anIdleState(o.config), aV2lInput(o), 0);
}
