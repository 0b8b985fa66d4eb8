/**
 * The call's container: every store that holds something of the caller on the line lives here,
 * and only here — verification, account, notes, wrap-up, bills, plans, credits, approvals.
 *
 * It is created when a call starts and disposed when the call ends (wrap-up, or main says it
 * ended elsewhere) and when the agent signs out. Disposing empties every store in it, stops their
 * timers and subscriptions, and drops whatever answer is still on its way: nothing of a caller
 * stays in memory after the call. The app's other stores (./app-stores.ts) hold no caller data.
 */
import type { Locale, WrapUpResult } from '../../../core/api';
import type { ApiClient } from '../api/client';
import { createAccountStore, type AccountStore } from '../features/account/account-store';
import { createHistoryStore, type HistoryStore } from '../features/history/history-store';
import { createCallApprovalsStore, type CallApprovalsStore } from '../features/approvals/call-approvals-store';
import { createBillsStore, type BillsStore } from '../features/bills/bills-store';
import { createFairnessStore, type FairnessStore } from '../features/bills/fairness-store';
import { createDocumentStore, type DocumentStore } from '../features/bills/document-store';
import { createCancellationStore, type CancellationStore } from '../features/discount/cancellation-store';
import { createCreditStore, type CreditStore } from '../features/discount/credit-store';
import { createPlansStore, type PlansStore } from '../features/plans/plans-store';
import { createPaymentsStore, type PaymentsStore } from '../features/receivables/payments-store';
import { createVerifyStore, type VerifyStore } from '../features/verify/verify-store';
import { createNotesStore, type NotesStore } from '../features/wrapup/notes-store';
import { createWrapUpStore, type WrapUpStore } from '../features/wrapup/wrapup-store';

export interface CallScope {
  readonly interactionId: string;
  readonly customerId: string;
  readonly verify: VerifyStore;
  readonly account: AccountStore;
  /** The caller's earlier calls and follow-ups. */
  readonly history: HistoryStore;
  readonly notes: NotesStore;
  readonly wrapUp: WrapUpStore;
  readonly bills: BillsStore;
  /** The bills tab's "is this bill right?" check and its correcting credit. */
  readonly fairness: FairnessStore;
  /** The print view, PDF and copies of the call's invoices. */
  readonly invoiceDocument: DocumentStore;
  readonly plans: PlansStore;
  readonly credit: CreditStore;
  /** The credit tab's "Caller is cancelling". */
  readonly cancellation: CancellationStore;
  readonly approvals: CallApprovalsStore;
  readonly payments: PaymentsStore;
  /** Every store above. */
  readonly stores: readonly { getState(): unknown; dispose(): void }[];
  readonly ended: boolean;
  dispose(): void;
}

export interface CallScopeDeps {
  readonly api: Pick<ApiClient, 'call' | 'onEvent'>;
  readonly interactionId: string;
  readonly customerId: string;
  /** The agent's language as the call starts (bills and quotes are worded in it). */
  readonly locale: Locale;
  /** What the call's stores tell the active call — never once the call has ended. */
  readonly onVerified: (verifiedAt: string | null) => void;
  readonly onEnded: (result: WrapUpResult) => void;
  /** Main says the call is over (wrapped up elsewhere) or not this agent's. */
  readonly onCallLost: () => void;
}

export function createCallScope(deps: CallScopeDeps): CallScope {
  const { api, interactionId, customerId, locale } = deps;
  let ended = false;
  const untilEnd =
    <A extends unknown[]>(tell: (...args: A) => void) =>
    (...args: A): void => {
      if (!ended) tell(...args);
    };
  const onCallLost = untilEnd(deps.onCallLost);

  const verify = createVerifyStore({ api, interactionId, customerId, onPassed: untilEnd(deps.onVerified), onCallLost });
  const account = createAccountStore({ api, interactionId, onCallLost });
  const history = createHistoryStore({ api, interactionId, onCallLost });
  const notes = createNotesStore({ api, interactionId, onCallLost });
  const wrapUp = createWrapUpStore({ api, interactionId, onEnded: untilEnd(deps.onEnded), onCallLost });
  const bills = createBillsStore({ api, interactionId, locale });
  const fairness = createFairnessStore({ api, interactionId });
  const invoiceDocument = createDocumentStore({ api, interactionId, locale });
  const plans = createPlansStore({ api, interactionId, locale });
  const approvals = createCallApprovalsStore({ api, interactionId });
  const credit = createCreditStore({ api, interactionId, locale, onPendingApproval: () => void approvals.getState().refresh() });
  // A supervisor's decision on this call changes the customer's credits (and what is left of the
  // day, which the policy reports): show them at once.
  const stopFollowingDecisions = approvals.subscribe((s, prev) => {
    if (s.freshlyDecided.length !== prev.freshlyDecided.length) void credit.getState().load({ force: true });
  });
  const payments = createPaymentsStore({ api, interactionId, locale, onPendingApproval: () => void approvals.getState().refresh() });
  const cancellation = createCancellationStore({ api, interactionId });
  // A refund a supervisor decided changes the customer's money: show it at once.
  const stopFollowingRefunds = approvals.subscribe((s, prev) => {
    if (s.freshlyDecided.length !== prev.freshlyDecided.length && payments.getState().view.status !== 'idle') void payments.getState().load({ force: true });
  });
  const stores = [verify, account, history, notes, wrapUp, bills, fairness, invoiceDocument, plans, credit, cancellation, approvals, payments];

  // Verification is the first thing of a call.
  void verify.getState().refresh();

  return {
    interactionId,
    customerId,
    verify,
    account,
    history,
    notes,
    wrapUp,
    bills,
    fairness,
    invoiceDocument,
    plans,
    credit,
    cancellation,
    approvals,
    payments,
    stores,
    get ended() {
      return ended;
    },
    dispose() {
      if (ended) return;
      ended = true;
      stopFollowingDecisions();
      stopFollowingRefunds();
      for (const store of stores) store.dispose();
    },
  };
}
