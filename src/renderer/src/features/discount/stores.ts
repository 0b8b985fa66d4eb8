/** The credit tab's stores, one per call, wired to the real api (kept out of unit tests). */
import { api } from '../../api';
import { callApprovalsStoreFor } from '../approvals/stores';
import { perCall } from '../bills/per-call';
import { createCreditStore, type CreditStore } from './credit-store';

export const creditStoreFor = perCall<CreditStore>((interactionId) => {
  const approvals = callApprovalsStoreFor(interactionId);
  const store = createCreditStore({
    api,
    interactionId,
    onPendingApproval: () => void approvals.getState().refresh(),
  });
  // A supervisor's decision on this call changes the customer's credits: show them at once.
  approvals.subscribe((s, prev) => {
    // (and what is left of the day, which the policy reports).
    if (s.freshlyDecided.length !== prev.freshlyDecided.length) void store.getState().load({ force: true });
  });
  return store;
});
