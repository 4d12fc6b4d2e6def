// CRC-8 SAE J1850: polynomial 0x1D, init 0xFF, final XOR 0xFF, not reflected; the check value
// of ASCII "123456789" is 0x4B. packpilot's contract (CAN-API.md) puts it in one byte of every
// safety-relevant frame, computed over the other payload bytes in order.

const POLY = 0x1d;
const INIT = 0xff;
const XOR_OUT = 0xff;

const TABLE = (() => {
  const t = new Uint8Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let b = 0; b < 8; b++) c = c & 0x80 ? ((c << 1) ^ POLY) & 0xff : (c << 1) & 0xff;
    t[i] = c;
  }
  return t;
})();

/** CRC-8 J1850 of bytes [0, length), skipping index `skip` (pass -1 to skip nothing). */
export function crc8J1850(data: Uint8Array, length: number = data.length, skip = -1): number {
  let crc = INIT;
  // Two plain loops around the skipped byte (no per-byte test; this runs for every frame).
  const split = skip >= 0 && skip < length ? skip : length;
  for (let i = 0; i < split; i++) crc = TABLE[crc ^ data[i]!]!;
  for (let i = split + 1; i < length; i++) crc = TABLE[crc ^ data[i]!]!;
  return crc ^ XOR_OUT;
}
