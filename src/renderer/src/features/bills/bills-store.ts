/**
 * The bills tab of one call: the invoice list, the open invoice (lines with sentences) and the
 * comparison with the bill before ("why is this bill different?").
 *
 * Speed: an invoice's detail and its comparison are fetched together when it is opened and
 * kept per (invoice, language), so moving up and down the list, or switching between the lines
 * and the explanation, is instant the second time. Only the answer for the invoice on screen is
 * applied: a slow answer for an invoice the agent has already left is cached, never shown.
 */
import type { BillComparison, InvoiceDetail, InvoiceList, Locale } from '../../../../core/api';
import type { ApiClient } from '../../api/client';
import { IDLE, loadableField, needsLoad, type Loadable } from '../../lib/loadable';
import { createScopedStore, type ScopedStore } from '../../lib/scoped-store';

export type InvoiceView = 'lines' | 'why';

export interface BillsState {
  readonly locale: Locale;
  readonly list: Loadable<InvoiceList>;
  readonly selectedId: string | null;
  readonly detail: Loadable<InvoiceDetail>;
  /** For an invoice without a previous one the comparison stays idle (nothing to compare). */
  readonly compare: Loadable<BillComparison>;
  readonly view: InvoiceView;

  /** Loads the list (once; `force` reloads) and opens the newest invoice. */
  load(opts?: { force?: boolean; accountId?: string }): Promise<void>;
  open(invoiceId: string): void;
  /** Moves the selection up/down the list and opens that invoice. */
  move(delta: number): void;
  setView(view: InvoiceView): void;
  setLocale(locale: Locale): void;
}

/** One call's bills: they belong to the call's container and are emptied with it. */
export type BillsStore = ScopedStore<BillsState>;

export interface BillsDeps {
  readonly api: Pick<ApiClient, 'call'>;
  readonly interactionId: string;
  readonly locale: Locale;
}

export function createBillsStore(deps: BillsDeps): BillsStore {
  const { api, interactionId } = deps;
  const details = new Map<string, Promise<InvoiceDetail>>();
  const comparisons = new Map<string, Promise<BillComparison>>();

  function cached<T>(cache: Map<string, Promise<T>>, key: string, fetch: () => Promise<T>): Promise<T> {
    let p = cache.get(key);
    if (!p) {
      p = fetch();
      cache.set(key, p);
      // A failure is not remembered: the next open tries again.
      p.catch(() => cache.delete(key));
    }
    return p;
  }

  return createScopedStore<BillsState>((set, get, life) => {
    const list = loadableField(get, set, 'list', life);
    const detail = loadableField(get, set, 'detail', life);
    const compare = loadableField(get, set, 'compare', life);
    life.onEnd(() => {
      details.clear();
      comparisons.clear();
    });

    /** Opens an invoice: its detail, then its comparison with the one before (if any). */
    async function fetchInvoice(invoiceId: string): Promise<void> {
      const { locale } = get();
      const key = `${invoiceId}|${locale}`;
      compare.reset();
      set({ selectedId: invoiceId });
      const answer = await detail.load(() => cached(details, key, () => api.call('billing.invoice', { interactionId, invoiceId, locale })), {
        pending: 'clear',
      });
      if (!answer?.ok || answer.value.previousInvoiceId === null) return;
      await compare.load(() => cached(comparisons, key, () => api.call('billing.compare', { interactionId, invoiceId, locale })), {
        pending: 'clear',
      });
    }

    return {
      locale: deps.locale,
      list: IDLE,
      selectedId: null,
      detail: IDLE,
      compare: IDLE,
      view: 'lines',

      async load(opts = {}) {
        if (!opts.force && opts.accountId === undefined && !needsLoad(get().list)) return;
        const answer = await list.load(() =>
          api.call('billing.invoices', { interactionId, ...(opts.accountId !== undefined ? { accountId: opts.accountId } : {}) }),
        );
        if (!answer?.ok) return;
        const { invoices } = answer.value;
        const stillThere = invoices.some((i) => i.id === get().selectedId);
        const first = invoices[0];
        if (!stillThere && first) void fetchInvoice(first.id);
        if (!first) {
          detail.reset();
          compare.reset();
          set({ selectedId: null });
        }
      },

      open(invoiceId) {
        const s = get();
        if (s.selectedId === invoiceId && !needsLoad(s.detail)) return;
        void fetchInvoice(invoiceId);
      },

      move(delta) {
        const invoices = get().list.value?.invoices ?? [];
        if (invoices.length === 0) return;
        const at = invoices.findIndex((i) => i.id === get().selectedId);
        const next = Math.max(0, Math.min(invoices.length - 1, (at < 0 ? 0 : at) + delta));
        const target = invoices[next];
        if (target) get().open(target.id);
      },

      setView(view) {
        set({ view });
      },

      setLocale(locale) {
        if (locale === get().locale) return;
        set({ locale });
        const selected = get().selectedId;
        if (selected) void fetchInvoice(selected);
      },
    };
  });
}

/** The change from the invoice below in the list (the month before), null for the oldest. */
export function changeFromPrevious(invoices: readonly { readonly total: number }[], index: number): number | null {
  const here = invoices[index];
  const before = invoices[index + 1];
  return here && before ? here.total - before.total : null;
}
