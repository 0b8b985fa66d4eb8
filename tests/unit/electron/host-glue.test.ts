import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applicationMenuTemplate } from '../../../src/main/electron/menu';
import { locateNativeBinding } from '../../../src/main/electron/native-binding';

describe('applicationMenuTemplate', () => {
  it.each(['win32', 'linux'] as const)('%s: no menu at all (no Reload / DevTools accelerators)', (platform) => {
    expect(applicationMenuTemplate(platform)).toBeNull();
  });

  it('macOS: only the app, Edit and Window menus, so Cmd+C/V/Q keep working', () => {
    expect(applicationMenuTemplate('darwin')).toEqual([{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }]);
  });
});

describe('locateNativeBinding', () => {
  const appPath = '/home/dev/ardoise';
  const expected = join(appPath, '.cache', 'electron-native', 'better_sqlite3.node');

  it('packaged: none needed (electron-builder rebuilt better-sqlite3 for Electron)', () => {
    expect(locateNativeBinding({ appPath, isPackaged: true, exists: () => true })).toEqual({ kind: 'packaged' });
  });

  it('unpackaged: the binary scripts/electron-native.mjs built', () => {
    expect(locateNativeBinding({ appPath, isPackaged: false, exists: (p) => p === expected })).toEqual({ kind: 'found', path: expected });
  });

  it('unpackaged and not built yet: says where it should be', () => {
    expect(locateNativeBinding({ appPath, isPackaged: false, exists: () => false })).toEqual({ kind: 'missing', path: expected });
  });
});
