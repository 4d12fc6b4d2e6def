// The commands packpilot sends to the power hardware: heartbeat, contactors, inlet, CCC, boost,
// IMD, OBC, inverter, TMS and the drive interlock. Values are physical; TxValues makes them safe.
import type { TxRecord, TxValues } from './tx.ts';
import type { ControllerView } from './view.ts';
import { CCC_PHASE_LABELS } from './inputs-dc.ts';

const MODE_LABEL = { park: 'Park', drive: 'Drive', 'ac-charge': 'ChargeAc', 'dc-charge': 'ChargeDc', v2l: 'V2l', fault: 'Fault' } as const;
const EV_ERROR_LABEL: Readonly<Record<string, string>> = {
  noError: 'NO_ERROR', ressTemperatureInhibit: 'FAILED_RESSTemperatureInhibit', evShiftPosition: 'FAILED_EVShiftPosition',
  chargerConnectorLockFault: 'FAILED_ChargerConnectorLockFault', evRessMalfunction: 'FAILED_EVRESSMalfunction',
  chargingCurrentDifferential: 'FAILED_ChargingCurrentdifferential', chargingVoltageOutOfRange: 'FAILED_ChargingVoltageOutOfRange',
  chargingSystemIncompatibility: 'FAILED_ChargingSystemIncompatibility', noData: 'NoData',
};

export function modeLabel(v: ControllerView): string {
  return MODE_LABEL[v.mode.mode];
}

/** Composes one outgoing message from the view; called only when the message is due. */
export type Composer = (v: ControllerView, tx: TxValues) => TxRecord;

const s2Requested = (v: ControllerView): boolean => v.inlet.acSession.s2Closed || v.dc.cpRequest === 'C';

export const POWER_MESSAGES: Readonly<Record<string, Composer>> = {
  PP_Heartbeat: (v, tx) => ({ PP_Mode: tx.label('PP_Mode', modeLabel(v)), PP_SafeStateRequest: tx.flag('PP_SafeStateRequest', v.bms.criticalFault) }),
  PDU_Command: (v, tx) => ({
      PDU_MainPosCmd: tx.flag('PDU_MainPosCmd', v.bms.contactorCommands.mainPos), PDU_MainNegCmd: tx.flag('PDU_MainNegCmd', v.bms.contactorCommands.mainNeg),
      PDU_PrechargeCmd: tx.flag('PDU_PrechargeCmd', v.bms.contactorCommands.precharge), PDU_DcChargePosCmd: tx.flag('PDU_DcChargePosCmd', v.bms.contactorCommands.dcPos),
      PDU_DcChargeNegCmd: tx.flag('PDU_DcChargeNegCmd', v.bms.contactorCommands.dcNeg), PDU_ObcRelayCmd: tx.flag('PDU_ObcRelayCmd', v.bms.contactorCommands.obcRelay),
    }),
  CCC_EvRequest: (v, tx) => ({
      CCC_PhaseRequest: tx.label('CCC_PhaseRequest', CCC_PHASE_LABELS[v.dc.ccc.phaseRequested]),
      CCC_EvTargetVoltage: tx.num('CCC_EvTargetVoltage', v.dc.ccc.evTargetVoltageV),
      CCC_EvTargetCurrent: tx.num('CCC_EvTargetCurrent', v.dc.ccc.evTargetCurrentA),
      CCC_EvSoc: tx.num('CCC_EvSoc', Math.round(v.dc.ccc.socPct)),
      CCC_EvReady: tx.flag('CCC_EvReady', v.dc.ccc.evReady),
      CCC_EvErrorCode: tx.label('CCC_EvErrorCode', EV_ERROR_LABEL[v.dc.ccc.evErrorCode] ?? 'NO_ERROR'),
      CCC_ChargingComplete: tx.flag('CCC_ChargingComplete', v.dc.ccc.chargingComplete),
      CCC_BulkChargingComplete: tx.flag('CCC_BulkChargingComplete', v.dc.ccc.bulkComplete),
    }),
  CCC_EvLimits: (v, tx) => ({
      CCC_EvMaxVoltage: tx.num('CCC_EvMaxVoltage', v.dc.ccc.evMaxVoltageV),
      CCC_EvMaxCurrent: tx.num('CCC_EvMaxCurrent', v.dc.ccc.evMaxCurrentA),
      CCC_EvMaxPower: tx.num('CCC_EvMaxPower', v.dc.ccc.evMaxPowerW),
    }),
  CCC_EvStatus: (v, tx) => ({
      CCC_RemainingTimeToFull: tx.num('CCC_RemainingTimeToFull', v.dc.ccc.remainingTimeToFullS),
      CCC_RemainingTimeToBulk: tx.num('CCC_RemainingTimeToBulk', v.dc.ccc.remainingTimeToBulkS),
      CCC_PaymentMode: tx.label('CCC_PaymentMode', v.dc.ccc.paymentMode === 'pnc' ? 'Pnc' : 'Eim'),
      CCC_EvFullSoc: tx.num('CCC_EvFullSoc', v.settings.chargeLimitPct),
      CCC_EvBulkSoc: tx.num('CCC_EvBulkSoc', Math.min(80, v.settings.chargeLimitPct)),
    }),
  INLET_Command: (v, tx) => ({
      INLET_LockRequest: tx.label('INLET_LockRequest', v.inlet.lock.command === 'lock' ? 'Lock' : v.inlet.lock.command === 'unlock' ? 'Unlock' : 'None'),
      INLET_CpStateRequest: tx.label('INLET_CpStateRequest', s2Requested(v) ? 'C' : 'B'),
      ...led(v, tx),
    }),
  BOOST_Command: (v, tx) => ({
      BOOST_ModeRequest: tx.label('BOOST_ModeRequest', v.dc.boost.mode === 'boost' ? 'Boost' : v.dc.boost.mode === 'bypass' ? 'Bypass' : 'Off'),
      BOOST_InputVoltageSetpoint: tx.num('BOOST_InputVoltageSetpoint', v.dc.boost.inputVoltageSetpointV),
      BOOST_OutputCurrentLimit: tx.num('BOOST_OutputCurrentLimit', v.dc.boost.outputCurrentLimitA),
      // The EVSE current asked (inlet side); Infinity would be sent as 0 and the converter took nothing.
      BOOST_InputCurrentLimit: tx.num('BOOST_InputCurrentLimit', v.dc.boost.mode === 'off' ? 0 : v.dc.currentRequestA),
      BOOST_FaultReset: tx.flag('BOOST_FaultReset', false),
    }),
  IMD_Command: (v, tx) => ({ IMD_Request: tx.label('IMD_Request', v.bms.imdStandDown ? 'StandDown' : 'Measure') }),
  VEH_Interlock: (v, tx) => ({
      VEH_DriveInhibit: tx.flag('VEH_DriveInhibit', v.inlet.driveInhibit || !v.permissions.driveAllowed),
      VEH_Plugged: tx.flag('VEH_Plugged', v.inlet.connector.present),
      VEH_InhibitReason: tx.label('VEH_InhibitReason', v.inlet.connector.present ? 'ConnectorPresent' : v.mode.mode === 'fault' ? 'Fault' : 'None'),
    }),
  OBC_Command: (v, tx) => ({
      OBC_Enable: tx.flag('OBC_Enable', v.inlet.acSession.state === 'charging' && v.inlet.acSession.obcCurrentSetpointA > 0),
      OBC_AcCurrentSetpoint: tx.num('OBC_AcCurrentSetpoint', v.inlet.acSession.obcCurrentSetpointA),
      OBC_DcVoltageLimit: tx.num('OBC_DcVoltageLimit', v.bmsConfig.pack.seriesCells * v.bmsConfig.chemistry.cellVoltageHighV.operating),
      OBC_DcCurrentLimit: tx.num('OBC_DcCurrentLimit', v.bms.chargeCurrentLimitA),
      OBC_FaultReset: tx.flag('OBC_FaultReset', false),
    }),
  INV_Command: (v, tx) => ({
      INV_Enable: tx.flag('INV_Enable', v.v2l.inverterCommand.enable),
      INV_VoltageSetting: tx.label('INV_VoltageSetting', v.v2l.inverterCommand.voltageSetting === '240-split' ? 'V240SplitPhase' : v.v2l.inverterCommand.voltageSetting === '230' ? 'V230' : 'V120'),
      INV_FrequencySetting: tx.label('INV_FrequencySetting', v.v2l.inverterCommand.frequencyHz === 50 ? 'Hz50' : 'Hz60'),
      INV_PowerLimit: tx.num('INV_PowerLimit', v.v2l.inverterCommand.powerLimitW),
      INV_TripReset: tx.flag('INV_TripReset', v.v2l.inverterCommand.resetTrip),
    }),
  TMS_Request: (v, tx) => ({
      TMS_ModeRequest: tx.label('TMS_ModeRequest', v.bms.tmsRequest.mode === 'heat' ? 'Heat' : v.bms.tmsRequest.mode === 'cool' ? 'Cool' : 'Off'),
      // The coolant must differ from the cells for heat to flow: the BMS chooses both (bms/precondition.ts).
      TMS_TargetCoolantTemp: tx.num('TMS_TargetCoolantTemp', Number.isFinite(v.bms.tmsRequest.coolantTargetC) ? v.bms.tmsRequest.coolantTargetC : 25),
      TMS_TargetPackTemp: tx.num('TMS_TargetPackTemp', Number.isFinite(v.bms.tmsRequest.targetC) ? v.bms.tmsRequest.targetC : 25),
      TMS_MaxPower: tx.num('TMS_MaxPower', v.bms.tmsRequest.maxPowerW),
    }),
};

/** The charge-port light: what a person at the car needs to see. */
function led(v: ControllerView, tx: TxValues): TxRecord {
  const charging = v.dc.currentRequestA > 0 || v.inlet.acSession.state === 'charging';
  const fault = v.mode.mode === 'fault' || v.inlet.refusal !== null || v.inlet.lock.fault !== null;
  const [colour, pattern] = fault ? ['Red', 'Blink'] : charging ? ['Green', 'Pulse'] : v.v2l.state === 'supplying' ? ['Blue', 'Steady']
    : v.inlet.connector.present ? ['White', 'Steady'] : ['Off', 'Steady'];
  return { INLET_LedColour: tx.label('INLET_LedColour', colour), INLET_LedPattern: tx.label('INLET_LedPattern', pattern) };
}
