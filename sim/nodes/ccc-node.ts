// CCC node: CCC_EvRequest / CCC_EvLimits / CCC_EvStatus → the charger model's request (through
// CccSession, which adds what the model does not run itself); the session status, the EVSE's
// present output and its limits back to packpilot. Values the EVSE has not sent yet are SNA.
import type { EvseStatus, IsolationStatus } from '../plant/ccc-protocol.ts';
import { SimNode, type NodeContext } from './node.ts';
import type { RxMessage } from './rx.ts';
import type { TxMessage } from './tx.ts';
import { CccSession, EV_ENDED_LOOPS, LINK, PHASE, RESULT, canPhase, isMated, type CccRequest } from './ccc-session.ts';

const EVSE_STATUS: Readonly<Record<EvseStatus, number>> = { notReady: 0, ready: 1, shutdown: 2, emergencyShutdown: 5, malfunction: 6 };
const EVSE_ISOLATION_MONITORING_ACTIVE = 4;
const ISOLATION: Readonly<Record<IsolationStatus, number>> = { invalid: 0, valid: 1, warning: 2, fault: 3 };
const PROTOCOL_DIN = 1;
const PROTOCOL_ISO2 = 2;
const NOTIFY_NONE = 0;
const NOTIFY_STOP = 1;
/** EVSE figures the model has no field for (PD, typical CPD answers): min current, ripple. */
const EVSE_MIN_CURRENT_A = 0;
const EVSE_PEAK_RIPPLE_A = 5;
/** Present voltage this close to the EVSE maximum counts as "voltage limit achieved" (PD). */
const VOLTAGE_LIMIT_MARGIN_V = 1;
type TxField = 'phaseReported' | 'phaseResult' | 'protocol' | 'statusCode' | 'isolation' | 'notification' | 'notificationDelay'
  | 'eim' | 'pnc' | 'link' | 'presentV' | 'presentA' | 'currentLimit' | 'voltageLimit' | 'powerLimit' | 'maxV' | 'maxA' | 'maxP'
  | 'minV' | 'minA' | 'ripple' | 'tolerance';
const AUTH_RESULT = { idle: RESULT.idle, ongoing: RESULT.ongoing, ok: RESULT.ok, failed: RESULT.failed, sequenceError: RESULT.sequenceError } as const;

export class CccNode extends SimNode {
  readonly session: CccSession;
  private readonly request: RxMessage;
  private readonly limits: RxMessage;
  private readonly evStatus: RxMessage;
  private readonly r: Record<'phase' | 'v' | 'a' | 'soc' | 'ready' | 'maxV' | 'maxA' | 'maxP' | 'pay', number>;
  private readonly req: CccRequest = { phase: 0, targetVoltageV: 0, targetCurrentA: 0, socPct: 0, ready: false, paymentPnc: false };
  private alive = false;
  private readonly x: Readonly<Record<TxField, number>>;

  constructor(ctx: NodeContext) {
    super('CCC', ctx);
    const dc = this.plant.dcCharger;
    this.session = new CccSession(dc?.profile.connector === 'ccs1', ctx.random.fork('session'));
    this.request = this.rx.watch('CCC_EvRequest');
    this.limits = this.rx.watch('CCC_EvLimits');
    this.evStatus = this.rx.watch('CCC_EvStatus');
    this.r = {
      phase: this.request.index('CCC_PhaseRequest'), v: this.request.index('CCC_EvTargetVoltage'),
      a: this.request.index('CCC_EvTargetCurrent'), soc: this.request.index('CCC_EvSoc'), ready: this.request.index('CCC_EvReady'),
      maxV: this.limits.index('CCC_EvMaxVoltage'), maxA: this.limits.index('CCC_EvMaxCurrent'), maxP: this.limits.index('CCC_EvMaxPower'),
      pay: this.evStatus.index('CCC_PaymentMode'),
    };
    const session = this.cyclic('CCC_SessionStatus', (tx, nowMs) => this.fillSession(tx, nowMs));
    const present = this.cyclic('CCC_EvsePresent', (tx) => this.fillPresent(tx));
    const max = this.cyclic('CCC_EvseMaxLimits', (tx) => this.fillMax(tx));
    const min = this.cyclic('CCC_EvseMinLimits', (tx) => this.fillMin(tx));
    // Signal indices as named fields, made once (the fills read them every frame).
    this.x = {
      phaseReported: session.index('CCC_PhaseReported'), phaseResult: session.index('CCC_PhaseResult'),
      protocol: session.index('CCC_Protocol'), statusCode: session.index('CCC_EvseStatusCode'),
      isolation: session.index('CCC_EvseIsolationStatus'), notification: session.index('CCC_EvseNotification'),
      notificationDelay: session.index('CCC_EvseNotificationMaxDelay'), eim: session.index('CCC_EimOffered'),
      pnc: session.index('CCC_PncOffered'), link: session.index('CCC_LinkState'),
      presentV: present.index('CCC_EvsePresentVoltage'), presentA: present.index('CCC_EvsePresentCurrent'),
      currentLimit: present.index('CCC_EvseCurrentLimitAchieved'), voltageLimit: present.index('CCC_EvseVoltageLimitAchieved'),
      powerLimit: present.index('CCC_EvsePowerLimitAchieved'),
      maxV: max.index('CCC_EvseMaxVoltage'), maxA: max.index('CCC_EvseMaxCurrent'), maxP: max.index('CCC_EvseMaxPower'),
      minV: min.index('CCC_EvseMinVoltage'), minA: min.index('CCC_EvseMinCurrent'), ripple: min.index('CCC_EvsePeakCurrentRipple'),
      tolerance: min.index('CCC_EvseCurrentRegulationTolerance'),
    };
  }

  private get mated(): boolean {
    return isMated(this.plant.dcCharger, this.plant.inlet.plug?.source);
  }

  apply(nowMs: number): void {
    const port = this.plant.ccc;
    if (this.plant.inlet.plug === null) this.session.reset();
    this.session.observe(port.status, this.mated, this.alive ? this.req.phase : PHASE.none, nowMs);
    this.alive = this.packpilotAlive(nowMs) && this.request.valid(nowMs);
    if (!this.alive) {
      this.session.stopAlone(port.cmd, port.status);
      return;
    }
    const v = this.request.values;
    const req = this.req;
    req.phase = v[this.r.phase]!;
    req.targetVoltageV = v[this.r.v]!;
    req.targetCurrentA = v[this.r.a]!;
    req.socPct = v[this.r.soc]!;
    req.ready = v[this.r.ready] === 1;
    if (this.evStatus.valid(nowMs)) req.paymentPnc = this.evStatus.values[this.r.pay] === 1;
    if (this.limits.valid(nowMs)) {
      const l = this.limits.values;
      port.cmd.evMaxVoltageV = l[this.r.maxV]!;
      port.cmd.evMaxCurrentA = l[this.r.maxA]!;
      port.cmd.evMaxPowerW = l[this.r.maxP]!;
    }
    this.session.follow(req, port.cmd, port.status, nowMs);
  }

  private fillSession(tx: TxMessage, nowMs: number): void {
    const st = this.plant.ccc.status;
    const s = this.session;
    const v = tx.values;
    const answered = this.mated && st.responseCount > 0;
    let phase: number;
    let result: number;
    let link: number;
    if (this.alive && this.req.phase === PHASE.serviceDiscoveryAuthorization && s.auth !== 'idle') {
      phase = PHASE.serviceDiscoveryAuthorization;
      result = AUTH_RESULT[s.auth];
      link = LINK.connected;
    } else if (!this.mated) {
      const slac = s.slacAlone(nowMs);
      phase = slac === 'none' ? PHASE.none : PHASE.sessionSetup;
      result = slac === 'none' ? RESULT.idle : slac === 'trying' ? RESULT.ongoing : RESULT.timeout;
      link = slac === 'none' ? LINK.noLink : slac === 'trying' ? LINK.slacInProgress : LINK.slacFailed;
    } else {
      const ended = st.phase === 'sessionStop' && st.processing === 'finished';
      const lost = s.linkEverUp && !st.linkUp && !ended;
      phase = canPhase(st.phase);
      // In an EV-ended loop the last answer stands while the next request is on its way.
      const answered = st.processing === 'finished' || (EV_ENDED_LOOPS.has(st.phase) && s.answeredPhase === st.phase);
      result = lost ? RESULT.connectionLost
        : st.processing === 'idle' ? RESULT.idle
        : st.processing !== 'finished' && s.timedOut ? RESULT.timeout
        : !answered ? RESULT.ongoing
        : st.responseCode === 'ok' ? RESULT.ok : st.responseCode === 'failed' ? RESULT.failed : RESULT.sequenceError;
      link = st.linkUp ? LINK.connected : lost ? LINK.connectionLost
        : st.phase === 'sessionSetup' && st.processing !== 'finished' ? LINK.slacInProgress : LINK.noLink;
    }
    v[this.x.phaseReported] = phase;
    v[this.x.phaseResult] = result;
    v[this.x.link] = link;
    const dc = this.plant.dcCharger;
    v[this.x.protocol] = this.mated && (st.linkUp || s.linkEverUp) ? (dc?.profile.connector === 'nacs' ? PROTOCOL_DIN : PROTOCOL_ISO2) : 0;
    const monitoring = st.phase === 'cableCheck' && st.processing !== 'finished' && st.evseStatus === 'ready';
    tx.setOrSna(this.x.statusCode, answered ? (monitoring ? EVSE_ISOLATION_MONITORING_ACTIVE : EVSE_STATUS[st.evseStatus]) : NaN);
    tx.setOrSna(this.x.isolation, answered ? ISOLATION[st.isolation] : NaN);
    const stop = answered && (st.evseStatus === 'shutdown' || st.evseStatus === 'emergencyShutdown');
    tx.setOrSna(this.x.notification, answered ? (stop ? NOTIFY_STOP : NOTIFY_NONE) : NaN);
    tx.setOrSna(this.x.notificationDelay, answered ? 0 : NaN);
    // The charger's payment options arrive with ServiceDiscovery, right after SessionSetup, so the
    // CCC reports them from then on; packpilot chooses before it asks for authorization.
    const offersKnown = this.mated && (st.linkUp || s.linkEverUp);
    v[this.x.eim] = offersKnown ? 1 : 0;
    v[this.x.pnc] = offersKnown && s.pncOffered ? 1 : 0;
  }

  private fillPresent(tx: TxMessage): void {
    const st = this.plant.ccc.status;
    const cmd = this.plant.ccc.cmd;
    const answered = this.mated && st.responseCount > 0;
    tx.setOrSna(this.x.presentV, answered ? st.presentVoltageV : NaN);
    tx.setOrSna(this.x.presentA, answered ? st.presentCurrentA : NaN);
    const demand = answered && st.phase === 'currentDemand';
    const v = tx.values;
    v[this.x.currentLimit] = demand && cmd.evTargetCurrentA >= st.evseMaxCurrentA ? 1 : 0;
    v[this.x.voltageLimit] = demand && st.presentVoltageV >= st.evseMaxVoltageV - VOLTAGE_LIMIT_MARGIN_V ? 1 : 0;
    v[this.x.powerLimit] = demand && cmd.evTargetCurrentA * st.presentVoltageV >= st.evseMaxPowerW ? 1 : 0;
  }

  /** Known once ChargeParameterDiscoveryRes arrived (the model sets the limits then). */
  private get limitsKnown(): boolean {
    return this.mated && this.plant.ccc.status.evseMaxVoltageV > 0;
  }

  private fillMax(tx: TxMessage): void {
    const st = this.plant.ccc.status;
    const known = this.limitsKnown;
    tx.setOrSna(this.x.maxV, known ? st.evseMaxVoltageV : NaN);
    tx.setOrSna(this.x.maxA, known ? st.evseMaxCurrentA : NaN);
    tx.setOrSna(this.x.maxP, known ? st.evseMaxPowerW : NaN);
  }

  private fillMin(tx: TxMessage): void {
    const known = this.limitsKnown;
    tx.setOrSna(this.x.minV, known ? this.plant.ccc.status.evseMinVoltageV : NaN);
    tx.setOrSna(this.x.minA, known ? EVSE_MIN_CURRENT_A : NaN);
    tx.setOrSna(this.x.ripple, known ? EVSE_PEAK_RIPPLE_A : NaN);
    tx.setOrSna(this.x.tolerance, NaN); // optional field, not sent
  }
}
