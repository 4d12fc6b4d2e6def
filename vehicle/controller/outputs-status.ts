// What packpilot reports about itself on CAN: the BMS's state and limits, and the HMI's view of
// the session, the connector and V2L. Physical values; TxValues makes them safe to encode.
import { mainPathPhase } from '../../bms/index.ts';
import type { TxRecord, TxValues } from './tx.ts';
import type { ControllerView } from './view.ts';
import { modeLabel } from './outputs-power.ts';
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

export function statusMessages(v: ControllerView, tx: TxValues): Record<string, TxRecord> {
  const b = v.bms;
  const worst = b.faults.reduce<(typeof b.faults)[number] | undefined>((w, f) => (!w || SEVERITY_RANK[f.severity] > SEVERITY_RANK[w.severity] ? f : w), undefined);
  const derating = b.chargeLimitReason !== 'rated' && b.chargeLimitReason !== 'socTempMap';
  const state = b.criticalFault ? 'Fault' : !Number.isFinite(b.socPct) ? 'Init' : derating ? 'Derating' : mainPathPhase(b.mainState) === 'closed' ? 'Active' : 'Standby';
  const index = (i: number) => (i >= 0 ? i + 1 : 0); // the DBC counts cells from 1; 0 = unknown
  const chargePowerW = v.packCurrentA * b.packVoltageV;
  const minutes = (s: number | null) => (s === null ? null : Math.round(s / 60));
  return {
    BMS_Status: {
      BMS_State: tx.label('BMS_State', state),
      BMS_ContactorState: tx.label('BMS_ContactorState', CONTACTOR_LABEL[mainPathPhase(b.mainState)]),
      BMS_Soc: tx.num('BMS_Soc', b.socPct),
      BMS_Soh: tx.num('BMS_Soh', b.sohPct),
      BMS_DcChargePathClosed: tx.flag('BMS_DcChargePathClosed', b.dcState === 'closed'),
      BMS_AcChargePathClosed: tx.flag('BMS_AcChargePathClosed', b.obcState === 'closed'),
      BMS_IsolationState: tx.label('BMS_IsolationState', ISOLATION_LABEL[b.isolationState]),
      BMS_FaultCode: tx.num('BMS_FaultCode', worst?.code ?? 0),
      BMS_FaultSeverity: tx.label('BMS_FaultSeverity', SEVERITY_LABEL[worst ? Math.max(1, SEVERITY_RANK[worst.severity]) : 0]!),
      BMS_ActiveFaultCount: tx.num('BMS_ActiveFaultCount', b.faults.length),
    },
    BMS_CurrentLimits: {
      BMS_ChargeCurrentLimit: tx.num('BMS_ChargeCurrentLimit', b.chargeCurrentLimitA),
      BMS_DischargeCurrentLimit: tx.num('BMS_DischargeCurrentLimit', b.dischargeCurrentLimitA),
      BMS_MaxChargeVoltage: tx.num('BMS_MaxChargeVoltage', b.maxChargeVoltageV),
    },
    BMS_PowerLimits: {
      BMS_ChargePowerLimit: tx.num('BMS_ChargePowerLimit', b.chargePowerLimitW),
      BMS_DischargePowerLimit: tx.num('BMS_DischargePowerLimit', b.dischargePowerLimitW),
      BMS_MinDischargeVoltage: tx.num('BMS_MinDischargeVoltage', b.minDischargeVoltageV),
    },
    BMS_CellSummary: {
      BMS_CellVoltageMin: tx.num('BMS_CellVoltageMin', b.cellVoltageMinV),
      BMS_CellVoltageMax: tx.num('BMS_CellVoltageMax', b.cellVoltageMaxV),
      BMS_CellVoltageMinIndex: tx.num('BMS_CellVoltageMinIndex', index(b.cellVoltageMinIndex)),
      BMS_CellVoltageMaxIndex: tx.num('BMS_CellVoltageMaxIndex', index(b.cellVoltageMaxIndex)),
      BMS_ValidCellCount: tx.num('BMS_ValidCellCount', v.bmsConfig.pack.seriesCells - b.invalidCellVoltageCount),
    },
    BMS_TempSummary: {
      BMS_CellTempMin: tx.num('BMS_CellTempMin', b.cellTempMinC),
      BMS_CellTempMax: tx.num('BMS_CellTempMax', b.cellTempMaxC),
      BMS_CellTempMinIndex: tx.num('BMS_CellTempMinIndex', index(b.cellTempMinIndex)),
      BMS_CellTempMaxIndex: tx.num('BMS_CellTempMaxIndex', index(b.cellTempMaxIndex)),
      BMS_ValidTempSensorCount: tx.num('BMS_ValidTempSensorCount', v.bmsConfig.pack.tempSensors - b.invalidTempCount),
    },
    HMI_Status: {
      HMI_Mode: tx.label('HMI_Mode', modeLabel(v)),
      HMI_Soc: tx.num('HMI_Soc', b.socPct),
      HMI_ConnectorKind: tx.label('HMI_ConnectorKind', CONNECTOR_LABEL[v.inlet.connector.kind] ?? 'Unknown'),
      HMI_V2lState: tx.label('HMI_V2lState', V2L_LABEL[v.v2l.state]),
      HMI_V2lRuntime: tx.num('HMI_V2lRuntime', v.v2l.runtime ? Math.round(v.v2l.runtime.estimatedS / 60) : null),
      HMI_FaultCount: tx.num('HMI_FaultCount', b.faults.length),
      HMI_WarnV2lNearFloor: tx.flag('HMI_WarnV2lNearFloor', v.v2l.warnings.some((w) => w.code === 'near-floor')),
      HMI_WarnPackCold: tx.flag('HMI_WarnPackCold', b.chargeLimitReason === 'cellTempLow' || b.chargeLimitReason === 'chargeTempWindow' && b.cellTempMinC < 10),
      HMI_WarnPackHot: tx.flag('HMI_WarnPackHot', b.chargeLimitReason === 'cellTempHigh'),
      HMI_WarnInletHot: tx.flag('HMI_WarnInletHot', v.inlet.pinLimitReason !== 'none'),
      HMI_WarnIsolation: tx.flag('HMI_WarnIsolation', b.isolationState === 'warning' || b.isolationState === 'fault'),
      HMI_WarnDerating: tx.flag('HMI_WarnDerating', derating),
    },
    HMI_ChargeStatus: {
      HMI_SessionPhase: tx.label('HMI_SessionPhase', sessionPhaseLabel(v)),
      HMI_ChargePlan: tx.label('HMI_ChargePlan', v.dc.plan?.path === 'boost' ? 'Boost' : v.dc.plan?.path === 'direct' ? 'Direct' : 'None'),
      HMI_LimitingReason: tx.label('HMI_LimitingReason', limitingReasonLabel(v)),
      HMI_RefusalReason: tx.label('HMI_RefusalReason', v.inlet.refusal ? REFUSAL_LABEL[v.inlet.refusal.code] ?? 'Other' : v.dc.refusal ? 'Other' : 'None'),
      HMI_ChargePower: tx.num('HMI_ChargePower', Number.isFinite(chargePowerW) ? chargePowerW : 0),
      HMI_TimeTo80: tx.num('HMI_TimeTo80', minutes(v.dc.remainingTimeToBulkS)),
      HMI_TimeToLimit: tx.num('HMI_TimeToLimit', minutes(v.dc.remainingTimeToFullS)),
    },
  };
}

function limitingReasonLabel(v: ControllerView): string {
  const r = limitingReason(v);
  return r === 'none' ? 'None' : r === 'inletHot' ? 'InletHot' : r[0]!.toUpperCase() + r.slice(1);
}
