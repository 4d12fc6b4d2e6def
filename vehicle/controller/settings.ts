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

export interface HmiLevels {
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
  /** Pulses asked for since the last tick; undefined when none (nearly every tick). */
  private pending: Pulses | undefined;
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
      case 'charge-start': this.pulses().chargeStart = true; break;
      case 'charge-stop': this.pulses().chargeStop = true; break;
      case 'max-ac-current': s.maxAcCurrentA = c.amps; break;
      case 'payment-mode': s.paymentPreference = c.mode === 'off' ? 'none' : c.mode; break;
      case 'precondition': s.precondition = c.on; break;
      case 'v2l-on':
        if (c.floorPct !== undefined) s.v2lFloorPct = c.floorPct;
        if (s.v2lOn) this.pulses().v2lRetrigger = true;
        s.v2lOn = true;
        break;
      case 'v2l-off': s.v2lOn = false; break;
      case 'v2l-floor': s.v2lFloorPct = c.pct; break;
      case 'v2l-reset': this.pulses().v2lReset = true; break;
    }
  }

  /** Takes in the HMI frame's changes, then hands out this tick's pulses. */
  tick(reader: HmiReader, nowMs: number): Pulses {
    const hmi = reader.changed() ? reader.read(nowMs) : undefined;
    if (hmi) {
      const was = this.lastHmi;
      const s = this.settings;
      const first = was === undefined;
      // Written out (no closure per tick): a level acts when it differs from the last frame's.
      if ((first || was.chargeLimit !== hmi.chargeLimit) && hmi.chargeLimit > 0) s.chargeLimitPct = hmi.chargeLimit;
      if (first || was.chargeRequest !== hmi.chargeRequest) {
        if (hmi.chargeRequest === 'Start' && !first) this.pulses().chargeStart = true;
        if (hmi.chargeRequest === 'Stop') this.pulses().chargeStop = true;
      }
      if (first || was.maxAc !== hmi.maxAc) s.maxAcCurrentA = hmi.maxAc;
      if (first || was.payment !== hmi.payment) s.paymentPreference = hmi.payment === 'Pnc' ? 'pnc' : hmi.payment === 'Eim' ? 'eim' : 'none';
      if (first || was.precondition !== hmi.precondition) s.precondition = hmi.precondition;
      if (first || was.departure !== hmi.departure) s.departureInMin = hmi.departure;
      if ((first || was.v2l !== hmi.v2l) && (!first || hmi.v2l)) s.v2lOn = hmi.v2l;
      if ((first || was.floor !== hmi.floor) && hmi.floor > 0) s.v2lFloorPct = hmi.floor;
      if ((first || was.reset !== hmi.reset) && hmi.reset) this.pulses().v2lReset = true;
      this.lastHmi = hmi;
    }
    const pulses = this.pending ?? NO_PULSES;
    this.pending = undefined;
    return pulses;
  }

  /** This tick's pulses, made when the first one is asked for. */
  private pulses(): Pulses {
    return (this.pending ??= { chargeStart: false, chargeStop: false, v2lReset: false, v2lRetrigger: false });
  }
}

/** No pulse (nearly every tick): one shared frozen object. */
const NO_PULSES: Pulses = Object.freeze({ chargeStart: false, chargeStop: false, v2lReset: false, v2lRetrigger: false });

const HMI_NAMES = {
  limit: 'HMI_ChargeLimitSoc', maxAc: 'HMI_MaxAcCurrent', departure: 'HMI_DepartureTime', floor: 'HMI_V2lSocFloor',
  request: 'HMI_ChargeRequest', payment: 'HMI_PaymentPreference', precondition: 'HMI_PreconditionRequest',
  v2l: 'HMI_V2lRequest', reset: 'HMI_V2lReset',
} as const;

/** Reads the HMI's request frame; signals resolved once, when made. */
export class HmiReader {
  private readonly s;
  /** The HMI frame's version at the last read; -1: read every tick (see `changed`). */
  private seenVersion = -1;
  private readonly skipUnchanged: boolean;

  constructor(private readonly signals: Signals) {
    this.s = signals.resolve(HMI_NAMES);
    // All levels in one plain (unmultiplexed) message: they share one receive time and change only with its frames.
    const store = signals.store;
    const messages = new Set(Object.values(this.s).map((sig) => store.messageOf(sig.handle)));
    const [only] = messages;
    this.skipUnchanged = messages.size === 1 && only!.signals.every((x) => !x.isMultiplexer && x.multiplexerSwitch === undefined);
  }

  /**
   * Whether a frame arrived since the last read. If none did, a read would give the last levels
   * again or nothing (stale), and neither changes a setting: the tick skips it.
   */
  changed(): boolean {
    if (!this.skipUnchanged) return true;
    const version = this.signals.store.version(this.s.limit.handle);
    if (version === this.seenVersion) return false;
    this.seenVersion = version;
    return true;
  }

  /** The HMI frame's levels, or undefined while it is missing or invalid (settings stay as they were). */
  read(nowMs: number): HmiLevels | undefined {
    const { signals, s } = this;
    const limit = signals.num(s.limit, nowMs);
    if (!limit.valid) return undefined;
    const maxAc = signals.num(s.maxAc, nowMs);
    const departure = signals.num(s.departure, nowMs);
    const floor = signals.num(s.floor, nowMs);
    return {
      chargeLimit: limit.value,
      chargeRequest: signals.label(s.request, nowMs).value,
      // 127 = "NoLimit" (a label, so the range check marks it invalid): no user limit.
      maxAc: maxAc.valid && maxAc.value > 0 ? maxAc.value : null,
      payment: signals.label(s.payment, nowMs).value,
      precondition: signals.flag(s.precondition, nowMs).value,
      departure: departure.valid ? departure.value : null,
      v2l: signals.flag(s.v2l, nowMs).value,
      floor: floor.valid ? floor.value : 0,
      reset: signals.flag(s.reset, nowMs).value,
    };
  }
}
