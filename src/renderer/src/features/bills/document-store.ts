/**
 * The bill as the customer holds it, for one call: the print view of an invoice (its document,
 * in the call's language or the one the agent picks for it), its PDF, and "send a copy" — a
 * command made once per intent (an idempotency key reused for every retry of the same request,
 * lib/intent-key.ts), so a double click or a lost reply never sends two copies.
 */
import type { ApiErrorBody, InvoiceCopyChannel, InvoiceCopySent, InvoiceDocumentView, InvoicePdf, Locale } from '../../../../core/api';
import type { ApiClient } from '../../api/client';
import { intentKeys } from '../../lib/intent-key';
import { IDLE, loadableField, settle, type Loadable } from '../../lib/loadable';
import { createScopedStore, type ScopedStore } from '../../lib/scoped-store';

export interface SendState {
  readonly status: 'idle' | 'sending' | 'sent' | 'error';
  readonly channel: InvoiceCopyChannel;
  readonly result: InvoiceCopySent | null;
  readonly error: ApiErrorBody | null;
}

export interface DocumentState {
  /** The invoice whose print view is open; null when closed. */
  readonly openId: string | null;
  readonly locale: Locale;
  readonly doc: Loadable<InvoiceDocumentView>;
  readonly pdf: { readonly status: 'idle' | 'loading' | 'error'; readonly error: ApiErrorBody | null };
  readonly send: SendState;

  openView(invoiceId: string): void;
  closeView(): void;
  setLocale(locale: Locale): void;
  /** Fetches the PDF and hands it to `save` (the screen's download). */
  downloadPdf(save: (pdf: InvoicePdf) => void): Promise<void>;
  setChannel(channel: InvoiceCopyChannel): void;
  sendCopy(): Promise<void>;
}

export type DocumentStore = ScopedStore<DocumentState>;

export interface DocumentDeps {
  readonly api: Pick<ApiClient, 'call'>;
  readonly interactionId: string;
  readonly locale: Locale;
}

const SEND_IDLE: SendState = { status: 'idle', channel: 'email', result: null, error: null };

export function createDocumentStore(deps: DocumentDeps): DocumentStore {
  const { api, interactionId } = deps;
  const sendKeys = intentKeys();
  return createScopedStore<DocumentState>((set, get, life) => {
    const doc = loadableField(get, set, 'doc', life);

    function fetchDoc(): void {
      const { openId, locale } = get();
      if (openId === null) return;
      void doc.load(() => api.call('billing.invoiceDocument', { interactionId, invoiceId: openId, locale }), { pending: 'clear' });
    }

    return {
      openId: null,
      locale: deps.locale,
      doc: IDLE,
      pdf: { status: 'idle', error: null },
      send: SEND_IDLE,

      openView(invoiceId) {
        if (get().openId !== invoiceId) {
          sendKeys.done();
          set({ openId: invoiceId, send: { ...SEND_IDLE, channel: get().send.channel }, pdf: { status: 'idle', error: null } });
        }
        fetchDoc();
      },

      closeView() {
        doc.reset();
        set({ openId: null, pdf: { status: 'idle', error: null } });
      },

      setLocale(locale) {
        if (locale === get().locale) return;
        set({ locale });
        fetchDoc();
      },

      async downloadPdf(save) {
        const { openId, locale } = get();
        if (openId === null || get().pdf.status === 'loading') return;
        set({ pdf: { status: 'loading', error: null } });
        const answer = await settle(api.call('billing.invoicePdf', { interactionId, invoiceId: openId, locale }));
        if (life.ended) return;
        if (!answer.ok) return void set({ pdf: { status: 'error', error: answer.error } });
        set({ pdf: { status: 'idle', error: null } });
        save(answer.value);
      },

      setChannel(channel) {
        if (get().send.status === 'sending') return;
        set({ send: { ...SEND_IDLE, channel } });
      },

      async sendCopy() {
        const { openId, locale, send } = get();
        if (openId === null || send.status === 'sending') return;
        set({ send: { ...send, status: 'sending', error: null } });
        const intent = { interactionId, invoiceId: openId, channel: send.channel, locale };
        const answer = await settle(api.call('billing.sendInvoiceCopy', { ...intent, idempotencyKey: sendKeys.keyFor(intent) }));
        if (life.ended) return;
        if (answer.ok) {
          sendKeys.done();
          set({ send: { status: 'sent', channel: send.channel, result: answer.value, error: null } });
        } else {
          set({ send: { status: 'error', channel: send.channel, result: null, error: answer.error } });
        }
      },
    };
  });
}

/** The PDF as a file the browser downloads (an anchor with `download`, the object URL revoked after). */
export function savePdf(pdf: InvoicePdf): void {
  const bytes = Uint8Array.from(atob(pdf.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: pdf.contentType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = pdf.fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
