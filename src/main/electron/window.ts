/**
 * Rule: the renderer is an untrusted web page. It gets no Node, no Electron, a sandboxed
 * process, an isolated world for the preload bridge, and nothing that weakens web security.
 *
 * The options are written as a literal at the `new BrowserWindow(...)` call on purpose:
 * Electronegativity reads that call site, so the linter checks exactly what Electron receives.
 * The constructor is a parameter so unit tests pass a recorder instead of Electron.
 */
import type { BrowserWindowConstructorOptions } from 'electron';

export interface MainWindowOptions {
  /** Absolute path of out/preload/index.js. */
  readonly preload: string;
  /** DevTools only when unpackaged: agents have no use for them, and they are a way in. */
  readonly devTools: boolean;
}

export type WindowConstructor<W> = new (options: BrowserWindowConstructorOptions) => W;

export function createMainWindow<W>(BrowserWindow: WindowConstructor<W>, opts: MainWindowOptions): W {
  return new BrowserWindow({
    title: 'Ardoise',
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    // Shown on 'ready-to-show' so the agent never sees a blank white frame mid-call.
    show: false,
    autoHideMenuBar: true,
    webPreferences: {
      // Waiver (reviewed): our own bundled bridge, exposing only invoke() and onEvent() through
      // contextBridge; the directive must sit on the flagged line.
      preload: opts.preload, // eng-disable PRELOAD_JS_CHECK
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
      // Middle-click would otherwise try to open links in a new window.
      disableBlinkFeatures: 'Auxclick',
      // Off: on Linux/Windows Chromium downloads dictionaries from a Google CDN (remote content),
      // and the text typed here is customer data.
      spellcheck: false,
      safeDialogs: true,
      devTools: opts.devTools,
    },
  });
}
