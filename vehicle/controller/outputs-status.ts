// What packpilot reports about itself on CAN: the BMS's state and limits, and the HMI's view of
// the session, the connector and V2L. Physical values; the TxWriter makes them safe to encode.
import { mainPathPhase } from '../../bms/index.ts';
import type { LimitingReason } from '../status.ts';
import type { ControllerView } from './view.ts';
import { modeLabel, type Composer } from './outputs-power.ts';
import { limitingReason, sessionPhaseLabel } from './session-view.ts';

const CONTACTOR_LABEL = { open: 'Open', precharging: 'Precharging', closed: 'Closed', opening: 'Opening', fault: 'Fault' } as const;
const ISOLATION_LABEL = { ok: 'Ok', warning: 'Warning', fault: 'Fault', stoodDown: 'StoodDown', unknown: 'Unknown' } as const;
const SEVERITY_RANK = { info: 0, warning: 1, error: 2, critical: 3 } as const;
const SEVERITY_LABEL = ['None', 'Warning', 'Derate', 'Critical'] as const;
const CONNECTOR_LABEL: Readonly<Record<string, string>> = {
  none: 'None', nacs: 'NativeHandle', j1772: 'NativeHandle', 'ccs1-dc-adapter': 'CcsToNacsAdapter',
  'j1772-ac-adapter': 'J1772ToNacsAdapter', 'v2l-adapter': 'V2lAdapter', 'v2h-device': 'V2hDevice', unknown: 'Unknown',
};
const V2L_LABEL = { off: 'Off', checking: 'Checking', starting: 'Starting', supplying: 'Supplying', stopping: 'Stopping', fault: 'Fault' } as const;
const REFUSAL_LABEL: Readonly<Record<string, string>> = {
  'ac-adapter-digital-pilot': 'AcOnlyAdapterOnDc', 'dc-adapter-ac-offer': 'DcOnlyAdapterOnAc', 'pp-unknown': 'UnknownConnector',
  'pp-invalid': 'UnknownConnector', 'not-parked': 'NotInPark', 'lock-fault': 'LockFault',
};

/** The most severe active fault, the first of equals (table order); a loop: this runs per frame. */
function worstFault(v: ControllerView): ControllerView['bms']['faults'][number] | undefined {
  const faults = v.bms.faults;
  let worst: (typeof faults)[number] | undefined;
  for (let i = 0; i < faults.length; i++) {
    const f = faults[i]!;
    if (worst === undefined || SEVERITY_RANK[f.severity] > SEVERITY_RANK[worst.severity]) worst = f;
  }
  return worst;
}
const isDerating = (v: ControllerView) => v.bms.chargeLimitReason !== 'rated' && v.bms.chargeLimitReason !== 'socTempMap';
const bmsState = (v: ControllerView) => v.bms.criticalFault ? 'Fault' : !Number.isFinite(v.bms.socPct) ? 'Init' : isDerating(v) ? 'Derating' : mainPathPhase(v.bms.mainState) === 'closed' ? 'Active' : 'Standby';
/** The DBC counts cells from 1; 0 = unknown. */
const index = (i: number) => (i >= 0 ? i + 1 : 0);
const minutes = (s: number | null) => (s === null ? null : Math.round(s / 60));
const chargePowerW = (v: ControllerView) => {
  const w = v.packCurrentA * v.bms.packVoltageV;
  return Number.isFinite(w) ? w : 0;
};

export const STATUS_MESSAGES: Readonly<Record<string, Composer>> = {
  BMS_Status: (v, w) => {
      w.label('BMS_State', bmsState(v));
      w.label('BMS_ContactorState', CONTACTOR_LABEL[mainPathPhase(v.bms.mainState)]);
      w.num('BMS_Soc', v.bms.socPct);
      w.num('BMS_Soh', v.bms.sohPct);
      w.flag('BMS_DcChargePathClosed', v.bms.dcState === 'closed');
      w.flag('BMS_AcChargePathClosed', v.bms.obcState === 'closed');
      w.label('BMS_IsolationState', ISOLATION_LABEL[v.bms.isolationState]);
      const worst = worstFault(v); // once for both fields
      w.num('BMS_FaultCode', worst?.code ?? 0);
      w.label('BMS_FaultSeverity', SEVERITY_LABEL[severityRank(worst)]!);
      w.num('BMS_ActiveFaultCount', v.bms.faults.length);
    },
  BMS_CurrentLimits: (v, w) => {
      w.num('BMS_ChargeCurrentLimit', v.bms.chargeCurrentLimitA);
      w.num('BMS_DischargeCurrentLimit', v.bms.dischargeCurrentLimitA);
      w.num('BMS_MaxChargeVoltage', v.bms.maxChargeVoltageV);
    },
  BMS_PowerLimits: (v, w) => {
      w.num('BMS_ChargePowerLimit', v.bms.chargePowerLimitW);
      w.num('BMS_DischargePowerLimit', v.bms.dischargePowerLimitW);
      w.num('BMS_MinDischargeVoltage', v.bms.minDischargeVoltageV);
    },
  BMS_CellSummary: (v, w) => {
      w.num('BMS_CellVoltageMin', v.bms.cellVoltageMinV);
      w.num('BMS_CellVoltageMax', v.bms.cellVoltageMaxV);
      w.num('BMS_CellVoltageMinIndex', index(v.bms.cellVoltageMinIndex));
      w.num('BMS_CellVoltageMaxIndex', index(v.bms.cellVoltageMaxIndex));
      w.num('BMS_ValidCellCount', v.bmsConfig.pack.seriesCells - v.bms.invalidCellVoltageCount);
    },
  BMS_TempSummary: (v, w) => {
      w.num('BMS_CellTempMin', v.bms.cellTempMinC);
      w.num('BMS_CellTempMax', v.bms.cellTempMaxC);
      w.num('BMS_CellTempMinIndex', index(v.bms.cellTempMinIndex));
      w.num('BMS_CellTempMaxIndex', index(v.bms.cellTempMaxIndex));
      w.num('BMS_ValidTempSensorCount', v.bmsConfig.pack.tempSensors - v.bms.invalidTempCount);
    },
  HMI_Status: (v, w) => {
      w.label('HMI_Mode', modeLabel(v));
      w.num('HMI_Soc', v.bms.socPct);
      w.label('HMI_ConnectorKind', CONNECTOR_LABEL[v.inlet.connector.kind] ?? 'Unknown');
      w.label('HMI_V2lState', V2L_LABEL[v.v2l.state]);
      w.num('HMI_V2lRuntime', v.v2l.runtime ? Math.round(v.v2l.runtime.estimatedS / 60) : null);
      w.num('HMI_FaultCount', v.bms.faults.length);
      w.flag('HMI_WarnV2lNearFloor', nearFloor(v));
      w.flag('HMI_WarnPackCold', v.bms.chargeLimitReason === 'cellTempLow' || v.bms.chargeLimitReason === 'chargeTempWindow' && v.bms.cellTempMinC < 10);
      w.flag('HMI_WarnPackHot', v.bms.chargeLimitReason === 'cellTempHigh');
      w.flag('HMI_WarnInletHot', v.inlet.pinLimitReason !== 'none');
      w.flag('HMI_WarnIsolation', v.bms.isolationState === 'warning' || v.bms.isolationState === 'fault');
      w.flag('HMI_WarnDerating', isDerating(v));
    },
  HMI_ChargeStatus: (v, w) => {
      w.label('HMI_SessionPhase', sessionPhaseLabel(v));
      w.label('HMI_ChargePlan', v.dc.plan?.path === 'boost' ? 'Boost' : v.dc.plan?.path === 'direct' ? 'Direct' : 'None');
      w.label('HMI_LimitingReason', limitingReasonLabel(v));
      w.label('HMI_RefusalReason', v.inlet.refusal ? REFUSAL_LABEL[v.inlet.refusal.code] ?? 'Other' : v.dc.refusal ? 'Other' : 'None');
      w.num('HMI_ChargePower', chargePowerW(v));
      w.num('HMI_TimeTo80', minutes(v.dc.remainingTimeToBulkS));
      w.num('HMI_TimeToLimit', minutes(v.dc.remainingTimeToFullS));
    },
};

function severityRank(worst: ControllerView['bms']['faults'][number] | undefined): number {
  return worst ? Math.max(1, SEVERITY_RANK[worst.severity]) : 0;
}

/** DBC labels by reason (HMI_LimitingReason): the reason's name capitalised, as a table. */
const LIMITING_LABEL: Readonly<Record<LimitingReason, string>> = {
  none: 'None', battery: 'Battery', charger: 'Charger', inletHot: 'InletHot', adapter: 'Adapter', boost: 'Boost',
  user: 'User', cold: 'Cold', hot: 'Hot', fault: 'Fault',
};

function limitingReasonLabel(v: ControllerView): string {
  return LIMITING_LABEL[limitingReason(v)];
}

/** A V2L near-floor warning is active (a loop: no closure per frame). */
function nearFloor(v: ControllerView): boolean {
  const warnings = v.v2l.warnings;
  for (let i = 0; i < warnings.length; i++) if (warnings[i]!.code === 'near-floor') return true;
  return false;
}
