// The charge inlet's hardware: proximity pilot resistance (handle latch, adapters), the control pilot
// as the EV sees it (EVSE source + the EV's S2), the lock actuator with travel time, jam fault and
// manual release, DC-pin temperatures from I² × contact resistance, and the inlet bus voltage.
import type { Random } from '../random.ts';
import { Decay } from './util.ts';

export type CpState = 'A' | 'B' | 'C' | 'D' | 'E' | 'F';

/** What the EVSE drives on CP (pilot.md §1): steady +12 V (B1/C1), ±12 V PWM, 0 V, or −12 V. */
export interface CpSource {
  kind: 'none' | 'off' | 'steady' | 'pwm' | 'negative';
  dutyPct: number;
}

export const NO_CP_SOURCE: CpSource = { kind: 'none', dutyPct: 0 };

export interface AdapterSpec {
  name: string;
  /** What may flow through it: DC charge, AC charge, V2L out (pilot.md §6 PD table). */
  kind: 'dc' | 'ac' | 'v2l' | 'v2h';
  /** Series resistor in PP (handle adapters) or a fixed PP resistor (outlet adapters), Ω. */
  seriesOhm?: number;
  fixedOhm?: number;
  ratingA: number;
  ratingV: number;
  /** Extra contact resistance per DC pin (two more mated interfaces; PD). */
  pinExtraOhm: number;
}

export interface InletParams {
  /** pilot.md §3: 150 Ω latched, 480 Ω pressed; pull-up 330 Ω to 5 V, 2.7 kΩ to PE. */
  handleLatchedOhm: number;
  handlePressedOhm: number;
  ppPullUpOhm: number;
  ppPullDownOhm: number;
  ppSupplyV: number;
  /** Resistor tolerance drawn per plug-in (PD 1 %; the decoder's bands are ±10 %). */
  ppToleranceSigmaPct: number;
  /** Lock actuator travel (brief PD 300–600 ms), drawn once per car. */
  lockTravelMinMs: number;
  lockTravelMaxMs: number;
  /** Per-pin contact resistance of the mated pair (PD 0.2 mΩ) and its 1σ spread. */
  pinContactOhm: number;
  pinContactSpreadPct: number;
  /** Pin + surrounding copper (PD 400 J/K) and path to ambient (PD 0.8 K/W): τ ≈ 5 min,
   *  500 A steady ≈ ambient + 40 K (brief: a 500 A NACS session approaches 60–70 °C). */
  pinHeatCapacityJPerK: number;
  pinToAmbientKPerW: number;
  /** Measurement filter of CP duty and inlet voltage (PD). */
  measureTauMs: number;
}

export type LockPosition = 'unlocked' | 'locking' | 'locked' | 'unlocking';

export interface Plug {
  /** What is on the other side: a DC charger, an AC EVSE, or nothing (V2L/V2H outlet adapter). */
  source: 'dc' | 'ac' | 'none';
  adapter: AdapterSpec | null;
}

export interface InletEnv {
  cp: CpSource;
  /** Current through the two power pins (DC, or AC RMS). */
  pinCurrentA: number;
  inletVoltageV: number;
  ambientC: number;
}

export interface InletFaults {
  lockJammed: boolean;
  /** Broken PP wire (reads open) or any forced resistance. */
  ppOverrideOhm: number | null;
  cpShortedToPe: boolean;
  /** Multiplies a pin's contact resistance (a worn or dirty contact), index 0 = DC+, 1 = DC−. */
  pinResistanceFactor: [number, number];
}

export class InletHw {
  readonly cmd = { lock: false, s2Closed: false };
  readonly faults: InletFaults = { lockJammed: false, ppOverrideOhm: null, cpShortedToPe: false, pinResistanceFactor: [1, 1] };
  plug: Plug | null = null;
  latchPressed = false;
  ppResistanceOhm = Infinity;
  ppVoltageV = 0;
  cpState: CpState = 'A';
  cpDutyPct = 0;
  lockPosition: LockPosition = 'unlocked';
  /** Set by a manual release until the next lock command edge. */
  manuallyReleased = false;
  readonly pinTempC: [number, number];
  inletVoltageV = 0;
  private readonly lockTravelMs: number;
  private lockMovingMs = 0;
  private lastLockCmd = false;
  private readonly pinOhm: [number, number];
  private ppToleranceFactor = 1;
  /** The measurement filter's exp(−dt/τ), kept while dt stays the same. */
  private readonly measureFilter: Decay;

  constructor(
    readonly params: InletParams,
    ambientC: number,
    private readonly random: Random,
  ) {
    this.measureFilter = new Decay(params.measureTauMs / 1000);
    this.lockTravelMs = random.uniform(params.lockTravelMinMs, params.lockTravelMaxMs);
    const spread = (): number => params.pinContactOhm * Math.max(0.5, 1 + random.normal(0, params.pinContactSpreadPct / 100));
    this.pinOhm = [spread(), spread()];
    this.pinTempC = [ambientC, ambientC];
    this.updatePp();
  }

  connect(plug: Plug): void {
    this.plug = plug;
    this.latchPressed = false;
    this.ppToleranceFactor = 1 + this.random.normal(0, this.params.ppToleranceSigmaPct / 100);
    this.updatePp();
  }

  /** Pulls the plug out; refused (false) while the lock holds it. */
  tryUnplug(): boolean {
    if (this.plug === null) return true;
    if (this.lockPosition !== 'unlocked') return false;
    this.plug = null;
    this.latchPressed = false;
    this.updatePp();
    return true;
  }

  pressLatch(pressed: boolean): void {
    this.latchPressed = pressed;
    this.updatePp();
  }

  /** The emergency release cable: the pin retracts now, whatever was commanded. */
  manualRelease(): void {
    this.lockPosition = 'unlocked';
    this.lockMovingMs = 0;
    this.manuallyReleased = true;
  }

  private updatePp(): void {
    const p = this.params;
    let r = Infinity;
    const a = this.plug?.adapter;
    if (this.plug !== null) {
      if (a?.fixedOhm !== undefined) r = a.fixedOhm;
      else r = (a?.seriesOhm ?? 0) + (this.latchPressed ? p.handlePressedOhm : p.handleLatchedOhm);
      r *= this.ppToleranceFactor;
    }
    if (this.faults.ppOverrideOhm !== null) r = this.faults.ppOverrideOhm;
    this.ppResistanceOhm = r;
    const rp = Number.isFinite(r) ? (r * p.ppPullDownOhm) / (r + p.ppPullDownOhm) : p.ppPullDownOhm;
    this.ppVoltageV = (p.ppSupplyV * rp) / (rp + p.ppPullUpOhm);
  }

  step(dtMs: number, env: InletEnv): void {
    this.updatePp();
    this.stepCp(dtMs, env.cp);
    this.stepLock(dtMs);
    this.stepPins(dtMs, env);
    this.inletVoltageV = this.measureFilter.lag(this.inletVoltageV, env.inletVoltageV, dtMs / 1000);
  }

  private stepCp(dtMs: number, cp: CpSource): void {
    const src = this.plug === null ? NO_CP_SOURCE : cp;
    let state: CpState;
    if (this.faults.cpShortedToPe) state = 'E';
    else if (src.kind === 'none') state = 'A';
    else if (src.kind === 'off') state = 'E';
    else if (src.kind === 'negative') state = 'F';
    else state = this.cmd.s2Closed ? 'C' : 'B';
    this.cpState = state;
    const duty = src.kind === 'pwm' && state !== 'E' ? src.dutyPct : 0;
    this.cpDutyPct = duty === 0 ? 0 : this.measureFilter.lag(this.cpDutyPct, duty, dtMs / 1000);
  }

  private stepLock(dtMs: number): void {
    const want = this.cmd.lock;
    if (want !== this.lastLockCmd) {
      this.lastLockCmd = want;
      this.manuallyReleased = false;
      if (want && this.lockPosition !== 'locked') this.startLock('locking');
      if (!want && this.lockPosition !== 'unlocked') this.startLock('unlocking');
    }
    if (this.lockPosition !== 'locking' && this.lockPosition !== 'unlocking') return;
    if (this.faults.lockJammed) return; // motor stalls between the end switches
    this.lockMovingMs -= dtMs;
    if (this.lockMovingMs <= 0) this.lockPosition = this.lockPosition === 'locking' ? 'locked' : 'unlocked';
  }

  private startLock(to: 'locking' | 'unlocking'): void {
    // Reversing mid-travel only needs the distance already covered.
    const moving = this.lockPosition === 'locking' || this.lockPosition === 'unlocking';
    this.lockMovingMs = moving ? this.lockTravelMs - this.lockMovingMs : this.lockTravelMs;
    this.lockPosition = to;
  }

  private stepPins(dtMs: number, env: InletEnv): void {
    const p = this.params;
    const dtS = dtMs / 1000;
    const extra = this.plug?.adapter?.pinExtraOhm ?? 0;
    const i2 = this.plug === null ? 0 : env.pinCurrentA * env.pinCurrentA;
    for (let k = 0; k < 2; k++) {
      const t = this.pinTempC[k]!;
      const heat = i2 * (this.pinOhm[k]! * this.faults.pinResistanceFactor[k]! + extra);
      const loss = (t - env.ambientC) / p.pinToAmbientKPerW;
      this.pinTempC[k] = t + ((heat - loss) * dtS) / p.pinHeatCapacityJPerK;
    }
  }

  /** Lock feedback as the end switches report it. */
  get lockFeedback(): 'unlocked' | 'locked' | 'between' {
    return this.lockPosition === 'locked' ? 'locked' : this.lockPosition === 'unlocked' ? 'unlocked' : 'between';
  }
}

export function createInletHw(params: InletParams, ambientC: number, random: Random): InletHw {
  return new InletHw(params, ambientC, random.fork('inlet'));
}
