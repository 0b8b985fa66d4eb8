/**
 * Disputes and payment plans handlers: the actor is the session's agent, the customer the verified
 * caller of the call the guard handed over; every command runs once per idempotency key.
 */
import type { disputeMethods } from '../../core/api';
import { DiscountService } from '../services/discounts';
import { PolicyStore } from '../services/discounts/policy-store';
import { DisputesService } from '../services/receivables';
import { decisionsOf } from './discounts';
import { receivablesOf } from './receivables';
import { onePerStore } from './per-store';
import { commandServiceDeps, type AppDeps, type FeatureHandlers } from './types';

/** One service per store (the handlers and the approvals of payment plans share it). */
export const disputesOf = onePerStore(
  (deps) =>
    new DisputesService({
      ...commandServiceDeps(deps),
      policies: new PolicyStore(deps.db.$client),
      receivables: receivablesOf(deps),
      discounts: new DiscountService(decisionsOf(deps), deps.commands),
      events: deps.events,
    }),
);

export function createDisputeHandlers(deps: AppDeps): FeatureHandlers<typeof disputeMethods> {
  const disputes = disputesOf(deps);
  const once = deps.idempotency;
  return {
    'disputes.list': (_input, { actor, call }) => disputes.list(actor, call),
    'disputes.open': (input, { actor, call }) => once.run(input.idempotencyKey, actor.userId, 'disputes.open', input, () => disputes.open(actor, call, input)),
    'disputes.resolve': (input, { actor, call }) =>
      once.run(input.idempotencyKey, actor.userId, 'disputes.resolve', input, () => disputes.resolve(actor, call, input.disputeId, input.resolution)),
    'paymentPlans.list': (_input, { actor, call }) => disputes.listPlans(actor, call),
    'paymentPlans.evaluate': (input, { actor, call }) => disputes.evaluatePlan(actor, call, input.request),
    'paymentPlans.agree': (input, { actor, call }) =>
      once.run(input.idempotencyKey, actor.userId, 'paymentPlans.agree', input, () => disputes.agreePlan(actor, call, input.request)),
  };
}
