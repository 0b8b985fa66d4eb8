/**
 * Methods of the billing feature; see ../method.ts for the guards.
 *
 * Every method is VERIFIED: the input names the agent's open call (`interactionId`) whose caller
 * has passed verification, and the data is always that caller's — an id from the input (account,
 * invoice) is only honoured when it belongs to the verified customer, otherwise NOT_FOUND.
 *
 * Money is integer minor units with the `currency` next to it; dates are 'YYYY-MM-DD'. Sentences
 * (`sentence`, `summary`) are already in the agent's language (or `locale` when given): the
 * screen shows them as they are, and formats the figures itself with the agent's locale.
 *
 * Plan and option ids are the catalog's ids ('essentiel', 'confort', 'tv', …), as found in
 * `billing.bestPlans` and in the explanations (`item.id`).
 *
 * Errors besides the guards' (VERIFICATION_REQUIRED, INTERACTION_ENDED, NOT_FOUND for another
 * agent's call), each with `issues` naming the field:
 * - NOT_FOUND: an account or invoice that is not the verified caller's (never says which);
 *   billing.compare of the first bill without previousInvoiceId (issues: invoiceId);
 * - INVALID_INPUT: unknown plan/option, a plan no longer sold, a repeated option, a
 *   previousInvoiceId of another account or the same invoice, applying what is already in force;
 * - CONFLICT: billing.applyPlanChange when quotedNextTotal differs from a fresh quote (quote
 *   again and read the new figures out), or no active plan to change.
 */
import { z } from 'zod';
import type {
  BillingCycle,
  CauseCode,
  ComparisonCause,
  FairnessCauseCode,
  FairnessCheck,
  FairnessDifference,
  InvoiceComparison,
  InvoiceDocument,
  InvoiceLine,
  InvoiceStanding,
  InvoiceTotals,
  PlanRanking,
  RankedPlan,
  UsageAmounts,
  UsageAssumption,
  UsageKind,
} from '../../billing';
import type { CurrencyCode, Minor } from '../../money';
import { id, idempotencyKey, isoDate, method, minorAmount, VERIFIED } from '../method';
import { CANCELLATION_REASONS, type CancellationReason } from '../../outcomes';
import type { Locale } from '../types';

// ── shared pieces ────────────────────────────────────────────────────────────

/** A catalog id of a plan or an option (lower-case words joined by '-'). */
export const catalogId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'not a catalog id');

const locale = z.enum(['en', 'fr']);
const optionIds = z.array(catalogId).max(20);
/** 'now': from the day of the call, prorated; 'end_of_cycle': from the 1st of next month. */
export const planChangeTiming = z.enum(['now', 'end_of_cycle']);
export type PlanChangeTiming = z.infer<typeof planChangeTiming>;

/** A calendar month of service, both ends included. */
export type CycleView = BillingCycle;

/** A plan or option as the screen names it. */
export interface CatalogItemView {
  readonly id: string;
  readonly name: string;
}

// ── billing.invoices ─────────────────────────────────────────────────────────

/**
 * Where the invoice stands, by the one rule of core/billing/standing.ts (paid, partly paid, due,
 * overdue) — the same on the account panel and in the discount policy's facts.
 */
export type InvoiceStatus = InvoiceStanding;

/**
 * What an issued bill is: an invoice, or a credit note (avoir) — a bill whose total is negative,
 * numbered in its own series (AV-YYYY-NNNNNN) and naming the invoice it corrects. A credit note's
 * `total` is what the customer is owed back (as a negative amount): the screens say so, they
 * never show it as a bill to pay.
 */
export type BillDocumentKind = 'invoice' | 'credit-note';

/** The invoice a credit note corrects, as recorded with it. */
export interface CorrectedInvoiceRef {
  readonly id: string;
  readonly number: string;
}

/** The document kind of a bill, in the list and in the detail alike. */
export interface BillDocumentFields {
  readonly kind: BillDocumentKind;
  /** A credit note's corrected invoice; null for an invoice (and for a credit note with no invoice before it). */
  readonly corrects: CorrectedInvoiceRef | null;
}

export interface BillSummary extends BillDocumentFields {
  readonly id: string;
  /** What the customer reads on the bill, e.g. "F-2026-000123", or "AV-2026-000004" for a credit note. */
  readonly number: string;
  readonly cycle: CycleView;
  readonly issuedOn: string;
  readonly dueOn: string;
  readonly currency: CurrencyCode;
  /** What this month's service cost, VAT included (= the sum of the invoice's lines). */
  readonly total: Minor;
  /** previousBalance − paymentsReceived + total: what the customer had to pay by dueOn. */
  readonly amountDue: Minor;
  readonly status: InvoiceStatus;
}

export interface BillingAccountRef {
  readonly id: string;
  /** e.g. "AR-00012345" */
  readonly number: string;
  readonly currency: CurrencyCode;
}

export interface InvoiceList {
  readonly account: BillingAccountRef;
  /** The caller's other accounts (most callers have one), to switch with `accountId`. */
  readonly accounts: readonly BillingAccountRef[];
  /** Newest first. */
  readonly invoices: readonly BillSummary[];
}

// ── billing.invoice ──────────────────────────────────────────────────────────

/** One line of an invoice: figures, the engine's structured explanation, and its sentence. */
export interface InvoiceLineView extends Pick<InvoiceLine, 'amount' | 'taxRateBp' | 'tax' | 'total' | 'explanation'> {
  /** Stable key within the invoice (the stored row id, or the engine's line id for a preview). */
  readonly id: string;
  /**
   * 'plan' | 'option' (monthly fees) | 'promotion' | 'overage' | 'one-off-fee' | 'late-fee' |
   * 'credit' — the explanation's code, with a recurring fee split by what it is for.
   */
  readonly kind: string;
  /** Made by the engine's explainLine from `explanation`, in the requested language. */
  readonly sentence: string;
}

/** VAT of the invoice: the sum of the lines' VAT (each line rounded once). */
export interface VatView {
  readonly rateBp: number;
  /** Sum of the net amounts of the taxable lines. */
  readonly taxableAmount: Minor;
  readonly amount: Minor;
  readonly sentence: string;
}

/** An invoice's figures and lines; the stored invoice and a quote's preview share this shape. */
export interface InvoiceBody extends InvoiceTotals {
  readonly currency: CurrencyCode;
  readonly cycle: CycleView;
  readonly issuedOn: string;
  readonly dueOn: string;
  readonly lines: readonly InvoiceLineView[];
  readonly vat: VatView;
}

export interface InvoiceDetail extends InvoiceBody, BillDocumentFields {
  readonly id: string;
  readonly number: string;
  readonly account: BillingAccountRef;
  readonly status: InvoiceStatus;
  /** The invoice before this one (what "compare" uses by default), null for the first. */
  readonly previousInvoiceId: string | null;
  /** The language of the sentences. */
  readonly locale: Locale;
}

// ── billing.compare ──────────────────────────────────────────────────────────

export interface ComparisonCauseView {
  /** Stable within the comparison (a UI key). */
  readonly key: string;
  readonly code: CauseCode;
  /** What this cause adds to the current bill (negative: takes off), VAT included. */
  readonly amount: Minor;
  /** One sentence an agent can read out, e.g. "Your welcome offer ended on 31 March: +€10.00". */
  readonly sentence: string;
  /** The engine's structured cause, for a chart's labels or a detail panel. */
  readonly cause: ComparisonCause;
}

export interface ComparedInvoiceView {
  readonly id: string;
  readonly number: string;
  readonly cycle: CycleView;
  readonly total: Minor;
}

/** core/billing's InvoiceComparison (its currency and difference), with both bills, each cause and the summary in words. */
export interface BillComparison extends Pick<InvoiceComparison, 'currency' | 'difference'> {
  readonly locale: Locale;
  readonly previous: ComparedInvoiceView;
  readonly current: ComparedInvoiceView;
  /**
   * Largest impact first; Σ amount = difference EXACTLY (the service asserts it), so a waterfall
   * from previous.total through each cause lands on current.total.
   */
  readonly causes: readonly ComparisonCauseView[];
  /** The whole answer to "why is my bill different?" in a few sentences, to read out. */
  readonly summary: string;
}

// ── billing.quote ────────────────────────────────────────────────────────────

/** Quantities of each usage kind (MB, minutes, SMS). */
export type UsageAmountsView = UsageAmounts;

/**
 * The ONE usage assumption of the plan tab (core/billing/usage-assumption.ts): every figure of a
 * quote and of the ranking is made on it, and the screen states it.
 */
export type UsageAssumptionView = UsageAssumption;

export interface PlanChangeQuoteView {
  readonly currency: CurrencyCode;
  readonly locale: Locale;
  /** The day of the call the quote was made for. */
  readonly date: string;
  readonly timing: PlanChangeTiming;
  /** The day the new plan/options take effect. */
  readonly effectiveOn: string;
  readonly currentPlan: CatalogItemView;
  readonly currentOptions: readonly CatalogItemView[];
  readonly newPlan: CatalogItemView;
  readonly newOptions: readonly CatalogItemView[];
  /** The invoice of the current cycle, with the change: exactly what will be billed if accepted. */
  readonly nextInvoice: InvoiceBody;
  /** The same invoice without the change (same assumptions), to compare. */
  readonly nextInvoiceWithoutChangeTotal: Minor;
  /** nextInvoice.total − nextInvoiceWithoutChangeTotal. */
  readonly nextInvoiceDifference: Minor;
  /** Lines of nextInvoice that the change prorated or added (also found in nextInvoice.lines). */
  readonly prorationLines: readonly InvoiceLineView[];
  /** The first whole month after the change, on its own (no balance, no late fee). */
  readonly monthlyAfter: InvoiceBody;
  readonly monthlyAfterWithoutChangeTotal: Minor;
  /** Positive = the first whole month is cheaper with the change. */
  readonly savingPerMonth: Minor;
  /** The twelve whole months from monthlyAfter's, each invoice generated (price changes, promotion ends). */
  readonly year: { readonly cycles: readonly CycleView[]; readonly total: Minor; readonly totalWithoutChange: Minor };
  /** year.totalWithoutChange − year.total. */
  readonly savingPerYear: Minor;
  /** The usage every figure above was made on. */
  readonly usage: UsageAssumptionView;
}

// ── billing.bestPlans ────────────────────────────────────────────────────────

/** A plan's figures in the ranking: its quote's, to the cent (monthly fee net of VAT, totals VAT included). */
export type RankedPlanView = RankedPlan;

/** The ranking (core/billing/rank.ts) with the account's currency and the day of the call. */
export interface BestPlans extends PlanRanking {
  readonly currency: CurrencyCode;
  /** The day of the call the plans were quoted for. */
  readonly date: string;
}

// ── billing.applyPlanChange ──────────────────────────────────────────────────

export interface PlanChangeApplied {
  /** The outbox command (synced to the hub) that recorded the change. */
  readonly commandId: string;
  readonly effectiveOn: string;
  readonly before: { readonly plan: CatalogItemView; readonly options: readonly CatalogItemView[] };
  readonly after: { readonly plan: CatalogItemView; readonly options: readonly CatalogItemView[] };
  /** The total of the current cycle's invoice with the change (the fresh quote's). */
  readonly nextInvoiceTotal: Minor;
  readonly savingPerMonth: Minor;
}

// ── the customer leaving ─────────────────────────────────────────────────────

/** A cancellation recorded on a call (a customer outcome: the retention insights count it). */
export interface CancellationRecorded {
  /** The outbox command that recorded it; null when the customer's cancellation was already on file. */
  readonly commandId: string | null;
  readonly outcomeId: string;
  readonly occurredOn: string;
  readonly reason: CancellationReason;
  /** The customer already had a cancellation on file: that one stands, nothing was written. */
  readonly alreadyRecorded: boolean;
}

// ── the bill as the customer holds it ────────────────────────────────────────

/**
 * An issued invoice laid out as the customer holds it (core/billing/invoice-document.ts): the
 * seller, the customer's name and billing address, the French legal mentions, every line with
 * its sentence, VAT per rate and the totals — all text already in `locale`.
 */
export interface InvoiceDocumentView extends InvoiceDocument {
  readonly invoiceId: string;
}

/** The same document as a PDF made in main (pdf-lib), base64 in the answer. */
export interface InvoicePdf {
  readonly invoiceId: string;
  /** e.g. "Facture-F-2026-04-00012345.pdf" */
  readonly fileName: string;
  readonly contentType: 'application/pdf';
  readonly byteLength: number;
  readonly base64: string;
}

/** How a copy goes to the customer: to the email address on file, or by post to the billing address. */
export const invoiceCopyChannel = z.enum(['email', 'post']);
export type InvoiceCopyChannel = z.infer<typeof invoiceCopyChannel>;

export interface InvoiceCopySent {
  /** The outbox command (synced to the hub) that asked for the copy. */
  readonly commandId: string;
  readonly invoiceId: string;
  readonly number: string;
  readonly channel: InvoiceCopyChannel;
  /** Where it goes, as the screen may show it: a masked email, or the town of the billing address. */
  readonly to: string;
  /** The language of the copy. */
  readonly locale: Locale;
  readonly at: string;
}

/** Usage kinds, re-exported for screens that label `UsageAssumptionView` / overage causes. */
export type { UsageKind };

// ── billing.checkInvoice ─────────────────────────────────────────────────────

/** One difference between the issued bill and the engine's recomputation (core/billing/fairness.ts). */
export interface InvoiceDifferenceView extends Pick<FairnessDifference, 'lineId' | 'issued' | 'recomputed' | 'difference' | 'owedTo'> {
  readonly cause: FairnessCauseCode;
  /** What happened and what it comes to, to read out, in the requested language. */
  readonly sentence: string;
}

/**
 * "Is this bill right?": the issued invoice against the one the engine computes now for the same
 * cycle from the current history. The correcting credit is 'discounts.grant' with
 * `correctingCredit` as the request: a billing-error credit on this invoice (linked by the ledger
 * entry's invoice), for exactly `outstanding`; once granted, a new check counts it in `corrected`.
 */
export interface InvoiceCheckView extends Pick<FairnessCheck, 'invoiceId' | 'currency' | 'issuedTotal' | 'recomputedTotal' | 'customerOwed' | 'undercharged'> {
  readonly number: string;
  readonly locale: Locale;
  readonly differences: readonly InvoiceDifferenceView[];
  /** Billing-error credits already granted on this invoice after it was issued, net of reversals. */
  readonly corrected: Minor;
  /** customerOwed − corrected, never below 0: what the correcting credit gives. */
  readonly outstanding: Minor;
  /** The answer in one sentence. */
  readonly summary: string;
  /** The 'discounts.grant' request for `outstanding`; null when nothing is left owing. */
  readonly correctingCredit: {
    readonly kind: 'one_off_credit';
    readonly reason: 'billing_error';
    readonly target: 'invoice';
    readonly amount: Minor;
    readonly invoiceId: string;
    readonly disputedAmount: Minor;
  } | null;
}

// ── the methods ──────────────────────────────────────────────────────────────

const planChangeFields = {
  interactionId: id,
  /** The caller's account (one of billing.invoices' `accounts`); default: their first account. */
  accountId: id.optional(),
  planId: catalogId,
  /** Absent: keep the current options. [] removes them all. */
  optionIds: optionIds.optional(),
  timing: planChangeTiming,
  /** Complete months the assumed usage averages (billing.bestPlans' `months`; default 3). */
  months: z.number().int().min(3).max(6).optional(),
};

export const billingMethods = {
  /** The verified caller's invoices, newest first (their first account unless accountId is given). */
  'billing.invoices': method<InvoiceList>()(z.object({ interactionId: id, accountId: id.optional() }).strict(), VERIFIED),

  /** One invoice with every line, its sentence and its structured explanation. */
  'billing.invoice': method<InvoiceDetail>()(z.object({ interactionId: id, invoiceId: id, locale: locale.optional() }).strict(), VERIFIED),

  /** Why this bill differs from the one before (or from previousInvoiceId, same account). */
  'billing.compare': method<BillComparison>()(
    z.object({ interactionId: id, invoiceId: id, previousInvoiceId: id.optional(), locale: locale.optional() }).strict(),
    VERIFIED,
  ),

  /** "Is this bill right?": the caller's invoice recomputed from today's history. Reads only. */
  'billing.checkInvoice': method<InvoiceCheckView>()(z.object({ interactionId: id, invoiceId: id, locale: locale.optional() }).strict(), VERIFIED),

  /** What a plan/option change would cost, by the engine that will bill it. Reads only. */
  'billing.quote': method<PlanChangeQuoteView>()(z.object({ ...planChangeFields, locale: locale.optional() }).strict(), VERIFIED),

  /** Every plan on sale (and the current one) quoted on the caller's usage (the mean of the last 3–6 months). */
  'billing.bestPlans': method<BestPlans>()(
    z.object({ interactionId: id, accountId: id.optional(), months: z.number().int().min(3).max(6).optional() }).strict(),
    VERIFIED,
  ),

  /**
   * A command (outbox 'plan.change', audit 'plan_changed'). With quotedNextTotal (the quote's
   * nextInvoice.total the agent read out), refuses with CONFLICT when a fresh quote differs.
   */
  'billing.applyPlanChange': method<PlanChangeApplied>()(
    z.object({ ...planChangeFields, idempotencyKey, quotedNextTotal: minorAmount.optional() }).strict(),
    VERIFIED,
  ),

  /**
   * A command (outbox 'outcome.cancel', audit 'customer_cancelled'): the verified caller cancels,
   * from `occurredOn` (today, the default, up to 90 days ahead) for one of the fixed reasons. One
   * idempotency key, one cancellation; a customer with a cancellation on file keeps that one
   * (alreadyRecorded). INVALID_INPUT (issues: occurredOn) for a day in the past or too far ahead.
   */
  'billing.recordCancellation': method<CancellationRecorded>()(
    z.object({ interactionId: id, reason: z.enum(CANCELLATION_REASONS), occurredOn: isoDate.optional(), idempotencyKey }).strict(),
    VERIFIED,
  ),

  /** An issued invoice as the customer holds it (the print view's content). Reads only. */
  'billing.invoiceDocument': method<InvoiceDocumentView>()(z.object({ interactionId: id, invoiceId: id, locale: locale.optional() }).strict(), VERIFIED),

  /** The same as a PDF (base64). Reads only. */
  'billing.invoicePdf': method<InvoicePdf>()(z.object({ interactionId: id, invoiceId: id, locale: locale.optional() }).strict(), VERIFIED),

  /**
   * A command (outbox 'invoice.sendCopy', audit 'invoice_copy_sent'): a copy of the invoice to the
   * customer, by email to the address on file or by post to the billing address, in `locale`
   * (default: the customer's language). One idempotency key, one copy. INVALID_INPUT (issues:
   * channel) when there is no email address / postal address on file.
   */
  'billing.sendInvoiceCopy': method<InvoiceCopySent>()(
    z.object({ interactionId: id, invoiceId: id, channel: invoiceCopyChannel, locale: locale.optional(), idempotencyKey }).strict(),
    VERIFIED,
  ),
} as const;
