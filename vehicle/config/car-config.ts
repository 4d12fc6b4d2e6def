// One car's configuration: the domains' tables and limits plus the shell's settings.
// Two presets (reference/cells.md §5); a car's file names one and overrides what differs.
import { pack400v, pack800v, type BmsConfig } from '../../bms/index.ts';
import { NACS_INLET, type InletConfig } from '../../inlet/index.ts';
import { DC_CONFIG_DEFAULT, DC_CONFIG_800V_BOOST, type DcConfig } from '../../inlet/dc/index.ts';
import { DEFAULT_V2L_CONFIG, type V2lConfig } from '../../v2l/index.ts';

/**
 * V2L as fitted to the presets: the runtime estimate counts the car's own draw while HV is up
 * (12 V DC-DC and controllers, PD 300 W, as the simulated car's auxLoadW), which a house-essentials
 * load of ~0.5 kW makes a third of the total.
 */
const V2L_CONFIG: V2lConfig = { ...DEFAULT_V2L_CONFIG, estimator: { ...DEFAULT_V2L_CONFIG.estimator, auxPowerW: 300 } };

export interface ShellConfig {
  /** Control tick (ms); DESIGN.md §3. */
  tickMs: number;
  /** Defaults until the user chooses (%). */
  chargeLimitPct: number;
  v2lFloorPct: number;
  /** Pack energy the V2L and remaining-time estimates start from (Wh, cells.md §5). */
  packEnergyWh: number;
  /** Nominal pack voltage (V), for energy from capacity. */
  nominalVoltageV: number;
  /** EVMaximumVoltageLimit to announce to DC chargers (V, cells.md §5 / timeouts.md §3). */
  announceMaxVoltageV: number;
  /** The car has a boost converter for ≤ 500 V chargers. */
  boostFitted: boolean;
  dashboard: { host: string; port: number; token: string | null | undefined };
  recorder: { enabled: boolean; dir: string; maxFileBytes: number; maxTotalBytes: number };
  log: { level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' };
  /** Where SOC, capacity and fault history are kept across restarts. */
  stateFile: string;
}

export interface CarConfig {
  name: string;
  bms: BmsConfig;
  inlet: InletConfig;
  dc: DcConfig;
  v2l: V2lConfig;
  shell: ShellConfig;
}

const SHELL_DEFAULTS: Omit<ShellConfig, 'packEnergyWh' | 'nominalVoltageV' | 'announceMaxVoltageV' | 'boostFitted'> = {
  tickMs: 10,
  chargeLimitPct: 80,
  v2lFloorPct: 20,
  // Port 0 picks a free port; the address is printed at start.
  dashboard: { host: '127.0.0.1', port: 8090, token: undefined },
  recorder: { enabled: true, dir: 'recordings', maxFileBytes: 16 * 1024 * 1024, maxTotalBytes: 256 * 1024 * 1024 },
  log: { level: 'info' },
  stateFile: 'state/packpilot-state.json',
};

export const CAR_PRESETS: Readonly<Record<'car-400v' | 'car-800v', CarConfig>> = {
  // 96s, 216 Ah, 75.4 kWh, 349 V nominal, announce 410 V (cells.md §5).
  'car-400v': {
    name: 'car-400v', bms: pack400v, inlet: NACS_INLET, dc: DC_CONFIG_DEFAULT, v2l: V2L_CONFIG,
    shell: { ...SHELL_DEFAULTS, packEnergyWh: 75_400, nominalVoltageV: 349, announceMaxVoltageV: 410, boostFitted: false },
  },
  // 192s, 111 Ah, 77.5 kWh, 698 V nominal, announce 820 V, 125 kW boost for ≤ 500 V chargers.
  'car-800v': {
    name: 'car-800v', bms: pack800v, inlet: NACS_INLET, dc: DC_CONFIG_800V_BOOST, v2l: V2L_CONFIG,
    shell: { ...SHELL_DEFAULTS, packEnergyWh: 77_500, nominalVoltageV: 698, announceMaxVoltageV: 820, boostFitted: true },
  },
};

export type CarPresetName = keyof typeof CAR_PRESETS;

/** The boost converter as fitted to the 800 V preset, and none (the 400 V preset's). */
export const BOOST_CONVERTERS = {
  fitted: CAR_PRESETS['car-800v'].dc.boost,
  none: CAR_PRESETS['car-400v'].dc.boost,
} as const;
