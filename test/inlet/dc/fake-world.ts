// A small deterministic world for driving the DC session end to end in unit tests: a charger
// behind a fake CCC (answers with latency, output voltage and current with slew), the inlet lock,
// the DC contactors, a boost converter link and a pack. Quirks are switches. Not the project
// simulator (sim/); just enough plant for the step's own tests.
import {
  dcSessionStep, initialDcSessionState, DC_CONFIG_DEFAULT,
  type CccPhase, type DcConfig, type DcEvent, type DcOutputs, type DcSessionState, type DcInput,
  type BmsInput, type HmiInput, type IsolationStatus, type PortInput, type EvseStatus, type CccResult,
} from '../../../inlet/dc/index.ts';
import { aBmsInput, aBoostInput, aCccInput, anHmiInput, aPortInput, reading } from './builders.ts';

export interface ChargerProfile { maxVoltageV: number; minVoltageV: number; maxCurrentA: number; maxPowerW: number }
export const HPC_350KW: ChargerProfile = { maxVoltageV: 920, minVoltageV: 150, maxCurrentA: 500, maxPowerW: 350_000 };
export const SUPERCHARGER_V3: ChargerProfile = { maxVoltageV: 500, minVoltageV: 50, maxCurrentA: 650, maxPowerW: 250_000 };

export interface Quirks {
  prechargeOvershootV?: number;
  /** The overshoot lasts this long into PreCharge, then the output settles (default: it never does). */
  prechargeOvershootForMs?: number;
  prechargeReport?: 'measured' | 'zero' | 'echo';
  cableCheckMs?: number;
  isolation?: IsolationStatus;
  silentFromMs?: number;
  silentUntilMs?: number;
  shutdownAtMs?: number;
  emergencyAtMs?: number;
  maxCurrentAfter?: { atMs: number; maxCurrentA: number };
  oscillatePct?: number;
  deliverRatio?: number;
  pushCurrent?: { phase: CccPhase; currentA: number };
  overVoltageFromMs?: number;
  weldingAnswer?: 'ok' | 'failed' | 'silent';
  lockStuck?: boolean;
  /** The DC contactors weld: once closed they stay closed (and their feedback says so). */
  weldedContactors?: boolean;
}

interface Charger {
  phase: CccPhase; sinceMs: number; nextAnswerAtMs: number; seq: number; result: CccResult; answers: number;
  outputV: number; currentA: number; status: EvseStatus; isolation: IsolationStatus; maxCurrentA: number; pdStopAnswered: boolean;
}

export interface World {
  nowMs: number;
  tickMs: number;
  state: DcSessionState;
  outputs: DcOutputs | null;
  input: DcInput | null;
  events: Array<DcEvent & { atMs: number }>;
  profile: ChargerProfile;
  quirks: Quirks;
  charger: Charger;
  plant: { lock: PortInput['lockState']; lockAtMs: number; closed: boolean; contactorAtMs: number; packV: number; socPct: number; boostInV: number };
  bms: Partial<BmsInput>;
  port: Partial<PortInput>;
  hmi: HmiInput;
  config: DcConfig;
  /** Called after every tick (assert per-tick facts here). */
  onTick?: (w: World) => void;
}

export function aWorld(o: { profile?: ChargerProfile; quirks?: Quirks; bms?: Partial<BmsInput>; port?: Partial<PortInput>; hmi?: Partial<HmiInput>; config?: DcConfig } = {}): World {
  const bms = aBmsInput(o.bms);
  return {
    nowMs: 0, tickMs: 10, state: initialDcSessionState(0), outputs: null, input: null, events: [],
    profile: o.profile ?? HPC_350KW, quirks: o.quirks ?? {},
    charger: { phase: 'none', sinceMs: 0, nextAnswerAtMs: Infinity, seq: 0, result: 'none', answers: 0, outputV: 0, currentA: 0,
      status: 'ready', isolation: 'invalid', maxCurrentA: (o.profile ?? HPC_350KW).maxCurrentA, pdStopAnswered: false },
    plant: { lock: 'unlocked', lockAtMs: 0, closed: false, contactorAtMs: 0, packV: bms.packVoltageV, socPct: bms.socPct, boostInV: 0 },
    bms: o.bms ?? {}, port: o.port ?? {}, hmi: anHmiInput(o.hmi), config: o.config ?? DC_CONFIG_DEFAULT,
  };
}

const LATENCY_MS: Partial<Record<CccPhase, number>> = {
  sessionSetup: 800, authorization: 100, chargeParameterDiscovery: 150, cableCheck: 100, preCharge: 50,
  powerDeliveryStart: 200, currentDemand: 50, powerDeliveryStop: 300, weldingDetection: 100, sessionStop: 100,
};
const OHMS = 0.032;

export function tick(w: World): World {
  const now = w.nowMs + w.tickMs;
  const out = w.outputs;
  moveLockAndContactors(w, out, now);
  runCharger(w, out, now);
  const input = buildInput(w, now);
  const r = dcSessionStep(w.state, input, now);
  for (const e of r.events) w.events.push({ ...e, atMs: now });
  Object.assign(w, { nowMs: now, state: r.state, outputs: r.outputs, input });
  w.onTick?.(w);
  return w;
}

export function runFor(w: World, ms: number): World {
  const end = w.nowMs + ms;
  while (w.nowMs < end) tick(w);
  return w;
}

export function runUntil(w: World, done: (w: World) => boolean, maxMs = 600_000): World {
  const end = w.nowMs + maxMs;
  while (!done(w)) {
    if (w.nowMs >= end) throw new Error(`runUntil: not reached by ${w.nowMs} ms; phase ${w.state.phase}, stop ${w.state.stop?.reason ?? '-'}`);
    tick(w);
  }
  return w;
}

export const inPhase = (phase: DcSessionState['phase']) => (w: World): boolean => w.state.phase === phase;

function moveLockAndContactors(w: World, out: DcOutputs | null, now: number): void {
  const p = w.plant;
  const wantLock = out?.wantLock ?? false;
  if (wantLock && p.lock === 'unlocked') Object.assign(p, { lock: w.quirks.lockStuck ? 'locking' : 'locking', lockAtMs: now + 200 });
  if (!wantLock && p.lock === 'locked') Object.assign(p, { lock: 'unlocking', lockAtMs: now + 200 });
  if (p.lock === 'locking' && now >= p.lockAtMs) p.lock = w.quirks.lockStuck ? 'fault' : 'locked';
  if (p.lock === 'unlocking' && now >= p.lockAtMs) p.lock = 'unlocked';
  const wantClosed = out?.closeDcContactors ?? false;
  if (wantClosed !== p.closed) {
    if (p.contactorAtMs === 0) p.contactorAtMs = now + 30;
    if (now >= p.contactorAtMs) Object.assign(p, { closed: wantClosed || (p.closed && w.quirks.weldedContactors === true), contactorAtMs: 0 });
  } else p.contactorAtMs = 0;
  const boost = out?.boost;
  const boostTarget = boost?.mode === 'boost' ? boost.inputVoltageSetpointV : 0;
  p.boostInV = slew(p.boostInV, boostTarget, 1_000 * w.tickMs / 1000);
}

const slew = (from: number, to: number, step: number): number => (Math.abs(to - from) <= step ? to : from + Math.sign(to - from) * step);

function runCharger(w: World, out: DcOutputs | null, now: number): void {
  const c = w.charger;
  const q = w.quirks;
  const requested = out?.ccc.phaseRequested ?? 'none';
  if (requested !== c.phase) Object.assign(c, { phase: requested, sinceMs: now, answers: 0, result: 'none', nextAnswerAtMs: now + (LATENCY_MS[requested] ?? Infinity) });
  if (q.shutdownAtMs !== undefined && now >= q.shutdownAtMs) c.status = 'shutdown';
  if (q.emergencyAtMs !== undefined && now >= q.emergencyAtMs) c.status = 'emergencyShutdown';
  if (q.maxCurrentAfter && now >= q.maxCurrentAfter.atMs) c.maxCurrentA = q.maxCurrentAfter.maxCurrentA;
  const silent = q.silentFromMs !== undefined && now >= q.silentFromMs && now < (q.silentUntilMs ?? Infinity);
  if (now >= c.nextAnswerAtMs && !silent) answer(w, now);
  chargerOutput(w, out, now);
}

function answer(w: World, now: number): void {
  const c = w.charger;
  const q = w.quirks;
  const inPhaseMs = now - c.sinceMs;
  let result: CccResult = 'ok';
  if (c.phase === 'authorization' && c.answers < 2) result = 'ongoing';
  if (c.phase === 'cableCheck') {
    const doneAtMs = q.cableCheckMs ?? 1_500;
    if (inPhaseMs < doneAtMs) result = 'ongoing';
    else {
      c.isolation = q.isolation ?? 'valid';
      if (c.isolation === 'fault') result = 'failed';
    }
  }
  if (c.phase === 'weldingDetection' && q.weldingAnswer === 'silent') return;
  if (c.phase === 'weldingDetection' && q.weldingAnswer === 'failed') result = 'failed';
  if (c.phase === 'powerDeliveryStop') c.pdStopAnswered = true;
  Object.assign(c, { seq: c.seq + 1, result, answers: c.answers + 1, nextAnswerAtMs: now + (LATENCY_MS[c.phase] ?? 100) });
}

function chargerOutput(w: World, out: DcOutputs | null, now: number): void {
  const c = w.charger;
  const q = w.quirks;
  const p = w.plant;
  const dt = w.tickMs / 1000;
  const cpC = out?.cpRequest === 'C';
  const evMaxV = out?.ccc.evMaxVoltageV ?? 0;
  let targetV = 0;
  if (c.phase === 'cableCheck' && now - c.sinceMs < (q.cableCheckMs ?? 1_500) - 500) {
    targetV = evMaxV <= 500 ? Math.min(evMaxV + 50, 500, w.profile.maxVoltageV) : Math.min(1.1 * evMaxV, w.profile.maxVoltageV);
  }
  if (cpC && ['preCharge', 'powerDeliveryStart', 'currentDemand'].includes(c.phase)) {
    const overshooting = c.phase === 'preCharge' && now - c.sinceMs < (q.prechargeOvershootForMs ?? Infinity);
    targetV = (out?.ccc.evTargetVoltageV ?? 0) + (overshooting ? q.prechargeOvershootV ?? 0 : 0);
  }
  c.outputV = slew(c.outputV, targetV, 1_000 * dt);
  const flowing = p.closed && cpC && (c.phase === 'currentDemand' || (c.phase === 'powerDeliveryStop' && !c.pdStopAnswered && c.status === 'shutdown'));
  let targetA = 0;
  if (flowing && c.phase === 'currentDemand') {
    const v = Math.max(p.packV, 1);
    targetA = Math.min(out?.ccc.evTargetCurrentA ?? 0, c.maxCurrentA, w.profile.maxPowerW / v) * (q.deliverRatio ?? 1);
    if (q.oscillatePct) targetA *= 1 + (q.oscillatePct / 100) * Math.sin((2 * Math.PI * now) / 2_000);
  }
  if (flowing && c.phase === 'powerDeliveryStop') targetA = c.currentA; // Compleo: full current until PowerDeliveryRes
  if (c.status === 'shutdown' && c.phase === 'currentDemand' && flowing) targetA = c.currentA; // keeps delivering while saying Shutdown
  if (c.status === 'emergencyShutdown' || !cpC) targetA = 0;
  c.currentA = slew(c.currentA, targetA, (targetA < c.currentA ? 3_000 : 500) * dt);
  if (p.closed && c.currentA > 0) {
    p.socPct += (c.currentA * dt) / 3600 / (aBmsInput(w.bms).usableCapacityAh) * 100;
  }
}

function buildInput(w: World, now: number): DcInput {
  const c = w.charger;
  const q = w.quirks;
  const p = w.plant;
  const bmsBase = aBmsInput(w.bms);
  const boostPath = w.outputs?.boost.mode === 'boost';
  const inletV = p.closed ? (boostPath ? p.boostInV : p.packV + c.currentA * OHMS) : c.outputV;
  const overV = q.overVoltageFromMs !== undefined && now >= q.overVoltageFromMs ? (w.outputs?.ccc.evMaxVoltageV ?? 0) + 30 : undefined;
  const shownV = overV ?? inletV;
  const push = q.pushCurrent && c.phase === q.pushCurrent.phase ? q.pushCurrent.currentA : 0;
  let reportedV = shownV;
  if (c.phase === 'preCharge' && q.prechargeReport === 'zero') reportedV = 0;
  if (c.phase === 'preCharge' && q.prechargeReport === 'echo') reportedV = w.outputs?.ccc.evTargetVoltageV ?? 0;
  const current = c.currentA + push;
  return {
    ccc: aCccInput({
      phaseReported: c.phase, result: c.result, resSeq: c.seq, evseStatus: c.status, isolationStatus: c.isolation,
      evseMaxVoltageV: w.profile.maxVoltageV, evseMinVoltageV: w.profile.minVoltageV, evseMaxCurrentA: c.maxCurrentA,
      evseMaxPowerW: w.profile.maxPowerW, presentVoltageV: reportedV, presentCurrentA: current,
    }),
    port: aPortInput({ lockState: p.lock, inletVoltageV: reading(shownV), inletCurrentA: reading(current), ...w.port }),
    bms: { ...bmsBase, socPct: p.socPct, packVoltageV: p.packV, dcContactorsClosed: p.closed, dcContactorsOpen: !p.closed },
    boost: aBoostInput({ inputVoltageV: p.boostInV }),
    hmi: w.hmi,
    config: w.config,
  };
}

export function eventsOf<T extends DcEvent['type']>(w: World, type: T): Array<Extract<DcEvent, { type: T }> & { atMs: number }> {
  return w.events.filter((e) => e.type === type) as Array<Extract<DcEvent, { type: T }> & { atMs: number }>;
}

export function phasesVisited(w: World): string[] {
  return eventsOf(w, 'phase').map((e) => e.to);
}
