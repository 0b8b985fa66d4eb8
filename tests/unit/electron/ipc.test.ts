import { describe, expect, it, vi } from 'vitest';
import type { AgentProfile, ApiEvent, ApiResult } from '../../../src/core/api';
import type { Dispatcher } from '../../../src/main/api/dispatcher';
import { SessionRegistry } from '../../../src/main/api/sessions';
import {
  createInvokeHandler,
  forwardSessionEvents,
  ipcClientId,
  isTrustedSender,
  registerInvokeChannel,
  type EventRecipient,
  type InvokeEvent,
  type InvokeRegistrar,
  type SenderPolicy,
} from '../../../src/main/electron/ipc';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../../src/preload/channels';

const MAIN_ID = 7;
const policy: SenderPolicy = { origin: 'app://ardoise', isMainWindow: (sender) => sender.id === MAIN_ID };

function event(url: string | null, opts: { id?: number; parent?: unknown } = {}): InvokeEvent {
  return {
    sender: { id: opts.id ?? MAIN_ID },
    senderFrame: url === null ? null : { url, parent: opts.parent ?? null },
  };
}

describe('isTrustedSender', () => {
  it.each([
    ['our main window, our origin', event('app://ardoise/index.html'), true],
    ['our main window after an in-app hash change', event('app://ardoise/index.html#/account'), true],
    ['frame already gone (senderFrame null)', event(null), false],
    ['a subframe, even of our origin', event('app://ardoise/index.html', { parent: { url: 'app://ardoise/index.html' } }), false],
    ['another webContents showing our origin', event('app://ardoise/index.html', { id: 8 }), false],
    ['a remote page', event('https://evil.example/'), false],
    ['a look-alike host', event('app://ardoise.evil/index.html'), false],
    ['credentials in the URL', event('app://evil@ardoise/index.html'), false],
    ['a file:// page', event('file:///index.html'), false],
    ['the dev server when production is trusted', event('http://localhost:5173/'), false],
    ['about:blank', event('about:blank'), false],
    ['an empty URL', event(''), false],
  ])('%s → %s', (_label, e, trusted) => {
    expect(isTrustedSender(e, policy)).toBe(trusted);
  });

  it('in dev trusts the dev server origin only', () => {
    const dev: SenderPolicy = { ...policy, origin: 'http://localhost:5173' };
    expect(isTrustedSender(event('http://localhost:5173/'), dev)).toBe(true);
    expect(isTrustedSender(event('http://localhost:5174/'), dev)).toBe(false);
    expect(isTrustedSender(event('app://ardoise/index.html'), dev)).toBe(false);
  });
});

describe('createInvokeHandler', () => {
  const OK: ApiResult<unknown> = { ok: true, value: { version: '0.1.0' } };
  const dispatcher = () => ({ dispatch: vi.fn<Dispatcher['dispatch']>(async () => OK) });

  it('dispatches a trusted call as client ipc:<webContents id>, with the method and input untouched', async () => {
    const d = dispatcher();
    const result = await createInvokeHandler(d, policy)(event('app://ardoise/index.html'), 'system.info', { a: 1 });
    expect(result).toBe(OK);
    expect(d.dispatch).toHaveBeenCalledExactlyOnceWith({ transport: 'ipc', clientId: 'ipc:7' }, 'system.info', { a: 1 });
  });

  it.each([
    ['an untrusted origin', event('https://evil.example/')],
    ['a null frame', event(null)],
    ['a subframe', event('app://ardoise/index.html', { parent: {} })],
    ['another webContents', event('app://ardoise/index.html', { id: 99 })],
  ])('answers %s with BAD_ORIGIN and never reaches the dispatcher', async (_label, e) => {
    const d = dispatcher();
    const result = await createInvokeHandler(d, policy)(e, 'session.signIn', { username: 'a', password: 'b' });
    expect(result).toEqual({ ok: false, error: { code: 'BAD_ORIGIN', messageKey: 'error.badOrigin' } });
    expect(d.dispatch).not.toHaveBeenCalled();
  });

  it('turns an unexpected throw into INTERNAL — no message or stack crosses IPC', async () => {
    const onError = vi.fn();
    const failing = { dispatch: vi.fn(async () => Promise.reject(new Error('SQLITE_CORRUPT at /home/agent/ardoise.db'))) };
    const result = await createInvokeHandler(failing, policy, onError)(event('app://ardoise/'), 'system.info', {});
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', messageKey: 'error.internal' } });
    expect(JSON.stringify(result)).not.toMatch(/SQLITE|home/);
    expect(onError).toHaveBeenCalledOnce();
  });
});

describe('registerInvokeChannel', () => {
  it(`registers one handler on '${INVOKE_CHANNEL}' and removes it`, async () => {
    const handlers = new Map<string, (event: InvokeEvent, ...args: unknown[]) => Promise<unknown>>();
    const ipc: InvokeRegistrar = {
      handle: (channel, listener) => void handlers.set(channel, listener),
      removeHandler: (channel) => void handlers.delete(channel),
    };
    const handler = vi.fn(async () => ({ ok: true, value: null }) as const);
    const remove = registerInvokeChannel(ipc, handler);
    expect([...handlers.keys()]).toEqual(['ardoise:invoke']);
    const e = event('app://ardoise/');
    await handlers.get(INVOKE_CHANNEL)!(e, 'session.current', {}, 'extra-arg-ignored');
    expect(handler).toHaveBeenCalledExactlyOnceWith(e, 'session.current', {});
    remove();
    expect(handlers.size).toBe(0);
  });
});

describe('forwardSessionEvents (with the real SessionRegistry)', () => {
  const agent: AgentProfile = { userId: 'u1', username: 'camille', displayName: 'Camille', role: 'agent', locale: 'fr' };
  const pop: ApiEvent = { name: 'call.incoming', payload: { from: '+33612345678', e164: '+33612345678', matches: [] } };

  function recipient(id = MAIN_ID) {
    const sent: unknown[][] = [];
    let destroyed = false;
    let url = 'app://ardoise/index.html';
    let onDestroyed: (() => void) | undefined;
    const contents: EventRecipient = {
      id,
      isDestroyed: () => destroyed,
      getURL: () => url,
      send: (...args) => void sent.push(args),
      once: (_event, listener) => void (onDestroyed = listener),
    };
    return {
      contents,
      sent,
      navigateTo: (u: string) => void (url = u),
      destroy: () => {
        destroyed = true;
        onDestroyed?.();
      },
    };
  }

  it(`forwards this window's events on '${EVENT_CHANNEL}', and only this window's`, () => {
    const sessions = new SessionRegistry();
    const r = recipient();
    forwardSessionEvents(sessions, r.contents, 'app://ardoise');
    sessions.emit(ipcClientId(r.contents), pop);
    sessions.emit('ipc:8', pop);
    sessions.emit('http:tab-1', pop);
    expect(r.sent).toEqual([['ardoise:event', pop]]);
  });

  it('sends nothing once the page is no longer our origin (events carry caller data)', () => {
    const sessions = new SessionRegistry();
    const r = recipient();
    forwardSessionEvents(sessions, r.contents, 'app://ardoise');
    r.navigateTo('https://evil.example/');
    sessions.emit('ipc:7', pop);
    expect(r.sent).toEqual([]);
  });

  it('when the webContents is destroyed: stops forwarding and ends its session', () => {
    const sessions = new SessionRegistry();
    const r = recipient();
    sessions.set('ipc:7', { agent, signedInAt: '2025-01-01T00:00:00Z' });
    forwardSessionEvents(sessions, r.contents, 'app://ardoise');
    r.destroy();
    sessions.emit('ipc:7', pop);
    expect(r.sent).toEqual([]);
    expect(sessions.get('ipc:7')).toBeUndefined();
  });

  it('returns an unsubscribe', () => {
    const sessions = new SessionRegistry();
    const r = recipient();
    const stop = forwardSessionEvents(sessions, r.contents, 'app://ardoise');
    stop();
    sessions.emit('ipc:7', pop);
    expect(r.sent).toEqual([]);
  });
});
