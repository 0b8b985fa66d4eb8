/**
 * The discounts feature's handlers: policy feedback, grants, reversals, the ledger, and
 * supervisor approvals. The actor is always the agent the dispatcher's session says (never the
 * input), and the customer always the verified caller of the call the guard handed over.
 */
import type { ApprovalDecisionResult, discountMethods } from '../../core/api';
import { ApprovalService, DiscountDecisions, DiscountService } from '../services/discounts';
import { disputesOf } from './disputes';
import { receivablesOf } from './receivables';
import { onePerStore } from './per-store';
import type { AppDeps, FeatureHandlers } from './types';

/** One set of decisions per store: the compiled policy cache lives with it. */
export const decisionsOf = onePerStore((deps) => new DiscountDecisions(deps.db.$client, deps.events, deps.now));

export function createDiscountHandlers(deps: AppDeps): FeatureHandlers<typeof discountMethods> {
  const decisions = decisionsOf(deps);
  const discounts = new DiscountService(decisions, deps.commands);
  const approvals = new ApprovalService(decisions, deps.commands, deps.credentials, receivablesOf(deps), disputesOf(deps));
  const once = deps.idempotency;
  return {
    'policy.current': (_input, { actor }) => discounts.policyCurrent(actor),
    'discounts.evaluate': (input, { actor, call }) => discounts.evaluate(actor, call, input.request),
    'discounts.grant': (input, { actor, call }) =>
      once.run(input.idempotencyKey, actor.userId, 'discounts.grant', input, () => discounts.grant(actor, call, input.request, input.note)),
    'discounts.reverse': (input, { actor, call }) =>
      once.run(input.idempotencyKey, actor.userId, 'discounts.reverse', input, () => discounts.reverse(actor, call, input.ledgerEntryId, input.reason)),
    'discounts.ledger': (_input, { actor, call }) => discounts.ledger(actor, call),
    'approvals.inbox': (_input, { actor }) => approvals.inbox(actor),
    'approvals.get': (input, { actor }) => approvals.get(actor, input.approvalId),
    'approvals.decide': (input, { actor }) => {
      const { approvalId, idempotencyKey, ...answer } = input;
      return once.run(idempotencyKey, actor.userId, 'approvals.decide', input, () => approvals.decide(actor, approvalId, answer));
    },
    'approvals.status': (_input, { actor, call }) => approvals.status(actor, call.id),
    'approvals.decideHere': async (input, { actor, call }) => {
      const { interactionId: _interactionId, approvalId, username, password, idempotencyKey, ...answer } = input;
      // A repeat of a decision already made answers at once, without asking for the password again.
      const first = once.replay<ApprovalDecisionResult>(idempotencyKey, actor.userId, 'approvals.decideHere', input);
      if (first !== undefined) return first;
      const approver = await approvals.approverAtDesk(actor, call.id, approvalId, username, password);
      return once.run(idempotencyKey, actor.userId, 'approvals.decideHere', input, () => approvals.decideAtDesk(actor, approver, call.id, approvalId, answer));
    },
  };
}

/**
 * First-start set-up (idempotent): an empty policies table gets the sample policy as version 1,
 * validated by the policy schema.
 */
export function ensureDiscountSetup(deps: AppDeps): void {
  if (decisionsOf(deps).policies.ensureSeeded(deps.now())) deps.log('discount policy: stored the sample policy as version 1');
}
