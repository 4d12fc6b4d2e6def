// The user's settings and requests, from two places that act alike: the HMI's CAN frame (held
// levels; a change is a request) and the local API / dashboard (commands). The last one wins.
// Start, stop and V2L reset are one-tick pulses, so the domains see a clean edge each time.
import type { HmiCommand } from '../api/protocol.ts';
import type { Signals } from './signals.ts';

export type PaymentPreference = 'eim' | 'pnc' | 'none';

export interface Settings {
  chargeLimitPct: number;
  maxAcCurrentA: number | null;
  paymentPreference: PaymentPreference;
  precondition: boolean;
  /** Minutes from the HMI's clock, or null. */
  departureInMin: number | null;
  v2lOn: boolean;
  v2lFloorPct: number;
}

export interface Pulses {
  chargeStart: boolean;
  chargeStop: boolean;
  v2lReset: boolean;
  /** V2L asked on again while the level was already on: the level drops for this tick. */
  v2lRetrigger: boolean;
}

export interface SettingsConfig {
  chargeLimitPct: number;
  v2lFloorPct: number;
}

interface HmiLevels {
  chargeLimit: number;
  chargeRequest: string;
  maxAc: number | null;
  payment: string;
  precondition: boolean;
  departure: number | null;
  v2l: boolean;
  floor: number;
  reset: boolean;
}

export class SettingsKeeper {
  settings: Settings;
  private pending: Pulses = noPulses();
  private lastHmi: HmiLevels | undefined;

  constructor(defaults: SettingsConfig) {
    this.settings = {
      chargeLimitPct: defaults.chargeLimitPct, maxAcCurrentA: null, paymentPreference: 'none',
      precondition: false, departureInMin: null, v2lOn: false, v2lFloorPct: defaults.v2lFloorPct,
    };
  }

  /** Applies a command from the API or the dashboard (already validated by the API layer). */
  command(c: HmiCommand): void {
    const s = this.settings;
    switch (c.cmd) {
      case 'charge-limit': s.chargeLimitPct = c.pct; break;
      case 'charge-start': this.pending.chargeStart = true; break;
      case 'charge-stop': this.pending.chargeStop = true; break;
      case 'max-ac-current': s.maxAcCurrentA = c.amps; break;
      case 'payment-mode': s.paymentPreference = c.mode === 'off' ? 'none' : c.mode; break;
      case 'precondition': s.precondition = c.on; break;
      case 'v2l-on':
        if (c.floorPct !== undefined) s.v2lFloorPct = c.floorPct;
        if (s.v2lOn) this.pending.v2lRetrigger = true;
        s.v2lOn = true;
        break;
      case 'v2l-off': s.v2lOn = false; break;
      case 'v2l-floor': s.v2lFloorPct = c.pct; break;
      case 'v2l-reset': this.pending.v2lReset = true; break;
    }
  }

  /** Takes in the HMI frame's changes, then hands out this tick's pulses. */
  tick(signals: Signals, nowMs: number): Pulses {
    const hmi = readHmi(signals, nowMs);
    if (hmi) {
      const was = this.lastHmi;
      const s = this.settings;
      const changed = <K extends keyof HmiLevels>(k: K) => was === undefined || was[k] !== hmi[k];
      if (changed('chargeLimit') && hmi.chargeLimit > 0) s.chargeLimitPct = hmi.chargeLimit;
      if (changed('chargeRequest')) {
        if (hmi.chargeRequest === 'Start' && was !== undefined) this.pending.chargeStart = true;
        if (hmi.chargeRequest === 'Stop') this.pending.chargeStop = true;
      }
      if (changed('maxAc')) s.maxAcCurrentA = hmi.maxAc;
      if (changed('payment')) s.paymentPreference = hmi.payment === 'Pnc' ? 'pnc' : hmi.payment === 'Eim' ? 'eim' : 'none';
      if (changed('precondition')) s.precondition = hmi.precondition;
      if (changed('departure')) s.departureInMin = hmi.departure;
      if (changed('v2l') && (was !== undefined || hmi.v2l)) s.v2lOn = hmi.v2l;
      if (changed('floor') && hmi.floor > 0) s.v2lFloorPct = hmi.floor;
      if (changed('reset') && hmi.reset) this.pending.v2lReset = true;
      this.lastHmi = hmi;
    }
    const pulses = this.pending;
    this.pending = noPulses();
    return pulses;
  }
}

function noPulses(): Pulses {
  return { chargeStart: false, chargeStop: false, v2lReset: false, v2lRetrigger: false };
}

/** The HMI frame's levels, or undefined while it is missing or invalid (settings stay as they were). */
function readHmi(signals: Signals, nowMs: number): HmiLevels | undefined {
  const limit = signals.num('HMI_ChargeLimitSoc', nowMs);
  if (!limit.valid) return undefined;
  const maxAc = signals.store.read('HMI_MaxAcCurrent', nowMs);
  const departure = signals.store.read('HMI_DepartureTime', nowMs);
  const floor = signals.num('HMI_V2lSocFloor', nowMs);
  return {
    chargeLimit: limit.value,
    chargeRequest: signals.label('HMI_ChargeRequest', nowMs).value,
    // 127 = "NoLimit" (a label, so the range check marks it invalid): no user limit.
    maxAc: maxAc.valid && maxAc.value > 0 ? maxAc.value : null,
    payment: signals.label('HMI_PaymentPreference', nowMs).value,
    precondition: signals.flag('HMI_PreconditionRequest', nowMs).value,
    departure: departure.valid ? departure.value : null,
    v2l: signals.flag('HMI_V2lRequest', nowMs).value,
    floor: floor.valid ? floor.value : 0,
    reset: signals.flag('HMI_V2lReset', nowMs).value,
  };
}
