// What the step may believe this tick: CCC content only when valid and fresh, our own sensors
// only when valid, a new charger answer only for the phase packpilot requested. Unusable values
// become undefined (a fault input), never an exception.
import { PHASE_PROFILES } from './phases.ts';
import type { DcSessionState } from './state.ts';
import type { CccResult, DcInput, DcReading } from './types.ts';

export interface DcView {
  cccFresh: boolean;
  /** A new answer for the requested phase arrived this tick, with this result. */
  answer: CccResult | null;
  seq: number | null;
  evsePresentV: number | undefined;
  evseCurrentA: number | undefined;
  evseMaxVoltageV: number | undefined;
  inletV: number | undefined;
  ownCurrentA: number | undefined;
  /** Own sensor first, the charger's report when ours is unusable. */
  measuredCurrentA: number | undefined;
  bmsValid: boolean;
  socPct: number | undefined;
  chargeLimitPct: number;
  startEdge: boolean;
  stopEdge: boolean;
}

const finite = (x: number): number | undefined => (Number.isFinite(x) ? x : undefined);
const reading = (r: DcReading): number | undefined => (r.valid ? finite(r.value) : undefined);

export function observe(state: DcSessionState, input: DcInput): DcView {
  const { ccc, port, bms, hmi, config } = input;
  const cccFresh = ccc.valid && ccc.rxAgeMs <= config.comms.cccMaxAgeMs;
  const seq = cccFresh && Number.isFinite(ccc.resSeq) ? ccc.resSeq : null;
  const isNew = seq !== null && state.lastSeq !== null && seq !== state.lastSeq;
  const requested = PHASE_PROFILES[state.phase].ccc;
  const answer = isNew && ccc.phaseReported === requested ? ccc.result : null;
  const inletV = reading(port.inletVoltageV);
  const ownCurrentA = reading(port.inletCurrentA);
  const evseCurrentA = cccFresh ? finite(ccc.presentCurrentA) : undefined;
  const bmsValid = bms.valid;
  const limit = Number.isFinite(hmi.chargeLimitPct) ? hmi.chargeLimitPct : config.hmi.defaultChargeLimitPct;
  return {
    cccFresh, answer, seq,
    evsePresentV: cccFresh ? finite(ccc.presentVoltageV) : undefined,
    evseCurrentA,
    evseMaxVoltageV: cccFresh && ccc.evseMaxVoltageV > 0 ? finite(ccc.evseMaxVoltageV) : undefined,
    inletV, ownCurrentA,
    measuredCurrentA: ownCurrentA ?? evseCurrentA,
    bmsValid,
    socPct: bmsValid ? finite(bms.socPct) : undefined,
    chargeLimitPct: Math.min(100, Math.max(config.hmi.minChargeLimitPct, limit)),
    startEdge: hmi.startRequested && !state.hmiStartBefore,
    stopEdge: hmi.stopRequested && !state.hmiStopBefore,
  };
}
