// Why a DC session stops, and what each reason means: which stop sequence (normal, error,
// emergency; reference/timeouts.md §4), whether an automatic retry is allowed (only after a
// communication failure, never after an isolation fault), whether a new start must wait for
// the plug to leave, and the DC_EVErrorCode told to the charger (DIN 70121 DC_EVErrorCodeType).

export type StopKind = 'normal' | 'error' | 'emergency';

export type EvErrorCode =
  | 'noError' | 'ressTemperatureInhibit' | 'evShiftPosition' | 'chargerConnectorLockFault' | 'evRessMalfunction'
  | 'chargingCurrentDifferential' | 'chargingVoltageOutOfRange' | 'chargingSystemIncompatibility' | 'noData';

export interface StopPolicy {
  kind: StopKind;
  /** Automatic retry allowed (bounded by config.retry). */
  retry: boolean;
  /** No new start (automatic or by the user) until the plug leaves. */
  latchUntilUnplug: boolean;
  evErrorCode: EvErrorCode;
  text: string;
}

const normal = (text: string, evErrorCode: EvErrorCode = 'noError'): StopPolicy =>
  ({ kind: 'normal', retry: false, latchUntilUnplug: false, evErrorCode, text });
const error = (text: string, evErrorCode: EvErrorCode = 'noError', retry = false, latchUntilUnplug = false): StopPolicy =>
  ({ kind: 'error', retry, latchUntilUnplug, evErrorCode, text });
const emergency = (text: string, evErrorCode: EvErrorCode = 'noError'): StopPolicy =>
  ({ kind: 'emergency', retry: false, latchUntilUnplug: false, evErrorCode, text });

export const STOP_POLICIES = {
  user: normal('stopped by the user'),
  full: normal('charge limit reached'),
  latchPressed: normal('connector latch pressed: the user is about to unplug'),
  evseShutdown: normal('charger ended the session (EVSE_Shutdown)'),
  evseStopNotification: normal('charger asked to stop (EVSENotification StopCharging)'),
  evseNotReady: normal('charger stayed not ready'),
  bmsNotAllowed: normal('battery does not allow charging'),
  chargeBudget: normal('charge time budget used up'),
  planRefused: normal('this charger cannot charge this pack', 'chargingSystemIncompatibility'),
  paymentUnavailable: normal('no payment method both offered and allowed'),
  authorizationFailed: normal('charger refused authorization'),
  authorizationTimeout: normal('authorization not given in time'),
  setupBudget: error('session setup took too long'),
  commLoss: error('communication lost during charging', 'noError', true),
  cccTimeout: error('charger did not answer in time', 'noError', true),
  cccFailed: error('charger answered FAILED', 'noError', true),
  cableCheckFailed: error('cable check failed'),
  cableCheckTimeout: error('cable check did not finish in time'),
  isolationFault: error('isolation fault', 'noError', false, true),
  prechargeTimeout: error('inlet voltage did not settle to the pack voltage'),
  overVoltage: error('charger output above the announced maximum voltage', 'chargingVoltageOutOfRange'),
  currentBeforeRequest: error('current flowed before it was asked for', 'chargingCurrentDifferential'),
  overCurrent: error('charger delivered more current than asked', 'chargingCurrentDifferential'),
  contactorFault: error('DC contactors did not follow', 'evRessMalfunction'),
  lockFault: error('inlet lock did not lock', 'chargerConnectorLockFault'),
  dcNotAllowed: error('DC path no longer allowed'),
  boostFault: error('boost converter fault', 'evRessMalfunction'),
  evseMalfunction: error('charger reports a malfunction'),
  evseEmergencyShutdown: emergency('charger emergency shutdown'),
  criticalFault: emergency('critical battery fault', 'evRessMalfunction'),
  portStop: emergency('inlet stop (CP state E/F, PWM lost or manual release)'),
  lockLost: emergency('inlet lock lost while live', 'chargerConnectorLockFault'),
  unplugged: emergency('connector gone'),
} as const satisfies Record<string, StopPolicy>;

export type StopReason = keyof typeof STOP_POLICIES;

const SEVERITY: Record<StopKind, number> = { normal: 0, error: 1, emergency: 2 };

export function stopPolicy(reason: StopReason): StopPolicy {
  return STOP_POLICIES[reason];
}

export function isMoreSevere(a: StopKind, than: StopKind): boolean {
  return SEVERITY[a] > SEVERITY[than];
}
