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

export function powerMessages(v: ControllerView, tx: TxValues): Record<string, TxRecord> {
  const { bms, inlet, dc, v2l } = v;
  const c = bms.contactorCommands;
  const ccc = dc.ccc;
  const s2 = inlet.acSession.s2Closed || dc.cpRequest === 'C';
  const inhibitReason = inlet.connector.present ? 'ConnectorPresent' : v.mode.mode === 'fault' ? 'Fault' : 'None';
  return {
    PP_Heartbeat: { PP_Mode: tx.label('PP_Mode', modeLabel(v)), PP_SafeStateRequest: tx.flag('PP_SafeStateRequest', bms.criticalFault) },
    PDU_Command: {
      PDU_MainPosCmd: tx.flag('PDU_MainPosCmd', c.mainPos), PDU_MainNegCmd: tx.flag('PDU_MainNegCmd', c.mainNeg),
      PDU_PrechargeCmd: tx.flag('PDU_PrechargeCmd', c.precharge), PDU_DcChargePosCmd: tx.flag('PDU_DcChargePosCmd', c.dcPos),
      PDU_DcChargeNegCmd: tx.flag('PDU_DcChargeNegCmd', c.dcNeg), PDU_ObcRelayCmd: tx.flag('PDU_ObcRelayCmd', c.obcRelay),
    },
    CCC_EvRequest: {
      CCC_PhaseRequest: tx.label('CCC_PhaseRequest', CCC_PHASE_LABELS[ccc.phaseRequested]),
      CCC_EvTargetVoltage: tx.num('CCC_EvTargetVoltage', ccc.evTargetVoltageV),
      CCC_EvTargetCurrent: tx.num('CCC_EvTargetCurrent', ccc.evTargetCurrentA),
      CCC_EvSoc: tx.num('CCC_EvSoc', Math.round(ccc.socPct)),
      CCC_EvReady: tx.flag('CCC_EvReady', ccc.evReady),
      CCC_EvErrorCode: tx.label('CCC_EvErrorCode', EV_ERROR_LABEL[ccc.evErrorCode] ?? 'NO_ERROR'),
      CCC_ChargingComplete: tx.flag('CCC_ChargingComplete', ccc.chargingComplete),
      CCC_BulkChargingComplete: tx.flag('CCC_BulkChargingComplete', ccc.bulkComplete),
    },
    CCC_EvLimits: {
      CCC_EvMaxVoltage: tx.num('CCC_EvMaxVoltage', ccc.evMaxVoltageV),
      CCC_EvMaxCurrent: tx.num('CCC_EvMaxCurrent', ccc.evMaxCurrentA),
      CCC_EvMaxPower: tx.num('CCC_EvMaxPower', ccc.evMaxPowerW),
    },
    CCC_EvStatus: {
      CCC_RemainingTimeToFull: tx.num('CCC_RemainingTimeToFull', ccc.remainingTimeToFullS),
      CCC_RemainingTimeToBulk: tx.num('CCC_RemainingTimeToBulk', ccc.remainingTimeToBulkS),
      CCC_PaymentMode: tx.label('CCC_PaymentMode', ccc.paymentMode === 'pnc' ? 'Pnc' : 'Eim'),
      CCC_EvFullSoc: tx.num('CCC_EvFullSoc', v.settings.chargeLimitPct),
      CCC_EvBulkSoc: tx.num('CCC_EvBulkSoc', Math.min(80, v.settings.chargeLimitPct)),
    },
    INLET_Command: {
      INLET_LockRequest: tx.label('INLET_LockRequest', inlet.lock.command === 'lock' ? 'Lock' : inlet.lock.command === 'unlock' ? 'Unlock' : 'None'),
      INLET_CpStateRequest: tx.label('INLET_CpStateRequest', s2 ? 'C' : 'B'),
      ...led(v, tx),
    },
    BOOST_Command: {
      BOOST_ModeRequest: tx.label('BOOST_ModeRequest', dc.boost.mode === 'boost' ? 'Boost' : dc.boost.mode === 'bypass' ? 'Bypass' : 'Off'),
      BOOST_InputVoltageSetpoint: tx.num('BOOST_InputVoltageSetpoint', dc.boost.inputVoltageSetpointV),
      BOOST_OutputCurrentLimit: tx.num('BOOST_OutputCurrentLimit', dc.boost.outputCurrentLimitA),
      BOOST_InputCurrentLimit: tx.num('BOOST_InputCurrentLimit', dc.boost.mode === 'off' ? 0 : v.shell.boostFitted ? Infinity : 0),
      BOOST_FaultReset: tx.flag('BOOST_FaultReset', false),
    },
    IMD_Command: { IMD_Request: tx.label('IMD_Request', bms.imdStandDown ? 'StandDown' : 'Measure') },
    VEH_Interlock: {
      VEH_DriveInhibit: tx.flag('VEH_DriveInhibit', inlet.driveInhibit || !v.permissions.driveAllowed),
      VEH_Plugged: tx.flag('VEH_Plugged', inlet.connector.present),
      VEH_InhibitReason: tx.label('VEH_InhibitReason', inhibitReason),
    },
    OBC_Command: {
      OBC_Enable: tx.flag('OBC_Enable', inlet.acSession.state === 'charging' && inlet.acSession.obcCurrentSetpointA > 0),
      OBC_AcCurrentSetpoint: tx.num('OBC_AcCurrentSetpoint', inlet.acSession.obcCurrentSetpointA),
      OBC_DcVoltageLimit: tx.num('OBC_DcVoltageLimit', v.bmsConfig.pack.seriesCells * v.bmsConfig.chemistry.cellVoltageHighV.operating),
      OBC_DcCurrentLimit: tx.num('OBC_DcCurrentLimit', bms.chargeCurrentLimitA),
      OBC_FaultReset: tx.flag('OBC_FaultReset', false),
    },
    INV_Command: {
      INV_Enable: tx.flag('INV_Enable', v2l.inverterCommand.enable),
      INV_VoltageSetting: tx.label('INV_VoltageSetting', v2l.inverterCommand.voltageSetting === '240-split' ? 'V240SplitPhase' : v2l.inverterCommand.voltageSetting === '230' ? 'V230' : 'V120'),
      INV_FrequencySetting: tx.label('INV_FrequencySetting', v2l.inverterCommand.frequencyHz === 50 ? 'Hz50' : 'Hz60'),
      INV_PowerLimit: tx.num('INV_PowerLimit', v2l.inverterCommand.powerLimitW),
      INV_TripReset: tx.flag('INV_TripReset', v2l.inverterCommand.resetTrip),
    },
    TMS_Request: {
      TMS_ModeRequest: tx.label('TMS_ModeRequest', bms.tmsRequest.mode === 'heat' ? 'Heat' : bms.tmsRequest.mode === 'cool' ? 'Cool' : 'Off'),
      TMS_TargetCoolantTemp: tx.num('TMS_TargetCoolantTemp', Number.isFinite(bms.tmsRequest.targetC) ? bms.tmsRequest.targetC : 25),
      TMS_TargetPackTemp: tx.num('TMS_TargetPackTemp', Number.isFinite(bms.tmsRequest.targetC) ? bms.tmsRequest.targetC : 25),
      TMS_MaxPower: tx.num('TMS_MaxPower', bms.tmsRequest.maxPowerW),
    },
  };
}

/** The charge-port light: what a person at the car needs to see. */
function led(v: ControllerView, tx: TxValues): TxRecord {
  const charging = v.dc.currentRequestA > 0 || v.inlet.acSession.state === 'charging';
  const fault = v.mode.mode === 'fault' || v.inlet.refusal !== null || v.inlet.lock.fault !== null;
  const [colour, pattern] = fault ? ['Red', 'Blink'] : charging ? ['Green', 'Pulse'] : v.v2l.state === 'supplying' ? ['Blue', 'Steady']
    : v.inlet.connector.present ? ['White', 'Steady'] : ['Off', 'Steady'];
  return { INLET_LedColour: tx.label('INLET_LedColour', colour), INLET_LedPattern: tx.label('INLET_LedPattern', pattern) };
}
