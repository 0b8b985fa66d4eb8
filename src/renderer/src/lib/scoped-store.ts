/**
 * A store that lives as long as one call (the call's container is store/call-scope.ts).
 *
 * `dispose()` ends its lifetime: the cleanups it registered run (timers, event subscriptions),
 * it goes back to its first state — which holds nothing of the caller — and from then on every
 * write to it is dropped. Requests made with `latest(life)` / `loadable(…, life)` are neither sent
 * nor applied once it has ended, so an answer that arrives after the call lands nowhere.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Lifetime } from './loadable';

export interface Life extends Lifetime {
  /** Runs `cleanup` when the store is disposed. */
  onEnd(cleanup: () => void): void;
}

export interface ScopedStore<S> extends StoreApi<S> {
  dispose(): void;
  readonly life: Lifetime;
}

type Set<S> = StoreApi<S>['setState'];

export function createScopedStore<S>(init: (set: Set<S>, get: () => S, life: Life) => S): ScopedStore<S> {
  const cleanups: (() => void)[] = [];
  let ended = false;
  const life: Life = {
    get ended() {
      return ended;
    },
    onEnd(cleanup) {
      cleanups.push(cleanup);
    },
  };
  let first: S | undefined;
  let write: Set<S> | undefined;
  const store = createStore<S>()((set, get) => {
    write = set;
    const guarded = ((partial: Parameters<Set<S>>[0], replace?: boolean) => {
      if (!ended) (set as (p: unknown, r?: boolean) => void)(partial, replace);
    }) as Set<S>;
    first = init(guarded, get, life);
    return first;
  });
  const setState = store.setState;
  return Object.assign(store, {
    setState: ((partial: Parameters<Set<S>>[0], replace?: boolean) => {
      if (!ended) (setState as (p: unknown, r?: boolean) => void)(partial, replace);
    }) as Set<S>,
    life,
    dispose() {
      if (ended) return;
      ended = true;
      for (const cleanup of cleanups.splice(0)) cleanup();
      (write as (p: unknown, r: boolean) => void)(first, true);
    },
  });
}
