// Everything the controller decided in one tick, in physical units: the domains' outputs and the
// mode. The CAN outputs, the status snapshot and the logs are all made from this one view.
import type { BmsConfig, BmsOutputs } from '../../bms/index.ts';
import type { InletOutputs } from '../../inlet/index.ts';
import type { DcOutputs } from '../../inlet/dc/index.ts';
import type { V2lOutputs } from '../../v2l/index.ts';
import type { ModeState, Permissions } from '../mode/mode.ts';
import type { ShellConfig } from '../config/car-config.ts';
import type { Settings } from './settings.ts';

export interface ControllerView {
  nowMs: number;
  mode: ModeState;
  permissions: Permissions;
  bms: BmsOutputs;
  inlet: InletOutputs;
  dc: DcOutputs;
  v2l: V2lOutputs;
  settings: Settings;
  /** Pack current as measured (A, + into the pack), NaN when unknown. */
  packCurrentA: number;
  bmsConfig: BmsConfig;
  shell: ShellConfig;
}
