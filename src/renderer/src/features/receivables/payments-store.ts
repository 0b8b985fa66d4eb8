/**
 * The payments tab of one call: where the caller's money went ('receivables.account') and a
 * refund of a credit balance — the live decision as the agent types, then the refund (or the
 * request it becomes). One idempotency key per refund intent: a retry is the same refund.
 */
import type {
  ApiErrorBody,
  DisputesView,
  Locale,
  PaymentPlanDecisionView,
  PaymentPlanRequestInput,
  PaymentPlansView,
  ReceivablesView,
  RefundDecisionView,
  RefundResult,
  Role,
} from '../../../../core/api';
import type { DisputeReason } from '../../../../core/receivables';
import type { ApiClient } from '../../api/client';
import { intentKeys, sendIntent, type IntentKeys } from '../../lib/intent-key';
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

/** A form's last send: nothing yet, on its way, done, or refused with a typed error. */
export interface SendState {
  readonly status: 'idle' | 'sending' | 'done' | 'error';
  readonly error: ApiErrorBody | null;
}

export interface DisputeOpening {
  readonly lineId: string;
  readonly amount: number;
  readonly reason: DisputeReason;
  readonly customerSaid: string;
}

/** How the agent resolves a dispute: a billing-error credit of an amount, or a rejection with a reason. */
export type DisputeResolution = { readonly kind: 'credit'; readonly amount: number } | { readonly kind: 'reject'; readonly reason: string };

export interface PaymentsState {
  readonly locale: Locale;
  readonly view: Loadable<ReceivablesView>;
  readonly refund: RefundState;
  /** Disputes and payment plans of the caller's accounts (null until the first answer). */
  readonly disputes: DisputesView | null;
  readonly plans: PaymentPlansView | null;
  readonly disputeSend: SendState;
  /** The last resolution sent, by dispute id (one form open at a time). */
  readonly resolveSend: SendState & { readonly disputeId: string | null };
  readonly planDecision: PaymentPlanDecisionView | null;
  /**
   * The last plan sent; once done, `accountId` is the account it was for and `sentTo`, over the
   * agent's limit, the role it waits for (the call's approval requests say the outcome).
   */
  readonly planSend: SendState & { readonly accountId?: string; readonly sentTo?: Role };
  openDispute(opening: DisputeOpening): Promise<boolean>;
  /** Resolves an open dispute; false when refused (the typed error is in resolveSend). */
  resolveDispute(disputeId: string, resolution: DisputeResolution): Promise<boolean>;
  evaluatePlan(request: PaymentPlanRequestInput | null): Promise<void>;
  agreePlan(request: PaymentPlanRequestInput): Promise<boolean>;
  load(opts?: { force?: boolean }): Promise<void>;
  setLocale(locale: Locale): void;
  /** The amount typed (minor units; null when it does not read as an amount). */
  setRefundAmount(accountId: string, amount: number | null): Promise<void>;
  sendRefund(): Promise<void>;
}

export type PaymentsStore = ScopedStore<PaymentsState>;

const SEND_IDLE: SendState = { status: 'idle', error: null };

const REFUND_IDLE: RefundState = { accountId: null, amount: null, decision: null, status: 'idle', result: null, error: null };

export function createPaymentsStore(deps: {
  api: Pick<ApiClient, 'call'>;
  interactionId: string;
  locale: Locale;
  /** A plan sent for approval: the call's approval requests show it at once. */
  onPendingApproval?: () => void;
}): PaymentsStore {
  const { api, interactionId } = deps;
  const keys = intentKeys();
  const disputeKeys = intentKeys();
  const resolveKeys = intentKeys();
  const planKeys = intentKeys();
  return createScopedStore<PaymentsState>((set, get, life) => {
    const view = loadableField(get, set, 'view', life);
    let asked = 0;
    let planAsked = 0;
    /**
     * Sends one form's intent: its send state goes sending, then done — `write` has the answer's
     * value then, and the tab is read again — or refused with the typed error; true when done.
     */
    async function sendForm<T>(
      keys: IntentKeys,
      intent: unknown,
      call: (idempotencyKey: string) => Promise<T>,
      write: (send: SendState, value?: T) => void,
    ): Promise<boolean> {
      write({ status: 'sending', error: null });
      const answer = await sendIntent(keys, intent, call, life);
      if (!answer) return false;
      if (!answer.ok) {
        write({ status: 'error', error: answer.error });
        return false;
      }
      write({ status: 'done', error: null }, answer.value);
      await get().load({ force: true });
      return true;
    }
    const loadArrangements = async () => {
      const [d, p] = await Promise.all([settle(api.call('disputes.list', { interactionId })), settle(api.call('paymentPlans.list', { interactionId }))]);
      if (life.ended) return;
      set({ ...(d.ok ? { disputes: d.value } : {}), ...(p.ok ? { plans: p.value } : {}) });
    };
    return {
      locale: deps.locale,
      view: IDLE,
      refund: REFUND_IDLE,
      disputes: null,
      plans: null,
      disputeSend: SEND_IDLE,
      resolveSend: { ...SEND_IDLE, disputeId: null },
      planDecision: null,
      planSend: SEND_IDLE,
      async openDispute(opening) {
        return sendForm(
          disputeKeys,
          opening,
          (idempotencyKey) => api.call('disputes.open', { interactionId, idempotencyKey, ...opening }),
          (send) => set({ disputeSend: send }),
        );
      },
      async resolveDispute(disputeId, resolution) {
        const intent = { disputeId, resolution };
        return sendForm(
          resolveKeys,
          intent,
          (idempotencyKey) => api.call('disputes.resolve', { interactionId, idempotencyKey, ...intent }),
          (send) => set({ resolveSend: { ...send, disputeId } }),
        );
      },
      async evaluatePlan(request) {
        const mine = ++planAsked;
        set({ planDecision: null, planSend: SEND_IDLE });
        if (request === null) return;
        const answer = await settle(api.call('paymentPlans.evaluate', { interactionId, request }));
        if (mine !== planAsked || life.ended) return;
        set(answer.ok ? { planDecision: answer.value } : { planSend: { status: 'error', error: answer.error } });
      },
      async agreePlan(request) {
        return sendForm(
          planKeys,
          request,
          (idempotencyKey) => api.call('paymentPlans.agree', { interactionId, idempotencyKey, request }),
          (send, agreed) => {
            if (!agreed) {
              set({ planSend: send });
              return;
            }
            const sent = agreed.status === 'pending_approval' ? agreed.approverRole : undefined;
            const done = { ...send, accountId: request.accountId };
            set({ planSend: sent ? { ...done, sentTo: sent } : done, planDecision: null });
            if (sent) deps.onPendingApproval?.();
          },
        );
      },
      // Money moves during a call (a credit granted, a refund approved): every opening of the tab
      // asks again, quietly — what is on screen stays until the answer.
      async load(opts = {}) {
        const current = get().view;
        if (!opts.force && current.status === 'loading') return;
        await Promise.all([
          view.load(() => api.call('receivables.account', { interactionId }), { pending: needsLoad(current) ? 'keep' : 'quiet' }),
          loadArrangements(),
        ]);
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
        const answer = await sendIntent(keys, request, (idempotencyKey) => api.call('receivables.refund', { interactionId, idempotencyKey, request }), life);
        if (!answer) return;
        if (answer.ok) {
          set({ refund: { ...get().refund, status: 'done', result: answer.value } });
          await get().load({ force: true });
        } else {
          set({ refund: { ...get().refund, status: 'error', error: answer.error } });
        }
      },
    };
  });
}
