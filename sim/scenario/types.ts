// The scenario file's shape (public interface; sim/scenario/scenario.schema.json is the contract).
import type { DcChargerQuirks } from '../plant/ccc-protocol.ts';

export type VehiclePreset = 'car-400v' | 'car-800v';
export type ChargerPreset =
  | 'supercharger-v3' | 'supercharger-v4' | 'hpc-350' | 'dcfc-150' | 'dcfc-50'
  | 'ac-l2-48' | 'ac-l2-32' | 'ac-l2-16' | 'ac-l1-12';
export type AdapterName = 'nacs-to-ccs1-dc' | 'j1772-to-nacs-ac' | 'v2l';
export type LoadPreset = 'house-essentials' | 'jobsite-tools' | 'space-heater';
export type Gear = 'P' | 'R' | 'N' | 'D';
export type FaultName =
  | 'cell-sensor-open' | 'cell-sensor-short' | 'contactor-weld' | 'lock-jam'
  | 'isolation-drop' | 'shunt-offset' | 'can-silence';
export type QuirkName =
  | 'noLoadOvershootV' | 'currentBeforeRequestA' | 'shutdownAtS' | 'emergencyShutdownAtS'
  | 'maxCurrentDrop' | 'currentOscillationPct' | 'cableCheckS' | 'commLossAtS'
  | 'isolationFaultAtCableCheck' | 'overvoltage';

/** Charger quirks by their public names: the simulated charger's own switches. */
export type Quirks = DcChargerQuirks;

export interface VehicleSpec {
  preset: VehiclePreset;
  boostConverter?: boolean;
  boostMaxPowerKw?: number;
  capacityScale?: number;
}

export interface ChargerSpec {
  preset: ChargerPreset;
  maxVoltageV?: number;
  minVoltageV?: number;
  maxCurrentA?: number;
  maxPowerKw?: number;
  quirks?: Quirks;
}

export interface LoadSpec {
  preset?: LoadPreset;
  constantW?: number;
  scale?: number;
}

export type ScenarioEvent =
  | { atS: number; do: 'plug'; adapter?: AdapterName | null }
  | { atS: number; do: 'unplug' }
  | { atS: number; do: 'gear'; gear: Gear }
  | {
      atS: number;
      do: 'hmi';
      chargeLimitPct?: number;
      start?: true;
      stop?: true;
      maxAcCurrentA?: number;
      paymentMode?: 'eim' | 'pnc';
      precondition?: boolean;
      v2l?: 'on' | 'off';
      v2lFloorPct?: number;
      v2lReset?: true;
    }
  | {
      atS: number;
      do: 'fault';
      fault: FaultName;
      node?: string;
      durationS?: number;
      cell?: number;
      sensor?: number;
      contactor?: 'mainPos' | 'mainNeg' | 'precharge' | 'dcPos' | 'dcNeg' | 'obcRelay';
      valueA?: number;
    }
  | { atS: number; do: 'quirk'; quirk: QuirkName; value?: number | boolean | Record<string, number> };

export type StopWhen = 'charge-complete' | 'session-ended' | 'v2l-stopped' | 'unplugged' | 'fault';

export interface Bound {
  min?: number;
  max?: number;
  equals?: number | string | boolean | null;
}

/** A scenario as written in the file. */
export interface ScenarioFile {
  name: string;
  description?: string;
  seed?: number;
  tickMs?: number;
  vehicle: VehiclePreset | VehicleSpec;
  initial: { socPct: number; cellTempC?: number; ambientC?: number; gear?: Gear };
  charger?: ChargerPreset | ChargerSpec | null;
  adapter?: AdapterName | null;
  load?: LoadPreset | LoadSpec | null;
  events?: ScenarioEvent[];
  stop: { socPct?: number; timeS?: number; when?: StopWhen };
  expect?: Record<string, Bound>;
}

/** A scenario with every default filled in and every shorthand expanded. */
export interface Scenario {
  name: string;
  description: string;
  seed: number;
  tickMs: number;
  vehicle: VehicleSpec;
  initial: { socPct: number; cellTempC: number; ambientC: number; gear: Gear };
  charger: ChargerSpec | null;
  adapter: AdapterName | null;
  load: LoadSpec | null;
  events: ScenarioEvent[];
  stop: { socPct?: number; timeS: number; when?: StopWhen };
  expect: Record<string, Bound>;
  /** Where it came from, for messages. */
  source: string;
}
