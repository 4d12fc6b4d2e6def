// A DC charger's profile (its limits and dynamics) and the fixed behaviour every station shares.
import type { ResponseTimes } from './ccc-protocol.ts';
import type { CpState } from './inlet-hw.ts';

export interface DcChargerProfile {
  name: string;
  connector: 'nacs' | 'ccs1';
  minVoltageV: number;
  maxVoltageV: number;
  maxCurrentA: number;
  maxPowerW: number;
  /** Current slew toward the request (PD 100 A/s up, 400 A/s down) and for emergencies (PD). */
  currentRampUpAps: number;
  currentRampDownAps: number;
  emergencyRampDownAps: number;
  /** Output voltage ramp in cable check and precharge (PD). */
  voltageRampVps: number;
  cableCheckMinS: number;
  cableCheckMaxS: number;
  /** Active output discharge once off (timeouts.md §4 Compleo trace: ~1 s). */
  dischargeTauMs: number;
  /** Steady +12 V (B1) after plug-in before the 5 % PWM appears (PD). */
  cpReadyMs: number;
  responseMs?: Partial<ResponseTimes>;
}

export interface DcChargerEnv {
  /** Its connector is mated with the inlet. */
  connected: boolean;
  cpState: CpState;
}

/** pilot.md §7 and timeouts.md §3. */
export const PRECHARGE_CURRENT_MAX_A = 2;
export const CABLE_CHECK_CURRENT_A = 2;
export const SAFE_VOLTAGE_V = 60;
export const OVER_EV_MAX_STOP_MS = 400;
/** PD: what the charger itself tolerates. */
export const OVERSHOOT_MS = 1500;
export const OSCILLATION_HZ = 0.5;
export const COMM_LOSS_HOLD_MS = 1000;
export const TCP_GIVE_UP_MS = 3000;
export const REQUEST_MISSING_MS = 1000;
export const UNLOADED_PUSH_FAULT_MS = 100;
export const REPORT_NOISE_V = 0.5;
export const REPORT_NOISE_A = 0.3;
