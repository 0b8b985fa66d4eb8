/**
 * Methods of receivables: where the customer's money went (payments allocated to invoices, their
 * method and status, the balance brought forward, the credit balance) and a refund of a credit
 * balance — allowed, sent for approval (the approvals inbox of the discounts feature) or refused.
 *
 * Amounts are integer minor units of the account's currency. Sentences are in the agent's locale.
 * A card is only ever its last four digits ("•••• 4242"): no field of any answer holds more.
 */
import { z } from 'zod';
import type { Role } from '../roles';
import type { AccountSectionView, MoneyCommandResult, SaidDecision, SaidRule } from '../types';
import { freeText, id, idempotencyKey, method, VERIFIED } from '../method';
import type { AccountReceivables, InvoiceSettlement, PaymentMethod, PaymentStatus, RefundDecision, RefundRule } from '../../receivables';
import type { InvoiceStanding } from '../../billing/standing';

const positiveMinor = z.number().int('must be a whole number of minor units').min(1, 'must be more than zero').max(100_000_000);

/** What the agent asks: a refund of (part of) the account's credit balance, paid by transfer. */
export const refundRequestInput = z.strictObject({ kind: z.literal('refund'), accountId: id, amount: positiveMinor });
export type RefundRequestInput = z.infer<typeof refundRequestInput>;

export interface AllocationView {
  readonly invoiceId: string;
  readonly invoiceNumber: string;
  readonly amount: number;
}

export interface PaymentView {
  readonly id: string;
  readonly receivedOn: string;
  readonly amount: number;
  readonly method: PaymentMethod;
  /** "card •••• 4242" / "carte •••• 4242", "direct debit", … */
  readonly methodLabel: string;
  /** The masked card ("•••• 4242") or null: never more than four digits. */
  readonly card: string | null;
  readonly status: PaymentStatus;
  readonly statusLabel: string;
  /** What of it counts (received: all; returned: what was kept; failed, refund: 0). */
  readonly kept: number;
  /** The invoice the customer said it was for, if any. */
  readonly directedTo: string | null;
  /** Where it went, oldest invoice first (directed first). */
  readonly allocations: readonly AllocationView[];
  /** What of it no invoice needed (part of the credit balance). */
  readonly unallocated: number;
  /** One sentence to read out: "€40.00 by card •••• 4242 on 3 March, settled invoice FA-…". */
  readonly sentence: string;
}

/** An invoice with what the allocation settled of it (its total, settled and left, as allocated). */
export interface InvoiceSettlementView extends InvoiceSettlement {
  readonly number: string;
  readonly issuedOn: string;
  readonly dueOn: string;
  readonly standing: InvoiceStanding;
  /** What this invoice carried from the bills before it (its previous balance). */
  readonly balanceForward: number;
}

export type RefundRuleView = SaidRule<RefundRule>;

/** The refund decision as core made it, with its headline and each rule's sentence. */
export interface RefundDecisionView
  extends Pick<RefundDecision, 'outcome' | 'approverRole' | 'amount' | 'currency' | 'maxAllowedNow'>, SaidDecision<RefundRuleView> {}

export interface PendingRefundView {
  readonly approvalId: string;
  readonly amount: number;
  readonly requestedAt: string;
  readonly approverRole: Role;
  readonly status: 'pending' | 'applied' | 'refused' | 'approved' | 'cancelled';
}

/** The account's balance, credit balance and opening balance are the allocation's (core/receivables/account.ts). */
export interface AccountReceivablesView extends AccountSectionView, Pick<AccountReceivables, 'balance' | 'creditBalance' | 'openingBalance'> {
  readonly owed: number;
  /** Oldest first. */
  readonly invoices: readonly InvoiceSettlementView[];
  /** Newest first. */
  readonly payments: readonly PaymentView[];
  readonly refunds: readonly PendingRefundView[];
  /** The most this agent may refund alone now (0: nothing to refund, or one is waiting). */
  readonly refundableNow: number;
  /** One sentence for the balance: "Balance: €12.00 in the customer's favour". */
  readonly summary: string;
}

export interface ReceivablesView {
  readonly accounts: readonly AccountReceivablesView[];
}

export type RefundResult = MoneyCommandResult<'refunded', { readonly paymentId: string }, RefundDecisionView>;

export const receivablesMethods = {
  /** The verified customer's accounts: invoices with what settled them, payments with where they went. */
  'receivables.account': method<ReceivablesView>()(z.strictObject({ interactionId: id }), VERIFIED),
  /** Live feedback on a refund: a pure read. */
  'receivables.evaluateRefund': method<RefundDecisionView>()(z.strictObject({ interactionId: id, request: refundRequestInput }), VERIFIED),
  /**
   * Refunds when allowed (a 'refund' payment row, command 'refund.pay', audit 'refund_paid');
   * over the agent's limit → an approval request (command 'refund.request'); refused →
   * POLICY_REFUSED with the failing rules' sentences, nothing written.
   */
  'receivables.refund': method<RefundResult>()(
    z.strictObject({ interactionId: id, idempotencyKey, request: refundRequestInput, note: freeText({ max: 500, optional: true }).optional() }),
    VERIFIED,
  ),
} as const;
