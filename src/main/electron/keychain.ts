/**
 * The desktop keeps the store's keys (security/keys.ts) sealed by the OS keychain through
 * Electron's safeStorage: Keychain on macOS, DPAPI on Windows, libsecret/kwallet on Linux.
 * Where safeStorage has no real keychain (Linux without a secret service falls back to
 * "basic_text", a hard-coded password), sealing would only look safe: the vault then keeps its
 * 0600 key file instead, and says so in the log.
 */
import type { Sealer } from '../security/keys';

/** What this module needs of Electron's safeStorage. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?: () => string;
}

export function keychainSealer(safeStorage: SafeStorageLike, platform: NodeJS.Platform = process.platform): { sealer: Sealer | null; why: string } {
  if (!safeStorage.isEncryptionAvailable()) return { sealer: null, why: 'the OS keychain is not available: keys stay in a 0600 file' };
  if (platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
    if (backend === 'basic_text' || backend === 'unknown')
      return { sealer: null, why: `no secret service on this Linux desktop (${backend}): keys stay in a 0600 file` };
  }
  const kind =
    platform === 'darwin'
      ? 'the macOS Keychain'
      : platform === 'win32'
        ? 'Windows DPAPI'
        : `the Linux secret service (${safeStorage.getSelectedStorageBackend?.() ?? ''})`;
  return {
    sealer: { kind, seal: (plain) => safeStorage.encryptString(plain), open: (sealed) => safeStorage.decryptString(sealed) },
    why: `keys sealed by ${kind}`,
  };
}
