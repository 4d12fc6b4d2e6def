// The small objects the controller hands the domains each tick (requests between domains and
// the user's levels), kept as the same object while their fields read the same: nearly every
// tick, so no allocation, and the domains see an unchanged input as the very same object.
// The domains never mutate their inputs (DESIGN.md §11), so sharing them across ticks is safe.
import type { BmsRequests } from '../../bms/index.ts';
import type { DcRequest, HmiInput as InletHmi, V2lRequest } from '../../inlet/index.ts';
import type { HmiInput as DcHmi } from '../../inlet/dc/index.ts';
import type { HmiRequests } from '../../v2l/index.ts';
import type { ControllerView } from './view.ts';

/** The requests before the first tick: nothing wanted, something may be plugged (invariant 9). */
const FIRST_BMS_REQUESTS: BmsRequests = Object.freeze({
  mainClose: false, dcChargeClose: false, obcRelayClose: false, emergencyOpen: false, imdStandDown: false,
  plugged: true, dcSessionRequested: false, dcSessionPlanned: false, faultReset: false, serviceClear: false,
});
const NO_DC_REQUEST: DcRequest = Object.freeze({ active: false, wantLock: false, wantDcPath: false });
const NO_V2L_REQUEST: V2lRequest = Object.freeze({ active: false, wantLock: false, wantAcPath: false });

export class RequestKeeper {
  private bms: BmsRequests | undefined;
  private dc: DcRequest | undefined;
  private v2l: V2lRequest | undefined;
  private lastInletHmi: InletHmi | undefined;
  private lastDcHmi: DcHmi | undefined;
  private lastV2lHmi: HmiRequests | undefined;

  /** What the BMS is asked, from the last tick's view. */
  bmsRequests(prev: ControllerView | undefined): BmsRequests {
    if (prev === undefined) return FIRST_BMS_REQUESTS;
    const mainClose = prev.permissions.mainContactorsWanted || prev.v2l.requestMainContactors || prev.dc.closeDcContactors;
    const dcChargeClose = prev.dc.closeDcContactors && prev.inlet.path.dcContactorsAllowed;
    const dcViaConverter = prev.dc.plan?.path === 'boost';
    const obcRelayClose = prev.inlet.path.obcRelayCommand === 'closed';
    const imdStandDown = prev.dc.imdStandDown;
    const plugged = prev.inlet.connector.present;
    const dcSessionRequested = prev.dc.sessionActive;
    const dcSessionPlanned = prev.settings.precondition;
    const last = this.bms;
    if (
      last !== undefined && last.mainClose === mainClose && last.dcChargeClose === dcChargeClose && last.dcViaConverter === dcViaConverter
      && last.obcRelayClose === obcRelayClose && last.imdStandDown === imdStandDown && last.plugged === plugged
      && last.dcSessionRequested === dcSessionRequested && last.dcSessionPlanned === dcSessionPlanned
    ) return last;
    return (this.bms = {
      mainClose, dcChargeClose, dcViaConverter, obcRelayClose, emergencyOpen: false, imdStandDown, plugged,
      dcSessionRequested, dcSessionPlanned, faultReset: false, serviceClear: false,
    });
  }

  /** What the DC session asked of the port last tick. */
  dcRequest(prev: ControllerView | undefined): DcRequest {
    if (prev === undefined) return NO_DC_REQUEST;
    const active = prev.dc.sessionActive, wantLock = prev.dc.wantLock, wantDcPath = prev.dc.wantDcPath;
    const last = this.dc;
    if (last !== undefined && last.active === active && last.wantLock === wantLock && last.wantDcPath === wantDcPath) return last;
    return (this.dc = { active, wantLock, wantDcPath });
  }

  /** What V2L asked of the port last tick. */
  v2lRequest(prev: ControllerView | undefined): V2lRequest {
    if (prev === undefined) return NO_V2L_REQUEST;
    const active = prev.v2l.state !== 'off' && prev.v2l.state !== 'fault';
    const wantLock = prev.v2l.inverterCommand.enable, wantAcPath = prev.v2l.inverterCommand.enable;
    const last = this.v2l;
    if (last !== undefined && last.active === active && last.wantLock === wantLock && last.wantAcPath === wantAcPath) return last;
    return (this.v2l = { active, wantLock, wantAcPath });
  }

  /** The user's AC levels for the inlet (charge now; no unlock button yet). */
  inlet(maxAcCurrentA: number | null, chargeLimitSocPct: number, stopRequested: boolean): InletHmi {
    const last = this.lastInletHmi;
    if (last !== undefined && last.maxAcCurrentA === maxAcCurrentA && last.chargeLimitSocPct === chargeLimitSocPct && last.stopRequested === stopRequested) return last;
    return (this.lastInletHmi = { maxAcCurrentA, chargeLimitSocPct, schedule: { mode: 'now' }, stopRequested, unlockRequest: false });
  }

  /** The user's DC levels and this tick's start/stop pulses. */
  dcHmi(chargeLimitPct: number, startRequested: boolean, stopRequested: boolean, paymentPreference: DcHmi['paymentPreference']): DcHmi {
    const last = this.lastDcHmi;
    if (
      last !== undefined && last.chargeLimitPct === chargeLimitPct && last.startRequested === startRequested
      && last.stopRequested === stopRequested && last.paymentPreference === paymentPreference
    ) return last;
    return (this.lastDcHmi = { chargeLimitPct, startRequested, stopRequested, paymentPreference });
  }

  /** The user's V2L levels and this tick's reset pulse. */
  v2lHmi(v2lRequested: boolean, resetRequested: boolean, floorPct: number): HmiRequests {
    const last = this.lastV2lHmi;
    if (last !== undefined && last.v2lRequested === v2lRequested && last.resetRequested === resetRequested && last.floorPct === floorPct) return last;
    return (this.lastV2lHmi = { v2lRequested, resetRequested, floorPct });
  }
}
