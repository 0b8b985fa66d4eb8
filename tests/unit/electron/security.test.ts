import { describe, expect, it, vi } from 'vitest';
import { isTrustedUrl } from '../../../src/main/electron/origin';
import {
  denyAllPermissions,
  enforceCsp,
  hardenWebContents,
  withoutCsp,
  type CspSession,
  type HardenableContents,
  type NavigationEvent,
  type PermissionSession,
  type ResponseHeaders,
} from '../../../src/main/electron/security';

const ORIGIN = 'app://ardoise';
const isTrusted = (url: string) => isTrustedUrl(url, ORIGIN);

/** A webContents stand-in that keeps the listeners the hardening installs. */
function fakeContents() {
  const listeners = new Map<string, ((event: never) => void)[]>();
  let windowOpen: ((details: { url: string }) => { action: 'deny' }) | null = null;
  const contents: HardenableContents = {
    on(event: string, listener: (event: never) => void) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return contents;
    },
    setWindowOpenHandler(handler) {
      windowOpen = handler;
    },
  };
  const fire = (name: string, url: string) => {
    const event: NavigationEvent & { prevented: boolean } = {
      url,
      prevented: false,
      preventDefault() {
        this.prevented = true;
      },
    };
    for (const l of listeners.get(name) ?? []) l(event as never);
    return event.prevented;
  };
  return { contents, listeners, fire, openWindow: (url: string) => windowOpen?.({ url }) };
}

describe('hardenWebContents', () => {
  it('installs every guard', () => {
    const f = fakeContents();
    hardenWebContents(f.contents, isTrusted);
    expect([...f.listeners.keys()].sort()).toEqual(['will-attach-webview', 'will-frame-navigate', 'will-navigate', 'will-redirect']);
    expect(f.openWindow('app://ardoise/index.html')).toEqual({ action: 'deny' });
  });

  describe.each(['will-navigate', 'will-redirect', 'will-frame-navigate'])('%s', (kind) => {
    it.each([
      ['app://ardoise/index.html', false],
      ['app://ardoise/other.html#x', false],
      ['https://example.com/', true],
      ['http://localhost:5173/', true],
      ['app://ardoise.evil/', true],
      ['app://user@ardoise/', true],
      ['file:///etc/passwd', true],
      ['javascript:alert(1)', true],
      ['data:text/html,hi', true],
      ['about:blank', true],
    ])('to %s → prevented: %s', (url, prevented) => {
      const f = fakeContents();
      const blocked = vi.fn();
      hardenWebContents(f.contents, isTrusted, blocked);
      expect(f.fire(kind, url)).toBe(prevented);
      expect(blocked).toHaveBeenCalledTimes(prevented ? 1 : 0);
    });
  });

  it.each(['https://example.com/', 'app://ardoise/index.html', 'about:blank', ''])('denies window.open(%j), even to our own origin', (url) => {
    const f = fakeContents();
    const blocked = vi.fn();
    hardenWebContents(f.contents, isTrusted, blocked);
    expect(f.openWindow(url)).toEqual({ action: 'deny' });
    expect(blocked).toHaveBeenCalledWith('window-open', url);
  });

  it('prevents every <webview> from attaching', () => {
    const f = fakeContents();
    hardenWebContents(f.contents, isTrusted);
    expect(f.fire('will-attach-webview', 'app://ardoise/index.html')).toBe(true);
  });
});

describe('denyAllPermissions', () => {
  function fakeSession() {
    const handlers: {
      request?: Parameters<PermissionSession['setPermissionRequestHandler']>[0];
      check?: Parameters<PermissionSession['setPermissionCheckHandler']>[0];
      device?: Parameters<PermissionSession['setDevicePermissionHandler']>[0];
    } = {};
    const session: PermissionSession = {
      setPermissionRequestHandler: (h) => void (handlers.request = h),
      setPermissionCheckHandler: (h) => void (handlers.check = h),
      setDevicePermissionHandler: (h) => void (handlers.device = h),
    };
    return { session, handlers };
  }

  const PERMISSIONS = [
    'media',
    'geolocation',
    'notifications',
    'clipboard-read',
    'clipboard-sanitized-write',
    'display-capture',
    'fullscreen',
    'openExternal',
    'pointerLock',
    'midiSysex',
    'fileSystem',
    'unknown',
  ];

  it.each(PERMISSIONS)('refuses the request for %s', (permission) => {
    const { session, handlers } = fakeSession();
    const blocked = vi.fn();
    denyAllPermissions(session, blocked);
    const callback = vi.fn();
    handlers.request!({}, permission, callback);
    expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    expect(blocked).toHaveBeenCalledWith('permission', permission);
  });

  it.each(PERMISSIONS)('answers the check for %s with false', (permission) => {
    const { session, handlers } = fakeSession();
    denyAllPermissions(session);
    expect(handlers.check!({}, permission)).toBe(false);
  });

  it('refuses device access (HID, serial, USB)', () => {
    const { session, handlers } = fakeSession();
    denyAllPermissions(session);
    expect(handlers.device!({ deviceType: 'usb', origin: ORIGIN })).toBe(false);
  });
});

describe('enforceCsp', () => {
  function run(responseHeaders: ResponseHeaders | undefined) {
    let listener: Parameters<CspSession['webRequest']['onHeadersReceived']>[0] | undefined;
    enforceCsp({ webRequest: { onHeadersReceived: (l) => void (listener = l) } }, "default-src 'self'");
    const callback = vi.fn();
    listener!({ responseHeaders }, callback);
    expect(callback).toHaveBeenCalledOnce();
    return callback.mock.calls[0]![0] as { responseHeaders: Record<string, string[]>; cancel?: boolean };
  }

  it('adds our policy to every response', () => {
    const out = run({ 'Content-Type': ['text/html'] });
    expect(out.responseHeaders).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': ["default-src 'self'"] });
    expect(out.cancel).toBeUndefined();
  });

  it('replaces a policy the server sent, whatever its header case', () => {
    const out = run({ 'content-security-policy': ['default-src *'], 'CONTENT-SECURITY-POLICY': ["script-src 'unsafe-eval'"], Etag: ['x'] });
    expect(out.responseHeaders).toEqual({ Etag: ['x'], 'Content-Security-Policy': ["default-src 'self'"] });
  });

  it('copes with a response that has no headers', () => {
    expect(run(undefined).responseHeaders).toEqual({ 'Content-Security-Policy': ["default-src 'self'"] });
  });

  it('withoutCsp keeps everything else untouched', () => {
    expect(withoutCsp({ A: ['1'], 'Content-Security-Policy-Report-Only': ['x'] })).toEqual({ A: ['1'], 'Content-Security-Policy-Report-Only': ['x'] });
  });
});
