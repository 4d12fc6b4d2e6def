// Mode arbitration: which of park, drive, AC charge, DC charge, V2L or fault the car is in,
// and so which domain may use the pack. A transition table, checked top to bottom; the first
// row whose `from` matches and whose guard holds fires. Anything else is ignored on purpose.
// Interlocks (DESIGN.md §7): drive inhibited while anything is plugged (9); V2L never while
// charging or out of Park (6); charging only in Park; a critical fault wins over everything (8).

export type Mode = 'park' | 'drive' | 'ac-charge' | 'dc-charge' | 'v2l' | 'fault';
export type Gear = 'P' | 'R' | 'N' | 'D';

export interface ModeInput {
  /** Gear from VEH; undefined when the frame is invalid or stale (treated as not Park). */
  gear: Gear | undefined;
  speedKph: number;
  /** Anything in the port, including an unknown or invalid PP reading. */
  plugged: boolean;
  /** The inlet's AC or DC session wants the pack (from its own state machine). */
  acSessionActive: boolean;
  dcSessionActive: boolean;
  /** The V2L domain wants to supply. */
  v2lActive: boolean;
  criticalFault: boolean;
}

export interface ModeState {
  mode: Mode;
  sinceMs: number;
}

export interface Permissions {
  driveAllowed: boolean;
  acChargeAllowed: boolean;
  dcChargeAllowed: boolean;
  v2lAllowed: boolean;
  /** The pack's main contactors are wanted by the mode in force. */
  mainContactorsWanted: boolean;
}

interface Row {
  from: Mode | '*';
  to: Mode;
  why: string;
  when: (i: ModeInput) => boolean;
}

const parked = (i: ModeInput) => i.gear === 'P';
/** Below this the car counts as standing still (km/h, PD: wheel-speed noise). */
const STANDSTILL_KPH = 1;

export const MODE_TRANSITIONS: readonly Row[] = [
  { from: '*', to: 'fault', why: 'critical fault', when: (i) => i.criticalFault },
  { from: 'fault', to: 'park', why: 'fault cleared, parked, standing still', when: (i) => !i.criticalFault && parked(i) && i.speedKph < STANDSTILL_KPH },
  { from: 'park', to: 'drive', why: 'gear out of Park, nothing plugged', when: (i) => !parked(i) && i.gear !== undefined && !i.plugged },
  { from: 'drive', to: 'park', why: 'gear in Park, standing still', when: (i) => parked(i) && i.speedKph < STANDSTILL_KPH },
  { from: 'park', to: 'dc-charge', why: 'DC session started', when: (i) => parked(i) && i.plugged && i.dcSessionActive },
  { from: 'park', to: 'ac-charge', why: 'AC session started', when: (i) => parked(i) && i.plugged && i.acSessionActive && !i.dcSessionActive },
  { from: 'park', to: 'v2l', why: 'V2L started', when: (i) => parked(i) && i.plugged && i.v2lActive && !i.acSessionActive && !i.dcSessionActive },
  { from: 'dc-charge', to: 'park', why: 'DC session ended, unplugged or out of Park', when: (i) => !i.dcSessionActive || !i.plugged || !parked(i) },
  { from: 'ac-charge', to: 'park', why: 'AC session ended, unplugged or out of Park', when: (i) => !i.acSessionActive || !i.plugged || !parked(i) },
  { from: 'v2l', to: 'park', why: 'V2L stopped, charging, unplugged or out of Park', when: (i) => !i.v2lActive || !i.plugged || !parked(i) || i.acSessionActive || i.dcSessionActive },
];

export interface ModeStep {
  state: ModeState;
  permissions: Permissions;
  event?: { from: Mode; to: Mode; why: string };
}

export function initialModeState(nowMs: number): ModeState {
  return { mode: 'park', sinceMs: nowMs };
}

export function modeStep(state: ModeState, input: ModeInput, nowMs: number): ModeStep {
  // A plain loop over the table (no closure per tick); the first matching row fires.
  const mode = state.mode;
  let row: Row | undefined;
  for (let k = 0; k < MODE_TRANSITIONS.length; k++) {
    const r = MODE_TRANSITIONS[k]!;
    if ((r.from === '*' ? mode !== r.to : r.from === mode) && r.when(input)) {
      row = r;
      break;
    }
  }
  if (row === undefined) return { state, permissions: permissionsFor(mode, input) };
  const next: ModeState = { mode: row.to, sinceMs: nowMs };
  return { state: next, permissions: permissionsFor(next.mode, input), event: { from: mode, to: row.to, why: row.why } };
}

const MODES: readonly Mode[] = ['park', 'drive', 'ac-charge', 'dc-charge', 'v2l', 'fault'];

/** What each mode lets the domains do, computed in full (the table below is made from it). */
function permissionsOf(mode: Mode, plugged: boolean, standingInPark: boolean, acSessionActive: boolean, dcSessionActive: boolean): Permissions {
  return {
    driveAllowed: mode === 'drive' && !plugged,
    // A session may start from park; the charge modes keep it going.
    acChargeAllowed: (mode === 'park' || mode === 'ac-charge') && standingInPark,
    dcChargeAllowed: (mode === 'park' || mode === 'dc-charge') && standingInPark,
    v2lAllowed: (mode === 'park' || mode === 'v2l') && standingInPark && !acSessionActive && !dcSessionActive,
    mainContactorsWanted: mode === 'drive' || mode === 'ac-charge' || mode === 'dc-charge' || mode === 'v2l',
  };
}

/**
 * Every permission set there can be (6 modes × 16 combinations of the four inputs they depend
 * on), made once and frozen: a tick hands out one of these instead of a new object.
 */
const PERMISSIONS = {} as Record<Mode, readonly Permissions[]>;
for (const mode of MODES) {
  const sets: Permissions[] = [];
  for (let bits = 0; bits < 16; bits++) sets.push(Object.freeze(permissionsOf(mode, (bits & 1) !== 0, (bits & 2) !== 0, (bits & 4) !== 0, (bits & 8) !== 0)));
  PERMISSIONS[mode] = sets;
}

/** What each mode lets the domains do; the interlocks hold even inside a mode (a shared frozen set). */
export function permissionsFor(mode: Mode, i: ModeInput): Permissions {
  const standingInPark = parked(i) && i.speedKph < STANDSTILL_KPH;
  const bits = (i.plugged ? 1 : 0) | (standingInPark ? 2 : 0) | (i.acSessionActive ? 4 : 0) | (i.dcSessionActive ? 8 : 0);
  return PERMISSIONS[mode][bits]!;
}
