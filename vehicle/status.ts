// What the controller shows the outside world (local API, dashboard, terminal view): one
// snapshot of physical values with units, built by the shell from the domains' outputs.
import type { Mode } from './mode/mode.ts';

export type LimitingReason = 'none' | 'battery' | 'charger' | 'inletHot' | 'adapter' | 'boost' | 'user' | 'cold' | 'hot' | 'fault';

export interface FaultView {
  code: string;
  text: string;
  severity: 'info' | 'warning' | 'critical';
  firstMs: number;
  lastMs: number;
  active: boolean;
}

export interface StatusSnapshot {
  tMs: number;
  mode: Mode;
  pack: {
    socPct: number;
    sohPct: number;
    energyWh: number;
    packVoltageV: number;
    /** Positive into the pack (charging). */
    packCurrentA: number;
    powerW: number;
    chargeCurrentLimitA: number;
    dischargeCurrentLimitA: number;
    cellVoltageMinV: number;
    cellVoltageMaxV: number;
    cellVoltageMinIndex: number;
    cellVoltageMaxIndex: number;
    cellTempMinC: number;
    cellTempMaxC: number;
    cellTempMinIndex: number;
    cellTempMaxIndex: number;
    isolationKohm: number | null;
    contactors: Record<'mainPos' | 'mainNeg' | 'precharge' | 'dcPos' | 'dcNeg' | 'obcRelay', 'open' | 'closed' | 'unknown'>;
    contactorState: string;
  };
  /** Every cell voltage (V) and temperature sensor (°C); NaN where invalid. */
  cells: { voltagesV: number[]; tempsC: number[] };
  inlet: {
    connector: string;
    latched: boolean;
    lock: string;
    cpState: string;
    cpDutyPct: number;
    ppOhms: number | null;
    pinTempsC: (number | null)[];
    acOfferA: number;
    refusal: string | null;
  };
  session: {
    kind: 'ac' | 'dc' | null;
    phase: string;
    path: 'direct' | 'boost' | null;
    pathReason: string;
    requestCurrentA: number;
    targetVoltageV: number;
    limitingReason: LimitingReason;
    evse: { maxVoltageV: number; minVoltageV: number; maxCurrentA: number; maxPowerW: number; presentVoltageV: number; presentCurrentA: number } | null;
    timeTo80S: number | null;
    timeToLimitS: number | null;
    chargeLimitPct: number;
    stopReason: string | null;
  };
  v2l: {
    state: string;
    loadW: number;
    powerLimitW: number;
    floorPct: number;
    runtimeS: number | null;
    energyWh: number;
    warning: string | null;
    trip: string | null;
  };
  faults: FaultView[];
}

/** One point of the charge curve kept for the dashboard (power against SOC, with the limit). */
export interface CurvePoint {
  tMs: number;
  socPct: number;
  powerW: number;
  limitingReason: LimitingReason;
}
