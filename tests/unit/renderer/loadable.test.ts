import { describe, expect, it } from 'vitest';
import { IDLE, latest, loadable, loadableField, needsLoad, settle, type Loadable } from '../../../src/renderer/src/lib/loadable';
import { callRead } from '../../../src/renderer/src/lib/per-call';
import { createScopedStore } from '../../../src/renderer/src/lib/scoped-store';
import { fakeApi, flush } from './fake-api';

const unreachable = { code: 'INTERNAL', messageKey: 'error.unreachable' } as const;

/** One Loadable field and the requests behind it, over a fake api. */
function field<T>(initial: Loadable<T> = IDLE) {
  const api = fakeApi();
  let state: Loadable<T> = initial;
  const seen: Loadable<T>[] = [];
  const req = loadable<T>(
    () => state,
    (next) => {
      state = next;
      seen.push(next);
    },
  );
  const ask = () => api.api.call('system.info', {}) as unknown as Promise<T>;
  return { api, req, ask, seen, state: () => state };
}

describe('loadable', () => {
  it('loading, then ready; a failure is a typed error, never an exception', async () => {
    const f = field<string>();
    const first = f.req.load(f.ask);
    expect(f.state()).toEqual({ status: 'loading', value: null, error: null });
    f.api.calls[0]!.resolve('v1');
    expect(await first).toEqual({ ok: true, value: 'v1' });
    expect(f.state()).toEqual({ status: 'ready', value: 'v1', error: null });

    const second = f.req.load(f.ask);
    expect(f.state()).toEqual({ status: 'loading', value: 'v1', error: null }); // a reload keeps what is shown
    f.api.calls[1]!.reject(unreachable);
    expect(await second).toEqual({ ok: false, error: unreachable });
    expect(f.state()).toEqual({ status: 'error', value: 'v1', error: unreachable });
  });

  it('drops an older answer that arrives after a newer request', async () => {
    const f = field<string>();
    const older = f.req.load(f.ask);
    const newer = f.req.load(f.ask);
    f.api.calls[1]!.resolve('new');
    await newer;
    f.api.calls[0]!.resolve('old');
    expect(await older).toBeNull();
    expect(f.state().value).toBe('new');
  });

  it('reset goes back to idle and drops the answer in flight', async () => {
    const f = field<string>();
    const pending = f.req.load(f.ask);
    f.req.reset();
    f.api.calls[0]!.resolve('late');
    expect(await pending).toBeNull();
    expect(f.state()).toBe(IDLE);
  });

  it('clear: loading without the old value; onError drop: the failure shows no value', async () => {
    const f = field<string>({ status: 'ready', value: 'a', error: null });
    const loading = f.req.load(f.ask, { pending: 'clear' });
    expect(f.state().value).toBeNull();
    f.api.calls[0]!.reject(unreachable);
    await loading;
    const g = field<string>({ status: 'ready', value: 'a', error: null });
    const dropping = g.req.load(g.ask, { onError: 'drop' });
    expect(g.state().value).toBe('a');
    g.api.calls[0]!.reject(unreachable);
    await dropping;
    expect(g.state()).toEqual({ status: 'error', value: null, error: unreachable });
  });

  it('quiet: a background refresh changes nothing until the answer, and a failure keeps a shown list ready', async () => {
    const f = field<string[]>({ status: 'ready', value: ['x'], error: null });
    const refresh = f.req.load(f.ask, { pending: 'quiet' });
    expect(f.seen).toEqual([]);
    f.api.calls[0]!.reject(unreachable);
    await refresh;
    expect(f.state()).toEqual({ status: 'ready', value: ['x'], error: unreachable });
    // Nothing on screen (an empty list): the failure is an error.
    const g = field<string[]>({ status: 'ready', value: [], error: null });
    const again = g.req.load(g.ask, { pending: 'quiet' });
    g.api.calls[0]!.reject(unreachable);
    await again;
    expect(g.state().status).toBe('error');
    // First load: loading is shown.
    const h = field<string[]>();
    void h.req.load(h.ask, { pending: 'quiet' });
    expect(h.state().status).toBe('loading');
  });

  it('needsLoad: idle or failed', () => {
    expect(needsLoad(IDLE)).toBe(true);
    expect(needsLoad({ status: 'error', value: null, error: unreachable })).toBe(true);
    expect(needsLoad({ status: 'loading', value: null, error: null })).toBe(false);
    expect(needsLoad({ status: 'ready', value: 1, error: null })).toBe(false);
  });

  it('settle: anything thrown becomes a typed error', async () => {
    expect(await settle(Promise.reject(new Error('boom')))).toEqual({ ok: false, error: { code: 'INTERNAL', messageKey: 'error.internal' } });
  });
});

describe('a store scoped to a call', () => {
  it('on dispose: cleanups run, the first state comes back, later writes and answers land nowhere', async () => {
    const api = fakeApi();
    let cleaned = 0;
    const store = createScopedStore<{ name: string | null; load(): Promise<void> }>((set, _get, life) => {
      const req = latest(life);
      life.onEnd(() => cleaned++);
      return {
        name: null,
        async load() {
          const answer = await req.run(() => api.api.call('system.info', {}));
          if (answer?.ok) set({ name: answer.value.version });
        },
      };
    });
    const loading = store.getState().load();
    store.setState({ name: 'Marie Dupont' });
    store.dispose();
    expect(cleaned).toBe(1);
    expect(store.getState().name).toBeNull();
    api.calls[0]!.resolve({ version: 'late', customers: 1, transport: 'http' });
    await loading;
    store.setState({ name: 'again' });
    expect(store.getState().name).toBeNull();
    // Nothing is even sent once it has ended.
    await store.getState().load();
    await flush();
    expect(api.calls).toHaveLength(1);
    store.dispose();
    expect(cleaned).toBe(1);
  });
});

describe('a Loadable field of a call store', () => {
  interface S {
    readonly info: Loadable<{ version: string }>;
    readonly other: number;
  }

  it('loadableField writes only its own field; callRead opens once, again after a failure, and tells when the call is gone', async () => {
    const api = fakeApi();
    let lost = 0;
    const store = createScopedStore<S & { open(): void; reload(): Promise<void> }>((set, get, life) => {
      const info = callRead(loadableField(get, set, 'info', life), () => api.api.call('system.info', {}) as Promise<{ version: string }>, {
        onCallLost: () => lost++,
      });
      return { info: IDLE, other: 7, open: info.open, reload: info.load };
    });
    store.getState().open();
    store.getState().open(); // still loading: not asked twice
    expect(api.calls).toHaveLength(1);
    api.calls[0]!.reject({ code: 'INTERACTION_ENDED', messageKey: 'error.interactionEnded' });
    await flush();
    expect(store.getState().info.status).toBe('error');
    expect(store.getState().other).toBe(7);
    expect(lost).toBe(1);

    store.getState().open(); // failed: asked again
    expect(api.calls).toHaveLength(2);
    api.calls[1]!.resolve({ version: 'v2', customers: 1, transport: 'http' });
    await flush();
    expect(store.getState().info).toEqual({ status: 'ready', value: { version: 'v2', customers: 1, transport: 'http' }, error: null });
    store.getState().open(); // shown: not asked again
    expect(api.calls).toHaveLength(2);
    const reloading = store.getState().reload(); // reload always asks
    expect(api.calls).toHaveLength(3);
    api.calls[2]!.reject(unreachable);
    await reloading;
    expect(lost).toBe(1); // an unreachable main is not a lost call
    store.dispose();
  });
});
