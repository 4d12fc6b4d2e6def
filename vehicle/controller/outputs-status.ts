// What packpilot reports about itself on CAN: the BMS's state and limits, and the HMI's view of
// the session, the connector and V2L. Physical values; TxValues makes them safe to encode.
import { mainPathPhase } from '../../bms/index.ts';
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

/** The most severe active fault, the first of equals (table order). */
const worstFault = (v: ControllerView) =>
  v.bms.faults.reduce<(typeof v.bms.faults)[number] | undefined>((w, f) => (!w || SEVERITY_RANK[f.severity] > SEVERITY_RANK[w.severity] ? f : w), undefined);
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
  BMS_Status: (v, tx) => ({
      BMS_State: tx.label('BMS_State', bmsState(v)),
      BMS_ContactorState: tx.label('BMS_ContactorState', CONTACTOR_LABEL[mainPathPhase(v.bms.mainState)]),
      BMS_Soc: tx.num('BMS_Soc', v.bms.socPct),
      BMS_Soh: tx.num('BMS_Soh', v.bms.sohPct),
      BMS_DcChargePathClosed: tx.flag('BMS_DcChargePathClosed', v.bms.dcState === 'closed'),
      BMS_AcChargePathClosed: tx.flag('BMS_AcChargePathClosed', v.bms.obcState === 'closed'),
      BMS_IsolationState: tx.label('BMS_IsolationState', ISOLATION_LABEL[v.bms.isolationState]),
      BMS_FaultCode: tx.num('BMS_FaultCode', worstFault(v)?.code ?? 0),
      BMS_FaultSeverity: tx.label('BMS_FaultSeverity', SEVERITY_LABEL[severityRank(v)]!),
      BMS_ActiveFaultCount: tx.num('BMS_ActiveFaultCount', v.bms.faults.length),
    }),
  BMS_CurrentLimits: (v, tx) => ({
      BMS_ChargeCurrentLimit: tx.num('BMS_ChargeCurrentLimit', v.bms.chargeCurrentLimitA),
      BMS_DischargeCurrentLimit: tx.num('BMS_DischargeCurrentLimit', v.bms.dischargeCurrentLimitA),
      BMS_MaxChargeVoltage: tx.num('BMS_MaxChargeVoltage', v.bms.maxChargeVoltageV),
    }),
  BMS_PowerLimits: (v, tx) => ({
      BMS_ChargePowerLimit: tx.num('BMS_ChargePowerLimit', v.bms.chargePowerLimitW),
      BMS_DischargePowerLimit: tx.num('BMS_DischargePowerLimit', v.bms.dischargePowerLimitW),
      BMS_MinDischargeVoltage: tx.num('BMS_MinDischargeVoltage', v.bms.minDischargeVoltageV),
    }),
  BMS_CellSummary: (v, tx) => ({
      BMS_CellVoltageMin: tx.num('BMS_CellVoltageMin', v.bms.cellVoltageMinV),
      BMS_CellVoltageMax: tx.num('BMS_CellVoltageMax', v.bms.cellVoltageMaxV),
      BMS_CellVoltageMinIndex: tx.num('BMS_CellVoltageMinIndex', index(v.bms.cellVoltageMinIndex)),
      BMS_CellVoltageMaxIndex: tx.num('BMS_CellVoltageMaxIndex', index(v.bms.cellVoltageMaxIndex)),
      BMS_ValidCellCount: tx.num('BMS_ValidCellCount', v.bmsConfig.pack.seriesCells - v.bms.invalidCellVoltageCount),
    }),
  BMS_TempSummary: (v, tx) => ({
      BMS_CellTempMin: tx.num('BMS_CellTempMin', v.bms.cellTempMinC),
      BMS_CellTempMax: tx.num('BMS_CellTempMax', v.bms.cellTempMaxC),
      BMS_CellTempMinIndex: tx.num('BMS_CellTempMinIndex', index(v.bms.cellTempMinIndex)),
      BMS_CellTempMaxIndex: tx.num('BMS_CellTempMaxIndex', index(v.bms.cellTempMaxIndex)),
      BMS_ValidTempSensorCount: tx.num('BMS_ValidTempSensorCount', v.bmsConfig.pack.tempSensors - v.bms.invalidTempCount),
    }),
  HMI_Status: (v, tx) => ({
      HMI_Mode: tx.label('HMI_Mode', modeLabel(v)),
      HMI_Soc: tx.num('HMI_Soc', v.bms.socPct),
      HMI_ConnectorKind: tx.label('HMI_ConnectorKind', CONNECTOR_LABEL[v.inlet.connector.kind] ?? 'Unknown'),
      HMI_V2lState: tx.label('HMI_V2lState', V2L_LABEL[v.v2l.state]),
      HMI_V2lRuntime: tx.num('HMI_V2lRuntime', v.v2l.runtime ? Math.round(v.v2l.runtime.estimatedS / 60) : null),
      HMI_FaultCount: tx.num('HMI_FaultCount', v.bms.faults.length),
      HMI_WarnV2lNearFloor: tx.flag('HMI_WarnV2lNearFloor', v.v2l.warnings.some((w) => w.code === 'near-floor')),
      HMI_WarnPackCold: tx.flag('HMI_WarnPackCold', v.bms.chargeLimitReason === 'cellTempLow' || v.bms.chargeLimitReason === 'chargeTempWindow' && v.bms.cellTempMinC < 10),
      HMI_WarnPackHot: tx.flag('HMI_WarnPackHot', v.bms.chargeLimitReason === 'cellTempHigh'),
      HMI_WarnInletHot: tx.flag('HMI_WarnInletHot', v.inlet.pinLimitReason !== 'none'),
      HMI_WarnIsolation: tx.flag('HMI_WarnIsolation', v.bms.isolationState === 'warning' || v.bms.isolationState === 'fault'),
      HMI_WarnDerating: tx.flag('HMI_WarnDerating', isDerating(v)),
    }),
  HMI_ChargeStatus: (v, tx) => ({
      HMI_SessionPhase: tx.label('HMI_SessionPhase', sessionPhaseLabel(v)),
      HMI_ChargePlan: tx.label('HMI_ChargePlan', v.dc.plan?.path === 'boost' ? 'Boost' : v.dc.plan?.path === 'direct' ? 'Direct' : 'None'),
      HMI_LimitingReason: tx.label('HMI_LimitingReason', limitingReasonLabel(v)),
      HMI_RefusalReason: tx.label('HMI_RefusalReason', v.inlet.refusal ? REFUSAL_LABEL[v.inlet.refusal.code] ?? 'Other' : v.dc.refusal ? 'Other' : 'None'),
      HMI_ChargePower: tx.num('HMI_ChargePower', chargePowerW(v)),
      HMI_TimeTo80: tx.num('HMI_TimeTo80', minutes(v.dc.remainingTimeToBulkS)),
      HMI_TimeToLimit: tx.num('HMI_TimeToLimit', minutes(v.dc.remainingTimeToFullS)),
    }),
};

function severityRank(v: ControllerView): number {
  const worst = worstFault(v);
  return worst ? Math.max(1, SEVERITY_RANK[worst.severity]) : 0;
}

function limitingReasonLabel(v: ControllerView): string {
  const r = limitingReason(v);
  return r === 'none' ? 'None' : r === 'inletHot' ? 'InletHot' : r[0]!.toUpperCase() + r.slice(1);
}
