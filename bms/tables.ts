// What a BMS instance derives from its config once, in createBmsState, instead of every tick.
import type { BmsConfig } from './config.ts';
import { memoMonitor, type Monitor } from './monitoring.ts';
import { bandFinder, type BandFinder } from './crate-map.ts';
import { evidenceGatherer, faultPositions, type EvidenceGatherer, type FaultPositions } from './fault-conditions.ts';
import { limitLookups, type LimitLookups } from './limits.ts';

export interface BmsTables {
  /** bestTempBand on the charge map, memoized on the SOC (preconditioning asks every tick). */
  readonly chargeBands: BandFinder;
  /** The limits' map and resistance lookups, memoized (every tick). */
  readonly limits: LimitLookups;
  /** Where each fault sits in the fault table (evidence is written there). */
  readonly faultPositions: FaultPositions;
  /** gatherEvidence into one array of this instance, rewritten every tick (read by diagnose in the
   *  same step, never kept): no typed array per tick. A closure, so the state holds no scratch data. */
  readonly gatherEvidence: EvidenceGatherer;
  /** Table index of the isolation fault and warning entries; −1 when the table has none. */
  readonly isolationFaultIndex: number;
  readonly isolationWarningIndex: number;
  /** monitor with this instance's running cell/temperature aggregates, updated from the entries
   *  the reader says it changed. A closure, so the state holds no scratch data. */
  readonly monitor: Monitor;
}

export function bmsTables(cfg: BmsConfig): BmsTables {
  const positions = faultPositions(cfg.faults);
  return {
    chargeBands: bandFinder(cfg.chemistry.chargeMap),
    limits: limitLookups(cfg),
    faultPositions: positions,
    gatherEvidence: evidenceGatherer(cfg.faults, positions),
    isolationFaultIndex: cfg.faults.findIndex((f) => f.id === 'isolationFault'),
    isolationWarningIndex: cfg.faults.findIndex((f) => f.id === 'isolationWarning'),
    monitor: memoMonitor(),
  };
}
