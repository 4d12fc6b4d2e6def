// Onboard charger: AC from the inlet (through the OBC relay) to DC on the HV link. Follows packpilot's
// AC current setpoint with a soft-start ramp, limited by its rating; losses go to the coolant.
// Rating PD: 11.5 kW / 48 A class (chargers.md §2: the 48 A wall unit is the largest common EVSE).
import type { Random } from '../random.ts';
import { approach } from './util.ts';

export interface ObcParams {
  maxAcCurrentA: number;
  maxPowerW: number;
  /** PD 0.93: typical 11 kW OBC at full load. */
  efficiency: number;
  /** Soft start / setpoint slew (PD 10 A/s). */
  rampAps: number;
  /** Output voltage window (the pack's range). */
  minLinkV: number;
  maxLinkV: number;
  /** Below this AC voltage the OBC does not run (PD). */
  minAcV: number;
}

export interface ObcEnv {
  /** RMS on the OBC's input (0 unless the OBC relay and the EVSE contactor are closed). */
  acVoltageV: number;
  linkVoltageV: number;
}

export type ObcStatus = 'off' | 'waitingAc' | 'running' | 'fault';

export class Obc {
  readonly cmd = { enable: false, acCurrentSetpointA: 0 };
  readonly faults = { failed: false };
  status: ObcStatus = 'off';
  acCurrentA = 0;
  acPowerW = 0;
  /** Into the HV link. */
  dcCurrentA = 0;
  dcPowerW = 0;
  lossW = 0;

  constructor(readonly params: ObcParams) {}

  /** `restShortcut` false forces the general path (the shortcut's equivalence test). */
  step(dtMs: number, env: ObcEnv, restShortcut = true): void {
    const p = this.params;
    // Off shortcut (every tick of a DC session): disabled and healthy, the general path's result
    // without its window checks (the products kept: they carry a -0 or NaN voltage bit for bit).
    if (restShortcut && !this.cmd.enable && !this.faults.failed) {
      this.status = 'off';
      this.acCurrentA = 0;
      this.acPowerW = 0 * env.acVoltageV;
      this.dcPowerW = this.acPowerW * p.efficiency;
      this.lossW = this.acPowerW - this.dcPowerW;
      this.dcCurrentA = 0;
      return;
    }
    const acOk = env.acVoltageV >= p.minAcV;
    const linkOk = env.linkVoltageV >= p.minLinkV && env.linkVoltageV <= p.maxLinkV;
    const run = this.cmd.enable && !this.faults.failed && acOk && linkOk;
    this.status = this.faults.failed ? 'fault' : !this.cmd.enable ? 'off' : run ? 'running' : 'waitingAc';
    const limit = run ? Math.min(this.cmd.acCurrentSetpointA, p.maxAcCurrentA, p.maxPowerW / env.acVoltageV) : 0;
    // Losing AC or the link stops the draw at once; a setpoint change slews.
    this.acCurrentA = run ? approach(this.acCurrentA, Math.max(0, limit), (p.rampAps * dtMs) / 1000) : 0;
    this.acPowerW = this.acCurrentA * env.acVoltageV;
    this.dcPowerW = this.acPowerW * p.efficiency;
    this.lossW = this.acPowerW - this.dcPowerW;
    this.dcCurrentA = run ? this.dcPowerW / env.linkVoltageV : 0;
  }
}

export function createObc(params: ObcParams, _random?: Random): Obc {
  return new Obc(params);
}
