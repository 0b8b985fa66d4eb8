/**
 * The desk's side of the hub's routes (core/sync/protocol.ts), typed from them: JSON over HTTP,
 * the device credential on every call but enrolment, a timeout on every call (a hub that does
 * not answer is an offline hub, not a hung desk), and the event stream read as server-sent
 * events.
 */
import type { RouteInput, RouteName, RouteOutput } from '../../core/sync/protocol';

export class HubUnreachable extends Error {}

export class HubRefused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly body: Record<string, unknown>,
  ) {
    super(`${code} (${status})`);
  }
}

export interface HubCredential {
  readonly deviceId: string;
  readonly deviceSecret: string;
}

export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

export interface HubClientOptions {
  readonly url: string;
  readonly credential: () => HubCredential | null;
  readonly timeoutMs?: number;
  /** The network (tests put a faulty one here). */
  readonly fetch?: Fetch;
}

export interface HubClient {
  call<R extends RouteName>(route: R, input: RouteInput<R>): Promise<RouteOutput<R>>;
  /** Opens the event stream; `onEvent` for each event; resolves when it closes. */
  events(onEvent: (event: string, data: string) => void, signal: AbortSignal): Promise<void>;
}

export function createHubClient(opts: HubClientOptions): HubClient {
  const base = opts.url.replace(/\/+$/, '');
  const doFetch: Fetch = opts.fetch ?? ((url, init) => fetch(url, init));
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const auth = (): Record<string, string> => {
    const c = opts.credential();
    return c ? { authorization: `Device ${c.deviceId}.${c.deviceSecret}` } : {};
  };

  return {
    async call(route, input) {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeoutMs);
      let response: Response;
      try {
        response = await doFetch(`${base}/v1/${route}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...auth() },
          body: JSON.stringify(input),
          signal: controller.signal,
        });
      } catch (err) {
        throw new HubUnreachable(err instanceof Error ? err.message : String(err));
      } finally {
        clearTimeout(timer);
      }
      let body: Record<string, unknown>;
      try {
        body = (await response.json()) as Record<string, unknown>;
      } catch (err) {
        // A reply cut off half-way: as good as no reply.
        throw new HubUnreachable(`unreadable reply (${err instanceof Error ? err.message : String(err)})`);
      }
      if (!response.ok) throw new HubRefused(response.status, String(body['error'] ?? 'UNKNOWN'), body);
      return body as never;
    },

    async events(onEvent, signal) {
      let response: Response;
      try {
        response = await doFetch(`${base}/v1/events`, { method: 'GET', headers: { accept: 'text/event-stream', ...auth() }, signal });
      } catch (err) {
        throw new HubUnreachable(err instanceof Error ? err.message : String(err));
      }
      if (!response.ok || !response.body) throw new HubRefused(response.status, 'EVENTS', {});
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += decoder.decode(value, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            let event = 'message';
            const data: string[] = [];
            for (const line of block.split('\n')) {
              if (line.startsWith('event:')) event = line.slice(6).trim();
              else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
            }
            onEvent(event, data.join('\n'));
          }
        }
      } catch (err) {
        if (signal.aborted) return;
        throw new HubUnreachable(err instanceof Error ? err.message : String(err));
      }
    },
  };
}
