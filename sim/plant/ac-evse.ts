// An AC EVSE (J1772 / NACS AC): CP steady +12 V (B1) after plug-in, then the PWM current offer
// (B2); when the EV closes S2 (state C) it closes its contactor and AC appears on the pins; back
// to B it opens. PWM can be switched off (C1: the EV must stop drawing) and the offer changed,
// as load-management EVSEs do.
import type { CpSource, CpState } from './inlet-hw.ts';

export interface AcEvseProfile {
  name: string;
  connector: 'nacs' | 'j1772';
  /** RMS line voltage (chargers.md §2: 240 V L2, 120 V L1). */
  voltageV: number;
  /** Current offered through the duty cycle (chargers.md §2). */
  maxCurrentA: number;
  /** Steady +12 V before the PWM appears (PD). */
  cpReadyMs: number;
  /** EVSE contactor close after state C, and open after leaving C (PD: J1772 allows up to 3 s). */
  contactorCloseMs: number;
  contactorOpenMs: number;
}

export interface AcEvseEnv {
  connected: boolean;
  cpState: CpState;
}

/** pilot.md §2: duty ↔ current. Inverse of the EV's decoding; 6 A minimum, 80 A maximum. */
export function dutyForCurrentPct(currentA: number): number {
  const a = Math.min(80, Math.max(6, currentA));
  return a <= 51 ? a / 0.6 : a / 2.5 + 64;
}

export class AcEvse {
  cpSource: CpSource = { kind: 'none', dutyPct: 0 };
  contactorClosed = false;
  /** RMS voltage on the power pins. */
  acVoltageV = 0;
  offerA: number;
  pwmEnabled = true;
  /** The EVSE is powered (a power cut makes CP 0 V: state E). */
  powered = true;
  private connectedMs = NaN;
  private inCMs = 0;
  private outOfCMs = 0;

  constructor(readonly profile: AcEvseProfile) {
    this.offerA = profile.maxCurrentA;
  }

  /** Load management: change the offered current (clamped to the EVSE rating). */
  setOfferA(currentA: number): void {
    this.offerA = Math.min(this.profile.maxCurrentA, currentA);
  }

  setPwm(on: boolean): void {
    this.pwmEnabled = on;
  }

  step(dtMs: number, env: AcEvseEnv): void {
    const p = this.profile;
    if (!env.connected) {
      this.connectedMs = NaN;
      // New objects only on a change: this runs every tick while nothing AC is plugged.
      if (this.cpSource.kind !== 'none') this.cpSource = { kind: 'none', dutyPct: 0 };
      this.open();
      return;
    }
    this.connectedMs = Number.isNaN(this.connectedMs) ? 0 : this.connectedMs + dtMs;
    if (!this.powered) {
      if (this.cpSource.kind !== 'off') this.cpSource = { kind: 'off', dutyPct: 0 };
      this.open();
      return;
    }
    const pwm = this.pwmEnabled && this.connectedMs >= p.cpReadyMs;
    const duty = pwm ? dutyForCurrentPct(this.offerA) : 0;
    if (this.cpSource.kind !== (pwm ? 'pwm' : 'steady') || this.cpSource.dutyPct !== duty) {
      this.cpSource = { kind: pwm ? 'pwm' : 'steady', dutyPct: duty };
    }
    if (env.cpState === 'C' && pwm) {
      this.inCMs += dtMs;
      this.outOfCMs = 0;
      if (this.inCMs >= p.contactorCloseMs) this.contactorClosed = true;
    } else {
      this.inCMs = 0;
      this.outOfCMs += dtMs;
      if (this.outOfCMs >= p.contactorOpenMs) this.contactorClosed = false;
    }
    this.acVoltageV = this.contactorClosed ? p.voltageV : 0;
  }

  private open(): void {
    this.contactorClosed = false;
    this.acVoltageV = 0;
    this.inCMs = 0;
    this.outOfCMs = 0;
  }
}

export function createAcEvse(profile: AcEvseProfile): AcEvse {
  return new AcEvse(profile);
}
