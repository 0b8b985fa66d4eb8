/**
 * Where better-sqlite3's Electron-ABI binary is. node_modules/better-sqlite3 stays built for
 * Node (vitest, the web host), so an unpackaged Electron run loads the copy that
 * scripts/electron-native.mjs builds into .cache/electron-native/. A packaged app needs none:
 * electron-builder rebuilds better-sqlite3 for Electron when it packages.
 */
import { join } from 'node:path';

export const NATIVE_BINDING_RELATIVE_PATH = join('.cache', 'electron-native', 'better_sqlite3.node');

export type NativeBinding =
  { readonly kind: 'packaged' } | { readonly kind: 'found'; readonly path: string } | { readonly kind: 'missing'; readonly path: string };

export function locateNativeBinding(opts: { appPath: string; isPackaged: boolean; exists: (path: string) => boolean }): NativeBinding {
  if (opts.isPackaged) return { kind: 'packaged' };
  const path = join(opts.appPath, NATIVE_BINDING_RELATIVE_PATH);
  return opts.exists(path) ? { kind: 'found', path } : { kind: 'missing', path };
}
