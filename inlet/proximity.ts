// Proximity pilot: resistance → connector, latch and rating, debounced.
// Toward safety at once (latch pressed, something plugged), toward permission only after the
// band has held for the debounce time (reference/pilot.md §6 PD: 200 ms).
import type { PortMemo } from './port-memo.ts';
import type { PpBand, ProximityConfig } from './config.ts';
import type { ConnectorKind, LatchPosition, Reading } from './types.ts';

/** What one PP sample means. */
export interface PpDecoded {
  /** 'band' = inside a band; 'invalid' = the reading itself is unusable. */
  source: 'none' | 'band' | 'unknown' | 'invalid';
  kind: ConnectorKind;
  latch: LatchPosition | null;
  band: PpBand | null;
}

export interface ProximityState {
  stable: PpDecoded;
  candidate: PpDecoded;
  candidateSinceMs: number;
}

export interface ConnectorView {
  /** Debounced kind. */
  kind: ConnectorKind;
  /** Debounced band's name, or 'none' / 'unknown' / 'invalid'. */
  bandName: string;
  /** Debounced latched (or a fixed device), and the latest sample does not show the latch pressed. */
  latched: boolean;
  /** Pressed now (latest sample) or debounced. */
  latchPressed: boolean;
  /** Cap from the cable or adapter (the inlet rating when PP codes none); 0 when nothing usable. */
  ratingA: number;
  /** The debounced band permits AC / DC and the plug is latched (before refusals). New grants also need `settled`. */
  acAllowed: boolean;
  dcAllowed: boolean;
  v2lAdapter: boolean;
  isAdapter: boolean;
  /** Something may be plugged: latest sample or debounced shows anything but "nothing". */
  present: boolean;
  /** The PP reading has been unusable for the debounce time. */
  ppInvalid: boolean;
  /** The latest sample, undebounced. */
  raw: PpDecoded;
  /** The latest sample agrees with the debounced value. */
  settled: boolean;
}

const NOTHING: PpDecoded = { source: 'none', kind: 'none', latch: null, band: null };

export function initialProximityState(): ProximityState {
  return { stable: NOTHING, candidate: NOTHING, candidateSinceMs: 0 };
}

/** Decodes one resistance sample against the band table (an open circuit may read as Infinity). */
export function decodePp(ohms: number, usable: boolean, config: ProximityConfig): PpDecoded {
  if (!usable || Number.isNaN(ohms) || ohms < 0) return { source: 'invalid', kind: 'unknown', latch: null, band: null };
  if (ohms >= config.nothingAboveOhm) return NOTHING;
  let band: PpBand | undefined;
  for (const b of config.bands) if (ohms >= b.minOhm && ohms <= b.maxOhm) { band = b; break; }
  if (band === undefined) return { source: 'unknown', kind: 'unknown', latch: null, band: null };
  return { source: 'band', kind: band.kind, latch: band.latch, band };
}

export function decodedKey(d: PpDecoded): string {
  return d.band?.name ?? d.source;
}

export function proximityStep(
  config: ProximityConfig,
  inletRatingA: number,
  state: ProximityState,
  pp: Reading<number>,
  ppUsable: boolean,
  nowMs: number,
  memo?: PortMemo,
): { state: ProximityState; connector: ConnectorView } {
  const raw = decodePp(pp.value, ppUsable, config);
  let { stable, candidate, candidateSinceMs } = state;
  if (decodedKey(raw) !== decodedKey(candidate)) {
    candidate = raw;
    candidateSinceMs = nowMs;
  }
  if (nowMs - candidateSinceMs >= config.debounceMs) stable = candidate;
  // Unchanged (every tick of a seated plug): the same state object.
  const same = stable === state.stable && candidate === state.candidate && candidateSinceMs === state.candidateSinceMs;
  const next = same ? state : { stable, candidate, candidateSinceMs };
  return { state: next, connector: memo === undefined ? connectorView(stable, raw, inletRatingA) : keptView(memo, stable, raw, inletRatingA) };
}

/** connectorView, or the memo's last view while the debounced sample is the same object and the latest
 *  one is in the same band (or the same bandless source): every field would read the same. */
function keptView(memo: PortMemo, stable: PpDecoded, raw: PpDecoded, inletRatingA: number): ConnectorView {
  const last = memo.view;
  if (last !== undefined && memo.stable === stable && memo.rawBand === raw.band && memo.rawSource === raw.source && memo.inletRatingA === inletRatingA) return last;
  const view = connectorView(stable, raw, inletRatingA);
  memo.view = view;
  memo.stable = stable;
  memo.rawBand = raw.band;
  memo.rawSource = raw.source;
  memo.inletRatingA = inletRatingA;
  return view;
}

function connectorView(stable: PpDecoded, raw: PpDecoded, inletRatingA: number): ConnectorView {
  const settled = decodedKey(stable) === decodedKey(raw);
  const band = stable.band;
  const pressedNow = raw.latch === 'pressed' && raw.kind === stable.kind;
  const latched = band !== null && stable.latch !== 'pressed' && !pressedNow;
  const latchPressed = stable.latch === 'pressed' || pressedNow;
  const ratingA = band === null ? 0 : Math.min(band.ratingA ?? inletRatingA, inletRatingA);
  return {
    kind: stable.kind,
    bandName: decodedKey(stable),
    latched,
    latchPressed,
    ratingA,
    acAllowed: latched && band.acAllowed,
    dcAllowed: latched && band.dcAllowed,
    v2lAdapter: latched && band.v2l,
    isAdapter: band !== null && band.kind !== 'nacs' && band.kind !== 'j1772',
    present: stable.source !== 'none' || raw.source !== 'none',
    ppInvalid: stable.source === 'invalid',
    raw,
    settled,
  };
}
