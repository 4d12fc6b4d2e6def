// Builders for DC session inputs: a 400 V car (cells.md §5 preset) plugged into a 350 kW CCS
// charger (chargers.md §1), everything healthy, nothing happening. Override what a test is about.
import {
  DC_CONFIG_DEFAULT, initialDcSessionState, type BmsInput, type BoostInput, type CccInput, type DcConfig,
  type DcInput, type DcSessionState, type HmiInput, type PortInput,
} from '../../../inlet/dc/index.ts';

export const reading = (value: number, valid = true, ageMs = 0) => ({ value, valid, ageMs });

export function aCccInput(p: Partial<CccInput> = {}): CccInput {
  return {
    valid: true, rxAgeMs: 0, phaseReported: 'none', result: 'none', resSeq: 0, protocol: 'iso15118-2',
    evseStatus: 'ready', isolationStatus: 'invalid', notification: 'none',
    evseMaxVoltageV: 920, evseMinVoltageV: 150, evseMaxCurrentA: 500, evseMaxPowerW: 350_000,
    presentVoltageV: 0, presentCurrentA: 0, paymentOptions: { eim: true, pnc: false },
    ...p,
  };
}

export function aPortInput(p: Partial<PortInput> = {}): PortInput {
  return {
    connectorPresent: true, dcAllowed: true, latchPressed: false, stopNow: false, cpDigital: true,
    ratingA: 400, lockState: 'unlocked', pinLimitA: 1_000,
    inletVoltageV: reading(0), inletCurrentA: reading(0),
    ...p,
  };
}

/** 96s 216 Ah NMC pack at 50 % (cells.md §5: 349 V nominal, 403.2 V max, announce 410 V). */
export function aBmsInput(p: Partial<BmsInput> = {}): BmsInput {
  return {
    valid: true, chargeCurrentLimitA: 500, chargePowerLimitW: 250_000, packVoltageV: 349, packMaxVoltageV: 403.2,
    announceMaxVoltageV: 410, socPct: 50, usableCapacityAh: 216, chargeAllowed: true, criticalFault: false,
    dcContactorsClosed: false, dcContactorsOpen: true,
    ...p,
  };
}

/** 192s 111 Ah pack at 50 % (cells.md §5: 698 V nominal, 806.4 V max, announce 820 V). */
export function an800VBmsInput(p: Partial<BmsInput> = {}): BmsInput {
  return aBmsInput({ chargeCurrentLimitA: 333, chargePowerLimitW: 240_000, packVoltageV: 698, packMaxVoltageV: 806.4,
    announceMaxVoltageV: 820, usableCapacityAh: 111, ...p });
}

export function aBoostInput(p: Partial<BoostInput> = {}): BoostInput {
  return { valid: true, status: 'ready', tempLimitFactor: 1, inputVoltageV: 0, ...p };
}

export function anHmiInput(p: Partial<HmiInput> = {}): HmiInput {
  return { chargeLimitPct: 90, startRequested: false, stopRequested: false, paymentPreference: 'eim', ...p };
}

export interface InputOverrides {
  ccc?: Partial<CccInput>;
  port?: Partial<PortInput>;
  bms?: Partial<BmsInput>;
  boost?: Partial<BoostInput>;
  hmi?: Partial<HmiInput>;
  config?: DcConfig;
}

export function aDcInput(o: InputOverrides = {}): DcInput {
  return {
    ccc: aCccInput(o.ccc), port: aPortInput(o.port), bms: aBmsInput(o.bms), boost: aBoostInput(o.boost),
    hmi: anHmiInput(o.hmi), config: o.config ?? DC_CONFIG_DEFAULT,
  };
}

/** A state in `phase`, entered at `enteredAtMs`, with what earlier phases would have left behind. */
export function aStateIn(phase: DcSessionState['phase'], p: Partial<DcSessionState> = {}, enteredAtMs = 0): DcSessionState {
  const planned = !['idle', 'sessionSetup', 'authorization', 'parameterDiscovery', 'planning'].includes(phase);
  return {
    ...initialDcSessionState(enteredAtMs),
    phase, phaseEnteredAtMs: enteredAtMs, lastAnswerAtMs: enteredAtMs, lastSeq: 0,
    sessionStartedAtMs: phase === 'idle' ? null : enteredAtMs,
    paymentMode: phase === 'idle' || phase === 'sessionSetup' ? null : 'eim',
    evMaxVoltageV: planned || phase === 'parameterDiscovery' || phase === 'planning' ? 410 : 0,
    evMaxAnnouncedPeakV: planned ? 410 : 0,
    plan: planned ? { path: 'direct', code: 'chargerVoltageSufficient', reason: 'direct', neededVoltageV: 398, busVoltageV: null } : null,
    ...p,
  };
}

/** CCC answer for `phaseReported` with a new sequence number. */
export function anAnswer(phaseReported: CccInput['phaseReported'], result: CccInput['result'], p: Partial<CccInput> = {}, seq = 1): Partial<CccInput> {
  return { phaseReported, result, resSeq: seq, ...p };
}
