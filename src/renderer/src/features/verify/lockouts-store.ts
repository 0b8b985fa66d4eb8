/**
 * The supervisor's list of customers whose verification is locked now ('verification.locked'),
 * and unlocking one with a reason ('verification.unlock'). The reason goes on the record.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiErrorBody, LockedCustomer } from '../../../../core/api';
import type { ApiClient } from '../../api/client';
import { IDLE, loadableField, settle, type Loadable } from '../../lib/loadable';

/** The contract's minimum (core/verification unlockReasonSchema): a reason a reviewer can read. */
export const UNLOCK_REASON_MIN = 5;
export const UNLOCK_REASON_MAX = 500;

export function unlockReasonOk(reason: string): boolean {
  const r = reason.trim();
  return r.length >= UNLOCK_REASON_MIN && r.length <= UNLOCK_REASON_MAX;
}

export interface LockoutsState {
  readonly list: Loadable<readonly LockedCustomer[]>;
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
  return createStore<LockoutsState>()((set, get) => {
    const list = loadableField(get, set, 'list');
    return {
      list: IDLE,
      saving: {},
      unlockErrors: {},
      unlocked: [],

      async refresh() {
        // Re-read every few seconds: the list on screen stays put until the answer.
        const answer = await list.load(() => deps.api.call('verification.locked', {}), { pending: 'quiet' });
        if (answer?.ok) set({ unlocked: [] });
      },

      async unlock(customerId, reason) {
        if (get().saving[customerId] || !unlockReasonOk(reason)) return false;
        set((s) => {
          const unlockErrors = { ...s.unlockErrors };
          delete unlockErrors[customerId];
          return { saving: { ...s.saving, [customerId]: true }, unlockErrors };
        });
        const answer = await settle(deps.api.call('verification.unlock', { customerId, reason: reason.trim() }));
        if (answer.ok) {
          set((s) => ({ saving: { ...s.saving, [customerId]: false }, unlocked: [...s.unlocked, customerId] }));
          return true;
        }
        set((s) => ({ saving: { ...s.saving, [customerId]: false }, unlockErrors: { ...s.unlockErrors, [customerId]: answer.error } }));
        return false;
      },

      reset() {
        list.reset();
        set({ saving: {}, unlockErrors: {}, unlocked: [] });
      },
    };
  });
}
