// Builders for CAN tests: small DBC texts and compiled messages.
import { parseDbc } from '../../../vehicle/can/dbc-parse.ts';
import { compileCodec, type Codec, type CompiledMessage } from '../../../vehicle/can/codec.ts';
import type { CanFrame } from '../../../vehicle/can/frame.ts';

export const DBC_HEADER = `VERSION "test"

NS_ :
\tCM_
\tBA_DEF_
\tBA_

BS_:

BU_: PACKPILOT CMU
`;

/** DBC text with one message holding the given SG_ lines (plus any trailing statements). */
export function aDbcText(opts: { id?: number; name?: string; length?: number; signals: string[]; extra?: string[] }): string {
  const { id = 256, name = 'Msg', length = 8, signals, extra = [] } = opts;
  return `${DBC_HEADER}\nBO_ ${id} ${name}: ${length} PACKPILOT\n${signals.map((s) => ` SG_ ${s} CMU`).join('\n')}\n\n${extra.join('\n')}\n`;
}

export function aCodec(text: string): Codec {
  return compileCodec(parseDbc(text, 'test.dbc').dbc);
}

/** The single message of a one-message DBC built from SG_ lines. */
export function aMessage(signals: string[], opts: { length?: number; extra?: string[]; id?: number } = {}): CompiledMessage {
  return aCodec(aDbcText({ ...opts, signals })).messages[0]!;
}

export function bytes(hex: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hex.replace(/\s+/g, ''), 'hex'));
}

export function hex(data: Uint8Array): string {
  return Buffer.from(data).toString('hex').replace(/(..)(?!$)/g, '$1 ');
}

export function aFrame(over: Partial<CanFrame> & { data: Uint8Array }): CanFrame {
  return { id: 256, extended: false, fd: false, timestampMs: 0, ...over };
}

/** The packpilot-style message with counter and CRC used by receiver/transmitter/store tests. */
export const COUNTED_DBC = `${DBC_HEADER}
BO_ 256 BMS_Status: 8 PACKPILOT
 SG_ BMS_PackVoltage : 0|16@1+ (0.1,0) [0|1000] "V" CMU
 SG_ BMS_CellTempMax : 16|8@1+ (1,-40) [-40|120] "degC" CMU
 SG_ BMS_State : 24|4@1+ (1,0) [0|14] "" CMU
 SG_ BMS_Status_Counter : 51|4@1+ (1,0) [0|15] "" CMU
 SG_ BMS_Status_Crc : 63|8@0+ (1,0) [0|255] "" CMU

BO_ 257 CMU_CellVoltages: 8 CMU
 SG_ CMU_Mux M : 0|8@1+ (1,0) [0|1] "" PACKPILOT
 SG_ CMU_Cell1 m0 : 8|16@1+ (0.001,0) [0|5] "V" PACKPILOT
 SG_ CMU_Cell2 m1 : 8|16@1+ (0.001,0) [0|5] "V" PACKPILOT
 SG_ CMU_Counter : 51|4@1+ (1,0) [0|15] "" PACKPILOT
 SG_ CMU_Crc : 56|8@1+ (1,0) [0|255] "" PACKPILOT

BO_ 258 HMI_Request: 2 PACKPILOT
 SG_ HMI_ChargeLimit : 0|8@1+ (1,0) [50|100] "%" CMU

BA_DEF_ SG_ "PpRole" ENUM "None","AliveCounter","Crc8J1850";
BA_DEF_ BO_ "PpTimeoutMs" INT 0 60000;
BA_DEF_ BO_ "GenMsgCycleTime" INT 0 60000;
BA_DEF_DEF_ "PpRole" "None";
BA_DEF_DEF_ "PpTimeoutMs" 0;
BA_DEF_DEF_ "GenMsgCycleTime" 0;
BA_ "PpTimeoutMs" BO_ 256 300;
BA_ "GenMsgCycleTime" BO_ 256 100;
BA_ "GenMsgCycleTime" BO_ 257 50;
BA_ "PpRole" SG_ 256 BMS_Status_Counter 1;
BA_ "PpRole" SG_ 256 BMS_Status_Crc 2;
BA_ "PpRole" SG_ 257 CMU_Counter 1;
BA_ "PpRole" SG_ 257 CMU_Crc 2;
VAL_ 256 BMS_State 0 "Init" 1 "Standby" 2 "Drive" 15 "SNA";
`;
