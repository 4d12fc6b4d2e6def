// Isolation supervision from the vehicle IMD (pilot.md §7): warning below warnOhmPerV, fault below
// faultOhmPerV, per volt of the pack's maximum voltage (IEC 61851-23:2014 convention, conservative
// over the present voltage). While the charger's cable check measures, two IMDs on one bus would
// read each other, so the vehicle IMD stands down; the stand-down is bounded so it cannot stay off.
import type { BmsConfig } from './config.ts';
import type { BmsInput } from './io.ts';
import type { PackSnapshot } from './monitoring.ts';
import { BAD, GOOD, NO_EVIDENCE } from './diagnosis.ts';

export interface IsolationState {
  /** Since when a stand-down has been requested; NaN when not. */
  readonly standDownSinceMs: number;
}

export const INITIAL_ISOLATION: IsolationState = { standDownSinceMs: NaN };

export interface IsolationResult {
  readonly state: IsolationState;
  readonly standDown: boolean;
  readonly standDownTooLong: boolean;
  /** NaN when not measured (stand-down, self-test, IMD silent or faulty). */
  readonly ohmPerV: number;
  /** Evidence for the isolation warning, fault and IMD-unavailable entries. */
  readonly warnEvidence: number;
  readonly faultEvidence: number;
  readonly imdEvidence: number;
}

export function isolationStep(s: IsolationState, input: BmsInput, snap: PackSnapshot, cfg: BmsConfig, nowMs: number): IsolationResult {
  const ic = cfg.isolation;
  const asked = input.requests.imdStandDown && input.requests.plugged;
  const since = asked ? (Number.isNaN(s.standDownSinceMs) ? nowMs : s.standDownSinceMs) : NaN;
  const tooLong = asked && nowMs - since > ic.standDownMaxMs;
  const standDown = asked && !tooLong;
  const status = input.imdStatus;
  const statusUsable = status.valid && status.ageMs <= cfg.monitoring.imdStaleMs;
  const measuring = statusUsable && status.value === 'measuring' && !Number.isNaN(snap.isolationKOhm);
  const ohmPerV = !standDown && measuring ? (snap.isolationKOhm * 1000) / cfg.pack.maxVoltageV : NaN;
  const known = !Number.isNaN(ohmPerV);
  // A self-test or stand-down is expected silence: no evidence either way.
  const expectedSilence = standDown || (statusUsable && status.value === 'selfTest');
  const imdEvidence = expectedSilence ? NO_EVIDENCE : measuring ? GOOD : BAD;
  return {
    state: Object.is(since, s.standDownSinceMs) ? s : { standDownSinceMs: since },
    standDown,
    standDownTooLong: tooLong,
    ohmPerV,
    warnEvidence: known ? (ohmPerV < ic.warnOhmPerV ? BAD : GOOD) : NO_EVIDENCE,
    faultEvidence: known ? (ohmPerV < ic.faultOhmPerV ? BAD : GOOD) : NO_EVIDENCE,
    imdEvidence,
  };
}
