import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keychainSealer, type SafeStorageLike } from '../../../src/main/electron/keychain';
import { openKeyVault } from '../../../src/main/security/keys';

/** A stand-in for safeStorage: "encrypts" by XOR so the sealed file is not the plain JSON. */
function fakeSafeStorage(available: boolean, backend = 'gnome_libsecret'): SafeStorageLike {
  const xor = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
  return {
    isEncryptionAvailable: () => available,
    encryptString: (plain) => xor(Buffer.from(plain, 'utf8')),
    decryptString: (sealed) => xor(sealed).toString('utf8'),
    getSelectedStorageBackend: () => backend,
  };
}

describe('the desktop seals its keys with the OS keychain', () => {
  it('uses safeStorage where a real keychain backs it', () => {
    expect(keychainSealer(fakeSafeStorage(true), 'darwin').sealer?.kind).toBe('the macOS Keychain');
    expect(keychainSealer(fakeSafeStorage(true), 'win32').sealer?.kind).toBe('Windows DPAPI');
    expect(keychainSealer(fakeSafeStorage(true, 'kwallet5'), 'linux').sealer).not.toBeNull();
  });

  it('keeps the 0600 file where sealing would only pretend (no keychain, Linux basic_text)', () => {
    expect(keychainSealer(fakeSafeStorage(false), 'darwin').sealer).toBeNull();
    const basic = keychainSealer(fakeSafeStorage(true, 'basic_text'), 'linux');
    expect(basic.sealer).toBeNull();
    expect(basic.why).toMatch(/0600 file/);
  });

  it('a sealed vault writes no key in clear, and reopens with the same keys', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ardoise-keychain-'));
    try {
      const { sealer } = keychainSealer(fakeSafeStorage(true), 'darwin');
      const vault = openKeyVault(dir, { sealer });
      const key = vault.key('audit-mac');
      const file = readFileSync(join(dir, 'keys.sealed'));
      expect(file.includes(Buffer.from(key.toString('base64')))).toBe(false);
      expect(openKeyVault(dir, { sealer }).key('audit-mac').equals(key)).toBe(true);
      // The browser host (no keychain) cannot open the desktop's sealed keys: it says so.
      expect(() => openKeyVault(dir)).toThrow(/sealed with the OS keychain/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
