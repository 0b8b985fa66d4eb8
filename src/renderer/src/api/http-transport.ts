/**
 * The browser transport, against Ardoise's loopback host (same origin as the page).
 *
 * Calls: `POST /api` with `{ method, input }`, the per-run bearer token and this tab's client id.
 * The response body is always an ApiResult — also for 401/403/413 — so it is parsed whatever
 * the status. Events: one EventSource on `/events`, opened when the first listener subscribes;
 * EventSource cannot send headers, so the token and client id travel in the query string.
 *
 * `fetch` and `EventSource` are injected so this module runs under unit tests (node).
 */
import type { ApiEvent, ApiResult } from '../../../core/api';
import { eventParser, isApiResult, type EventParser } from './events';
import { Listeners, TransportUnavailableError, type ChannelState, type Transport } from './transport';

export interface FetchInitLike {
  method: 'POST';
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal;
  cache: 'no-store';
  credentials: 'omit';
}
export interface FetchResponseLike {
  readonly status: number;
  text(): Promise<string>;
}
export type FetchLike = (url: string, init: FetchInitLike) => Promise<FetchResponseLike>;

/** What the transport needs of an EventSource; the real one is wrapped in ./index.ts. */
export interface EventStreamHandlers {
  onOpen(): void;
  onMessage(data: unknown): void;
  /** `closed`: the browser gave up (e.g. the host answered 401/403) and will not retry by itself. */
  onError(closed: boolean): void;
}
export type EventSourceFactory = (url: string, handlers: EventStreamHandlers) => { close(): void };

export interface HttpTransportOptions {
  readonly token: string;
  readonly clientId: string;
  readonly fetch: FetchLike;
  readonly openEvents: EventSourceFactory;
  /** Checks each event (default: the contract's schemas, loaded with the first listener). */
  parseEvent?: EventParser;
  /** Prefix for '/api' and '/events' (same origin by default). */
  readonly baseUrl?: string;
  /** A call that takes longer is treated as "not responding". */
  readonly timeoutMs?: number;
}

const INTERNAL: ApiResult<never> = { ok: false, error: { code: 'INTERNAL', messageKey: 'error.internal' } };

export function eventsUrl(baseUrl: string, token: string, clientId: string): string {
  return `${baseUrl}/events?token=${encodeURIComponent(token)}&client=${encodeURIComponent(clientId)}`;
}

export function createHttpTransport(opts: HttpTransportOptions): Transport {
  const baseUrl = opts.baseUrl ?? '';
  const timeoutMs = opts.timeoutMs ?? 20_000;
  const events = new Listeners<ApiEvent>();
  const states = new Listeners<ChannelState>();
  let state: ChannelState = 'idle';
  let source: { close(): void } | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let retryDelay = 1_000;
  const parser = eventParser(opts.parseEvent);

  function setState(next: ChannelState): void {
    if (next === state) return;
    state = next;
    states.emit(next);
  }

  function open(): void {
    if (source || events.size === 0) return;
    // The stream opens once events can be checked: none is received unchecked or dropped.
    parser.whenReady(openStream);
  }

  function openStream(): void {
    const parse = parser.get();
    if (source || events.size === 0 || !parse) return;
    const stream: { close(): void } = opts.openEvents(eventsUrl(baseUrl, opts.token, opts.clientId), {
      onOpen() {
        retryDelay = 1_000;
        setState('open');
      },
      onMessage(data) {
        const event = parse(data);
        if (event) events.emit(event);
      },
      onError(closed) {
        setState('reconnecting');
        if (!closed) return; // the browser retries by itself
        stream.close();
        if (source === stream) source = null;
        if (retryTimer === null && events.size > 0) {
          retryTimer = setTimeout(() => {
            retryTimer = null;
            open();
          }, retryDelay);
          retryDelay = Math.min(retryDelay * 2, 30_000);
        }
      },
    });
    source = stream;
  }

  function close(): void {
    if (retryTimer !== null) clearTimeout(retryTimer);
    retryTimer = null;
    source?.close();
    source = null;
    setState('idle');
  }

  return {
    kind: 'http',

    async invoke(method, input) {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeoutMs);
      let text: string;
      try {
        const res = await opts.fetch(`${baseUrl}/api`, {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${opts.token}`,
            'X-Ardoise-Client': opts.clientId,
            'Content-Type': 'application/json',
          },
          body: JSON.stringify({ method, input }),
          signal: controller.signal,
          cache: 'no-store',
          credentials: 'omit',
        });
        text = await res.text();
      } catch (err) {
        throw new TransportUnavailableError(err instanceof Error ? err.message : String(err));
      } finally {
        clearTimeout(timer);
      }
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return INTERNAL; // not the Ardoise host answering (proxy page, crash page…)
      }
      return isApiResult(body) ? body : INTERNAL;
    },

    subscribe(listener) {
      const off = events.add(listener);
      open();
      return () => {
        off();
        if (events.size === 0) close();
      };
    },

    channelState: () => state,
    onChannelState: (listener) => states.add(listener),
  };
}
