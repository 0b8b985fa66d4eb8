/**
 * The Electron main process: wires the hardened window, the app:// renderer, the IPC transport
 * and screen-pop deep links around the AppHost. Policy lives in the small modules beside this
 * one (each unit-tested); this file only connects them to Electron, in the order Electron
 * requires: sandbox and scheme privileges before 'ready', everything else after.
 */
import { BrowserWindow, Menu, app, dialog, ipcMain, protocol, safeStorage, session } from 'electron';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createAppHost, type AppHost } from '../app';
import { openKeyVault } from '../security/keys';
import { keychainSealer } from './keychain';
import { hostOptionsFromEnv } from '../host-env';
import { contentSecurityPolicy } from './csp';
import { DEEP_LINK_SCHEME, DeepLinkInbox, findDeepLinkInArgv } from './deep-link';
import { createInvokeHandler, forwardSessionEvents, registerInvokeChannel } from './ipc';
import { applicationMenuTemplate } from './menu';
import { locateNativeBinding } from './native-binding';
import { isTrustedUrl, originOf, resolveRendererTarget, type RendererTarget } from './origin';
import { APP_SCHEME_PRIVILEGES, createRendererProtocolHandler } from './renderer-protocol';
import { denyAllPermissions, enforceCsp, hardenWebContents, type BlockedReporter } from './security';
import { createMainWindow } from './window';

const log = (message: string): void => console.log(`[ardoise] ${message}`);
// Origins only: a blocked URL can carry a caller's number.
const reportBlocked: BlockedReporter = (what, detail) => log(`blocked ${what}${detail ? ` → ${originOf(detail) ?? 'opaque URL'}` : ''}`);

function fatal(err: unknown): void {
  console.error(err);
  dialog.showErrorBox('Ardoise could not start', err instanceof Error ? err.message : String(err));
  app.exit(1);
}

// --- Before 'ready' -------------------------------------------------------------------------

// Every renderer sandboxed, including any we did not create ourselves.
app.enableSandbox();
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

const deepLinks = new DeepLinkInbox();
let mainWindow: BrowserWindow | null = null;
let host: AppHost | null = null;

if (!app.requestSingleInstanceLock()) {
  // Another Ardoise owns the database; it receives our argv through 'second-instance'.
  app.quit();
} else {
  let target: RendererTarget | null = null;
  try {
    target = resolveRendererTarget({ devServerUrl: process.env['ELECTRON_RENDERER_URL'], isPackaged: app.isPackaged });
  } catch (err) {
    void app.whenReady().then(() => fatal(err));
  }
  if (target) boot(target);
}

function boot(target: RendererTarget): void {
  const isTrusted = (url: string): boolean => isTrustedUrl(url, target.origin);

  // Hardening applies to every webContents the moment it exists, before it can load anything.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, isTrusted, reportBlocked));

  registerDeepLinkClient();
  deepLinks.push(findDeepLinkInArgv(process.argv));
  // macOS delivers links as events, possibly before 'ready'.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    deepLinks.push(url);
  });
  app.on('second-instance', (_event, argv) => {
    deepLinks.push(findDeepLinkInArgv(argv));
    revealMainWindow();
  });

  // One window is the whole app, and main holds the database: closing it ends the process on
  // every platform (no macOS-style windowless state to keep consistent).
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => host?.close());

  app
    .whenReady()
    .then(() => start(target))
    .catch(fatal);
}

function registerDeepLinkClient(): void {
  // Waiver (reviewed) for the two calls below: registering ardoise:// IS the screen-pop feature;
  // every link goes through parseCallDeepLink (deep-link.ts) and can only trigger a lookup.
  // Unpackaged, Electron must also be told which app script to run when the OS launches it.
  const registered =
    process.defaultApp && process.argv[1]
      ? app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, process.execPath, [resolve(process.argv[1])]) // eng-disable PROTOCOL_HANDLER_JS_CHECK
      : app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME); // eng-disable PROTOCOL_HANDLER_JS_CHECK
  if (!registered) log(`could not register ${DEEP_LINK_SCHEME}:// (screen pop by link unavailable)`);
}

// --- After 'ready' --------------------------------------------------------------------------

async function start(target: RendererTarget): Promise<void> {
  const appPath = app.getAppPath();
  const policy = contentSecurityPolicy(target.dev ? { devServerOrigin: target.origin } : {});

  const ses = session.defaultSession;
  denyAllPermissions(ses, reportBlocked);
  enforceCsp(ses, policy);
  if (!target.dev) protocol.handle(APP_SCHEME_PRIVILEGES.scheme, createRendererProtocolHandler(join(appPath, 'out', 'renderer'), policy));

  const binding = locateNativeBinding({ appPath, isPackaged: app.isPackaged, exists: existsSync });
  if (binding.kind === 'missing') {
    throw new Error(`better-sqlite3 for Electron is missing (${binding.path}). Run: node scripts/electron-native.mjs`);
  }
  const dataDir = app.getPath('userData');
  const keychain = keychainSealer(safeStorage);
  log(keychain.why);
  const appHost = createAppHost({
    dataDir,
    transport: 'ipc',
    keys: openKeyVault(dataDir, { sealer: keychain.sealer }),
    ...(binding.kind === 'found' ? { nativeBinding: binding.path } : {}),
    ...hostOptionsFromEnv(process.env),
    log,
  });
  host = appHost;
  appHost.link?.start();

  registerInvokeChannel(
    ipcMain,
    createInvokeHandler(
      appHost.dispatcher,
      {
        origin: target.origin,
        isMainWindow: (sender) => mainWindow !== null && !mainWindow.isDestroyed() && sender.id === mainWindow.webContents.id,
      },
      (err) => log(`IPC transport error: ${err instanceof Error ? err.stack : String(err)}`),
    ),
  );

  const template = applicationMenuTemplate(process.platform);
  Menu.setApplicationMenu(template ? Menu.buildFromTemplate(template) : null);

  const win = createMainWindow(BrowserWindow, {
    preload: join(appPath, 'out', 'preload', 'index.js'),
    devTools: !app.isPackaged,
  });
  mainWindow = win;
  win.on('closed', () => {
    mainWindow = null;
  });
  forwardSessionEvents(appHost.sessions, win.webContents, target.origin);
  win.once('ready-to-show', () => win.show());

  await win.loadURL(target.url);

  deepLinks.attach((link) => {
    revealMainWindow();
    appHost.screenPop(link.from).catch((err: unknown) => log(`screen pop failed: ${err instanceof Error ? err.message : String(err)}`));
  });
}

/** A screen pop or a second launch brings the agent's window forward. */
function revealMainWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}
