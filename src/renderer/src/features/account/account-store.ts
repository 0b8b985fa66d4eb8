/**
 * The verified caller's full account ('account.details'), loaded once per call. Main audits
 * the first view of a call's full account, so the store does not refetch on every tab switch.
 */
import type { AccountDetails } from '../../../../core/api';
import { IDLE, loadableField, type Loadable } from '../../lib/loadable';
import { callRead, type CallStoreDeps } from '../../lib/per-call';
import { createScopedStore, type ScopedStore } from '../../lib/scoped-store';

export interface AccountState {
  readonly details: Loadable<AccountDetails>;
  /** Loads the account once (again after a failure). */
  open(): void;
  reload(): Promise<void>;
}

/** One call's account: it belongs to the call's container and is emptied with it. */
export type AccountStore = ScopedStore<AccountState>;

export function createAccountStore(deps: CallStoreDeps): AccountStore {
  const { api, interactionId } = deps;
  return createScopedStore<AccountState>((set, get, life) => {
    const details = callRead(loadableField(get, set, 'details', life), () => api.call('account.details', { interactionId }), deps);
    return {
      details: IDLE,
      open: details.open,
      reload: details.load,
    };
  });
}
