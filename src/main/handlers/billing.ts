import type { billingMethods } from '../../core/api';
import { BillingService } from '../services/billing/billing-service';
import { PracticeLog } from '../services/insights/practice-log';
import type { AppDeps, FeatureHandlers } from './types';

export function createBillingHandlers(deps: AppDeps): FeatureHandlers<typeof billingMethods> {
  const billing = new BillingService({ client: deps.db.$client, commands: deps.commands, now: deps.now });
  // Every bill is rebuilt from synced rows (catalog, subscriptions, ledger): a sync drops the cache.
  deps.onSynced?.(() => billing.reloadCatalog());
  // What the agent did, once per call, after the answer was built (a refused read records nothing).
  const practices = new PracticeLog(deps.db.$client, deps.commands);
  return {
    'billing.invoices': (input, { call }) => billing.invoices(call.customerId, input.accountId),
    'billing.invoice': (input, { actor, call }) => {
      const detail = billing.invoice(call.customerId, input.invoiceId, input.locale ?? actor.locale);
      practices.once('bill_explained', call, actor.userId);
      return detail;
    },
    'billing.compare': (input, { actor, call }) => {
      const comparison = billing.compare(call.customerId, input.invoiceId, input.previousInvoiceId, input.locale ?? actor.locale);
      practices.once('bills_compared', call, actor.userId);
      return comparison;
    },
    'billing.quote': (input, { actor, call }) => {
      const quote = billing.quote(call.customerId, input, input.locale ?? actor.locale);
      practices.once('plan_quoted', call, actor.userId);
      return quote;
    },
    'billing.bestPlans': (input, { actor, call }) => {
      const best = billing.bestPlans(call.customerId, input.accountId, input.months);
      practices.once('plan_quoted', call, actor.userId);
      return best;
    },
    'billing.applyPlanChange': (input, { actor, call }) =>
      deps.idempotency.run(input.idempotencyKey, actor.userId, 'billing.applyPlanChange', input, () =>
        billing.applyPlanChange(call.customerId, { agentId: actor.userId, interactionId: call.id }, input),
      ),
  };
}

/**
 * First-start set-up of this feature (idempotent). Nothing to write: the catalog is the demo
 * loader's (or, later, the hub's). It checks that the stored catalog is one the engine accepts,
 * so a damaged catalog is reported at start rather than in the middle of a call.
 */
export function ensureBillingSetup(deps: AppDeps): void {
  try {
    void new BillingService({ client: deps.db.$client, commands: deps.commands, now: deps.now }).catalog;
  } catch (err) {
    deps.log(`billing: the stored catalog is not usable: ${err instanceof Error ? err.message : String(err)}`);
  }
}
