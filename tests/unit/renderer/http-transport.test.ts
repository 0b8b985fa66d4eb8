import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHttpTransport, eventsUrl, type EventStreamHandlers, type FetchInitLike, type FetchLike } from '../../../src/renderer/src/api/http-transport';
import { parseApiEvent } from '../../../src/renderer/src/api/parse-event';
import { TransportUnavailableError } from '../../../src/renderer/src/api/transport';

const TOKEN = 'a3f9c0d2e4b6a8c0d2e4f6a8b0c2d4e6';
const CLIENT = '0b5c8f1e-6a3d-4c2b-9e7f-1a2b3c4d5e6f';

function respond(status: number, body: string): FetchLike {
  return vi.fn(async () => ({ status, text: async () => body }));
}

function fakeEvents() {
  const opened: { url: string; handlers: EventStreamHandlers; closed: boolean }[] = [];
  const openEvents = (url: string, handlers: EventStreamHandlers) => {
    const entry = { url, handlers, closed: false };
    opened.push(entry);
    return { close: () => void (entry.closed = true) };
  };
  return { opened, openEvents };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('http transport: calls', () => {
  it('POSTs { method, input } to /api with the token, the client id and JSON content type', async () => {
    const fetch = respond(200, JSON.stringify({ ok: true, value: null }));
    const transport = createHttpTransport({ token: TOKEN, clientId: CLIENT, fetch, openEvents: fakeEvents().openEvents });
    await expect(transport.invoke('session.current', {})).resolves.toEqual({ ok: true, value: null });
    const [url, init] = (fetch as ReturnType<typeof vi.fn>).mock.calls[0] as [string, FetchInitLike];
    expect(url).toBe('/api');
    expect(init.method).toBe('POST');
    expect(init.headers).toEqual({
      Authorization: `Bearer ${TOKEN}`,
      'X-Ardoise-Client': CLIENT,
      'Content-Type': 'application/json',
    });
    expect(JSON.parse(init.body)).toEqual({ method: 'session.current', input: {} });
    expect(init.credentials).toBe('omit');
  });

  it.each([401, 403, 413])('parses the ApiResult body of an HTTP %i answer', async (status) => {
    const body = { ok: false, error: { code: 'BAD_TOKEN', messageKey: 'error.badToken' } };
    const transport = createHttpTransport({
      token: TOKEN,
      clientId: CLIENT,
      fetch: respond(status, JSON.stringify(body)),
      openEvents: fakeEvents().openEvents,
    });
    await expect(transport.invoke('session.current', {})).resolves.toEqual(body);
  });

  it('turns a body that is not an ApiResult into a typed internal error', async () => {
    for (const text of ['<html>502 Bad Gateway</html>', '{"hello":1}', '{"ok":false,"error":{"code":"NOPE"}}']) {
      const transport = createHttpTransport({ token: TOKEN, clientId: CLIENT, fetch: respond(502, text), openEvents: fakeEvents().openEvents });
      await expect(transport.invoke('session.current', {})).resolves.toEqual({
        ok: false,
        error: { code: 'INTERNAL', messageKey: 'error.internal' },
      });
    }
  });

  it('rejects with TransportUnavailableError when the host cannot be reached', async () => {
    const fetch: FetchLike = async () => {
      throw new TypeError('Failed to fetch');
    };
    const transport = createHttpTransport({ token: TOKEN, clientId: CLIENT, fetch, openEvents: fakeEvents().openEvents });
    await expect(transport.invoke('session.current', {})).rejects.toBeInstanceOf(TransportUnavailableError);
  });

  it('gives up on a call that does not answer in time', async () => {
    vi.useFakeTimers();
    const fetch: FetchLike = (_url, init) => new Promise((_resolve, reject) => init.signal.addEventListener('abort', () => reject(new Error('aborted'))));
    const transport = createHttpTransport({ token: TOKEN, clientId: CLIENT, fetch, openEvents: fakeEvents().openEvents, timeoutMs: 1000 });
    const pending = transport.invoke('session.current', {});
    const assertion = expect(pending).rejects.toBeInstanceOf(TransportUnavailableError);
    await vi.advanceTimersByTimeAsync(1000);
    await assertion;
  });
});

describe('http transport: events', () => {
  const pop = {
    from: '0612345678',
    e164: '+33612345678',
    matches: [],
  };

  it('opens /events with the token and client id on the first listener, and closes after the last', () => {
    const { opened, openEvents } = fakeEvents();
    const transport = createHttpTransport({ token: TOKEN, clientId: CLIENT, fetch: respond(200, '{}'), openEvents, parseEvent: parseApiEvent });
    expect(opened).toHaveLength(0);
    const off1 = transport.subscribe(() => {});
    const off2 = transport.subscribe(() => {});
    expect(opened).toHaveLength(1);
    expect(opened[0]?.url).toBe(eventsUrl('', TOKEN, CLIENT));
    expect(opened[0]?.url).toBe(`/events?token=${TOKEN}&client=${CLIENT}`);
    off1();
    expect(opened[0]?.closed).toBe(false);
    off2();
    expect(opened[0]?.closed).toBe(true);
  });

  it('delivers valid ApiEvents and drops malformed or unknown ones', () => {
    const { opened, openEvents } = fakeEvents();
    const transport = createHttpTransport({ token: TOKEN, clientId: CLIENT, fetch: respond(200, '{}'), openEvents, parseEvent: parseApiEvent });
    const received: unknown[] = [];
    transport.subscribe((e) => received.push(e));
    const h = opened[0]!.handlers;
    h.onMessage(JSON.stringify({ name: 'call.incoming', payload: pop }));
    h.onMessage('not json');
    h.onMessage(JSON.stringify({ name: 'something.else', payload: {} }));
    h.onMessage(JSON.stringify({ name: 'call.incoming', payload: { from: 1 } }));
    expect(received).toEqual([{ name: 'call.incoming', payload: pop }]);
  });

  it('reports the channel state and reopens a stream the browser gave up on', async () => {
    vi.useFakeTimers();
    const { opened, openEvents } = fakeEvents();
    const transport = createHttpTransport({ token: TOKEN, clientId: CLIENT, fetch: respond(200, '{}'), openEvents, parseEvent: parseApiEvent });
    const states: string[] = [];
    transport.onChannelState((s) => states.push(s));
    transport.subscribe(() => {});
    opened[0]!.handlers.onOpen();
    opened[0]!.handlers.onError(false); // browser retries by itself
    expect(opened).toHaveLength(1);
    opened[0]!.handlers.onError(true); // closed for good: we reopen after a delay
    expect(opened[0]!.closed).toBe(true);
    await vi.advanceTimersByTimeAsync(1000);
    expect(opened).toHaveLength(2);
    opened[1]!.handlers.onOpen();
    expect(states).toEqual(['open', 'reconnecting', 'open']);
    expect(transport.channelState()).toBe('open');
  });
});
