import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { createMainWindow } from '../../../src/main/electron/window';

/** Stands in for Electron's BrowserWindow: records exactly what the constructor receives. */
class RecordingWindow {
  constructor(readonly options: BrowserWindowConstructorOptions) {}
}

const PRELOAD = '/opt/ardoise/out/preload/index.js';

describe('createMainWindow', () => {
  const win = createMainWindow(RecordingWindow, { preload: PRELOAD, devTools: false });
  const prefs = win.options.webPreferences ?? {};

  it('passes exactly these options — a new or changed setting must be made here, on purpose', () => {
    expect(win.options).toStrictEqual({
      title: 'Ardoise',
      width: 1280,
      height: 800,
      minWidth: 1024,
      minHeight: 640,
      show: false,
      autoHideMenuBar: true,
      webPreferences: {
        preload: PRELOAD,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        webviewTag: false,
        navigateOnDragDrop: false,
        disableBlinkFeatures: 'Auxclick',
        spellcheck: false,
        safeDialogs: true,
        devTools: false,
      },
    });
  });

  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['experimentalFeatures', false],
    ['webviewTag', false],
    ['navigateOnDragDrop', false],
    ['spellcheck', false],
    ['safeDialogs', true],
  ] as const)('webPreferences.%s is %s', (key, value) => {
    expect(prefs[key]).toBe(value);
  });

  it('loads our preload and nothing else: no enableBlinkFeatures, no additionalArguments, no partition', () => {
    expect(prefs.preload).toBe(PRELOAD);
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
    expect(prefs).not.toHaveProperty('partition');
    expect(prefs.disableBlinkFeatures).toContain('Auxclick');
  });

  it('stays hidden until ready-to-show, at a size an agent can work in', () => {
    expect(win.options.show).toBe(false);
    expect([win.options.width, win.options.height]).toEqual([1280, 800]);
    expect([win.options.minWidth, win.options.minHeight]).toEqual([1024, 640]);
    expect(win.options.title).toBe('Ardoise');
  });

  it('offers DevTools only when asked (unpackaged runs)', () => {
    expect(prefs.devTools).toBe(false);
    const dev = createMainWindow(RecordingWindow, { preload: PRELOAD, devTools: true });
    expect(dev.options.webPreferences?.devTools).toBe(true);
    expect(dev.options.webPreferences?.sandbox).toBe(true);
  });
});
