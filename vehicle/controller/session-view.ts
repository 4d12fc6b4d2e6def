// How the charging session reads to a person: one phase name and one limiting reason, whether
// the car charges on AC or DC. Shared by the HMI frame, the status snapshot and the terminal.
import type { LimitingReason } from '../status.ts';
import type { ControllerView } from './view.ts';

const DC_PHASE_LABEL: Readonly<Record<string, string>> = {
  idle: 'Idle', sessionSetup: 'Negotiating', authorization: 'Negotiating', parameterDiscovery: 'Negotiating',
  planning: 'Negotiating', locking: 'Negotiating', cableCheck: 'CableCheck', preCharge: 'PreCharge',
  closingContactors: 'PreCharge', contactorSettle: 'PreCharge', powerDeliveryStart: 'PreCharge', currentDemand: 'ChargingDc',
  stopRampDown: 'Stopping', powerDeliveryStop: 'Stopping', currentDecay: 'Stopping', openingContactors: 'Stopping',
  weldingDetection: 'WeldingCheck', sessionStop: 'Stopping', errorCurrentDecay: 'Stopping', errorOpening: 'Stopping',
  errorSettle: 'Stopping', ended: 'Finished', retryWait: 'Negotiating',
};

export function sessionPhaseLabel(v: ControllerView): string {
  if (v.dc.phase !== 'idle') {
    if (v.dc.phase === 'ended') return v.dc.stopReason !== null && v.dc.stopKind !== 'normal' ? 'Failed' : 'Finished';
    return DC_PHASE_LABEL[v.dc.phase] ?? 'Idle';
  }
  const ac = v.inlet.acSession.state;
  if (ac === 'charging') return 'ChargingAc';
  if (ac === 'preparing' || ac === 'waiting' || ac === 'scheduled') return 'Connected';
  if (ac === 'stopping' || ac === 'releasing') return 'Stopping';
  if (ac === 'complete') return 'Finished';
  if (ac === 'stopped') return 'Failed';
  return v.inlet.connector.present ? 'Connected' : 'Idle';
}

/** The limit in force while charging (DESIGN.md §4), else none. */
export function limitingReason(v: ControllerView): LimitingReason {
  if (v.bms.criticalFault) return 'fault';
  if (v.dc.phase === 'currentDemand' && v.dc.limitingReason !== null) {
    if (v.dc.limitingReason === 'battery') return batteryReason(v);
    return v.dc.limitingReason;
  }
  if (v.inlet.acSession.state === 'charging') {
    const r = v.inlet.acSession.limitReason;
    if (r === null) return 'none';
    if (r === 'offer') return 'charger';
    if (r === 'battery') return batteryReason(v);
    if (r === 'pin-temp') return 'inletHot';
    if (r === 'cable') return 'adapter';
    if (r === 'user') return 'user';
    return 'charger'; // the OBC's own rating
  }
  return 'none';
}

/** The battery limits for a reason: cold or hot cells say so, otherwise "battery". */
function batteryReason(v: ControllerView): LimitingReason {
  const r = v.bms.chargeLimitReason;
  if (r === 'cellTempLow') return 'cold';
  if (r === 'cellTempHigh') return 'hot';
  if (r === 'chargeTempWindow') return v.bms.cellTempMinC < 15 ? 'cold' : 'hot';
  return 'battery';
}
