/**
 * The configured wrap-up dispositions ('interaction.dispositions'): configuration, not call
 * data, so the list is read once and kept from one call to the next.
 */
import type { ApiClient } from '../../api/client';
import { createRequestStore, type RequestState, type RequestStore } from '../../lib/request-store';

export type DispositionsState = RequestState<readonly string[]>;
export type DispositionsStore = RequestStore<readonly string[]>;

export function createDispositionsStore(deps: { readonly api: Pick<ApiClient, 'call'> }): DispositionsStore {
  return createRequestStore(() => deps.api.call('interaction.dispositions', {}).then((d) => d.codes), { once: true });
}
