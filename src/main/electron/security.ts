/**
 * Rule: the renderer cannot leave the app. Every webContents may navigate only within our
 * origin, opens no windows, attaches no <webview>, and is granted no permission (camera,
 * microphone, notifications, clipboard-read, USB, …) — an agent desktop needs none of them.
 * Every response carries our Content-Security-Policy.
 *
 * The installers take minimal structural interfaces so tests hand them fakes; Electron's
 * WebContents and Session satisfy them as they are.
 */

export interface NavigationEvent {
  readonly url: string;
  preventDefault(): void;
}

export type NavigationKind = 'will-navigate' | 'will-redirect' | 'will-frame-navigate';

export interface HardenableContents {
  on(event: NavigationKind, listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export type BlockedReporter = (what: NavigationKind | 'window-open' | 'webview' | 'permission', detail: string) => void;

/** Navigation listener: anything outside our origin is cancelled. */
export function navigationGuard(isTrusted: (url: string) => boolean, kind: NavigationKind, onBlocked: BlockedReporter) {
  return (event: NavigationEvent): void => {
    if (isTrusted(event.url)) return;
    event.preventDefault();
    onBlocked(kind, event.url);
  };
}

export function hardenWebContents(contents: HardenableContents, isTrusted: (url: string) => boolean, onBlocked: BlockedReporter = () => {}): void {
  contents.on('will-navigate', navigationGuard(isTrusted, 'will-navigate', onBlocked));
  contents.on('will-redirect', navigationGuard(isTrusted, 'will-redirect', onBlocked));
  // Subframes too: default-src 'self' allows same-origin frames, and those may try to navigate.
  contents.on('will-frame-navigate', navigationGuard(isTrusted, 'will-frame-navigate', onBlocked));
  // No second window, not even for our own origin: one main window is the whole app.
  contents.setWindowOpenHandler((details) => {
    onBlocked('window-open', details.url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    onBlocked('webview', '');
  });
}

export interface PermissionSession {
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
  setDevicePermissionHandler(handler: (details: unknown) => boolean): void;
}

export function denyAllPermissions(session: PermissionSession, onBlocked: BlockedReporter = () => {}): void {
  session.setPermissionRequestHandler((_webContents, permission, callback) => {
    onBlocked('permission', permission);
    callback(false);
  });
  // Checks are the synchronous "may I?" queries (navigator.permissions, clipboard, HID…).
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

export type ResponseHeaders = Record<string, string[]>;

export interface CspSession {
  readonly webRequest: {
    onHeadersReceived(
      listener: (details: { responseHeaders?: ResponseHeaders }, callback: (response: { responseHeaders?: Record<string, string | string[]> }) => void) => void,
    ): void;
  };
}

/** Response headers with any CSP the server sent replaced by ours (header names are case-insensitive). */
export function withoutCsp(headers: ResponseHeaders | undefined): ResponseHeaders {
  const out: ResponseHeaders = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') out[name] = value;
  }
  return out;
}

/** Covers the dev server's responses; app:// responses also carry it (renderer-protocol.ts). */
export function enforceCsp(session: CspSession, policy: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...withoutCsp(details.responseHeaders), 'Content-Security-Policy': [policy] } });
  });
}
