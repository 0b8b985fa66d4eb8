/**
 * Which transport the renderer uses — a pure decision over what the page can see, so it can be
 * unit-tested. `detectTransport` (in ./index.ts) gathers the inputs from `window` and applies
 * the side effects this function asks for (store the token, strip it from the URL).
 *
 * - Electron: the preload bridge `window.ardoise` exists → IPC.
 * - Browser against the loopback host: the page was opened at `http://127.0.0.1:PORT/#token=<hex>`.
 *   The token is kept in sessionStorage so a reload keeps working, and removed from the URL so it
 *   does not linger in history, bookmarks or screenshots. Each tab has its own client id.
 * - Neither: the page cannot reach Ardoise; the app says so instead of failing call by call.
 */

export const TOKEN_STORAGE_KEY = 'ardoise.token';
export const CLIENT_STORAGE_KEY = 'ardoise.client';

export interface TransportEnv {
  /** `window.ardoise` is present (Electron preload). */
  readonly hasBridge: boolean;
  /** `location.hash`, with or without the leading '#'. */
  readonly hash: string;
  readonly storedToken: string | null;
  readonly storedClientId: string | null;
  /** A fresh client id (crypto.randomUUID in the browser). */
  readonly newClientId: () => string;
}

export type TransportChoice =
  | {
      readonly kind: 'ipc';
      /** A token was found in the URL anyway: strip it, never keep it. */
      readonly stripHash: boolean;
      readonly hashWithoutToken: string;
    }
  | {
      readonly kind: 'http';
      readonly token: string;
      readonly clientId: string;
      /** Values to write to sessionStorage (only those that changed). */
      readonly store: { readonly token?: string; readonly clientId?: string };
      readonly stripHash: boolean;
      /** What the hash becomes once the token is removed ('' when nothing else was in it). */
      readonly hashWithoutToken: string;
    }
  | { readonly kind: 'none'; readonly stripHash: boolean; readonly hashWithoutToken: string };

/** The loopback host issues a random hex token; anything else is not one of ours. */
const TOKEN_PATTERN = /^[0-9a-f]{16,256}$/i;
const CLIENT_ID_PATTERN = /^[0-9a-zA-Z-]{8,64}$/;

export function isToken(value: string | null | undefined): value is string {
  return typeof value === 'string' && TOKEN_PATTERN.test(value);
}

export function parseHash(hash: string): { token: string | null; rest: string } {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!raw) return { token: null, rest: '' };
  const params = new URLSearchParams(raw);
  if (!params.has('token')) return { token: null, rest: raw };
  const token = params.get('token');
  params.delete('token');
  return { token, rest: params.toString() };
}

export function selectTransport(env: TransportEnv): TransportChoice {
  const { token: hashToken, rest } = parseHash(env.hash);
  const stripHash = hashToken !== null;
  const hashWithoutToken = rest ? `#${rest}` : '';

  if (env.hasBridge) return { kind: 'ipc', stripHash, hashWithoutToken };

  // A token in the URL is the newest word from the host (e.g. it restarted with a new token).
  const token = isToken(hashToken) ? hashToken : isToken(env.storedToken) ? env.storedToken : null;
  if (!token) return { kind: 'none', stripHash, hashWithoutToken };

  const reuseClient = env.storedClientId !== null && CLIENT_ID_PATTERN.test(env.storedClientId);
  const clientId = reuseClient ? (env.storedClientId as string) : env.newClientId();
  return {
    kind: 'http',
    token,
    clientId,
    store: {
      ...(token !== env.storedToken ? { token } : {}),
      ...(reuseClient ? {} : { clientId }),
    },
    stripHash,
    hashWithoutToken,
  };
}
