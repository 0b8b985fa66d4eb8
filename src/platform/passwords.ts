/**
 * Staff passwords: scrypt, stored as `scrypt$N$r$p$saltB64$hashB64` so each hash carries its
 * own cost. New hashes use at least OWASP's minimum for scrypt (N=2^17, r=8, p=1 — the Password
 * Storage Cheat Sheet); a hash made with less is re-made at the current cost on the next
 * successful sign-in. Hashing runs on libuv's thread pool (async crypto.scrypt), so a burst of
 * sign-ins never stalls the main thread that serves every other call.
 * A password is never stored or logged; a wrong password and an unknown format both verify false.
 */
import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface ScryptCost {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** OWASP's minimum for scrypt. */
export const OWASP_SCRYPT: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };

const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
/** The most any stored hash may ask for (N ≤ 2^20, r ≤ 32, p ≤ 16): a forged row cannot exhaust memory. */
const LIMITS = { N: 2 ** 20, r: 32, p: 16 } as const;

function scryptOptions(cost: ScryptCost): ScryptOptions {
  // scrypt needs 128·N·r bytes; leave headroom over Node's 32 MiB default.
  return { N: cost.N, r: cost.r, p: cost.p, maxmem: 128 * cost.N * cost.r + 16 * 1024 * 1024 };
}

function derive(password: string, salt: Buffer, length: number, cost: ScryptCost): Promise<Buffer> {
  const options = scryptOptions(cost);
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, length, options, (err, key) => (err ? reject(err) : resolve(key))));
}

export async function hashPassword(password: string, opts: { cost?: ScryptCost; salt?: Buffer } = {}): Promise<string> {
  const cost = opts.cost ?? OWASP_SCRYPT;
  const salt = opts.salt ?? randomBytes(SALT_LENGTH);
  const hash = await derive(password, salt, KEY_LENGTH, cost);
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/**
 * Synchronous, for generated demo users only (their first-start seeding is synchronous and
 * uses it only at a cheaper test cost); a user's own password is never hashed on the main thread.
 */
export function hashPasswordSync(password: string, opts: { cost: ScryptCost; salt: Buffer }): string {
  const hash = scryptSync(password.normalize('NFC'), opts.salt, KEY_LENGTH, scryptOptions(opts.cost));
  return `scrypt$${opts.cost.N}$${opts.cost.r}$${opts.cost.p}$${opts.salt.toString('base64')}$${hash.toString('base64')}`;
}

export interface ParsedHash {
  readonly cost: ScryptCost;
  readonly salt: Buffer;
  readonly hash: Buffer;
}

export function parseHash(stored: string): ParsedHash | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (![N, r, p].every((x) => Number.isSafeInteger(x) && x > 0) || N > LIMITS.N || r > LIMITS.r || p > LIMITS.p || (N & (N - 1)) !== 0) return null;
  const salt = Buffer.from(parts[4]!, 'base64');
  const hash = Buffer.from(parts[5]!, 'base64');
  if (salt.length === 0 || hash.length < 16) return null;
  return { cost: { N, r, p }, salt, hash };
}

/** Whether a hash was made with less than `cost` (and should be re-made once the password is known). */
export function weakerThan(stored: string, cost: ScryptCost): boolean {
  const parsed = parseHash(stored);
  if (!parsed) return true;
  const c = parsed.cost;
  return c.N * c.r * c.p < cost.N * cost.r * cost.p || c.N < cost.N || c.r < cost.r;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  let actual: Buffer;
  try {
    actual = await derive(password, parsed.salt, parsed.hash.length, parsed.cost);
  } catch {
    return false;
  }
  return timingSafeEqual(actual, parsed.hash);
}
