/**
 * A store is bound to its keys (platform/keys.ts): it keeps a check value of each key it was
 * sealed with (HMAC(key, "ardoise key check")) in sync_state, so a store opened with another key
 * file, or after its key file was lost, is refused at start with a sentence instead of reporting
 * every audit entry as tampered or every PIN as wrong.
 */
import type Database from 'better-sqlite3';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { KeyVaultError, STORE_KEY_NAMES, type KeyName, type KeyVault } from '../../platform/keys';

export * from '../../platform/keys';

const CHECK_TEXT = 'ardoise key check';
const checkOf = (key: Buffer): string => createHmac('sha256', key).update(CHECK_TEXT).digest('hex');

/**
 * Binds the vault to the store: the first time, records each key's check value; afterwards,
 * refuses a vault whose keys are not the ones this store was sealed with.
 */
export function bindKeysToStore(vault: KeyVault, client: Database.Database): void {
  const get = client.prepare<[string], { value: string }>(`SELECT value FROM sync_state WHERE key = ?`);
  const put = client.prepare(`INSERT INTO sync_state (key, value) VALUES (?, ?)`);
  for (const name of STORE_KEY_NAMES) {
    const recorded = get.get(`key_check:${name}`)?.value;
    if (recorded === undefined) {
      put.run(`key_check:${name}`, checkOf(vault.key(name)));
      continue;
    }
    const present = vault.peek(name);
    if (present === null) {
      throw new KeyVaultError(
        `the key "${name}" this store was sealed with is missing from ${vault.where}: restore the key file that belongs to this data folder.`,
      );
    }
    const actual = checkOf(present);
    if (recorded.length !== actual.length || !timingSafeEqual(Buffer.from(recorded), Buffer.from(actual))) {
      throw new KeyVaultError(
        `the key "${name}" in ${vault.where} is not the one this store was sealed with (was the key file lost or replaced?): restore the key file that belongs to this data folder.`,
      );
    }
  }
}

/** Records a key the store now uses instead of the one it had (a desk taking its hub's PIN pepper). */
export function rebindKey(vault: KeyVault, client: Database.Database, name: KeyName, key: Buffer): void {
  vault.put(name, key);
  client
    .prepare(`INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`)
    .run(`key_check:${name}`, checkOf(key));
}
