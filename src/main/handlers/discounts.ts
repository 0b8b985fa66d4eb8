/**
 * The discounts feature's handlers: policy feedback, grants, reversals, the ledger, and
 * supervisor approvals. The actor is always the session main holds (ctx.session) — never the
 * input — and the customer is always the verified caller of ctx.interaction.
 */
import { ApiError, type ApprovalDecisionResult, type discountMethods } from '../../core/api';
import type { HandlerContext } from '../api/dispatcher';
import { ApprovalService, DiscountCore, DiscountService, type DiscountActor } from '../services/discounts';
import type { AppDeps, FeatureHandlers } from './types';

/** One core per store: the compiled policy cache lives with it. */
const cores = new WeakMap<AppDeps['db'], DiscountCore>();

function coreOf(deps: AppDeps): DiscountCore {
  let core = cores.get(deps.db);
  if (!core) cores.set(deps.db, (core = new DiscountCore(deps.db.$client, deps.sessions, deps.now)));
  return core;
}

function actorOf(ctx: HandlerContext): DiscountActor {
  const agent = ctx.session?.agent;
  if (!agent) throw new ApiError('UNAUTHENTICATED');
  return { userId: agent.userId, role: agent.role, locale: agent.locale, displayName: agent.displayName };
}

function callOf(ctx: HandlerContext): { interactionId: string; customerId: string } {
  const i = ctx.interaction;
  if (!i || i.customerId === null || i.verifiedAt === null) throw new ApiError('VERIFICATION_REQUIRED');
  return { interactionId: i.id, customerId: i.customerId };
}

export function createDiscountHandlers(deps: AppDeps): FeatureHandlers<typeof discountMethods> {
  const core = coreOf(deps);
  const discounts = new DiscountService(core, deps.commands);
  const approvals = new ApprovalService(core, deps.commands, deps.credentials);
  return {
    'policy.current': (_input, ctx) => discounts.policyCurrent(actorOf(ctx)),
    'discounts.evaluate': (input, ctx) => discounts.evaluate(actorOf(ctx), callOf(ctx), input.request),
    'discounts.grant': (input, ctx) => {
      const actor = actorOf(ctx);
      return deps.idempotency.run(input.idempotencyKey, actor.userId, 'discounts.grant', input, () => discounts.grant(actor, callOf(ctx), input.request, input.note));
    },
    'discounts.reverse': (input, ctx) => {
      const actor = actorOf(ctx);
      return deps.idempotency.run(input.idempotencyKey, actor.userId, 'discounts.reverse', input, () => discounts.reverse(actor, callOf(ctx), input.ledgerEntryId, input.reason));
    },
    'discounts.ledger': (_input, ctx) => discounts.ledger(actorOf(ctx), callOf(ctx)),
    'approvals.inbox': (_input, ctx) => approvals.inbox(actorOf(ctx)),
    'approvals.get': (input, ctx) => approvals.get(actorOf(ctx), input.approvalId),
    'approvals.decide': (input, ctx) => {
      const { approvalId, idempotencyKey, ...answer } = input;
      const actor = actorOf(ctx);
      return deps.idempotency.run(idempotencyKey, actor.userId, 'approvals.decide', input, () => approvals.decide(actor, approvalId, answer));
    },
    'approvals.status': (_input, ctx) => approvals.status(actorOf(ctx), callOf(ctx).interactionId),
    'approvals.decideHere': async (input, ctx) => {
      const { interactionId: _interactionId, approvalId, username, password, idempotencyKey, ...answer } = input;
      const agent = actorOf(ctx);
      // A repeat of a decision already made answers at once, without asking for the password again.
      const first = deps.idempotency.replay<ApprovalDecisionResult>(idempotencyKey, agent.userId, 'approvals.decideHere', input);
      if (first !== undefined) return first;
      const approver = await approvals.approverAtDesk(agent, callOf(ctx).interactionId, approvalId, username, password);
      return deps.idempotency.run(idempotencyKey, agent.userId, 'approvals.decideHere', input, () =>
        approvals.decideAtDesk(agent, approver, callOf(ctx).interactionId, approvalId, answer),
      );
    },
  };
}

/**
 * First-start set-up (idempotent): an empty policies table gets the sample policy as version 1,
 * validated by the policy schema.
 */
export function ensureDiscountSetup(deps: AppDeps): void {
  if (coreOf(deps).policies.ensureSeeded(deps.now())) deps.log('discount policy: stored the sample policy as version 1');
}
