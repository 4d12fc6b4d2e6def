import type { BusEventKind } from './bus.ts';

/**
 * SocketCAN error frames (linux/can/error.h) turned into bus events. An error frame is
 * never data: the id (without CAN_ERR_FLAG) holds class bits, the 8 data bytes the details.
 */
export const CAN_ERR_FLAG = 0x2000_0000; // linux/can.h
export const CAN_ERR_MASK = 0x1fff_ffff;

/** Error classes: bits of the error frame's id (linux/can/error.h). */
export const ErrorClass = {
  TX_TIMEOUT: 0x001,
  LOSTARB: 0x002, // data[0]: bit number
  CRTL: 0x004, // data[1]: controller status
  PROT: 0x008, // data[2]: type, data[3]: location
  TRX: 0x010, // data[4]: transceiver status
  ACK: 0x020,
  BUSOFF: 0x040,
  BUSERROR: 0x080,
  RESTARTED: 0x100,
  CNT: 0x200, // data[6]: tx error counter, data[7]: rx error counter
} as const;

/** Controller status: bits of data[1] when the CRTL class is set (linux/can/error.h). */
export const ControllerStatus = {
  RX_OVERFLOW: 0x01,
  TX_OVERFLOW: 0x02,
  RX_WARNING: 0x04,
  TX_WARNING: 0x08,
  RX_PASSIVE: 0x10,
  TX_PASSIVE: 0x20,
  ACTIVE: 0x40,
} as const;

const CLASS_NAMES: readonly [number, string][] = [
  [ErrorClass.TX_TIMEOUT, 'tx-timeout'],
  [ErrorClass.LOSTARB, 'lost-arbitration'],
  [ErrorClass.CRTL, 'controller'],
  [ErrorClass.PROT, 'protocol-violation'],
  [ErrorClass.TRX, 'transceiver'],
  [ErrorClass.ACK, 'no-ack'],
  [ErrorClass.BUSOFF, 'bus-off'],
  [ErrorClass.BUSERROR, 'bus-error'],
  [ErrorClass.RESTARTED, 'restarted'],
  [ErrorClass.CNT, 'counters'],
];

const STATUS_NAMES: readonly [number, string][] = [
  [ControllerStatus.RX_OVERFLOW, 'rx-overflow'],
  [ControllerStatus.TX_OVERFLOW, 'tx-overflow'],
  [ControllerStatus.RX_WARNING, 'rx-warning'],
  [ControllerStatus.TX_WARNING, 'tx-warning'],
  [ControllerStatus.RX_PASSIVE, 'rx-passive'],
  [ControllerStatus.TX_PASSIVE, 'tx-passive'],
  [ControllerStatus.ACTIVE, 'back-to-error-active'],
];

export interface ErrorFrameEvent {
  kind: BusEventKind;
  detail: string;
}

/**
 * The events one error frame means, most severe first: 'bus-off', 'error-passive',
 * 'error-warning', 'restarted' for the controller states, and one 'error-frame' carrying
 * the rest (arbitration, protocol, ACK, transceiver, overflow, back-to-active…), so no class
 * is dropped; an error frame always yields at least one event. Every detail includes the decoded classes and, when known, the error counters.
 * `errorId` may include CAN_ERR_FLAG; `data` is the frame's payload (missing bytes read 0).
 */
export function classifyErrorFrame(errorId: number, data: Uint8Array): ErrorFrameEvent[] {
  const classes = errorId & CAN_ERR_MASK;
  const status = (classes & ErrorClass.CRTL) !== 0 ? (data[1] ?? 0) : 0;
  const detail = describe(classes, status, data);
  const events: ErrorFrameEvent[] = [];
  let stateBits = 0;
  if (classes & ErrorClass.BUSOFF) {
    events.push({ kind: 'bus-off', detail });
    stateBits |= ErrorClass.BUSOFF;
  }
  const passive = ControllerStatus.RX_PASSIVE | ControllerStatus.TX_PASSIVE;
  const warning = ControllerStatus.RX_WARNING | ControllerStatus.TX_WARNING;
  if (status & passive) events.push({ kind: 'error-passive', detail });
  if (status & warning) events.push({ kind: 'error-warning', detail });
  if (classes & ErrorClass.RESTARTED) {
    events.push({ kind: 'restarted', detail });
    stateBits |= ErrorClass.RESTARTED;
  }
  // CRTL with only warning/passive bits is fully told above; with an unspecified status (0)
  // or other bits (overflow, back to active) it is an 'error-frame' too. CNT only carries
  // the counters: it adds to the detail, not an event of its own.
  const crtlTold = status !== 0 && (status & ~(passive | warning)) === 0;
  const leftover = classes & ~stateBits & ~ErrorClass.CNT & ~(crtlTold ? ErrorClass.CRTL : 0);
  if (leftover !== 0 || events.length === 0) events.push({ kind: 'error-frame', detail });
  return events;
}

/** e.g. "controller(rx-warning) counters; tx errors 96, rx errors 0 (class 0x204)". */
export function describeErrorFrame(errorId: number, data: Uint8Array): string {
  const classes = errorId & CAN_ERR_MASK;
  const status = (classes & ErrorClass.CRTL) !== 0 ? (data[1] ?? 0) : 0;
  return describe(classes, status, data);
}

function describe(classes: number, status: number, data: Uint8Array): string {
  const parts: string[] = [];
  for (const [bit, name] of CLASS_NAMES) {
    if (!(classes & bit)) continue;
    if (bit === ErrorClass.CRTL) {
      const states = STATUS_NAMES.filter(([b]) => status & b).map(([, n]) => n);
      parts.push(`controller(${states.length > 0 ? states.join(',') : 'unspecified'})`);
    } else if (bit === ErrorClass.PROT) {
      parts.push(`protocol-violation(type 0x${hex(data[2])}, location 0x${hex(data[3])})`);
    } else {
      parts.push(name);
    }
  }
  const summary = parts.length > 0 ? parts.join(' ') : 'no error class';
  const counters = classes & ErrorClass.CNT ? `; tx errors ${data[6] ?? 0}, rx errors ${data[7] ?? 0}` : '';
  return `${summary}${counters} (class 0x${classes.toString(16)})`;
}

function hex(byte: number | undefined): string {
  return (byte ?? 0).toString(16).padStart(2, '0');
}
