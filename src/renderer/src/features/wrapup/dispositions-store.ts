/**
 * The configured wrap-up dispositions ('interaction.dispositions'): configuration, not call
 * data, so the list is read once and kept from one call to the next.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '../../api/client';
import { IDLE, loadable, needsLoad, type Loadable } from '../../lib/loadable';

export interface DispositionsState {
  readonly dispositions: Loadable<readonly string[]>;
  /** Loads the list once (again after a failure). */
  load(): Promise<void>;
}

export type DispositionsStore = StoreApi<DispositionsState>;

export function createDispositionsStore(deps: { readonly api: Pick<ApiClient, 'call'> }): DispositionsStore {
  return createStore<DispositionsState>()((set, get) => {
    const list = loadable(() => get().dispositions, (next) => set({ dispositions: next }));
    return {
      dispositions: IDLE,
      async load() {
        if (needsLoad(get().dispositions)) await list.load(() => deps.api.call('interaction.dispositions', {}).then((d) => d.codes));
      },
    };
  });
}
