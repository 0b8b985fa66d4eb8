/**
 * The supervisor's list of customers whose verification is locked now ('verification.locked'),
 * and unlocking one with a reason ('verification.unlock'). The reason goes on the record.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiErrorBody, LockedCustomer } from '../../../../core/api';
import { errorBodyOf, type ApiClient } from '../../api/client';

/** The contract's minimum (core/verification unlockReasonSchema): a reason a reviewer can read. */
export const UNLOCK_REASON_MIN = 5;
export const UNLOCK_REASON_MAX = 500;

export function unlockReasonOk(reason: string): boolean {
  const r = reason.trim();
  return r.length >= UNLOCK_REASON_MIN && r.length <= UNLOCK_REASON_MAX;
}

export interface LockoutsState {
  readonly status: 'idle' | 'loading' | 'ready' | 'error';
  readonly items: readonly LockedCustomer[];
  readonly error: ApiErrorBody | null;
  /** Per customer: an unlock in flight, or why it failed. */
  readonly saving: Readonly<Record<string, boolean>>;
  readonly unlockErrors: Readonly<Record<string, ApiErrorBody>>;
  /** Customers unlocked from this screen (shown as done until the next refresh). */
  readonly unlocked: readonly string[];

  refresh(): Promise<void>;
  unlock(customerId: string, reason: string): Promise<boolean>;
  reset(): void;
}

export type LockoutsStore = StoreApi<LockoutsState>;

export function createLockoutsStore(deps: { readonly api: Pick<ApiClient, 'call'> }): LockoutsStore {
  let seq = 0;
  return createStore<LockoutsState>()((set, get) => ({
    status: 'idle',
    items: [],
    error: null,
    saving: {},
    unlockErrors: {},
    unlocked: [],

    async refresh() {
      const mine = ++seq;
      set((s) => ({ status: s.status === 'ready' ? 'ready' : 'loading', error: null }));
      try {
        const items = await deps.api.call('verification.locked', {});
        if (mine !== seq) return;
        set({ status: 'ready', items, unlocked: [] });
      } catch (err) {
        if (mine !== seq) return;
        set({ status: 'error', error: errorBodyOf(err) });
      }
    },

    async unlock(customerId, reason) {
      if (get().saving[customerId] || !unlockReasonOk(reason)) return false;
      set((s) => {
        const unlockErrors = { ...s.unlockErrors };
        delete unlockErrors[customerId];
        return { saving: { ...s.saving, [customerId]: true }, unlockErrors };
      });
      try {
        await deps.api.call('verification.unlock', { customerId, reason: reason.trim() });
        set((s) => ({
          saving: { ...s.saving, [customerId]: false },
          unlocked: [...s.unlocked, customerId],
        }));
        return true;
      } catch (err) {
        set((s) => ({ saving: { ...s.saving, [customerId]: false }, unlockErrors: { ...s.unlockErrors, [customerId]: errorBodyOf(err) } }));
        return false;
      }
    },

    reset() {
      seq++;
      set({ status: 'idle', items: [], error: null, saving: {}, unlockErrors: {}, unlocked: [] });
    },
  }));
}
