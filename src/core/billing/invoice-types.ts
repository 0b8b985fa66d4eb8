/**
 * What the engine produces: an invoice whose every line carries a structured explanation
 * (a reason code, the rule applied and its parameters — data, never prose). Sentences are made
 * from it by explain-line.ts, in the agent's language.
 */
import type { CurrencyCode, Minor } from '../money/money';
import type { HeldIncrease, PriceChangeRef } from './catalog';
import type { BasisPoints, BillingCycle, CreditReason, CustomerCategory, Id, IsoDate, OneOffFeeKind, PromotionDiscount, UsageKind } from './types';

/** A plan or option as named on the bill (names are copied so an invoice explains itself). */
export interface ItemRef {
  readonly kind: 'plan' | 'option';
  readonly id: Id;
  readonly name: string;
}

export interface PromotionRef {
  readonly id: Id;
  readonly name: string;
  readonly cycles: number;
  readonly startDate: IsoDate;
  /** Last day the promotion applies. */
  readonly endDate: IsoDate;
}

export interface FeeRef {
  readonly id: Id;
  readonly kind: OneOffFeeKind;
  readonly name: string;
}

/** A monthly fee for the days [from, to] of the cycle: days / daysInCycle × monthlyFee. */
export interface RecurringFeeExplanation {
  readonly code: 'recurring-fee';
  readonly rule: 'full-cycle' | 'daily-proration';
  readonly item: ItemRef;
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly days: number;
  readonly daysInCycle: number;
  readonly monthlyFee: Minor;
  /** Set when a catalog price change set this fee. */
  readonly priceChange: PriceChangeRef | null;
  /**
   * Present only on days a catalog increase is held back for this customer (notice rule,
   * catalog.ts): the fee above is the old one, this is the new one and when it is owed.
   */
  readonly priceHeld?: HeldIncrease;
}

/** A discount on the fee line it targets, for the days of that line the promotion covers. */
export interface PromotionExplanation {
  readonly code: 'promotion';
  readonly rule: 'percent-of-fee' | 'amount-off';
  readonly promotion: PromotionRef;
  readonly discount: PromotionDiscount;
  readonly item: ItemRef;
  /** Id of the fee line this discount reduces. */
  readonly feeLineId: Id;
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly days: number;
  readonly daysInCycle: number;
  readonly monthlyFee: Minor;
  /** True when the discount was limited so that it never exceeds the fee it reduces. */
  readonly capped: boolean;
}

/**
 * Usage of the cycle above a plan's allowance (usage.ts). With one plan all cycle, the whole
 * usage against the whole allowance. When the plan changed mid-cycle, one line per plan period:
 * that period's share (days / serviceDays) of (used − allowance) × unitPrice.
 */
export interface OverageExplanation {
  readonly code: 'overage';
  readonly rule: 'usage-above-allowance';
  readonly usage: UsageKind;
  readonly plan: ItemRef;
  readonly used: number;
  readonly allowance: number;
  readonly over: number;
  readonly unitPrice: Minor;
  /** Present when the cycle had several plans: this line is the share of the days [from, to]. */
  readonly share?: { readonly from: IsoDate; readonly to: IsoDate; readonly days: number; readonly serviceDays: number };
}

export interface OneOffFeeExplanation {
  readonly code: 'one-off-fee';
  readonly rule: 'one-off-charge';
  readonly fee: FeeRef;
  readonly chargeId: Id;
  readonly date: IsoDate;
}

/** The previous invoice was not paid in full by its due date. */
export interface LateFeeExplanation {
  readonly code: 'late-fee';
  readonly rule: 'unpaid-by-due-date';
  readonly fee: FeeRef;
  readonly previousInvoiceId: Id;
  readonly dueDate: IsoDate;
  readonly amountDue: Minor;
  readonly paidByDueDate: Minor;
}

/**
 * How a credit line is treated for VAT (credits.ts): 'included' — a price reduction, the amount
 * given is VAT included and lowers the taxable base and its VAT; 'outside-scope' — it gives back a
 * charge that was outside the scope of VAT (a late fee), or an invoice issued before this rule.
 */
export type CreditVat = 'included' | 'outside-scope';

/** A ledger entry: `amount` is what the customer was given (negative for a reversal), VAT included. */
export interface CreditExplanation {
  readonly code: 'credit';
  readonly rule: 'ledger-credit';
  readonly entryId: Id;
  readonly date: IsoDate;
  readonly reason: CreditReason;
  readonly amount: Minor;
  /** Absent on lines of invoices issued before credits carried VAT: those were outside its scope. */
  readonly vat?: CreditVat;
}

export type LineExplanation =
  RecurringFeeExplanation | PromotionExplanation | OverageExplanation | OneOffFeeExplanation | LateFeeExplanation | CreditExplanation;

export type LineCode = LineExplanation['code'];

export interface InvoiceLine {
  /** Unique within the invoice and stable from one run to the next. */
  readonly id: Id;
  readonly currency: CurrencyCode;
  readonly explanation: LineExplanation;
  /** Net of VAT. */
  readonly amount: Minor;
  /** 0 for a line outside the scope of VAT (late fee, a late-fee waiver). */
  readonly taxRateBp: BasisPoints;
  readonly taxable: boolean;
  readonly tax: Minor;
  /** amount + tax: what this line adds to the bill. */
  readonly total: Minor;
}

/** An invoice's figures: its totals and what it asks for. */
export interface InvoiceTotals {
  /** Sum of line amounts (net). */
  readonly subtotal: Minor;
  /** Sum of line VAT. */
  readonly tax: Minor;
  /** Sum of line totals = subtotal + tax, exactly. */
  readonly total: Minor;
  /** Amount due on the previous invoice. */
  readonly previousBalance: Minor;
  /** Payments dated within this cycle. */
  readonly paymentsReceived: Minor;
  /** previousBalance − paymentsReceived + total. */
  readonly amountDue: Minor;
}

/**
 * A bill whose total is negative is not a negative invoice: it is issued as a credit note (avoir)
 * referring to the invoice it corrects — the previous invoice, whose charges its credits and
 * corrections reduce. Its lines and sums are the same engine lines (negative total).
 */
export type BillDocument =
  | { readonly kind: 'invoice' }
  | { readonly kind: 'credit-note'; /** The invoice it corrects; null when there was none before. */ readonly correctsInvoiceId: Id | null };

export interface Invoice extends InvoiceTotals {
  readonly id: Id;
  /** Invoice, or credit note when the total is negative (see BillDocument). */
  readonly document: BillDocument;
  readonly accountId: Id;
  readonly currency: CurrencyCode;
  readonly cycle: BillingCycle;
  /** The day after the cycle ends. */
  readonly issueDate: IsoDate;
  /** issueDate + payment terms. */
  readonly dueDate: IsoDate;
  readonly country: string;
  readonly category: CustomerCategory;
  readonly taxRateBp: BasisPoints;
  readonly lines: readonly InvoiceLine[];
}

/** What generating an invoice needs to know about the one before (an Invoice fits). */
export interface PreviousInvoice {
  readonly id: Id;
  readonly issueDate: IsoDate;
  readonly dueDate: IsoDate;
  readonly amountDue: Minor;
  /** What open disputes held on it when it fell due (core/receivables/disputes): never judged for a late fee. */
  readonly disputedHeld?: Minor;
  /**
   * The invoice before that one, when known: with 28-day terms an invoice can fall due after the
   * next cycle has ended (January's, issued 1 February, due 1 March), so it is judged two cycles on.
   */
  readonly before?: PreviousInvoice | null;
}
