// Status codes of the codec's fast path (numbers, so the hot loop allocates nothing).

/** Per-frame result of CompiledMessage.decodeInto. */
export const FRAME_OK = 0;
export const FRAME_LENGTH = 1;
export const FRAME_CRC = 2;
export type FrameCode = typeof FRAME_OK | typeof FRAME_LENGTH | typeof FRAME_CRC;

/** Per-signal status written by decodeInto into the status array. */
export const SIGNAL_OK = 0;
/** Multiplexed signal not selected by this frame's multiplexer value (value NaN). */
export const SIGNAL_INACTIVE = 1;
/** Raw value outside the DBC [min|max] range (and not a VAL_ entry). */
export const SIGNAL_RANGE = 2;
/** Raw value is the VAL_ entry labelled "SNA" (signal not available). */
export const SIGNAL_SNA = 3;
/** The DBC layout cannot be decoded (does not fit the message, bad length or factor); value NaN. */
export const SIGNAL_LAYOUT = 4;
/** The frame itself was rejected (length), so no value (NaN). */
export const SIGNAL_NO_FRAME = 5;

export const SIGNAL_STATUS_NAMES = ['ok', 'inactive', 'range', 'sna', 'layout', 'frame'] as const;
export type SignalStatusName = (typeof SIGNAL_STATUS_NAMES)[number];
