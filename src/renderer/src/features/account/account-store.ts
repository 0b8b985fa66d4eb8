/**
 * The verified caller's full account ('account.details'), loaded once per call. Main audits
 * the first view of a call's full account, so the store does not refetch on every tab switch.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AccountDetails, ApiErrorBody } from '../../../../core/api';
import { errorBodyOf, type ApiClient } from '../../api/client';

export interface AccountState {
  readonly interactionId: string | null;
  readonly status: 'idle' | 'loading' | 'ready' | 'error';
  readonly details: AccountDetails | null;
  readonly error: ApiErrorBody | null;
  open(interactionId: string): void;
  reload(): Promise<void>;
  reset(): void;
}

export type AccountStore = StoreApi<AccountState>;

export function createAccountStore(deps: { readonly api: Pick<ApiClient, 'call'>; readonly onCallLost?: () => void }): AccountStore {
  let seq = 0;
  return createStore<AccountState>()((set, get) => {
    async function load(interactionId: string): Promise<void> {
      const mine = ++seq;
      set({ status: 'loading', error: null });
      try {
        const details = await deps.api.call('account.details', { interactionId });
        if (mine !== seq) return;
        set({ status: 'ready', details, error: null });
      } catch (err) {
        if (mine !== seq) return;
        const body = errorBodyOf(err);
        set({ status: 'error', error: body });
        if (body.code === 'INTERACTION_ENDED' || body.code === 'NOT_FOUND') deps.onCallLost?.();
      }
    }
    return {
      interactionId: null,
      status: 'idle',
      details: null,
      error: null,
      open(interactionId) {
        const s = get();
        if (s.interactionId === interactionId && (s.status === 'ready' || s.status === 'loading')) return;
        set({ interactionId, details: s.interactionId === interactionId ? s.details : null });
        void load(interactionId);
      },
      async reload() {
        const id = get().interactionId;
        if (id) await load(id);
      },
      reset() {
        seq++;
        set({ interactionId: null, status: 'idle', details: null, error: null });
      },
    };
  });
}
