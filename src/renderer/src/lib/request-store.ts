/**
 * A store around one request and its answer: a screen's list or overview that is loaded (once,
 * or again on demand) and shown loading, ready or failed. `once`: configuration read at first
 * use and kept (again after a failure).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { IDLE, loadableField, needsLoad, type Loadable } from './loadable';

export interface RequestState<T> {
  readonly value: Loadable<T>;
  load(): Promise<void>;
  reset(): void;
}

export type RequestStore<T> = StoreApi<RequestState<T>>;

export function createRequestStore<T>(request: () => Promise<T>, opts: { readonly once?: boolean } = {}): RequestStore<T> {
  return createStore<RequestState<T>>()((set, get) => {
    const answer = loadableField(get, set, 'value');
    return {
      value: IDLE,
      async load() {
        if (opts.once && !needsLoad(get().value)) return;
        await answer.load(request);
      },
      reset() {
        answer.reset();
      },
    };
  });
}
