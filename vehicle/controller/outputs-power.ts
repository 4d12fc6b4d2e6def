// The commands packpilot sends to the power hardware: heartbeat, contactors, inlet, CCC, boost,
// IMD, OBC, inverter, TMS and the drive interlock. Values are physical; the TxWriter makes them safe.
import type { TxWriter } from './tx.ts';
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

/** Composes one outgoing message from the view into its writer; called only when the message is due. */
export type Composer = (v: ControllerView, w: TxWriter) => void;

const s2Requested = (v: ControllerView): boolean => v.inlet.acSession.s2Closed || v.dc.cpRequest === 'C';

export const POWER_MESSAGES: Readonly<Record<string, Composer>> = {
  PP_Heartbeat: (v, w) => { w.label('PP_Mode', modeLabel(v)); w.flag('PP_SafeStateRequest', v.bms.criticalFault); },
  PDU_Command: (v, w) => {
      w.flag('PDU_MainPosCmd', v.bms.contactorCommands.mainPos); w.flag('PDU_MainNegCmd', v.bms.contactorCommands.mainNeg);
      w.flag('PDU_PrechargeCmd', v.bms.contactorCommands.precharge); w.flag('PDU_DcChargePosCmd', v.bms.contactorCommands.dcPos);
      w.flag('PDU_DcChargeNegCmd', v.bms.contactorCommands.dcNeg); w.flag('PDU_ObcRelayCmd', v.bms.contactorCommands.obcRelay);
    },
  CCC_EvRequest: (v, w) => {
      w.label('CCC_PhaseRequest', CCC_PHASE_LABELS[v.dc.ccc.phaseRequested]);
      w.num('CCC_EvTargetVoltage', v.dc.ccc.evTargetVoltageV);
      w.num('CCC_EvTargetCurrent', v.dc.ccc.evTargetCurrentA);
      w.num('CCC_EvSoc', Math.round(v.dc.ccc.socPct));
      w.flag('CCC_EvReady', v.dc.ccc.evReady);
      w.label('CCC_EvErrorCode', EV_ERROR_LABEL[v.dc.ccc.evErrorCode] ?? 'NO_ERROR');
      w.flag('CCC_ChargingComplete', v.dc.ccc.chargingComplete);
      w.flag('CCC_BulkChargingComplete', v.dc.ccc.bulkComplete);
    },
  CCC_EvLimits: (v, w) => {
      w.num('CCC_EvMaxVoltage', v.dc.ccc.evMaxVoltageV);
      w.num('CCC_EvMaxCurrent', v.dc.ccc.evMaxCurrentA);
      w.num('CCC_EvMaxPower', v.dc.ccc.evMaxPowerW);
    },
  CCC_EvStatus: (v, w) => {
      w.num('CCC_RemainingTimeToFull', v.dc.ccc.remainingTimeToFullS);
      w.num('CCC_RemainingTimeToBulk', v.dc.ccc.remainingTimeToBulkS);
      w.label('CCC_PaymentMode', v.dc.ccc.paymentMode === 'pnc' ? 'Pnc' : 'Eim');
      w.num('CCC_EvFullSoc', v.settings.chargeLimitPct);
      w.num('CCC_EvBulkSoc', Math.min(80, v.settings.chargeLimitPct));
    },
  INLET_Command: (v, w) => {
      w.label('INLET_LockRequest', v.inlet.lock.command === 'lock' ? 'Lock' : v.inlet.lock.command === 'unlock' ? 'Unlock' : 'None');
      w.label('INLET_CpStateRequest', s2Requested(v) ? 'C' : 'B');
      led(v, w);
    },
  BOOST_Command: (v, w) => {
      w.label('BOOST_ModeRequest', v.dc.boost.mode === 'boost' ? 'Boost' : v.dc.boost.mode === 'bypass' ? 'Bypass' : 'Off');
      w.num('BOOST_InputVoltageSetpoint', v.dc.boost.inputVoltageSetpointV);
      w.num('BOOST_OutputCurrentLimit', v.dc.boost.outputCurrentLimitA);
      // The EVSE current asked (inlet side); Infinity would be sent as 0 and the converter took nothing.
      w.num('BOOST_InputCurrentLimit', v.dc.boost.mode === 'off' ? 0 : v.dc.currentRequestA);
      w.flag('BOOST_FaultReset', false);
    },
  IMD_Command: (v, w) => { w.label('IMD_Request', v.bms.imdStandDown ? 'StandDown' : 'Measure'); },
  VEH_Interlock: (v, w) => {
      w.flag('VEH_DriveInhibit', v.inlet.driveInhibit || !v.permissions.driveAllowed);
      w.flag('VEH_Plugged', v.inlet.connector.present);
      w.label('VEH_InhibitReason', v.inlet.connector.present ? 'ConnectorPresent' : v.mode.mode === 'fault' ? 'Fault' : 'None');
    },
  OBC_Command: (v, w) => {
      w.flag('OBC_Enable', v.inlet.acSession.state === 'charging' && v.inlet.acSession.obcCurrentSetpointA > 0);
      w.num('OBC_AcCurrentSetpoint', v.inlet.acSession.obcCurrentSetpointA);
      w.num('OBC_DcVoltageLimit', v.bmsConfig.pack.seriesCells * v.bmsConfig.chemistry.cellVoltageHighV.operating);
      w.num('OBC_DcCurrentLimit', v.bms.chargeCurrentLimitA);
      w.flag('OBC_FaultReset', false);
    },
  INV_Command: (v, w) => {
      w.flag('INV_Enable', v.v2l.inverterCommand.enable);
      w.label('INV_VoltageSetting', v.v2l.inverterCommand.voltageSetting === '240-split' ? 'V240SplitPhase' : v.v2l.inverterCommand.voltageSetting === '230' ? 'V230' : 'V120');
      w.label('INV_FrequencySetting', v.v2l.inverterCommand.frequencyHz === 50 ? 'Hz50' : 'Hz60');
      w.num('INV_PowerLimit', v.v2l.inverterCommand.powerLimitW);
      w.flag('INV_TripReset', v.v2l.inverterCommand.resetTrip);
    },
  TMS_Request: (v, w) => {
      w.label('TMS_ModeRequest', v.bms.tmsRequest.mode === 'heat' ? 'Heat' : v.bms.tmsRequest.mode === 'cool' ? 'Cool' : 'Off');
      // The coolant must differ from the cells for heat to flow: the BMS chooses both (bms/precondition.ts).
      w.num('TMS_TargetCoolantTemp', Number.isFinite(v.bms.tmsRequest.coolantTargetC) ? v.bms.tmsRequest.coolantTargetC : 25);
      w.num('TMS_TargetPackTemp', Number.isFinite(v.bms.tmsRequest.targetC) ? v.bms.tmsRequest.targetC : 25);
      w.num('TMS_MaxPower', v.bms.tmsRequest.maxPowerW);
    },
};

/** The charge-port light: what a person at the car needs to see. */
function led(v: ControllerView, w: TxWriter): void {
  const charging = v.dc.currentRequestA > 0 || v.inlet.acSession.state === 'charging';
  const fault = v.mode.mode === 'fault' || v.inlet.refusal !== null || v.inlet.lock.fault !== null;
  // No [colour, pattern] array per frame: the pattern is Steady unless fault or charging.
  const colour = fault ? 'Red' : charging ? 'Green' : v.v2l.state === 'supplying' ? 'Blue' : v.inlet.connector.present ? 'White' : 'Off';
  w.label('INLET_LedColour', colour);
  w.label('INLET_LedPattern', fault ? 'Blink' : charging ? 'Pulse' : 'Steady');
}
