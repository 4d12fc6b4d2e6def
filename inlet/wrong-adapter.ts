// Refusals: reasons the inlet will not charge (or supply V2L) with what is plugged, each with a
// text the HMI can show. While a refusal stands, no new AC or DC grant is given, so no relay or
// contactor closes; the band flags (AC adapter: no DC, DC adapter: no AC, V2L: neither) hold anyway.
import type { PilotClass } from './config.ts';
import type { LockFault } from './lock.ts';
import type { PathFault } from './path-arbitration.ts';
import type { ConnectorKind } from './types.ts';

export type RefusalCode =
  | 'pp-invalid' | 'pp-unknown' | 'ac-adapter-digital-pilot' | 'dc-adapter-ac-offer' | 'v2l-adapter-on-charger'
  | 'v2h-unsupported' | 'pilot-invalid-duty' | 'latch-pressed' | 'lock-fault' | 'path-fault' | 'not-parked';

export interface Refusal {
  code: RefusalCode;
  text: string;
}

export interface RefusalContext {
  ppInvalid: boolean;
  kind: ConnectorKind;
  latchPressed: boolean;
  /** Debounced pilot class. */
  pilotClass: PilotClass;
  /** An EVSE drives the pilot. */
  evsePresent: boolean;
  lockFault: LockFault | null;
  pathFault: PathFault | null;
  parked: boolean;
}

export const REFUSAL_TEXT: Record<RefusalCode, string> = {
  'pp-invalid': 'Charge port proximity sensor fault: charging unavailable',
  'pp-unknown': 'Unknown connector or adapter: charging refused',
  'ac-adapter-digital-pilot': 'AC-only adapter on a charger asking for digital (DC) communication: use the charger without this adapter',
  'dc-adapter-ac-offer': 'DC-only adapter on an AC charging station: use the AC (J1772) adapter instead',
  'v2l-adapter-on-charger': 'V2L adapter is connected to a charger: power output refused',
  'v2h-unsupported': 'Home power device detected: not supported yet',
  'pilot-invalid-duty': 'Charging station sends an invalid pilot signal: charging refused',
  'latch-pressed': 'Connector button is pressed: release it to charge',
  'lock-fault': 'Charge port lock fault: use the manual release to remove the cable',
  'path-fault': 'AC/DC charge switch fault: charging unavailable',
  'not-parked': 'Shift to Park to charge',
};

/** Ordered rules: the first that holds is the refusal shown. */
const RULES: readonly [RefusalCode, (c: RefusalContext) => boolean][] = [
  ['pp-invalid', (c) => c.ppInvalid],
  ['pp-unknown', (c) => c.kind === 'unknown'],
  ['v2h-unsupported', (c) => c.kind === 'v2h-device'],
  ['v2l-adapter-on-charger', (c) => c.kind === 'v2l-adapter' && c.evsePresent],
  ['ac-adapter-digital-pilot', (c) => c.kind === 'j1772-ac-adapter' && c.pilotClass === 'digital'],
  ['dc-adapter-ac-offer', (c) => c.kind === 'ccs1-dc-adapter' && c.pilotClass === 'ac'],
  ['pilot-invalid-duty', (c) => c.kind !== 'none' && (c.pilotClass === 'error' || c.pilotClass === 'not-allowed')],
  ['latch-pressed', (c) => c.kind !== 'none' && c.latchPressed],
  ['lock-fault', (c) => c.kind !== 'none' && c.lockFault !== null],
  ['path-fault', (c) => c.kind !== 'none' && c.pathFault !== null],
  ['not-parked', (c) => c.kind !== 'none' && !c.parked],
];

/** One frozen refusal per rule, built once (asked every tick). */
const REFUSALS: readonly Refusal[] = RULES.map(([code]) => Object.freeze({ code, text: REFUSAL_TEXT[code] }));

export function refusalFor(c: RefusalContext): Refusal | null {
  for (let k = 0; k < RULES.length; k++) if (RULES[k]![1](c)) return REFUSALS[k]!;
  return null;
}
