/**
 * Keys that protect the store live OUTSIDE it, so a copy of the database alone proves nothing
 * false and reveals no PIN:
 *   audit-mac    HMAC key sealing every audit entry (tampering without it cannot be hidden);
 *   pin-pepper   HMAC key of account PINs (the store keeps only keyed digests).
 *
 * Where: on the desktop, sealed with the OS keychain through Electron's safeStorage (the
 * `sealer`, passed in by src/main/electron); in the browser host, or where no keychain is
 * available, a file readable by the user only (0600) in the data folder. Each key is 32 random
 * bytes, made on first use and never rotated silently.
 *
 * The store keeps a check value of each key (HMAC(key, "ardoise key check")) in sync_state: a
 * store opened with another key file, or after its key file was lost, is refused at start with
 * a sentence, instead of reporting every audit entry as tampered or every PIN as wrong.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writePrivateFileAtomic } from './files';

/**
 * audit-mac and pin-pepper protect a store (bound to it, see main/security/keys.ts);
 * device-secret is a desk's credential with its hub, given at enrolment; staff-session is the
 * hub's own key sealing the staff tokens it gives at sign-in (never leaves the hub).
 */
export const KEY_NAMES = ['audit-mac', 'pin-pepper', 'device-secret', 'staff-session'] as const;
/** The keys a store is sealed with and checked against at start. */
export const STORE_KEY_NAMES = ['audit-mac', 'pin-pepper'] as const;
export type KeyName = (typeof KEY_NAMES)[number];

/** Electron's safeStorage, seen through what the vault needs. */
export interface Sealer {
  readonly kind: string;
  seal(plain: string): Buffer;
  open(sealed: Buffer): string;
}

export interface KeyVault {
  /** Where the keys are kept, for messages ("keychain-sealed file …", "file …"). */
  readonly where: string;
  /** The key, made and kept on first use. */
  key(name: KeyName): Buffer;
  /** The key if it exists, without making one. */
  peek(name: KeyName): Buffer | null;
  /** Keeps `key` under `name`, replacing what was there (a hub's PIN pepper, a device secret). */
  put(name: KeyName, key: Buffer): void;
}

export class KeyVaultError extends Error {
  override readonly name = 'KeyVaultError';
}

interface KeyFile {
  version: 1;
  keys: Partial<Record<KeyName, string>>;
}

/**
 * The keys of one data folder. With a sealer, `keys.sealed` (the whole JSON sealed); without,
 * `keys.json` 0600. A folder that has one never silently switches to the other.
 */
export function openKeyVault(dataDir: string, opts: { sealer?: Sealer | null } = {}): KeyVault {
  const sealedFile = join(dataDir, 'keys.sealed');
  const plainFile = join(dataDir, 'keys.json');
  const sealer = opts.sealer ?? null;
  const useSealed = sealer !== null && !existsSync(plainFile);
  if (!useSealed && existsSync(sealedFile)) {
    throw new KeyVaultError(`${sealedFile} is sealed with the OS keychain, which this host cannot open: start Ardoise as the desktop app on this machine.`);
  }
  const file = useSealed ? sealedFile : plainFile;

  const read = (): KeyFile => {
    if (!existsSync(file)) return { version: 1, keys: {} };
    try {
      const text = useSealed ? sealer!.open(readFileSync(file)) : readFileSync(file, 'utf8');
      const parsed = JSON.parse(text) as KeyFile;
      if (parsed.version !== 1 || typeof parsed.keys !== 'object' || parsed.keys === null) throw new Error('unknown format');
      return parsed;
    } catch (err) {
      throw new KeyVaultError(`the key file ${file} cannot be read (${err instanceof Error ? err.message : String(err)}): restore it from a backup.`);
    }
  };
  const write = (content: KeyFile): void => {
    const text = JSON.stringify(content);
    writePrivateFileAtomic(file, useSealed ? sealer!.seal(text) : text);
  };

  let content = read();
  const cache = new Map<KeyName, Buffer>();
  const decode = (name: KeyName, b64: string): Buffer => {
    const key = Buffer.from(b64, 'base64');
    if (key.length !== 32) throw new KeyVaultError(`the key "${name}" in ${file} is not 32 bytes: restore the file from a backup.`);
    cache.set(name, key);
    return key;
  };
  const vault: KeyVault = {
    where: useSealed ? `${file} (sealed by ${sealer!.kind})` : file,
    peek(name) {
      const known = cache.get(name);
      if (known) return known;
      content = read(); // another process may have just made it
      const b64 = content.keys[name];
      return b64 === undefined ? null : decode(name, b64);
    },
    key(name) {
      const known = vault.peek(name);
      if (known) return known;
      const b64 = randomBytes(32).toString('base64');
      content = { version: 1, keys: { ...content.keys, [name]: b64 } };
      write(content);
      return decode(name, b64);
    },
    put(name, key) {
      if (key.length !== 32) throw new KeyVaultError(`the key "${name}" must be 32 bytes`);
      content = { version: 1, keys: { ...read().keys, [name]: key.toString('base64') } };
      write(content);
      cache.set(name, Buffer.from(key));
    },
  };
  return vault;
}

/** A vault held in memory (tests, benchmarks): the same keys for the life of the object. */
export function memoryKeyVault(seed?: Partial<Record<KeyName, Buffer>>): KeyVault {
  const keys = new Map<KeyName, Buffer>(Object.entries(seed ?? {}) as [KeyName, Buffer][]);
  return {
    where: 'memory',
    peek: (name) => keys.get(name) ?? null,
    put: (name, key) => void keys.set(name, Buffer.from(key)),
    key(name) {
      let k = keys.get(name);
      if (!k) keys.set(name, (k = randomBytes(32)));
      return k;
    },
  };
}
