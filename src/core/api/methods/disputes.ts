/**
 * Methods of disputes and payment plans (issue 13, items 13 and 14), on the verified caller's
 * accounts. Amounts are integer minor units of the account's currency; sentences are in the
 * agent's locale.
 *
 *   disputes.list       per account: its disputes (open first) and the lines of its latest bills
 *                       with what may still be disputed on each
 *   disputes.open       a dispute on one invoice line (command 'dispute.open')
 *   disputes.resolve    by a billing-error credit through the ordinary credit path (within the
 *                       agent's policy; over it → POLICY_REFUSED naming who may) or a rejection
 *                       with a reason (command 'dispute.resolve'); a resolved dispute → CONFLICT
 *   paymentPlans.list   per account: the overdue balance (disputes set aside) and its plans with
 *                       each instalment's status (due, paid, missed) and a missed-instalment flag
 *   paymentPlans.evaluate  the live decision (allowed / needs approval / refused), nothing written
 *   paymentPlans.agree  the plan agreed (command 'paymentPlan.agree'); over the agent's limit →
 *                       an approval request for the role the policy names (command
 *                       'paymentPlan.request', the approvals inbox); refused → POLICY_REFUSED
 *                       with every failing rule's sentence
 */
import { z } from 'zod';
import type { AccountSectionView, MoneyCommandResult, SaidDecision, SaidRule } from '../types';
import { freeText, id, idempotencyKey, isoDate, method, VERIFIED } from '../method';
import { CUSTOMER_SAID_MAX, DISPUTE_REASONS, REJECTION_REASON_MAX } from '../../receivables/disputes';
import type { DisputeReason, DisputeStatus, InstalmentState, PaymentPlanDecision, PaymentPlanRule } from '../../receivables';

const positiveMinor = z.number().int('must be a whole number of minor units').min(1, 'must be more than zero').max(100_000_000);

export const disputeOpenInput = z.strictObject({
  interactionId: id,
  idempotencyKey,
  lineId: id,
  amount: positiveMinor,
  reason: z.enum(DISPUTE_REASONS),
  customerSaid: freeText({ max: CUSTOMER_SAID_MAX }),
});

export const disputeResolution = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('credit'), amount: positiveMinor }),
  z.strictObject({ kind: z.literal('reject'), reason: freeText({ max: REJECTION_REASON_MAX }) }),
]);

export const paymentPlanRequestInput = z.strictObject({
  accountId: id,
  instalments: z.number().int('a whole number of instalments').min(2, 'at least 2').max(60),
  firstDueOn: isoDate,
});
export type PaymentPlanRequestInput = z.infer<typeof paymentPlanRequestInput>;

/**
 * A plan over the agent's limit, as it waits in the approvals inbox (the approval request's
 * `request`): the agent's request, marked as a payment plan. The balance and schedule it was
 * decided on are the request's decision (ApprovalSummary.scheduleSentence says them in words).
 */
export const paymentPlanApprovalRequest = paymentPlanRequestInput.extend({ kind: z.literal('payment_plan') });
export type PaymentPlanApprovalRequest = z.infer<typeof paymentPlanApprovalRequest>;

export interface DisputeView {
  readonly id: string;
  readonly accountId: string;
  readonly invoiceId: string;
  readonly invoiceNumber: string;
  readonly lineId: string;
  /** The line as the bill says it. */
  readonly lineLabel: string;
  readonly amount: number;
  readonly currency: string;
  readonly reason: DisputeReason;
  readonly reasonLabel: string;
  readonly customerSaid: string;
  readonly status: DisputeStatus;
  readonly statusLabel: string;
  readonly openedAt: string;
  readonly openedBy: string;
  readonly resolvedAt: string | null;
  readonly creditedAmount: number | null;
  readonly rejectionReason: string | null;
  /** "€12.00 disputed on … of bill FA-…: Wrong amount." */
  readonly sentence: string;
}

export interface DisputableLineView {
  readonly lineId: string;
  readonly invoiceId: string;
  readonly invoiceNumber: string;
  readonly issuedOn: string;
  readonly label: string;
  /** What the line charged, VAT included (what the customer paid for it). */
  readonly amount: number;
  /** What may still be disputed on it (0: nothing). */
  readonly disputable: number;
}

export interface AccountDisputesView extends AccountSectionView {
  /** What open disputes hold out of late fees and reminders. */
  readonly held: number;
  /** Open first, then newest first. */
  readonly disputes: readonly DisputeView[];
  /** The lines of the latest bills, newest bill first. */
  readonly lines: readonly DisputableLineView[];
}

export interface DisputesView {
  readonly accounts: readonly AccountDisputesView[];
}

export interface DisputeOpenResult {
  readonly disputeId: string;
  readonly commandId: string;
  readonly dispute: DisputeView;
}

export interface DisputeResolveResult {
  readonly disputeId: string;
  readonly status: 'credited' | 'rejected';
  readonly commandId: string;
  /** The billing-error credit's ledger entries (credited), else empty. */
  readonly ledgerEntryIds: readonly string[];
}

export type PaymentPlanRuleView = SaidRule<PaymentPlanRule>;

/** An instalment where it stands (core/receivables/payment-plans.ts), with its status in words. */
export interface InstalmentView extends InstalmentState {
  readonly statusLabel: string;
}

/** The payment plan decision as core made it, with its headline, each rule's sentence and the schedule in words. */
export interface PaymentPlanDecisionView
  extends Pick<PaymentPlanDecision, 'outcome' | 'approverRole' | 'balance' | 'currency' | 'maxInstalmentsNow'>, SaidDecision<PaymentPlanRuleView> {
  readonly schedule: readonly InstalmentView[];
  /** The schedule in one sentence to read out. */
  readonly scheduleSentence: string;
}

export interface PaymentPlanView {
  readonly id: string;
  readonly balance: number;
  readonly currency: string;
  readonly agreedOn: string;
  readonly status: 'agreed' | 'broken' | 'completed';
  readonly statusLabel: string;
  /** True when an instalment was missed (the plan is broken). */
  readonly missed: boolean;
  readonly instalments: readonly InstalmentView[];
  readonly scheduleSentence: string;
}

export interface AccountPaymentPlansView extends AccountSectionView {
  /** What is overdue today, open disputes set aside: what a plan would split. */
  readonly overdueBalance: number;
  /** Newest first. */
  readonly plans: readonly PaymentPlanView[];
}

export interface PaymentPlansView {
  /** The desk's today (a plan's first instalment falls due from today to 62 days on). */
  readonly today: string;
  readonly accounts: readonly AccountPaymentPlansView[];
}

/**
 * Agreed at once (within the agent's limit), or sent to the approvals inbox (over it: command
 * 'paymentPlan.request'); the supervisor's approval agrees it later (see 'approvals.decide').
 */
export type PaymentPlanAgreeResult = MoneyCommandResult<'agreed', { readonly planId: string }, PaymentPlanDecisionView>;

export const disputeMethods = {
  'disputes.list': method<DisputesView>()(z.strictObject({ interactionId: id }), VERIFIED),
  'disputes.open': method<DisputeOpenResult>()(disputeOpenInput, VERIFIED),
  'disputes.resolve': method<DisputeResolveResult>()(
    z.strictObject({ interactionId: id, idempotencyKey, disputeId: id, resolution: disputeResolution }),
    VERIFIED,
  ),
  'paymentPlans.list': method<PaymentPlansView>()(z.strictObject({ interactionId: id }), VERIFIED),
  'paymentPlans.evaluate': method<PaymentPlanDecisionView>()(z.strictObject({ interactionId: id, request: paymentPlanRequestInput }), VERIFIED),
  'paymentPlans.agree': method<PaymentPlanAgreeResult>()(z.strictObject({ interactionId: id, idempotencyKey, request: paymentPlanRequestInput }), VERIFIED),
} as const;
