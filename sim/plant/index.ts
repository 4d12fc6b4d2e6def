// The simulator's plant models (no CAN): each is create…(params, random) + a class with `cmd`
// (what packpilot commands), `faults` (injection), plain output fields and `step(dtMs, env)`.
// Sign convention: current positive INTO the pack.
export { createRandom, type Random } from '../random.ts';
export { CarPlant, createCarPlant, type CarPlantOptions, type CccPort, type Station, type VehicleParams } from './car-plant.ts';
export { Pack, createPack, type PackEnv, type PackInit, type PackParams } from './pack.ts';
export { CHEMISTRY, OcvCurve, resistanceMultiplier, type Chemistry } from './cell-data.ts';
export { Cmu, createCmu, quantise, type CmuParams, type SensorFault } from './cmu.ts';
export { Shunt, createShunt, type ShuntEnv, type ShuntParams } from './shunt.ts';
export { Imd, createImd, type ImdParams, type ImdStatus } from './imd.ts';
export { CONTACTORS, Pdu, createPdu, type ContactorName, type ContactorSet, type PduEnv, type PduParams } from './pdu.ts';
export {
  InletHw, NO_CP_SOURCE, createInletHw,
  type AdapterSpec, type CpSource, type CpState, type InletEnv, type InletParams, type LockPosition, type Plug,
} from './inlet-hw.ts';
export {
  DC_PHASES, aCccCommand, cableCheckVoltageV, idleCccStatus,
  type CccCommand, type CccStatus, type DcChargerQuirks, type DcPhase, type EvseStatus, type IsolationStatus, type Processing, type ResponseCode,
} from './ccc-protocol.ts';
export { DcCharger, createDcCharger, type DcChargerEnv, type DcChargerProfile } from './dc-charger.ts';
export { AcEvse, createAcEvse, dutyForCurrentPct, type AcEvseEnv, type AcEvseProfile } from './ac-evse.ts';
export { Boost, createBoost, type BoostMode, type BoostParams, type BoostStatus } from './boost.ts';
export { Obc, createObc, type ObcParams, type ObcStatus } from './obc.ts';
export { Inverter, createInverter, type InverterEnv, type InverterFault, type InverterParams, type InverterStatus } from './inverter.ts';
export { LoadSet, constantLoadProfile, createLoads, type LoadDef, type LoadOptions, type LoadPattern, type LoadProfile, type Leg } from './loads.ts';
export { Tms, createTms, type TmsCommand, type TmsEnv, type TmsParams } from './tms.ts';
export { solveHvNetwork, type HvNetworkInput, type HvNetworkResult } from './hv-network.ts';
export { IdealEv, type IdealEvOptions, type IdealEvStage } from './ideal-ev.ts';
