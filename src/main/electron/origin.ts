/**
 * Rule: the renderer has exactly ONE origin, and every check that asks "is this the app?" —
 * IPC sender frames, navigation, event delivery — compares against it and nothing else.
 *
 * - Packaged/preview: app://ardoise, a custom standard+secure scheme served from out/renderer.
 *   A real origin (unlike file://, where every local file is "same origin") makes the
 *   comparison exact.
 * - Unpacked dev: the electron-vite dev server, and only when it is plain http on loopback.
 *   A packaged app ignores ELECTRON_RENDERER_URL entirely, so an environment variable can never
 *   point production at remote content.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'ardoise';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export interface RendererTarget {
  /** What the main window loads. */
  readonly url: string;
  /** The only origin trusted for IPC and navigation. */
  readonly origin: string;
  /** True when loading the electron-vite dev server. */
  readonly dev: boolean;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function resolveRendererTarget(opts: { devServerUrl: string | undefined; isPackaged: boolean }): RendererTarget {
  if (opts.isPackaged || !opts.devServerUrl) {
    return { url: `${APP_ORIGIN}/index.html`, origin: APP_ORIGIN, dev: false };
  }
  let url: URL;
  try {
    url = new URL(opts.devServerUrl);
  } catch {
    throw new Error('ELECTRON_RENDERER_URL is not a valid URL');
  }
  // Refuse rather than fall back: a dev run silently loading something else hides the mistake.
  if (url.protocol !== 'http:' || !LOOPBACK_HOSTS.has(url.hostname) || url.username || url.password) {
    throw new Error('ELECTRON_RENDERER_URL must be an http:// loopback address (the electron-vite dev server)');
  }
  return { url: url.href, origin: url.origin, dev: true };
}

/**
 * `scheme://host[:port]` of a URL, or null when it has none we could trust. Node's URL gives
 * origin "null" for non-special schemes like app:, so that case is built by hand; URLs carrying
 * credentials are refused outright (they are only ever used to disguise a host).
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.username || parsed.password) return null;
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return parsed.origin;
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host) return `${parsed.protocol}//${parsed.host}`;
  return null;
}

export function isTrustedUrl(url: string | null | undefined, origin: string): boolean {
  return typeof url === 'string' && originOf(url) === origin;
}
