// The simulated car's CAN nodes: one per DBC node but PACKPILOT, each wrapping its plant model.
export { SIM_NODE_NAMES, SimNode, type Mute, type SimNodeName, type NodeContext, type TxSchedule } from './node.ts';
export { TxMessage } from './tx.ts';
export { NodeRx, RxHub, RxMessage } from './rx.ts';
export { CmuNode } from './cmu-node.ts';
export { ShuntNode } from './shunt-node.ts';
export { ImdNode } from './imd-node.ts';
export { PduNode } from './pdu-node.ts';
export { InletNode } from './inlet-node.ts';
export { CccNode } from './ccc-node.ts';
export { CccSession, PHASE_TIMEOUT_MS } from './ccc-session.ts';
export { BoostNode } from './boost-node.ts';
export { ObcNode } from './obc-node.ts';
export { InvNode } from './inv-node.ts';
export { TmsNode } from './tms-node.ts';
export { HmiNode, defaultHmiLevels, type HmiInput, type HmiLevels, type HmiDisplay } from './hmi-node.ts';
export { VehNode } from './veh-node.ts';
