// The CAN layer's surface: frames and buses, the DBC parser and the one codec, the simulated
// and the real bus, candump logs. Everything else in packpilot imports CAN from here.
import { fileURLToPath } from 'node:url';
import { loadDbcFile } from './dbc-file.ts';
import { compileCodec, type Codec } from './codec.ts';

export type { CanFrame, OutgoingFrame } from './frame.ts';
export { frameProblem, CLASSIC_MAX_BYTES, FD_MAX_BYTES, FD_LENGTHS } from './frame.ts';
export type { CanBus, BusEvent, BusEventKind, FrameFilter, FrameListener, BusEventListener } from './bus.ts';
export { CanBusError } from './bus.ts';

export { parseDbc, DbcSyntaxError } from './dbc-parse.ts';
export type { Dbc, DbcMessage, DbcSignal, DbcWarning } from './dbc-parse.ts';
export { readDbcFile, loadDbcFile, decodeDbcBytes } from './dbc-file.ts';
export { compileCodec, EncodeError } from './codec.ts';
export type { Codec, CompiledMessage, DecodedMessage, DecodeProblem, EncodeOptions } from './codec.ts';
export { crc8J1850 } from './crc8.ts';
export { createReceiver, type Receiver, type ReceivedFrame, type FrameReason } from './receiver.ts';
export { createTransmitter, type Transmitter } from './transmitter.ts';
export { SignalStore, type SignalReading, type SignalReason, type SignalHandle } from './signal-store.ts';
export type { SignalBlock } from './signal-block.ts';

export { createSimNetwork, type SimNetwork, type SimNetworkOptions, type SimBus } from './sim-bus.ts';
export { openSocketCanBus, type SocketCanBusOptions } from './socketcan-bus.ts';
export { loadSocketCan, SocketCanUnavailableError } from './socketcan-loader.ts';
export { classifyErrorFrame, describeErrorFrame } from './can-error-frame.ts';
export {
  parseCandumpLine, parseCandumpRecord, formatCandumpLine, readCandumpLog, readCandumpStream, readCandumpFile,
  type CandumpLine, type CandumpRecord,
} from './candump.ts';

/** Path of packpilot's own CAN contract. */
export const PACKPILOT_DBC_PATH = fileURLToPath(new URL('./packpilot.dbc', import.meta.url));

let cached: Codec | undefined;
/** packpilot's DBC, parsed and compiled once per process. */
export function packpilotCodec(): Codec {
  if (!cached) {
    const { dbc, warnings } = loadDbcFile(PACKPILOT_DBC_PATH);
    if (warnings.length > 0) throw new Error(`packpilot.dbc has warnings: ${warnings.map((w) => `line ${w.line}: ${w.message}`).join('; ')}`);
    cached = compileCodec(dbc);
  }
  return cached;
}
