/**
 * The payments tab of one call: where the caller's money went ('receivables.account') and a
 * refund of a credit balance — the live decision as the agent types, then the refund (or the
 * request it becomes). One idempotency key per refund intent: a retry is the same refund.
 */
import type { ApiErrorBody, Locale, ReceivablesView, RefundDecisionView, RefundResult } from '../../../../core/api';
import type { ApiClient } from '../../api/client';
import { intentKeys } from '../../lib/intent-key';
import { IDLE, loadableField, needsLoad, settle, type Loadable } from '../../lib/loadable';
import { createScopedStore, type ScopedStore } from '../../lib/scoped-store';

export interface RefundState {
  readonly accountId: string | null;
  readonly amount: number | null;
  readonly decision: RefundDecisionView | null;
  readonly status: 'idle' | 'sending' | 'done' | 'error';
  readonly result: RefundResult | null;
  readonly error: ApiErrorBody | null;
}

export interface PaymentsState {
  readonly locale: Locale;
  readonly view: Loadable<ReceivablesView>;
  readonly refund: RefundState;
  load(opts?: { force?: boolean }): Promise<void>;
  setLocale(locale: Locale): void;
  /** The amount typed (minor units; null when it does not read as an amount). */
  setRefundAmount(accountId: string, amount: number | null): Promise<void>;
  sendRefund(): Promise<void>;
}

export type PaymentsStore = ScopedStore<PaymentsState>;

const REFUND_IDLE: RefundState = { accountId: null, amount: null, decision: null, status: 'idle', result: null, error: null };

export function createPaymentsStore(deps: { api: Pick<ApiClient, 'call'>; interactionId: string; locale: Locale }): PaymentsStore {
  const { api, interactionId } = deps;
  const keys = intentKeys();
  return createScopedStore<PaymentsState>((set, get, life) => {
    const view = loadableField(get, set, 'view', life);
    let asked = 0;
    return {
      locale: deps.locale,
      view: IDLE,
      refund: REFUND_IDLE,
      // Money moves during a call (a credit granted, a refund approved): every opening of the tab
      // asks again, quietly — what is on screen stays until the answer.
      async load(opts = {}) {
        const current = get().view;
        if (!opts.force && current.status === 'loading') return;
        await view.load(() => api.call('receivables.account', { interactionId }), { pending: needsLoad(current) ? 'keep' : 'quiet' });
      },
      setLocale(locale) {
        if (locale === get().locale) return;
        set({ locale });
        void get().load({ force: true });
      },
      async setRefundAmount(accountId, amount) {
        const mine = ++asked;
        set({ refund: { ...REFUND_IDLE, accountId, amount } });
        if (amount === null || amount <= 0) return;
        const answer = await settle(api.call('receivables.evaluateRefund', { interactionId, request: { kind: 'refund', accountId, amount } }));
        if (mine !== asked || life.ended) return;
        set({ refund: { ...get().refund, decision: answer.ok ? answer.value : null, error: answer.ok ? null : answer.error } });
      },
      async sendRefund() {
        const { accountId, amount } = get().refund;
        if (accountId === null || amount === null) return;
        const request = { kind: 'refund' as const, accountId, amount };
        set({ refund: { ...get().refund, status: 'sending', error: null } });
        const answer = await settle(api.call('receivables.refund', { interactionId, idempotencyKey: keys.keyFor(request), request }));
        if (life.ended) return;
        if (answer.ok) {
          keys.done();
          set({ refund: { ...get().refund, status: 'done', result: answer.value } });
          await get().load({ force: true });
        } else {
          set({ refund: { ...get().refund, status: 'error', error: answer.error } });
        }
      },
    };
  });
}
