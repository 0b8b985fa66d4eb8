import { randomBytes } from 'node:crypto';

/**
 * UUIDv7 (RFC 9562): 48-bit millisecond timestamp then random bits. Sortable by creation time,
 * so inserts land at the end of B-tree indexes, and safe to mint offline on any desktop.
 */
export function uuidv7(now: number = Date.now()): string {
  const bytes = randomBytes(16);
  bytes[0] = Math.floor(now / 2 ** 40) & 0xff;
  bytes[1] = Math.floor(now / 2 ** 32) & 0xff;
  bytes[2] = (now >>> 24) & 0xff;
  bytes[3] = (now >>> 16) & 0xff;
  bytes[4] = (now >>> 8) & 0xff;
  bytes[5] = now & 0xff;
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Deterministic UUIDv7-shaped ids for generated demo data: same seed, same ids, so a demo
 * customer can be named in a test or a bug report.
 */
export function seededUuidv7(timestampMs: number, next32: () => number): string {
  const words = [next32(), next32(), next32()];
  const hex =
    timestampMs.toString(16).padStart(12, '0') +
    '7' +
    ((words[0]! >>> 20) & 0xfff).toString(16).padStart(3, '0') +
    (0x8 | ((words[0]! >>> 18) & 0x3)).toString(16) +
    ((words[1]! >>> 0) & 0xfff).toString(16).padStart(3, '0') +
    (words[2]! >>> 0).toString(16).padStart(8, '0') +
    ((words[1]! >>> 12) & 0xffff).toString(16).padStart(4, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
