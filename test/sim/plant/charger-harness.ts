// A DC charger on a test bench: a stiff "pack" at packV behind contactors the test opens and closes,
// the EV side played by the test (phases, S2). Used by the dc-charger tests.
import type { DcChargerQuirks, DcPhase } from '../../../sim/plant/ccc-protocol.ts';
import { createDcCharger, type DcCharger } from '../../../sim/plant/dc-charger.ts';
import type { CpState } from '../../../sim/plant/inlet-hw.ts';
import { DC_CHARGERS, type DcChargerPresetName } from '../../../sim/presets/index.ts';
import { createRandom } from '../../../sim/random.ts';

export interface BenchOptions {
  packV?: number;
  /** Ohms between the charger's CV setpoint and the pack when loaded (pack + cable). */
  packOhm?: number;
  evMaxV?: number;
  quirks?: DcChargerQuirks;
  seed?: number;
}

export class ChargerBench {
  readonly charger: DcCharger;
  cpState: CpState = 'B';
  contactorsClosed = false;
  connected = true;
  packV: number;
  readonly packOhm: number;
  tMs = 0;

  constructor(profile: DcChargerPresetName, o: BenchOptions = {}) {
    this.charger = createDcCharger(DC_CHARGERS[profile], o.quirks ?? {}, createRandom(o.seed ?? 1));
    this.packV = o.packV ?? 400;
    this.packOhm = o.packOhm ?? 0.05;
    const c = this.charger.cmd;
    c.evMaxVoltageV = o.evMaxV ?? (this.packV > 500 ? 820 : 410);
    c.evMaxCurrentA = 1000;
    c.evMaxPowerW = 1e6;
    c.evReady = true;
  }

  /** One tick of the charger and the bench's network. */
  tick(dtMs = 10): void {
    const ch = this.charger;
    this.tMs += dtMs;
    ch.step(dtMs, { connected: this.connected, cpState: this.connected ? this.cpState : 'A' });
    if (this.contactorsClosed && this.connected) {
      const i = ch.sourceOn ? Math.max(0, Math.min(ch.sourceCurrentLimitA, (ch.sourceVoltageV - this.packV) / this.packOhm)) : 0;
      ch.applyOutput(true, this.packV + i * this.packOhm, i);
    } else ch.applyOutput(false, ch.isolatedVoltageV, 0);
  }

  run(ms: number, each?: () => void): void {
    for (let t = 0; t < ms; t += 10) {
      each?.();
      this.tick();
    }
  }

  /** Runs until pred holds (or throws after maxMs), returns the time it took. */
  until(pred: () => boolean, maxMs = 60_000, what = 'condition'): number {
    const start = this.tMs;
    while (!pred()) {
      if (this.tMs - start > maxMs) throw new Error(`${what} not reached in ${maxMs} ms (phase ${this.charger.status.phase}, ${this.charger.status.processing})`);
      this.tick();
    }
    return this.tMs - start;
  }

  ask(phase: DcPhase): void {
    this.charger.cmd.phase = phase;
  }

  /** Asks for a one-shot phase and waits for its final answer; returns the response time. */
  finish(phase: DcPhase, maxMs = 60_000): number {
    this.ask(phase);
    return this.until(() => this.charger.status.phase === phase && this.charger.status.processing === 'finished', maxMs, phase);
  }

  /** Everything up to and including the first CurrentDemand response. */
  toCurrentDemand(requestA: number, targetV = this.charger.cmd.evMaxVoltageV - 1): void {
    const ch = this.charger;
    this.until(() => ch.cpSource.kind === 'pwm', 5000, 'PWM');
    this.finish('sessionSetup');
    this.finish('chargeParameterDiscovery');
    this.cpState = 'C';
    this.finish('cableCheck');
    this.toPrecharged();
    this.contactorsClosed = true;
    this.finish('powerDeliveryStart');
    ch.cmd.evTargetCurrentA = requestA;
    ch.cmd.evTargetVoltageV = targetV;
    this.ask('currentDemand');
    this.until(() => ch.status.phase === 'currentDemand' && ch.status.processing === 'ongoing', 1000, 'first CurrentDemandRes');
  }

  toPrecharged(): void {
    const ch = this.charger;
    ch.cmd.evTargetVoltageV = this.packV;
    ch.cmd.evTargetCurrentA = 1;
    this.ask('preCharge');
    this.until(() => ch.status.processing === 'ongoing' && Math.abs(ch.isolatedVoltageV - this.packV) < 2, 20_000, 'precharge');
  }
}
