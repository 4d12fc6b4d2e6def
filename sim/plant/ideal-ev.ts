// A scripted stand-in for packpilot that drives a CarPlant's commands directly (no CAN): the DC
// session in DESIGN.md §4 order with an ideal current request. Used by the calibration and by the
// plant tests; it is not the controller and checks little — a wrong plant shows up as a stage
// that never ends.
import type { CarPlant } from './car-plant.ts';
import type { DcPhase } from './ccc-protocol.ts';

export type IdealEvStage =
  | 'waitPwm' | 'precharge' | 'closeMains' | 'sessionSetup' | 'chargeParameterDiscovery' | 'lock'
  | 'cableCheck' | 'preCharge' | 'closeDc' | 'powerDeliveryStart' | 'charging' | 'powerDeliveryStop'
  | 'openDc' | 'weldingDetection' | 'sessionStop' | 'done' | 'failed';

export interface IdealEvOptions {
  targetSocPct: number;
  /** Battery charge limit (A) for the present pack state: the BMS map stand-in. */
  batteryLimitA: (plant: CarPlant) => number;
  /** EVMaximumVoltageLimit to announce in direct mode (cells.md §5: 410 / 820 V). */
  evMaxVoltageV: number;
  /** Cell CV voltage (cells.md §2: 4.20 V). */
  cellMaxV: number;
  /** Chiller on above this mean pack temperature (°C). */
  coolAboveC: number;
}

/** timeouts.md §3 / pilot.md §7. */
const PRECHARGE_MATCH_V = 10;
const PRECHARGE_REQUEST_A = 1;
const CONTACTOR_SETTLE_MS = 100;
const WELD_DONE_V = 40;
/** PD for the boost path: hold the bus this far below the charger's maximum. */
const BOOST_BUS_MARGIN_V = 20;

export class IdealEv {
  stage: IdealEvStage = 'waitPwm';
  boost = false;
  /** Stage history for reports and test failures. */
  readonly history: { stage: IdealEvStage; atMs: number }[] = [];
  private sinceMs = 0;
  private readonly startMs: number;

  constructor(
    private readonly plant: CarPlant,
    readonly options: IdealEvOptions,
  ) {
    this.startMs = plant.timeMs;
    this.history.push({ stage: this.stage, atMs: plant.timeMs });
  }

  private go(stage: IdealEvStage): void {
    this.stage = stage;
    this.sinceMs = 0;
    this.history.push({ stage, atMs: this.plant.timeMs });
  }

  private ask(phase: DcPhase): void {
    this.plant.ccc.cmd.phase = phase;
  }

  private answered(phase: DcPhase): boolean {
    const s = this.plant.ccc.status;
    if (s.phase === phase && s.responseCode !== 'ok') this.go('failed');
    return s.phase === phase && s.processing === 'finished' && s.responseCode === 'ok';
  }

  /** Call once per tick before plant.step. */
  step(dtMs: number): void {
    const p = this.plant;
    this.sinceMs += dtMs;
    p.pdu.heartbeat();
    this.thermal();
    const c = p.ccc.cmd;
    c.evMaxVoltageV = this.boost ? (p.boost?.params.maxInputVoltageV ?? 500) : this.options.evMaxVoltageV;
    c.evMaxCurrentA = 1000;
    c.evMaxPowerW = 1e6;
    c.evSocPct = p.pack.socPct;
    c.evReady = true;
    switch (this.stage) {
      case 'waitPwm':
        if (p.inlet.cpDutyPct > 4 && p.inlet.cpDutyPct < 6) {
          p.pdu.cmd.mainNeg = true;
          p.pdu.cmd.precharge = true;
          this.go('precharge');
        }
        return;
      case 'precharge':
        if (Math.abs(p.pack.terminalVoltageV - p.pdu.linkVoltageV) < PRECHARGE_MATCH_V) {
          p.pdu.cmd.mainPos = true;
          this.go('closeMains');
        }
        return;
      case 'closeMains':
        if (p.pdu.feedback.mainPos && p.pdu.feedback.mainNeg) {
          p.pdu.cmd.precharge = false;
          this.ask('sessionSetup');
          this.go('sessionSetup');
        }
        return;
      case 'sessionSetup':
        if (this.answered('sessionSetup')) this.then('chargeParameterDiscovery');
        return;
      case 'chargeParameterDiscovery':
        if (this.answered('chargeParameterDiscovery')) this.plan();
        return;
      case 'lock':
        if (p.inlet.lockFeedback === 'locked') {
          p.inlet.cmd.s2Closed = true;
          p.imd.cmd.standDown = true;
          this.then('cableCheck');
        }
        return;
      case 'cableCheck':
        if (this.answered('cableCheck')) {
          p.imd.cmd.standDown = false;
          this.then('preCharge');
        }
        return;
      case 'preCharge': {
        const target = this.busTargetV();
        c.evTargetVoltageV = target;
        c.evTargetCurrentA = PRECHARGE_REQUEST_A;
        if (this.sinceMs > 500 && Math.abs(p.inlet.inletVoltageV - target) < PRECHARGE_MATCH_V) {
          p.pdu.cmd.dcPos = true;
          p.pdu.cmd.dcNeg = true;
          this.go('closeDc');
        }
        return;
      }
      case 'closeDc':
        if (p.pdu.feedback.dcPos && p.pdu.feedback.dcNeg && this.sinceMs > CONTACTOR_SETTLE_MS) {
          c.evTargetCurrentA = 0;
          this.then('powerDeliveryStart');
        }
        return;
      case 'powerDeliveryStart':
        if (this.answered('powerDeliveryStart')) this.then('currentDemand', 'charging');
        return;
      case 'charging':
        this.request();
        if (p.pack.socPct >= this.options.targetSocPct || p.ccc.status.evseStatus !== 'ready') {
          c.evTargetCurrentA = 0;
          this.then('powerDeliveryStop');
        }
        return;
      case 'powerDeliveryStop':
        if (this.answered('powerDeliveryStop') && Math.abs(p.pack.currentInA) < 5) {
          p.inlet.cmd.s2Closed = false;
          p.pdu.cmd.dcPos = false;
          p.pdu.cmd.dcNeg = false;
          if (p.boost) p.boost.cmd.mode = 'off';
          this.go('openDc');
        }
        return;
      case 'openDc':
        if (!p.pdu.feedback.dcPos && !p.pdu.feedback.dcNeg) this.then('weldingDetection');
        return;
      case 'weldingDetection':
        if (p.ccc.status.phase === 'weldingDetection' && p.ccc.status.presentVoltageV < WELD_DONE_V && p.ccc.status.responseCount > 0) {
          this.then('sessionStop');
        }
        return;
      case 'sessionStop':
        if (this.answered('sessionStop')) {
          p.inlet.cmd.lock = false;
          this.go('done');
        }
        return;
      default:
        return;
    }
  }

  private then(phase: DcPhase, stage: IdealEvStage = phase as IdealEvStage): void {
    this.ask(phase);
    this.go(stage);
  }

  /** Direct when the charger reaches the pack's CV voltage, else boost (DESIGN.md §4). */
  private plan(): void {
    const p = this.plant;
    const needV = p.pack.cellCount * this.options.cellMaxV;
    this.boost = p.ccc.status.evseMaxVoltageV < needV && p.boost !== null;
    if (p.boost) p.boost.cmd.mode = this.boost ? 'boost' : 'bypass';
    p.inlet.cmd.lock = true;
    this.go('lock');
  }

  private busTargetV(): number {
    const p = this.plant;
    if (!this.boost) return p.pack.terminalVoltageV;
    return p.ccc.status.evseMaxVoltageV - BOOST_BUS_MARGIN_V;
  }

  /** Ideal request: min(battery map, CV taper, charger limits), then through the boost if used. */
  private request(): void {
    const p = this.plant;
    const s = p.ccc.status;
    const c = p.ccc.cmd;
    const o = this.options;
    const packA = Math.max(0, Math.min(o.batteryLimitA(p), p.pack.currentForCellVoltageA(o.cellMaxV)));
    if (!this.boost) {
      const v = Math.max(p.pack.terminalVoltageV, 1);
      c.evTargetVoltageV = o.evMaxVoltageV - 1;
      c.evTargetCurrentA = Math.min(packA, s.evseMaxCurrentA, s.evseMaxPowerW / v);
      return;
    }
    const b = p.boost!;
    const busV = this.busTargetV();
    const inA = (packA * p.pack.terminalVoltageV) / (b.params.efficiency * busV);
    const limitA = Math.min(inA, s.evseMaxCurrentA, s.evseMaxPowerW / busV, b.deratedMaxPowerW / busV, b.params.maxInputCurrentA);
    c.evTargetVoltageV = busV;
    c.evTargetCurrentA = Math.max(0, limitA);
    b.cmd.inputCurrentLimitA = Math.max(0, limitA);
  }

  private thermal(): void {
    const p = this.plant;
    p.tms.cmd.pumpOn = true;
    p.tms.cmd.coolW = p.pack.meanTempC() > this.options.coolAboveC ? p.tms.params.chillerMaxW : 0;
  }

  get elapsedMs(): number {
    return this.plant.timeMs - this.startMs;
  }
}
