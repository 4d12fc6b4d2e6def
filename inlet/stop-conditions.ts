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

/** The text shown for each stop. */
const STOP_TEXT: Readonly<Record<StopReason, string>> = {
  'manual-release': 'Manual release pulled: stopped',
  unplugged: 'Connector no longer detected: stopped',
  'pp-invalid': 'Proximity signal lost: stopped',
  'cp-invalid': 'Control pilot signal lost: charging stopped',
  'cp-e': 'Charger pilot shorted or charger off (state E): charging stopped',
  'cp-f': 'Charger reports a fault (state F): charging stopped',
  'cp-a': 'Pilot reads unplugged (state A): charging stopped',
  'cp-d': 'Pilot reads ventilation request (state D), never requested: charging stopped',
  'pwm-lost': 'Charger stopped its pilot signal: charging paused',
  'latch-pressed': 'Connector button pressed: stopped',
  'user-unlock': 'Unlock requested: stopped',
  'lock-lost': 'Charge port lock no longer confirmed: stopped',
  'lock-fault': 'Charge port lock fault: stopped',
  'path-fault': 'AC/DC switching fault: stopped',
  refused: 'Connector or charger not usable: stopped',
  'pin-overtemp': 'Charge port too hot: stopped until it cools',
  'vehicle-moving': 'Vehicle moving: stopped',
};

/** One frozen result per reason, built once (this is asked every tick of a session). */
const STOP = Object.fromEntries(
  (Object.keys(STOP_TEXT) as StopReason[]).map((reason) => [reason, Object.freeze({ reason, text: STOP_TEXT[reason] })]),
) as Readonly<Record<StopReason, StopNow>>;

/** In priority order, the first that holds is reported; the pilot's rules apply to charge sessions
 *  only. Plain tests in order (every tick of a session, no call per rule). */
export function stopNow(c: StopContext): StopNow | null {
  if (!c.sessionActive && !c.chargeSessionActive) return null;
  if (c.manualRelease) return STOP['manual-release'];
  if (c.unplugged) return STOP.unplugged;
  if (c.ppInvalid) return STOP['pp-invalid'];
  if (c.chargeSessionActive) {
    const level = c.cpLevel;
    if (level === 'invalid') return STOP['cp-invalid'];
    if (level === 'E') return STOP['cp-e'];
    if (level === 'F') return STOP['cp-f'];
    if (level === 'A') return STOP['cp-a'];
    if (level === 'D') return STOP['cp-d'];
    if (c.pwmLost) return STOP['pwm-lost'];
  }
  if (c.latchPressed) return STOP['latch-pressed'];
  if (c.userUnlock) return STOP['user-unlock'];
  if (c.lockLost) return STOP['lock-lost'];
  if (c.lockFault) return STOP['lock-fault'];
  if (c.pathFault) return STOP['path-fault'];
  if (c.refused) return STOP.refused;
  if (c.pinStop) return STOP['pin-overtemp'];
  if (c.moving) return STOP['vehicle-moving'];
  return null;
}
