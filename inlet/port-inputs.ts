// Input preparation for the port step: which readings are usable, whether the inlet is proven
// dead, whether the car is parked, and the HMI's values (defaults while it is silent).
import type { AcBms, AcHmi, AcObc } from './ac-conditions.ts';
import type { InletConfig, SafetyConfig } from './config.ts';
import type { HmiInput, InletInput } from './port-types.ts';
import { isUsable, type ContactFeedback, type LockFeedback } from './types.ts';

export interface PreparedInputs {
  ppUsable: boolean;
  cpUsable: boolean;
  lockFeedback: LockFeedback | 'unknown';
  manualReleaseActive: boolean;
  pinTempsC: (number | null)[];
  obcRelay: ContactFeedback | 'unknown';
  dcPositive: ContactFeedback | 'unknown';
  dcNegative: ContactFeedback | 'unknown';
  inletVoltageV: number | null;
  /** |inlet current| or null. */
  inletCurrentA: number | null;
  bms: AcBms | null;
  obc: AcObc | null;
  hmi: AcHmi & { unlockRequest: boolean };
  /** Vehicle data usable and in Park at standstill. */
  parked: boolean;
  /** Vehicle data usable and not in Park or not at standstill. */
  notParked: boolean;
  moving: boolean;
}

function value<T>(r: { value: T; valid: boolean; ageMs: number }, maxAgeMs: number): T | null {
  return isUsable(r, maxAgeMs) ? r.value : null;
}

/** Charge now (no schedule): shared and frozen, read only. */
const NOW: AcHmi['schedule'] = Object.freeze({ mode: 'now' });

/** Every HMI field given (as the controller always sends it): the defaults below would change nothing,
 *  so the HMI's own object is used as it is (no copy per tick; the step only reads it). */
function isComplete(h: HmiInput): h is HmiInput & { stopRequested: boolean } {
  return h.maxAcCurrentA !== undefined && h.chargeLimitSocPct !== undefined && h.chargeLimitSocPct !== null
    && h.schedule !== undefined && h.schedule !== null && h.stopRequested !== undefined && h.stopRequested !== null
    && h.unlockRequest !== undefined && h.unlockRequest !== null;
}

export function prepareInputs(config: InletConfig, i: InletInput): PreparedInputs {
  const age = config.staleAfterMs;
  const hmi: HmiInput | null = value(i.hmi, age.hmiMs);
  const vehicle = value(i.vehicle, age.vehicleMs);
  const still = vehicle !== null && Math.abs(vehicle.speedKph) < config.safety.movingFromKph;
  const current = value(i.inletCurrentA, age.shuntMs);
  return {
    ppUsable: isUsable(i.ppOhm, age.inletNodeMs),
    cpUsable: isUsable(i.cp, age.inletNodeMs),
    lockFeedback: value(i.lockFeedback, age.inletNodeMs) ?? 'unknown',
    manualReleaseActive: value(i.manualRelease, age.inletNodeMs) === true,
    pinTempsC: [value(i.pinTempsC[0], age.inletNodeMs), value(i.pinTempsC[1], age.inletNodeMs)],
    obcRelay: value(i.obcRelay, age.pduMs) ?? 'unknown',
    dcPositive: value(i.dcContactorPositive, age.pduMs) ?? 'unknown',
    dcNegative: value(i.dcContactorNegative, age.pduMs) ?? 'unknown',
    inletVoltageV: value(i.inletVoltageV, age.shuntMs),
    inletCurrentA: current === null ? null : Math.abs(current),
    bms: value(i.bms, age.bmsMs),
    obc: value(i.obc, age.obcMs),
    hmi: hmi !== null && isComplete(hmi) ? hmi : {
      maxAcCurrentA: hmi?.maxAcCurrentA ?? null,
      chargeLimitSocPct: hmi?.chargeLimitSocPct ?? config.ac.defaultChargeLimitSocPct,
      schedule: hmi?.schedule ?? NOW,
      stopRequested: hmi?.stopRequested ?? false,
      unlockRequest: hmi?.unlockRequest ?? false,
    },
    parked: vehicle !== null && vehicle.gear === 'P' && still,
    // Missing vehicle data blocks new starts (parked is false) but does not stop a session:
    // the drive inhibit keeps the car from moving anyway.
    notParked: vehicle !== null && (vehicle.gear !== 'P' || !still),
    moving: vehicle !== null && !still,
  };
}

/**
 * Invariant 2's precondition: inlet voltage and current proven below the thresholds by the car's
 * own sensors; with the OBC relay not proven open, the OBC's AC voltage must be proven low too.
 * An unusable reading proves nothing.
 */
export function isInletDead(s: SafetyConfig, p: PreparedInputs): boolean {
  if (p.inletVoltageV === null || !(Math.abs(p.inletVoltageV) < s.unlockBelowV)) return false;
  if (p.inletCurrentA === null || !(p.inletCurrentA < s.unlockBelowA)) return false;
  if (p.obcRelay === 'open') return true;
  return p.obc !== null && Math.abs(p.obc.acVoltageV) < s.acLiveFromV;
}
