// Conditions that stop any running session at once (current to zero in the same tick):
// the pilot failing (A, D, E, F, invalid, PWM lost), the latch pressed, the manual release, the
// lock lost or faulty, the plug gone or unreadable, a refusal, pins too hot, a path fault, the car moving.
import type { CpLevel } from './types.ts';

export type StopReason =
  | 'manual-release' | 'unplugged' | 'pp-invalid' | 'cp-invalid' | 'cp-e' | 'cp-f' | 'cp-a' | 'cp-d'
  | 'pwm-lost' | 'latch-pressed' | 'user-unlock' | 'lock-lost' | 'lock-fault' | 'path-fault' | 'refused' | 'pin-overtemp' | 'vehicle-moving';

export interface StopContext {
  /** A charge session (AC or DC) runs: pilot rules apply. */
  chargeSessionActive: boolean;
  /** Any session runs (charge or V2L). */
  sessionActive: boolean;
  cpLevel: CpLevel | 'invalid';
  pwmLost: boolean;
  latchPressed: boolean;
  /** The user asked (HMI) to unlock the cable. */
  userUnlock: boolean;
  /** Manual release switch active, or the lock saw a release this session. */
  manualRelease: boolean;
  /** A session relies on the lock and the lock is no longer proven closed. */
  lockLost: boolean;
  lockFault: boolean;
  /** Debounced: nothing (or something unknown) plugged any more. */
  unplugged: boolean;
  ppInvalid: boolean;
  refused: boolean;
  pinStop: boolean;
  pathFault: boolean;
  moving: boolean;
}

export interface StopNow {
  reason: StopReason;
  text: string;
}

type Scope = 'any' | 'charge';

/** Priority order: the first that holds is reported. Pilot rules apply to charge sessions only. */
const STOP_RULES: readonly [StopReason, Scope, (c: StopContext) => boolean, string][] = [
  ['manual-release', 'any', (c) => c.manualRelease, 'Manual release pulled: stopped'],
  ['unplugged', 'any', (c) => c.unplugged, 'Connector no longer detected: stopped'],
  ['pp-invalid', 'any', (c) => c.ppInvalid, 'Proximity signal lost: stopped'],
  ['cp-invalid', 'charge', (c) => c.cpLevel === 'invalid', 'Control pilot signal lost: charging stopped'],
  ['cp-e', 'charge', (c) => c.cpLevel === 'E', 'Charger pilot shorted or charger off (state E): charging stopped'],
  ['cp-f', 'charge', (c) => c.cpLevel === 'F', 'Charger reports a fault (state F): charging stopped'],
  ['cp-a', 'charge', (c) => c.cpLevel === 'A', 'Pilot reads unplugged (state A): charging stopped'],
  ['cp-d', 'charge', (c) => c.cpLevel === 'D', 'Pilot reads ventilation request (state D), never requested: charging stopped'],
  ['pwm-lost', 'charge', (c) => c.pwmLost, 'Charger stopped its pilot signal: charging paused'],
  ['latch-pressed', 'any', (c) => c.latchPressed, 'Connector button pressed: stopped'],
  ['user-unlock', 'any', (c) => c.userUnlock, 'Unlock requested: stopped'],
  ['lock-lost', 'any', (c) => c.lockLost, 'Charge port lock no longer confirmed: stopped'],
  ['lock-fault', 'any', (c) => c.lockFault, 'Charge port lock fault: stopped'],
  ['path-fault', 'any', (c) => c.pathFault, 'AC/DC switching fault: stopped'],
  ['refused', 'any', (c) => c.refused, 'Connector or charger not usable: stopped'],
  ['pin-overtemp', 'any', (c) => c.pinStop, 'Charge port too hot: stopped until it cools'],
  ['vehicle-moving', 'any', (c) => c.moving, 'Vehicle moving: stopped'],
];

/** One frozen result per rule, built once (this is asked every tick of a session). */
const RESULTS: readonly StopNow[] = STOP_RULES.map(([reason, , , text]) => Object.freeze({ reason, text }));

export function stopNow(c: StopContext): StopNow | null {
  if (!c.sessionActive && !c.chargeSessionActive) return null;
  for (let k = 0; k < STOP_RULES.length; k++) {
    const rule = STOP_RULES[k]!;
    if (rule[1] === 'charge' && !c.chargeSessionActive) continue;
    if (rule[2](c)) return RESULTS[k]!;
  }
  return null;
}
