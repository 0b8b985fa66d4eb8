/**
 * Methods of the discounts feature (credits, discounts, supervisor approvals, the policy in
 * force); see ../method.ts for the guards.
 *
 * Who decides: main, always. Every method re-reads the facts from the store and re-runs the
 * policy engine (core/policy decide) with the actor taken from the SESSION — inputs are strict
 * objects, so a `role` or `actor` field in an input is INVALID_INPUT, never a privilege.
 *
 * Amounts are integer minor units of the policy's currency (EUR in the sample policy); rates are
 * basis points (10000 = 100 %). Sentences (`text`, `headline`) are already in the agent's locale.
 */
import { z } from 'zod';
import type { Role } from '../roles';
import type { MoneyCommandResult, SaidDecision, SaidRule } from '../types';
import { APPROVER, empty, freeText, id, idempotencyKey, method, notStored, sha256Hex, SIGNED_IN, VERIFIED } from '../method';
import { CREDIT_TARGETS, REASON_CODES, type CreditKind, type CreditTarget, type DiscountForm, type ReasonCode } from '../../policy/schema';
import type { Decision, RuleCode, RuleFamily } from '../../policy/decide';
import type { RefundRule } from '../../receivables/refund';
import type { PaymentPlanRule } from '../../receivables/payment-plans';
import type { RefundRequestInput } from './receivables';
import type { PaymentPlanApprovalRequest } from './disputes';

// ---------------------------------------------------------------------------------------------
// Inputs

const positiveMinor = z.number().int('must be a whole number of minor units').min(1, 'must be more than zero').max(100_000_000);
const reason = z.enum(REASON_CODES);
const cycles = z.number().int().min(1).max(120);
const percentBp = z.number().int('must be whole basis points').min(1, 'must be more than zero').max(10_000);
/** A free-text comment, note or reason: screened for card numbers in main (NOTE_REFUSED). */
/** A comment, a note or a reason: screened free text (method.ts freeText). */
const shortText = freeText({ max: 500, optional: true });

/**
 * What the agent types to justify the amount (the policy's "basis"); entered by the agent, read
 * by main as facts, never trusted for anything else:
 * - disputedAmount: billing_error — the amount charged wrongly (the most a correction gives back);
 * - outageDays: service_outage — whole days without service, as confirmed by the network team.
 * The late fee of a fee waiver is NOT entered: main reads it from the invoice's late-fee line.
 */
const justification = {
  disputedAmount: positiveMinor.optional(),
  outageDays: z.number().int().min(0).max(31).optional(),
};

/**
 * One credit or discount as the agent asks for it: the core policy's DiscountRequest plus where it
 * lands and its justification.
 * - `invoiceId` (one_off_credit target 'invoice', fee_waiver): the caller's invoice; omitted →
 *   the latest invoice of the account. Ignored (refused if given) for other shapes.
 * - recurring_discount starts on the first billing cycle not yet invoiced ("the next bill") and
 *   appears on exactly `cycles` invoices.
 */
export const discountRequestInput = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('one_off_credit'),
    reason,
    target: z.enum(CREDIT_TARGETS),
    amount: positiveMinor,
    invoiceId: id.optional(),
    ...justification,
  }),
  z.discriminatedUnion('form', [
    z.strictObject({ kind: z.literal('recurring_discount'), reason, form: z.literal('amount'), amountPerCycle: positiveMinor, cycles, ...justification }),
    z.strictObject({ kind: z.literal('recurring_discount'), reason, form: z.literal('percent'), percentBp, cycles, ...justification }),
  ]),
  z.strictObject({ kind: z.literal('fee_waiver'), reason, fee: z.literal('late_fee'), amount: positiveMinor, invoiceId: id.optional(), ...justification }),
]);
export type DiscountRequestInput = z.infer<typeof discountRequestInput>;
/** What an approval request asks: a credit or discount, a refund of a credit balance, or a payment plan. */
export type ApprovalRequestInput = DiscountRequestInput | RefundRequestInput | PaymentPlanApprovalRequest;
/** What kind of thing a request asks, beyond the policy's credit kinds. */
export type ApprovalKind = CreditKind | 'refund' | 'payment_plan';
/** Why it is asked: a policy reason, or the receivables request's own kind. */
export type ApprovalReason = ReasonCode | 'refund' | 'payment_plan';

/**
 * A supervisor's answer. `approve` may lower the request (never raise it): `amount` is in the
 * request's own unit — one_off_credit / fee_waiver: the amount; recurring 'amount' form: the
 * amount per cycle — `percentBp` lowers a recurring 'percent' discount and `cycles` shortens a
 * recurring one. The lowered request is re-decided with the SUPERVISOR as actor and must be
 * `allowed` for them. `refuse` needs a comment the agent can read to the caller.
 */
const approvalAnswer = {
  approve: {
    decision: z.literal('approve'),
    amount: positiveMinor.optional(),
    percentBp: percentBp.optional(),
    cycles: cycles.optional(),
    comment: shortText.optional(),
  },
  refuse: { decision: z.literal('refuse'), comment: freeText({ max: 500, min: 1 }) },
};

/**
 * What the supervisor's screen showed when they decided: the outcome its button said and the
 * hash of the request it displayed (ApprovalSummary.requestHash). Main refuses a decision that
 * disagrees with either (CONFLICT): a decision is exactly what the supervisor saw and chose.
 */
const shownDecision = z.strictObject({ outcome: z.enum(['approve', 'refuse']), requestHash: sha256Hex });
const decisionMeta = { idempotencyKey, shown: shownDecision };

const decideInput = z.discriminatedUnion('decision', [
  z.strictObject({ approvalId: id, ...decisionMeta, ...approvalAnswer.approve }),
  z.strictObject({ approvalId: id, ...decisionMeta, ...approvalAnswer.refuse }),
]);
const decideHereCredentials = {
  ...decisionMeta,
  interactionId: id,
  approvalId: id,
  username: freeText({ max: 64 }),
  password: notStored(z.string().min(1).max(256)),
};
const decideHereInput = z.discriminatedUnion('decision', [
  z.strictObject({ ...decideHereCredentials, ...approvalAnswer.approve }),
  z.strictObject({ ...decideHereCredentials, ...approvalAnswer.refuse }),
]);

// ---------------------------------------------------------------------------------------------
// Outputs

/** What one role may grant alone for one reason (the reason's override where it has one). */
export interface LimitsView {
  /** Most one credit may be worth (recurring: total over all cycles). */
  readonly perActionMax: number;
  /** Most one credit may be as a share of the bill it is measured against, in basis points. */
  readonly perActionMaxPercentOfInvoice: number;
  /** Most this person may grant in one UTC day, all customers together. */
  readonly perDayMax: number;
}

/** One reason of the policy in force, as the discount dialog needs it. */
export interface PolicyReasonView {
  readonly reason: ReasonCode;
  /** In the agent's locale: "goodwill gesture" / "geste commercial". */
  readonly label: string;
  /** The kinds this reason allows; the dialog offers only these. */
  readonly kinds: {
    readonly one_off_credit?: { readonly targets: readonly CreditTarget[] };
    readonly recurring_discount?: { readonly forms: readonly DiscountForm[]; readonly maxCycles: number; readonly maxPercentBp: number };
    readonly fee_waiver?: { readonly fees: readonly 'late_fee'[] };
  };
  /** Which justification field the dialog must ask for (none for most reasons). */
  readonly needs: 'disputedAmount' | 'outageDays' | 'lateFee' | null;
  /** THIS agent's limits for this reason. */
  readonly limits: LimitsView;
}

/** 'policy.current': the policy in force and what this agent may do with it today. */
export interface PolicyCurrent {
  readonly version: number;
  readonly effectiveFrom: string;
  readonly currency: string;
  /** The signed-in agent's role (from the session). */
  readonly role: Role;
  readonly reasons: readonly PolicyReasonView[];
  /** The role's general limits (reasons may override per-credit limits, see `reasons[].limits`). */
  readonly limits: LimitsView;
  /** What this agent granted today (UTC day), all customers, from the ledger, net of reversals. */
  readonly grantedToday: number;
  /** perDayMax − grantedToday, never below 0. */
  readonly remainingToday: number;
  /** The UTC day these figures are for. */
  readonly today: string;
}

/** One rule of a decision as the approvals inbox shows it: a policy rule, or a refund's or a payment plan's rule (receivables), with its family. */
export interface RuleView extends SaidRule<RuleCode | RefundRule | PaymentPlanRule> {
  readonly family: RuleFamily;
}

/**
 * The policy engine's decision (core/policy Decision), with sentences: the dialog's live feedback.
 * The approvals inbox shows a refund's and a payment plan's decisions in it too, so its reason,
 * kind and rules are wider than a discount's.
 */
export interface DecisionView extends Omit<Decision, 'rules' | 'reason' | 'kind'>, SaidDecision<RuleView> {
  readonly reason: ApprovalReason;
  readonly kind: ApprovalKind;
}

export interface RecurringTermsView {
  readonly cycles: number;
  /** The first billing cycle it applies to, 'YYYY-MM'. */
  readonly startCycle: string;
  readonly amountPerCycle?: number;
  readonly percentBp?: number;
}

/** One credit, discount or fee waiver of the customer, with its reversal if any. */
export interface LedgerEntryView {
  readonly id: string;
  readonly kind: 'credit' | 'recurring_discount' | 'fee_waiver';
  /** Positive: what the customer was given (recurring: total over all cycles). */
  readonly amount: number;
  readonly currency: string;
  readonly reason: ReasonCode | string;
  readonly reasonLabel: string;
  /** One line in the agent's locale: "Retention offer: €5.00 off 6 bills from March 2026". */
  readonly description: string;
  readonly invoiceId: string | null;
  readonly invoiceNumber: string | null;
  readonly terms: RecurringTermsView | null;
  readonly effectiveOn: string;
  readonly createdAt: string;
  readonly grantedBy: { readonly id: string; readonly name: string } | null;
  readonly interactionId: string | null;
  readonly note: string | null;
  /** Set once reversed (an entry is reversed at most once). */
  readonly reversal: {
    readonly id: string;
    readonly reason: string;
    readonly at: string;
    readonly by: { readonly id: string; readonly name: string } | null;
  } | null;
  /** Whether THIS agent, in THIS call, may reverse it (see 'discounts.reverse'). */
  readonly canReverse: boolean;
}

export interface CustomerLedger {
  readonly currency: string;
  /** Newest first. */
  readonly entries: readonly LedgerEntryView[];
  /** Sum of entries not reversed, over the rolling 12 months. */
  readonly activeTotal12Months: number;
}

export type GrantResult = MoneyCommandResult<'granted', { readonly ledgerEntryIds: readonly string[] }, DecisionView>;

export interface ReverseResult {
  readonly reversalId: string;
  readonly reversedId: string;
  readonly commandId: string;
}

export type ApprovalStatus = 'pending' | 'approved' | 'refused' | 'applied' | 'cancelled';

/** One approval request as the supervisors' inbox lists it. */
export interface ApprovalSummary {
  readonly approvalId: string;
  readonly status: ApprovalStatus;
  readonly interactionId: string;
  readonly customerId: string;
  readonly customerName: string;
  readonly accountNumber: string;
  readonly requestedBy: { readonly id: string; readonly name: string };
  /** UTC instant; "waiting since" is computed by the screen from this. */
  readonly requestedAt: string;
  /** A credit or discount, a refund of a credit balance, or a payment plan (receivables). */
  readonly request: ApprovalRequestInput;
  /** What the request is worth (recurring: total; a payment plan: the balance it splits). */
  readonly amount: number;
  readonly currency: string;
  readonly reason: ApprovalReason;
  readonly reasonLabel: string;
  readonly kind: ApprovalKind;
  /** A payment plan: its schedule in words, in the viewer's locale ("€40.02 on 5 March, then …"). */
  readonly scheduleSentence?: string;
  readonly approverRole: Role;
  /** The engine's decision when the agent asked (in the viewer's locale): why it needs approval. */
  readonly explanation: DecisionView;
  /** What a decision sends back as `shown.requestHash`: this request, exactly as displayed. */
  readonly requestHash: string;
}

/** 'approvals.get': a summary plus the same request re-decided now with the viewer as actor. */
export interface ApprovalDetail extends ApprovalSummary {
  /** The request decided now, as the viewing supervisor: 'allowed' means they can approve it as is. */
  readonly forApprover: DecisionView;
  readonly decidedBy: { readonly id: string; readonly name: string } | null;
  readonly decidedAt: string | null;
  readonly comment: string | null;
  readonly approvedAmount: number | null;
}

export interface ApprovalDecisionResult {
  readonly approvalId: string;
  readonly status: 'applied' | 'refused';
  /** applied: the ledger entries written (empty when refused). */
  readonly ledgerEntryIds: readonly string[];
  /** applied: what was granted (recurring: total). */
  readonly approvedAmount: number | null;
  readonly decidedBy: { readonly id: string; readonly name: string };
}

/** 'approvals.status': one request of this call, as the agent's call screen shows it. */
export interface CallApprovalStatus {
  readonly approvalId: string;
  readonly status: ApprovalStatus;
  readonly requestedAt: string;
  readonly request: ApprovalRequestInput;
  readonly amount: number;
  readonly currency: string;
  readonly reasonLabel: string;
  readonly approverRole: Role;
  readonly approvedAmount: number | null;
  readonly decidedBy: { readonly id: string; readonly name: string } | null;
  readonly decidedAt: string | null;
  readonly comment: string | null;
  readonly ledgerEntryIds: readonly string[];
  /** A payment plan: its schedule in words, in the agent's locale. */
  readonly scheduleSentence?: string;
  /** One line in the agent's locale: "Approved by Claire Martin: €35.00" / "Refused: …". */
  readonly summary: string;
  /** See ApprovalSummary.requestHash (a supervisor deciding at the agent's desk sends it back). */
  readonly requestHash: string;
}

// ---------------------------------------------------------------------------------------------
// Methods

export const discountMethods = {
  /** The policy in force, this agent's limits and what remains of their day (for the dialog). */
  'policy.current': method<PolicyCurrent>()(empty, SIGNED_IN),

  /** Live feedback as the agent types: a pure read, nothing written. */
  'discounts.evaluate': method<DecisionView>()(z.strictObject({ interactionId: id, request: discountRequestInput }), VERIFIED),

  /**
   * Grants when allowed (ledger entries + command 'credit.grant' + audit 'credit_granted'); over
   * the agent's limit → an approval request (command 'approval.request'); refused →
   * POLICY_REFUSED with the failing rules' sentences as `issues` (path = rule code), nothing written.
   */
  'discounts.grant': method<GrantResult>()(
    z.strictObject({ interactionId: id, idempotencyKey, request: discountRequestInput, note: shortText.optional() }),
    VERIFIED,
  ),

  /**
   * A reversing entry for a mistaken credit. Allowed for senior_agent and supervisor on any entry
   * of this customer, and for an agent on an entry they granted in THIS call. Reversing twice,
   * or reversing a reversal → CONFLICT. An entry of another customer → NOT_FOUND.
   */
  'discounts.reverse': method<ReverseResult>()(
    z.strictObject({ interactionId: id, idempotencyKey, ledgerEntryId: id, reason: freeText({ max: 500, min: 3 }) }),
    VERIFIED,
  ),

  /** This customer's credits and discounts, with reversals, newest first. */
  'discounts.ledger': method<CustomerLedger>()(z.strictObject({ interactionId: id }), VERIFIED),

  /**
   * Pending requests the viewer may decide, oldest first: a supervisor sees every request, a
   * senior agent only those routed to a senior agent (approverRole senior_agent).
   */
  'approvals.inbox': method<readonly ApprovalSummary[]>()(empty, APPROVER),
  /** One request of the viewer's inbox; a request routed above their role → NOT_FOUND. */
  'approvals.get': method<ApprovalDetail>()(z.strictObject({ approvalId: id }), APPROVER),
  /**
   * Approve (possibly lower) or refuse. Decided already → APPROVAL_INVALID; routed above the
   * approver's role, or over the approver's own limits → FORBIDDEN.
   */
  'approvals.decide': method<ApprovalDecisionResult>()(decideInput, APPROVER),

  /** The decisions on this call's requests (the call screen; also after a reload). */
  'approvals.status': method<readonly CallApprovalStatus[]>()(z.strictObject({ interactionId: id }), VERIFIED),

  /**
   * A supervisor at the agent's desk types their own credentials and decides at once, without
   * the agent's session changing. Unknown user or wrong password → BAD_CREDENTIALS; role too low
   * for this request → FORBIDDEN; approval not of this call → APPROVAL_INVALID.
   */
  'approvals.decideHere': method<ApprovalDecisionResult>()(decideHereInput, VERIFIED),
} as const;
