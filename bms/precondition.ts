// Preconditioning: when a DC session is requested (plugged) or planned (HMI or navigation), ask the
// TMS to heat or cool toward the band where the charge map gives at least bestFraction of its best
// at the present SOC (heat to its low edge, cool to its high edge: the cheapest way into the band).
// Stops when reached (hysteresis restarts it), when unplugged, when cancelled, or after the planned
// budget. Protective cooling runs regardless of requests when the pack is hot. While a DC session
// runs, its heat keeps pushing the pack up: the band is the map's best (chargingBestFraction) and
// the hottest cell is held around its middle, so the chiller runs before the edge. The coolant is asked colder
// (warmer) than the cells by coolantOffsetK, or no heat would flow.
import type { BmsConfig } from './config.ts';
import type { BmsEvent, BmsRequests, TmsMode, TmsReason, TmsRequest } from './io.ts';
import type { PackSnapshot } from './monitoring.ts';
import { bestTempBand, type BandFinder } from './crate-map.ts';

export interface PreconditionState {
  readonly mode: TmsMode;
  readonly reason: TmsReason;
  /** Start of the present planned episode; NaN when none. */
  readonly plannedSinceMs: number;
  /** The planned episode ended (budget, unplug); re-armed when the plan is withdrawn. */
  readonly plannedSpent: boolean;
  readonly wasPlugged: boolean;
  /** The last request: an unchanged request is handed out again as the same object. */
  readonly request: TmsRequest;
}

const OFF: TmsRequest = Object.freeze({ mode: 'off', targetC: NaN, coolantTargetC: NaN, maxPowerW: 0, reason: 'none' });

export const INITIAL_PRECONDITION: PreconditionState = { mode: 'off', reason: 'none', plannedSinceMs: NaN, plannedSpent: false, wasPlugged: false, request: OFF };

export function preconditionStep(
  s: PreconditionState,
  req: BmsRequests,
  snap: PackSnapshot,
  socPct: number,
  cfg: BmsConfig,
  nowMs: number,
  events: BmsEvent[],
  /** bestTempBand on the charge map; the step passes its instance's memoized finder. */
  bands: BandFinder = (soc, fraction) => bestTempBand(cfg.chemistry.chargeMap, soc, fraction),
): { state: PreconditionState; request: TmsRequest } {
  const pc = cfg.precondition;
  const unplugged = s.wasPlugged && !req.plugged;
  let plannedSpent = req.dcSessionPlanned ? s.plannedSpent || unplugged : false;
  let plannedSinceMs = req.dcSessionPlanned && !plannedSpent ? (Number.isNaN(s.plannedSinceMs) ? nowMs : s.plannedSinceMs) : NaN;
  if (!Number.isNaN(plannedSinceMs) && nowMs - plannedSinceMs > pc.maxDurationMs) {
    plannedSpent = true;
    plannedSinceMs = NaN;
  }
  const tMin = snap.cellTempMinC;
  const tMax = snap.cellTempMaxC;
  let reason: TmsReason = 'none';
  if (req.dcSessionRequested && req.plugged) reason = 'dcSessionRequested';
  else if (!Number.isNaN(plannedSinceMs) && (req.plugged || socPct >= pc.minSocPct)) reason = 'dcSessionPlanned';

  let mode: TmsMode = 'off';
  let targetC = NaN;
  const cooling = s.mode === 'cool';
  const heating = s.mode === 'heat';
  if (Number.isNaN(tMin) || Number.isNaN(tMax)) {
    mode = 'off';
  } else if (tMax > (cooling && s.reason === 'protectiveCooling' ? pc.protectiveCoolTargetC : pc.protectiveCoolAboveC)) {
    mode = 'cool';
    targetC = pc.protectiveCoolTargetC;
    reason = 'protectiveCooling';
  } else if (reason !== 'none') {
    const charging = reason === 'dcSessionRequested';
    // Heating aims at the wide band (it is costly, and a charge warms the pack by itself); while
    // charging, cooling aims at the narrow band of the map's best.
    const band = bands(socPct, pc.bestFraction);
    const coolBand = charging ? bands(socPct, pc.chargingBestFraction) : band;
    // Running: continue to the band edge. Idle: start only beyond the hysteresis.
    const midC = (coolBand.lowC + coolBand.highC) / 2;
    const coolStartC = charging ? midC + pc.hysteresisK / 2 : band.highC + pc.hysteresisK;
    const coolToC = charging ? midC - pc.hysteresisK / 2 : band.highC;
    // Never heat while the hottest cell is where cooling would run (a charging pack's cold-plate
    // side reads low while its hot side is warm: heating then only feeds the hot side).
    if (tMin < band.lowC - (heating ? 0 : pc.hysteresisK) && tMax < coolToC) {
      mode = 'heat';
      targetC = band.lowC;
    } else if (tMax > (cooling ? coolToC : coolStartC)) {
      mode = 'cool';
      targetC = coolToC;
    }
  }
  const request = mode === 'off' ? OFF : requestFor(s.request, mode, targetC, coolantTarget(mode, targetC, cfg), mode === 'heat' ? pc.heatPowerW : pc.coolPowerW, reason);
  if (request.mode !== s.mode || request.reason !== s.reason) events.push({ kind: 'tms', mode: request.mode, reason: request.reason });
  const same = request === s.request && request.mode === s.mode && request.reason === s.reason && Object.is(plannedSinceMs, s.plannedSinceMs) && plannedSpent === s.plannedSpent && req.plugged === s.wasPlugged;
  const next: PreconditionState = same ? s : { mode: request.mode, reason: request.reason, plannedSinceMs, plannedSpent, wasPlugged: req.plugged, request };
  return { state: next, request };
}

/** The last request when every field is the same, else a new one (a steady request allocates nothing). */
function requestFor(last: TmsRequest, mode: TmsMode, targetC: number, coolantTargetC: number, maxPowerW: number, reason: TmsReason): TmsRequest {
  const same = last.mode === mode && Object.is(last.targetC, targetC) && Object.is(last.coolantTargetC, coolantTargetC) && last.maxPowerW === maxPowerW && last.reason === reason;
  return same ? last : { mode, targetC, coolantTargetC, maxPowerW, reason };
}

function coolantTarget(mode: TmsMode, cellTargetC: number, cfg: BmsConfig): number {
  const pc = cfg.precondition;
  const c = mode === 'heat' ? cellTargetC + pc.coolantOffsetK : cellTargetC - pc.coolantOffsetK;
  return Math.min(pc.coolantMaxC, Math.max(pc.coolantMinC, c));
}
