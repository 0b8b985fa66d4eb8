import { describe, expect, it } from 'vitest';
import type { ApiEvent, ApiResult } from '../../../src/core/api';
import { ApiCallError, createApiClient, errorBodyOf } from '../../../src/renderer/src/api/client';
import { createIpcTransport } from '../../../src/renderer/src/api/ipc-transport';
import { parseApiEvent } from '../../../src/renderer/src/api/parse-event';
import { Listeners, TransportUnavailableError, type ChannelState, type Transport } from '../../../src/renderer/src/api/transport';

function transportReturning(result: ApiResult<unknown> | Error): Transport & { setChannel(s: ChannelState): void } {
  const states = new Listeners<ChannelState>();
  let channel: ChannelState = 'idle';
  return {
    kind: 'http',
    invoke: async () => {
      if (result instanceof Error) throw result;
      return result;
    },
    subscribe: () => () => {},
    channelState: () => channel,
    onChannelState: (l) => states.add(l),
    setChannel(s) {
      channel = s;
      states.emit(s);
    },
  };
}

describe('api client', () => {
  it('returns the value of an ok result', async () => {
    const api = createApiClient(transportReturning({ ok: true, value: { kind: 'none', results: [] } }));
    await expect(api.call('lookup.search', { query: 'x' })).resolves.toEqual({ kind: 'none', results: [] });
  });

  it('throws a typed ApiCallError carrying the error body', async () => {
    const body = { code: 'BAD_CREDENTIALS', messageKey: 'error.badCredentials' } as const;
    const api = createApiClient(transportReturning({ ok: false, error: body }));
    const err = await api.call('session.signIn', { username: 'a', password: 'b' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiCallError);
    expect((err as ApiCallError).body).toEqual(body);
    expect((err as ApiCallError).code).toBe('BAD_CREDENTIALS');
    expect(errorBodyOf(err)).toEqual(body);
  });

  it('turns an unreachable transport into error.unreachable and reports offline, then recovers', async () => {
    let fail = true;
    const transport: Transport = {
      ...transportReturning({ ok: true, value: null }),
      invoke: async () => {
        if (fail) throw new TransportUnavailableError('down');
        return { ok: true, value: null };
      },
    };
    const api = createApiClient(transport);
    const statuses: string[] = [];
    api.onStatus((s) => statuses.push(s));
    const err = (await api.call('session.current', {}).catch((e: unknown) => e)) as ApiCallError;
    expect(err.unreachable).toBe(true);
    expect(err.body).toEqual({ code: 'INTERNAL', messageKey: 'error.unreachable' });
    expect(api.status()).toBe('offline');
    fail = false;
    await api.call('session.current', {});
    expect(api.status()).toBe('connected');
    expect(statuses).toEqual(['offline', 'connected']);
  });

  it('reports reconnecting while the event channel is down', () => {
    const transport = transportReturning({ ok: true, value: null });
    const api = createApiClient(transport);
    transport.setChannel('reconnecting');
    expect(api.status()).toBe('reconnecting');
    transport.setChannel('open');
    expect(api.status()).toBe('connected');
  });

  it('signals a lost session when main answers UNAUTHENTICATED', async () => {
    const api = createApiClient(transportReturning({ ok: false, error: { code: 'UNAUTHENTICATED', messageKey: 'error.unauthenticated' } }));
    let lost = 0;
    api.onSessionLost(() => lost++);
    await api.call('lookup.search', { query: 'x' }).catch(() => {});
    expect(lost).toBe(1);
  });

  it('maps anything else thrown to a generic internal error', () => {
    expect(errorBodyOf(new Error('boom'))).toEqual({ code: 'INTERNAL', messageKey: 'error.internal' });
  });
});

describe('ipc transport', () => {
  it('forwards calls to the bridge and validates events', async () => {
    let bridgeListener: ((e: ApiEvent) => void) | null = null;
    let unsubscribed = false;
    const bridge = {
      invoke: async (method: string, input: unknown) => ({ ok: true as const, value: { method, input } }),
      onEvent: (l: (e: ApiEvent) => void) => {
        bridgeListener = l;
        return () => void (unsubscribed = true);
      },
    };
    const api = createApiClient(createIpcTransport(bridge, { parseEvent: parseApiEvent }));
    expect(api.transport).toBe('ipc');
    await expect(api.call('system.info', {})).resolves.toEqual({ method: 'system.info', input: {} });

    const got: ApiEvent[] = [];
    const off = api.onEvent((e) => got.push(e));
    const event: ApiEvent = { name: 'call.incoming', payload: { from: '06', e164: null, matches: [] } };
    bridgeListener!(event);
    bridgeListener!({ name: 'bogus' } as unknown as ApiEvent);
    expect(got).toEqual([event]);
    off();
    expect(unsubscribed).toBe(true);
  });

  it('treats a rejected bridge call as unreachable', async () => {
    const bridge = { invoke: async () => Promise.reject(new Error('ipc gone')), onEvent: () => () => {} };
    const api = createApiClient(createIpcTransport(bridge, { parseEvent: parseApiEvent }));
    const err = (await api.call('session.current', {}).catch((e: unknown) => e)) as ApiCallError;
    expect(err.unreachable).toBe(true);
  });
});
