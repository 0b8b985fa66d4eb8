import type { billingMethods } from '../../core/api';
import { BillingService } from '../services/billing/billing-service';
import { FairnessService } from '../services/billing/fairness-service';
import { InvoiceDocuments } from '../services/billing/invoice-documents';
import { commandServiceDeps, type AppDeps, type FeatureHandlers } from './types';

export function createBillingHandlers(deps: AppDeps): FeatureHandlers<typeof billingMethods> {
  const billing = new BillingService(commandServiceDeps(deps));
  const fairness = new FairnessService(billing);
  // Every bill is rebuilt from synced rows (catalog, subscriptions, ledger): a sync drops the cache.
  deps.onSynced?.(() => billing.reloadCatalog());
  const documents = new InvoiceDocuments({ client: deps.db.$client, billing, commands: deps.commands });
  return {
    'billing.invoices': (input, { call }) => billing.invoices(call.customerId, input.accountId),
    // What was read out is on the call's record (an audit entry, no command): the call's recap says it.
    'billing.invoice': (input, { actor, call }) => {
      const detail = billing.invoice(call.customerId, input.invoiceId, input.locale ?? actor.locale);
      const after = { invoiceId: detail.id, cycleStart: detail.cycle.start };
      deps.commands.record({ actorId: actor.userId, interactionId: call.id, action: 'bill_viewed', subject: `invoice:${detail.id}`, after });
      return detail;
    },
    'billing.compare': (input, { actor, call }) => {
      const comparison = billing.compare(call.customerId, input.invoiceId, input.previousInvoiceId, input.locale ?? actor.locale);
      const after = {
        invoiceId: comparison.current.id,
        cycleStart: comparison.current.cycle.start,
        previousInvoiceId: comparison.previous.id,
        previousCycleStart: comparison.previous.cycle.start,
      };
      deps.commands.record({ actorId: actor.userId, interactionId: call.id, action: 'bills_compared', subject: `invoice:${comparison.current.id}`, after });
      return comparison;
    },
    'billing.quote': (input, { actor, call }) => {
      const quote = billing.quote(call.customerId, input, input.locale ?? actor.locale);
      const after = { planId: quote.newPlan.id, planName: quote.newPlan.name, effectiveOn: quote.effectiveOn, timing: quote.timing };
      deps.commands.record({ actorId: actor.userId, interactionId: call.id, action: 'plan_quoted', subject: `customer:${call.customerId}`, after });
      return quote;
    },
    'billing.checkInvoice': (input, { actor, call }) => fairness.view(call.customerId, input.invoiceId, input.locale ?? actor.locale),
    'billing.bestPlans': (input, { call }) => billing.bestPlans(call.customerId, input.accountId, input.months),
    'billing.applyPlanChange': (input, { actor, call }) =>
      deps.idempotency.run(input.idempotencyKey, actor.userId, 'billing.applyPlanChange', input, () =>
        billing.applyPlanChange(call.customerId, { agentId: actor.userId, interactionId: call.id }, input),
      ),
    'billing.invoiceDocument': (input, { actor, call }) => documents.document(call.customerId, input.invoiceId, input.locale ?? actor.locale),
    'billing.invoicePdf': (input, { actor, call }) => documents.pdf(call.customerId, input.invoiceId, input.locale ?? actor.locale),
    'billing.recordCancellation': (input, { actor, call }) =>
      deps.idempotency.run(input.idempotencyKey, actor.userId, 'billing.recordCancellation', input, () =>
        billing.outcomes.cancel(call.customerId, { agentId: actor.userId, interactionId: call.id }, input.reason, input.occurredOn),
      ),
    'billing.sendInvoiceCopy': (input, { actor, call }) =>
      deps.idempotency.run(input.idempotencyKey, actor.userId, 'billing.sendInvoiceCopy', input, () =>
        documents.sendCopy(call.customerId, { agentId: actor.userId, interactionId: call.id }, input.invoiceId, input.channel, input.locale),
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
    void new BillingService(commandServiceDeps(deps)).catalog;
  } catch (err) {
    deps.log(`billing: the stored catalog is not usable: ${err instanceof Error ? err.message : String(err)}`);
  }
}
