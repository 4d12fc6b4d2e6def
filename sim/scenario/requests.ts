// The controller's requests the invariant checker judges, read from its view each tick into one
// reused object (the scenario runner and the demo both check the same invariants).
import type { ControllerView } from '../../vehicle/controller/view.ts';
import type { Requests } from '../invariants.ts';

export function newRequests(contactorCommands: Requests['contactorCommands']): Requests {
  return {
    dcPhase: 'idle', dcPath: null, dcCurrentRequestA: 0, evTargetVoltageV: 0, evMaxVoltageV: 0, bmsChargeCurrentLimitA: 0, bmsChargePowerLimitW: 0,
    pinLimitA: 0, acSetpointA: 0, criticalFault: false, v2lFloorPct: 0, contactorCommands,
  };
}

export function fillRequests(r: Requests, v: ControllerView): Requests {
  const dc = v.dc;
  r.dcPhase = dc.phase;
  r.dcPath = dc.plan?.path ?? null;
  r.dcCurrentRequestA = dc.currentRequestA;
  r.evTargetVoltageV = dc.ccc.evTargetVoltageV;
  r.evMaxVoltageV = dc.ccc.evMaxVoltageV;
  r.bmsChargeCurrentLimitA = v.bms.chargeCurrentLimitA;
  r.bmsChargePowerLimitW = v.bms.chargePowerLimitW;
  r.pinLimitA = v.inlet.pinLimitA;
  const ac = v.inlet.acSession;
  r.acSetpointA = ac.state === 'charging' ? ac.obcCurrentSetpointA : 0;
  r.criticalFault = v.bms.criticalFault;
  r.v2lFloorPct = v.v2l.floorPct;
  r.socUncertaintyPct = v.bms.socUncertaintyPct;
  return r;
}
