/**
 * Password hashing for Ardoise staff: scrypt from node:crypto, stored as
 * `scrypt$N$r$p$saltB64$hashB64` so the cost can be raised later and old hashes still verify.
 * A password is never stored or logged; a wrong password and an unknown format both verify false.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

export const SCRYPT_COST = { N: 16_384, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
/** Enough for N·r·128 bytes (16 MiB at the default cost) with headroom for a later raise. */
const MAX_MEMORY = 256 * 1024 * 1024;

/**
 * `salt` is for reproducible demo data only (same seed ⇒ same database); real accounts take
 * the random default.
 */
export function hashPassword(password: string, opts: { salt?: Buffer } = {}): string {
  const salt = opts.salt ?? randomBytes(SALT_LENGTH);
  const { N, r, p } = SCRYPT_COST;
  const hash = scryptSync(password.normalize('NFC'), salt, KEY_LENGTH, { N, r, p, maxmem: MAX_MEMORY });
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export function verifyPassword(password: string, stored: string): boolean {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (![N, r, p].every((x) => Number.isSafeInteger(x) && x > 0) || N > 1 << 20 || r > 32 || p > 16) return false;
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  if (salt.length === 0 || expected.length === 0) return false;
  let actual: Buffer;
  try {
    actual = scryptSync(password.normalize('NFC'), salt, expected.length, { N, r, p, maxmem: MAX_MEMORY });
  } catch {
    return false;
  }
  return timingSafeEqual(actual, expected);
}
