import { ApiError, type billingMethods, type Locale } from '../../core/api';
import type { HandlerContext } from '../api/dispatcher';
import { BillingService } from '../services/billing/billing-service';
import type { AppDeps, FeatureHandlers } from './types';

/** The verified caller of this call: the dispatcher's VERIFIED guard has checked it. */
function verified(ctx: HandlerContext): { customerId: string; agentId: string; interactionId: string; locale: Locale } {
  const { interaction, session } = ctx;
  if (!interaction || interaction.customerId === null || interaction.verifiedAt === null || !session) throw new ApiError('VERIFICATION_REQUIRED');
  return { customerId: interaction.customerId, agentId: session.agent.userId, interactionId: interaction.id, locale: session.agent.locale };
}

export function createBillingHandlers(deps: AppDeps): FeatureHandlers<typeof billingMethods> {
  const billing = new BillingService({ client: deps.db.$client, commands: deps.commands, now: deps.now });
  return {
    'billing.invoices': (input, ctx) => billing.invoices(verified(ctx).customerId, input.accountId),
    'billing.invoice': (input, ctx) => {
      const v = verified(ctx);
      return billing.invoice(v.customerId, input.invoiceId, input.locale ?? v.locale);
    },
    'billing.compare': (input, ctx) => {
      const v = verified(ctx);
      return billing.compare(v.customerId, input.invoiceId, input.previousInvoiceId, input.locale ?? v.locale);
    },
    'billing.quote': (input, ctx) => {
      const v = verified(ctx);
      return billing.quote(v.customerId, input, input.locale ?? v.locale);
    },
    'billing.bestPlans': (input, ctx) => billing.bestPlans(verified(ctx).customerId, input.accountId, input.months),
    'billing.applyPlanChange': (input, ctx) => {
      const v = verified(ctx);
      return deps.idempotency.run(input.idempotencyKey, v.agentId, 'billing.applyPlanChange', input, () =>
        billing.applyPlanChange(v.customerId, { agentId: v.agentId, interactionId: v.interactionId }, input),
      );
    },
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
