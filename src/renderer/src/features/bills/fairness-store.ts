/**
 * "Is this bill right?" on the bills tab: the fairness check of the open invoice
 * ('billing.checkInvoice') and its one-click correcting credit — the check's own request sent
 * through the credit path ('discounts.grant', one idempotency key per request, so a double click
 * or a retry grants once). After a grant the check is run again: it shows the bill settled.
 */
import type { ApiErrorBody, GrantResult, InvoiceCheckView, Locale } from '../../../../core/api';
import type { ApiClient } from '../../api/client';
import { intentKeys } from '../../lib/intent-key';
import { IDLE, loadableField, settle, type Loadable } from '../../lib/loadable';
import { createScopedStore, type ScopedStore } from '../../lib/scoped-store';

export interface FairnessState {
  /** The invoice checked (null before the first check). */
  readonly invoiceId: string | null;
  readonly check: Loadable<InvoiceCheckView>;
  readonly grant: { readonly status: 'idle' | 'granting' | 'granted' | 'pending_approval' | 'error'; readonly error: ApiErrorBody | null };
  run(invoiceId: string, locale: Locale): Promise<void>;
  /** Grants the check's correcting credit (nothing when there is none). */
  correct(): Promise<void>;
  close(): void;
}

export type FairnessStore = ScopedStore<FairnessState>;

export function createFairnessStore(deps: { readonly api: Pick<ApiClient, 'call'>; readonly interactionId: string }): FairnessStore {
  const { api, interactionId } = deps;
  const keys = intentKeys();
  return createScopedStore<FairnessState>((set, get, life) => {
    const check = loadableField(get, set, 'check', life);
    return {
      invoiceId: null,
      check: IDLE,
      grant: { status: 'idle', error: null },
      async run(invoiceId, locale) {
        const fresh = get().invoiceId !== invoiceId;
        set({ invoiceId, ...(fresh ? { grant: { status: 'idle', error: null } } : {}) });
        await check.load(() => api.call('billing.checkInvoice', { interactionId, invoiceId, locale }), { pending: fresh ? 'clear' : 'keep' });
      },
      async correct() {
        const view = get().check.value;
        if (!view?.correctingCredit || get().grant.status === 'granting') return;
        const intent = { interactionId, request: view.correctingCredit };
        set({ grant: { status: 'granting', error: null } });
        const answer = await settle<GrantResult>(api.call('discounts.grant', { ...intent, idempotencyKey: keys.keyFor(intent) }));
        if (life.ended) return;
        if (!answer.ok) {
          set({ grant: { status: 'error', error: answer.error } });
          return;
        }
        keys.done();
        set({ grant: { status: answer.value.status, error: null } });
        await get().run(view.invoiceId, view.locale);
      },
      close() {
        check.reset();
        set({ invoiceId: null, grant: { status: 'idle', error: null } });
      },
    };
  });
}
