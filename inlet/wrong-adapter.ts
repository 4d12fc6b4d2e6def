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

/** One frozen refusal per code, built once (asked every tick). */
const REFUSAL = Object.fromEntries(
  (Object.keys(REFUSAL_TEXT) as RefusalCode[]).map((code) => [code, Object.freeze({ code, text: REFUSAL_TEXT[code] })]),
) as Readonly<Record<RefusalCode, Refusal>>;

/** Ordered rules, the first that holds is the refusal shown; plain tests in order (every tick, no call per rule). */
export function refusalFor(c: RefusalContext): Refusal | null {
  if (c.ppInvalid) return REFUSAL['pp-invalid'];
  const kind = c.kind;
  if (kind === 'unknown') return REFUSAL['pp-unknown'];
  if (kind === 'v2h-device') return REFUSAL['v2h-unsupported'];
  if (kind === 'v2l-adapter' && c.evsePresent) return REFUSAL['v2l-adapter-on-charger'];
  if (kind === 'j1772-ac-adapter' && c.pilotClass === 'digital') return REFUSAL['ac-adapter-digital-pilot'];
  if (kind === 'ccs1-dc-adapter' && c.pilotClass === 'ac') return REFUSAL['dc-adapter-ac-offer'];
  if (kind === 'none') return null; // every rule below needs something plugged
  if (c.pilotClass === 'error' || c.pilotClass === 'not-allowed') return REFUSAL['pilot-invalid-duty'];
  if (c.latchPressed) return REFUSAL['latch-pressed'];
  if (c.lockFault !== null) return REFUSAL['lock-fault'];
  if (c.pathFault !== null) return REFUSAL['path-fault'];
  if (!c.parked) return REFUSAL['not-parked'];
  return null;
}
