/**
 * Receivables handlers: the actor is the session's agent, the customer the verified caller of the
 * call the guard handed over; money commands run once per idempotency key.
 */
import type { receivablesMethods } from '../../core/api';
import { PolicyStore } from '../services/discounts/policy-store';
import { textOrNull } from '../services/discounts/discount-service';
import { ReceivablesService } from '../services/receivables';
import { onePerStore } from './per-store';
import { commandServiceDeps, type AppDeps, type FeatureHandlers } from './types';

/** One service per store (the handlers and the approvals share it). */
export const receivablesOf = onePerStore(
  (deps) =>
    new ReceivablesService({
      ...commandServiceDeps(deps),
      events: deps.events,
      policies: new PolicyStore(deps.db.$client),
    }),
);

export function createReceivablesHandlers(deps: AppDeps): FeatureHandlers<typeof receivablesMethods> {
  const receivables = receivablesOf(deps);
  const once = deps.idempotency;
  return {
    'receivables.account': (_input, { actor, call }) => receivables.account(actor, call),
    'receivables.evaluateRefund': (input, { actor, call }) => receivables.evaluateRefund(actor, call, input.request),
    'receivables.refund': (input, { actor, call }) =>
      once.run(input.idempotencyKey, actor.userId, 'receivables.refund', input, () => receivables.refund(actor, call, input.request, textOrNull(input.note))),
  };
}
