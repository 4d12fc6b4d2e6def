// One BMS tick: bmsStep(state, input, nowMs) → { state, outputs, events }. Pure: no I/O, no clock.
// Order: monitor → judge contactor feedback → isolation → fault evidence and debounce → SOC →
// contactor machines (with the diagnosis result) → limits (so an opening path or a critical fault
// zeroes them in the same tick) → preconditioning → outputs.
import type { BmsConfig } from './config.ts';
import type { ActiveFault, BmsEvent, BmsInput, BmsOutputs, IsolationVerdict, MainPathPhase, MainPathState, PersistedBms, TmsRequest } from './io.ts';
import { validateBmsConfig } from './config-check.ts';
import type { PackSnapshot } from './monitoring.ts';
import { checkFeedback, contactorsStep, INITIAL_CONTACTORS, type Commands, type ContactorsState } from './contactors.ts';
import { INITIAL_ISOLATION, isolationStep, type IsolationResult, type IsolationState } from './isolation.ts';
import { diagnose, diagRequests, diagView, faultHistory, initialDiag, type DiagState, type DiagView } from './diagnosis.ts';
import { initialSoc, socStep, sohPct, type SocState } from './soc.ts';
import { computeLimits, type Limits } from './limits.ts';
import { INITIAL_PRECONDITION, preconditionStep, type PreconditionState } from './precondition.ts';
import { bmsTables, type BmsTables } from './tables.ts';

export interface BmsState {
  readonly config: BmsConfig;
  /** Derived from the config at start-up (lookups and memos of this instance). */
  readonly tables: BmsTables;
  /** Time of the previous step; NaN before the first. */
  readonly lastMs: number;
  readonly soc: SocState;
  readonly diag: DiagState;
  /** What diag demands and shows (recomputed only when diag changed). */
  readonly diagView: DiagView;
  readonly contactors: ContactorsState;
  readonly isolation: IsolationState;
  readonly precondition: PreconditionState;
  readonly chargeTempBlocked: boolean;
  /** What the last tick published (overshoot supervision). */
  readonly lastChargeLimitA: number;
  readonly lastDischargeLimitA: number;
}

export interface BmsStepResult {
  readonly state: BmsState;
  readonly outputs: BmsOutputs;
  readonly events: readonly BmsEvent[];
}

/** Start-up state. `persisted` is what the shell saved (SOC, capacity, uncertainty); omit if none. */
export function createBmsState(config: BmsConfig, persisted?: PersistedBms): BmsState {
  const problems = validateBmsConfig(config);
  if (problems.length > 0) throw new Error(`bms config: ${problems.join('; ')}`);
  const diag = initialDiag(config.faults);
  return {
    config,
    tables: bmsTables(config),
    lastMs: NaN,
    soc: initialSoc(config, persisted),
    diag,
    diagView: diagView(diag, config.faults),
    contactors: INITIAL_CONTACTORS,
    isolation: INITIAL_ISOLATION,
    precondition: INITIAL_PRECONDITION,
    chargeTempBlocked: true,
    lastChargeLimitA: 0,
    lastDischargeLimitA: 0,
  };
}

export function bmsStep(state: BmsState, input: BmsInput, nowMs: number): BmsStepResult {
  const cfg = state.config;
  const req = input.requests;
  const events: BmsEvent[] = [];
  const elapsedMs = Number.isNaN(state.lastMs) ? 0 : Math.max(0, nowMs - state.lastMs);

  const snap = state.tables.monitor(input, cfg, nowMs);
  const check = checkFeedback(state.contactors, snap, cfg, nowMs);
  const iso = isolationStep(state.isolation, input, snap, cfg, nowMs);
  const evidence = state.tables.gatherEvidence({
    snap,
    cfg,
    lastChargeLimitA: state.lastChargeLimitA,
    lastDischargeLimitA: state.lastDischargeLimitA,
    isolation: iso,
    check,
    contactors: state.contactors,
  });
  const diagReq = diagRequests(req.faultReset, req.serviceClear);
  const diag = diagnose(state.diag, cfg.faults, evidence, Math.min(elapsedMs, cfg.diagnosis.maxSampleMs), nowMs, diagReq, events);
  const view = diag === state.diag ? state.diagView : diagView(diag, cfg.faults);
  const summary = view.summary;
  const soc = socStep(state.soc, snap, cfg, Math.min(elapsedMs, cfg.soc.maxCountStepMs), nowMs, check.allOpenConfirmed, events);

  const c = contactorsStep(
    state.contactors,
    check,
    snap,
    {
      mainClose: req.mainClose,
      dcClose: req.dcChargeClose,
      dcViaConverter: req.dcViaConverter === true,
      obcClose: req.obcRelayClose,
      emergency: req.emergencyOpen || summary.emergency,
      forcedOpen: summary.forcedOpen,
      closeBlocked: summary.closeBlocked,
      chargeBlocked: summary.stopCharge,
      reset: req.faultReset,
      serviceClear: req.serviceClear,
    },
    cfg,
    nowMs,
    events,
  );
  const paths = c.state;
  const limits = computeLimits(
    {
      snap,
      socPct: soc.socPct,
      capacityAh: soc.capacityAh,
      diag: summary,
      chargeTempBlocked: state.chargeTempBlocked,
      mainOpening: paths.main.state === 'opening',
      chargePathOpening: paths.dc.state === 'opening' || paths.obc.state === 'opening',
    },
    cfg,
    state.tables.limits,
  );
  const pre = preconditionStep(state.precondition, req, snap, soc.socPct, cfg, nowMs, events, state.tables.chargeBands);

  const outputs = buildOutputs({ cfg, tables: state.tables, snap, limits, view, soc, commands: c.commands, paths, iso, tms: pre.request, diag });
  const next: BmsState = {
    config: cfg,
    tables: state.tables,
    lastMs: nowMs,
    soc,
    diag,
    diagView: view,
    contactors: paths,
    isolation: iso.state,
    precondition: pre.state,
    chargeTempBlocked: limits.chargeTempBlocked,
    lastChargeLimitA: limits.chargeCurrentLimitA,
    lastDischargeLimitA: limits.dischargeCurrentLimitA,
  };
  return { state: next, outputs, events };
}

interface OutputParts {
  readonly cfg: BmsConfig;
  readonly tables: BmsTables;
  readonly snap: PackSnapshot;
  readonly limits: Limits;
  readonly view: DiagView;
  readonly soc: SocState;
  readonly commands: Commands;
  readonly paths: ContactorsState;
  readonly iso: IsolationResult;
  readonly tms: TmsRequest;
  readonly diag: DiagState;
}

function buildOutputs(x: OutputParts): BmsOutputs {
  const { snap, limits, soc } = x;
  const summary = x.view.summary;
  return {
    chargeCurrentLimitA: limits.chargeCurrentLimitA,
    dischargeCurrentLimitA: limits.dischargeCurrentLimitA,
    chargePowerLimitW: limits.chargePowerLimitW,
    dischargePowerLimitW: limits.dischargePowerLimitW,
    chargeLimitReason: limits.chargeLimitReason,
    dischargeLimitReason: limits.dischargeLimitReason,
    chargeAllowed: !summary.stopCharge,
    driveAllowed: !summary.stopDrive,
    criticalFault: summary.critical,
    socPct: soc.socPct,
    socUncertaintyPct: soc.uncertaintyPct,
    sohPct: sohPct(x.cfg, soc),
    capacityAh: soc.capacityAh,
    packVoltageV: snap.packVoltageBestV,
    cellVoltageMinV: snap.cellVoltageMinV,
    cellVoltageMinIndex: snap.cellVoltageMinIndex,
    cellVoltageMaxV: snap.cellVoltageMaxV,
    cellVoltageMaxIndex: snap.cellVoltageMaxIndex,
    cellVoltageMeanV: snap.cellVoltageMeanV,
    cellImbalanceMv: (snap.cellVoltageMaxV - snap.cellVoltageMinV) * 1000,
    cellTempMinC: snap.cellTempMinC,
    cellTempMinIndex: snap.cellTempMinIndex,
    cellTempMaxC: snap.cellTempMaxC,
    cellTempMaxIndex: snap.cellTempMaxIndex,
    cellTempMeanC: snap.cellTempMeanC,
    invalidCellVoltageCount: snap.invalidCells,
    invalidTempCount: snap.invalidTemps,
    contactorCommands: x.commands,
    mainState: x.paths.main.state,
    dcState: x.paths.dc.state,
    obcState: x.paths.obc.state,
    imdStandDown: x.iso.standDown,
    isolationOhmPerV: x.iso.ohmPerV,
    isolationState: isolationVerdict(x),
    maxChargeVoltageV: x.cfg.chemistry.cellVoltageHighV.operating * x.cfg.pack.seriesCells,
    minDischargeVoltageV: x.cfg.chemistry.cellVoltageLowV.operating * x.cfg.pack.seriesCells,
    tmsRequest: x.tms,
    faults: x.view.faults,
    warnings: x.view.warnings,
  };
}

function isolationVerdict(x: OutputParts): IsolationVerdict {
  if (x.iso.standDown) return 'stoodDown';
  const t = x.tables;
  if (t.isolationFaultIndex >= 0 && x.diag.active[t.isolationFaultIndex] === 1) return 'fault';
  if (t.isolationWarningIndex >= 0 && x.diag.active[t.isolationWarningIndex] === 1) return 'warning';
  return Number.isNaN(x.iso.ohmPerV) ? 'unknown' : 'ok';
}

const PHASE: Readonly<Record<MainPathState, MainPathPhase>> = {
  open: 'open',
  closingNeg: 'precharging',
  precharging: 'precharging',
  prechargeCooldown: 'precharging',
  closingPos: 'precharging',
  releasingPrecharge: 'precharging',
  closed: 'closed',
  opening: 'opening',
  openingConfirm: 'opening',
  fault: 'fault',
  welded: 'fault',
};

/** The DESIGN.md §5 phase of a main-path state. */
export function mainPathPhase(state: MainPathState): MainPathPhase {
  return PHASE[state];
}

/** Faults that were active since the last service clear and are over now (for the workshop view). */
export function bmsFaultHistory(state: BmsState): ActiveFault[] {
  return faultHistory(state.diag, state.config.faults);
}
