/**
 * The renderer's `api` singleton. Importing this module reads the page's environment once
 * (bridge, URL hash, sessionStorage) — keep it out of unit tests; they use the pure pieces.
 */
import { getBridge } from './bridge-types';
import { createApiClient, type ApiClient } from './client';
import { createHttpTransport, type EventSourceFactory, type FetchLike } from './http-transport';
import { createIpcTransport } from './ipc-transport';
import { createNoTransport, type Transport } from './transport';
import { CLIENT_STORAGE_KEY, TOKEN_STORAGE_KEY, selectTransport } from './transport-select';

export { ApiCallError, errorBodyOf, type ApiClient, type ConnectionStatus } from './client';

function readSession(key: string): string | null {
  try {
    return window.sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeSession(key: string, value: string): void {
  try {
    window.sessionStorage.setItem(key, value);
  } catch {
    // Storage disabled: the tab still works until it is reloaded.
  }
}

function detectTransport(): Transport {
  const bridge = getBridge();
  const choice = selectTransport({
    hasBridge: bridge !== undefined,
    hash: window.location.hash,
    storedToken: readSession(TOKEN_STORAGE_KEY),
    storedClientId: readSession(CLIENT_STORAGE_KEY),
    newClientId: () => crypto.randomUUID(),
  });

  if (choice.stripHash) {
    const { pathname, search } = window.location;
    window.history.replaceState(window.history.state, '', `${pathname}${search}${choice.hashWithoutToken}`);
  }

  if (choice.kind === 'ipc' && bridge) return createIpcTransport(bridge);
  if (choice.kind === 'http') {
    if (choice.store.token !== undefined) writeSession(TOKEN_STORAGE_KEY, choice.store.token);
    if (choice.store.clientId !== undefined) writeSession(CLIENT_STORAGE_KEY, choice.store.clientId);
    const fetchImpl: FetchLike = (url, init) => window.fetch(url, init);
    const openEvents: EventSourceFactory = (url, handlers) => {
      const es = new EventSource(url);
      es.onopen = () => handlers.onOpen();
      es.onmessage = (ev: MessageEvent) => handlers.onMessage(ev.data);
      es.onerror = () => handlers.onError(es.readyState === EventSource.CLOSED);
      return es;
    };
    return createHttpTransport({ token: choice.token, clientId: choice.clientId, fetch: fetchImpl, openEvents });
  }
  return createNoTransport();
}

export const api: ApiClient = createApiClient(detectTransport());
