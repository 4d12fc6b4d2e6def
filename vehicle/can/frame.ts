/** One CAN frame as every part of packpilot sees it. Domain code never sees these. */
export interface CanFrame {
  /** 11-bit standard or 29-bit extended identifier, without flag bits. */
  id: number;
  extended: boolean;
  /** CAN FD frame (payload up to 64 bytes, DLC steps 12…64). */
  fd: boolean;
  /** Classic CAN: 0…8 bytes. CAN FD: 0…8, 12, 16, 20, 24, 32, 48 or 64 bytes. */
  data: Uint8Array;
  /** When the frame was received or sent, in ms on the bus's clock. */
  timestampMs: number;
}

/** What a sender supplies; the bus stamps the time. */
export type OutgoingFrame = Omit<CanFrame, 'timestampMs'> & { timestampMs?: number };

export const CLASSIC_MAX_BYTES = 8;
export const FD_MAX_BYTES = 64;
export const FD_LENGTHS: readonly number[] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 12, 16, 20, 24, 32, 48, 64];
export const STANDARD_ID_MAX = 0x7ff;
export const EXTENDED_ID_MAX = 0x1fffffff;

/** Why a frame cannot be sent, or undefined when it can. */
export function frameProblem(frame: OutgoingFrame): string | undefined {
  const { id, extended, fd, data } = frame;
  if (!Number.isInteger(id) || id < 0) return `id ${id} is not a non-negative integer`;
  if (!extended && id > STANDARD_ID_MAX) return `id 0x${id.toString(16)} exceeds 11 bits (set extended)`;
  if (extended && id > EXTENDED_ID_MAX) return `id 0x${id.toString(16)} exceeds 29 bits`;
  if (!fd && data.length > CLASSIC_MAX_BYTES) return `classic frame carries ${data.length} bytes (max 8)`;
  if (fd && !FD_LENGTHS.includes(data.length)) return `CAN FD frame carries ${data.length} bytes (allowed ${FD_LENGTHS.join(', ')})`;
  return undefined;
}
